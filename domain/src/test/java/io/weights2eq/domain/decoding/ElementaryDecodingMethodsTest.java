package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry routes the elementary family to the symbolic decoders, on each network's own domain. */
class ElementaryDecodingMethodsTest {
    private final DecodingMethods methods =
            new DecodingMethods(EquationFamily.elementary(), -1, 1, HybridDecoder.DEFAULT_TOLERANCE);

    /** relu(x1 + 3) + relu(x2 + 3) − 6.5 = x1 + x2 − 0.5 on [-2, 2]², a 2-2-1 network. */
    private static Network sumOfInputs() {
        NetworkLayout layout = new NetworkLayout(2, 2, 1);
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 1;
        p[layout.weightIndex(0, 1, 1)] = 1;
        p[layout.biasIndex(0, 0)] = 3;
        p[layout.biasIndex(0, 1)] = 3;
        p[layout.weightIndex(1, 0, 0)] = 1;
        p[layout.weightIndex(1, 0, 1)] = 1;
        p[layout.biasIndex(1, 0)] = -6.5f;
        return new Network(layout, Activation.RELU, p, InputDomain.unit(2))
                .withDomain(new InputDomain(List.of(new Interval(-2, 2), new Interval(-2, 2))));
    }

    /** 0.5·relu(x + 4) − 2 = 0.5·x on [-3, 3] (outside [-1, 1], where a fixed range would not look). */
    private static Network halfX() {
        NetworkLayout layout = new NetworkLayout(1, 1, 1);
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 1;
        p[layout.biasIndex(0, 0)] = 4;
        p[layout.weightIndex(1, 0, 0)] = 0.5f;
        p[layout.biasIndex(1, 0)] = -2;
        return new Network(layout, Activation.RELU, p, InputDomain.of(-3, 3));
    }

    @Test
    void analyticDecodesATwoInputNetworkOnItsDomain() {
        DecodingMethods.Outcome o = methods.decode(DecodingMethod.ANALYTIC, sumOfInputs(), null, 1);
        assertEquals("x1+x2-0.5", o.equation().canonicalText()); // the normal form orders the inputs
        assertEquals("analytic", o.equation().method());
        assertTrue(o.fit().rSquared() > 1 - 1e-9, o.fit().toString());
        assertNull(o.expressionRunnerUp());
        assertNull(o.largestRoot());
    }

    @Test
    void hybridDecodesOnTheNetworksDomainAndNamesTheRunnerUp() {
        DecodingMethods.Outcome o = methods.decode(DecodingMethod.HYBRID, halfX(), null, 1);
        assertEquals("0.5*x", o.equation().canonicalText());
        assertEquals("hybrid", o.equation().method());
        assertTrue(o.fit().rSquared() > 1 - 1e-9, o.fit().toString());
        assertNotNull(o.expressionRunnerUp());
        assertTrue(
                o.expressionRunnerUp().complexity() >= 5, o.expressionRunnerUp().toString());
        assertNull(o.runnerUp());
    }

    @Test
    void taylorIsRefusedAndLearnedHasNoModelForTheFamily() {
        InvalidRequestException taylor = assertThrows(
                InvalidRequestException.class, () -> methods.decode(DecodingMethod.TAYLOR, halfX(), null, 1));
        assertEquals("method", taylor.field());
        assertTrue(taylor.getMessage().contains("not elementary expressions"), taylor.getMessage());
        assertThrows(NoModelLoadedException.class, () -> methods.decode(DecodingMethod.LEARNED, halfX(), null, 1));
        assertTrue(!DecodingMethods.readsModel(DecodingMethod.HYBRID, EquationFamily.elementary()));
        assertTrue(DecodingMethods.readsModel(DecodingMethod.HYBRID, EquationFamily.servant()));
    }
}
