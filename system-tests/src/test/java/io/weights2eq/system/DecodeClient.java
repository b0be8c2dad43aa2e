package io.weights2eq.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkLayout;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that calls {@code POST /decode?method=learned} on one decoder in a loop, on its own thread, and sorts
 * every answer: a valid prediction (remembering the model version it names), a clean 503 while no model is loaded,
 * no answer (the process is down), or a bad answer (any other status, or a body that is not a whole prediction).
 */
final class DecodeClient implements AutoCloseable {
    final AtomicInteger valid = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final Set<String> versions = ConcurrentHashMap.newKeySet();
    final List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
    private final PackagedService decoder;
    private final String body;
    private final Thread thread;
    private volatile boolean running = true;

    DecodeClient(PackagedService decoder) {
        this.decoder = decoder;
        Random random = new Random(5);
        float[] parameters = new float[NetworkLayout.DEFAULT.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) random.nextGaussian() * 0.5f;
        }
        this.body = NetworkFile.format("fault-probe", new Network(NetworkLayout.DEFAULT, Activation.RELU, parameters));
        this.thread = new Thread(this::run, "decode-client");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            HttpResponse<String> r;
            try {
                r = decoder.postJson("/decode?method=learned", body);
            } catch (UncheckedIOException e) {
                noAnswer.incrementAndGet();
                PackagedService.sleep(100);
                continue;
            }
            classify(r.statusCode(), r.body());
            PackagedService.sleep(50);
        }
    }

    private void classify(int status, String text) {
        if (status == 503) {
            unavailable.incrementAndGet();
            return;
        }
        if (status != 200) {
            bad.add(status + ": " + text);
            return;
        }
        try {
            JsonNode answer = PackagedService.parse(text);
            String version = answer.path("modelVersion").asText("");
            if (version.isEmpty()
                    || !answer.path("equation").isTextual()
                    || !"learned".equals(answer.path("method").asText())
                    || !answer.path("tokenIds").isArray()) {
                bad.add("200 without a whole learned prediction: " + text);
                return;
            }
            versions.add(version);
            valid.incrementAndGet();
        } catch (AssertionError e) {
            bad.add("200 with a body that is not JSON: " + text);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(35_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "valid " + valid + ", 503 " + unavailable + ", no answer " + noAnswer + ", bad " + bad.size();
    }
}
