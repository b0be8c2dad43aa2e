package io.weights2eq.decoder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.domain.decoding.DecodingMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestServingTest {
    private final List<String> predictions = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final List<DecodeListener.Outcome> outcomes = new ArrayList<>();
    private final Future<?> ack = CompletableFuture.completedFuture(null);

    /** The fake port: remembers every answer; rejections are acknowledged only when dead-lettered. */
    private RequestServing<String> serving(boolean deadLetters, PredictionListener listener) {
        DecodeEngine engine =
                new DecodeEngine(new ServingModel(), 1, 4, (source, outcome, nanos) -> outcomes.add(outcome));
        return new RequestServing<>(engine, DecodeListener.Source.KAFKA, listener, new RequestServing.Answers<>() {
            @Override
            public Future<?> prediction(String id, DecodeEngine.Result result) {
                predictions.add(id + "=" + result.equation().canonicalText());
                return ack;
            }

            @Override
            public Future<?> rejection(String request, String reason) {
                rejections.add(request + ": " + reason);
                return deadLetters ? ack : null;
            }
        });
    }

    @Test
    void aDecodedRequestIsAnsweredWithItsPredictionAndObserved() {
        List<String> observed = new ArrayList<>();
        RequestServing<String> serving = serving(true, (id, network, result) -> observed.add(id));

        assertSame(
                ack, serving.serve("record-1", "req-1", Fixtures.domainNetwork(1), DecodingMethod.ANALYTIC.wireName()));

        assertEquals(1, predictions.size());
        assertTrue(predictions.get(0).startsWith("req-1="));
        assertEquals(List.of("req-1"), observed);
        assertEquals(List.of(), rejections);
        assertEquals(1, serving.predicted());
        assertEquals(0, serving.rejected());
    }

    @Test
    void aRequestThatFailsToDecodeIsRejectedWithTheReason() {
        RequestServing<String> serving = serving(true, PredictionListener.NONE);

        // learned without a model loaded: the engine throws
        assertSame(
                ack, serving.serve("record-1", "req-1", Fixtures.domainNetwork(1), DecodingMethod.LEARNED.wireName()));

        assertEquals(List.of(), predictions);
        assertEquals(1, rejections.size());
        assertTrue(rejections.get(0).startsWith("record-1: decoding failed: "), rejections.get(0));
        assertEquals(List.of(DecodeListener.Outcome.NO_MODEL), outcomes);
        assertEquals(1, serving.rejected());
    }

    @Test
    void anUnreadableRequestIsCountedInvalidAndRejectedUndecoded() {
        RequestServing<String> serving = serving(false, PredictionListener.NONE);

        assertNull(serving.unreadable("record-1", "value: not an Avro record"));

        assertEquals(List.of("record-1: value: not an Avro record"), rejections);
        assertEquals(List.of(DecodeListener.Outcome.INVALID), outcomes);
        assertEquals(1, serving.rejected());
        assertEquals(0, serving.predicted());
    }

    @Test
    void aFailingObserverNeverStopsServing() {
        RequestServing<String> serving = serving(true, (id, network, result) -> {
            throw new IllegalStateException("dashboard down");
        });

        assertSame(
                ack, serving.serve("record-1", "req-1", Fixtures.domainNetwork(1), DecodingMethod.ANALYTIC.wireName()));
        assertEquals(1, serving.predicted());
    }
}
