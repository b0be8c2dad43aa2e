package io.weights2eq.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: POSTs a job to the generator-service, follows it ({@code GET /jobs/{id}} every 250 ms)
 * with a one-line progress bar on stderr, prints a summary line on stdout. Exit 0 only when the job is
 * COMPLETED. Ctrl-C cancels the job ({@code DELETE /jobs/{id}}).
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Start a generator job and follow it with a progress bar; Ctrl-C cancels the job.")
final class GenerateCommand extends CliCommand {
    static final Set<String> TERMINAL = Set.of("COMPLETED", "CANCELLED", "FAILED");
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8081",
            description = "the generator-service (default ${DEFAULT-VALUE}; bin/w2e: port $W2E_GENERATOR_PORT)")
    String url;

    @Option(names = "--count", required = true, paramLabel = "N", description = "equations to generate")
    long count;

    @Option(names = "--seed", paramLabel = "S", description = "the job's seed (default: the service draws one)")
    Long seed;

    @Option(
            names = "--family",
            paramLabel = "uniform-length|servant",
            description = "the equation family (default: the service's)")
    String family;

    @Option(names = "--samples", description = "samples per equation (default: the service's, 5000)")
    Long samples;

    @Option(names = "--rate", paramLabel = "R", description = "equations per second (default: as fast as it can)")
    Double rate;

    @Option(names = "--x-min", description = "the sampling range's lower end (default: the service's, -1)")
    Double xMin;

    @Option(names = "--x-max", description = "the sampling range's upper end (default: the service's, 1)")
    Double xMax;

    @Option(names = "--no-progress", negatable = false, description = "no progress bar on stderr")
    boolean noProgress;

    @Option(
            names = "--poll-ms",
            defaultValue = "250",
            description = "how often to poll the job (default ${DEFAULT-VALUE})")
    long pollMillis;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The POST /jobs body: only the fields given on the command line besides count. */
    ObjectNode requestBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put("count", count);
        if (seed != null) {
            body.put("seed", seed);
        }
        if (family != null) {
            body.putObject("family").put("mode", family);
        }
        if (samples != null) {
            body.put("samplesPerEquation", samples);
        }
        if (xMin != null) {
            body.put("xMin", xMin);
        }
        if (xMax != null) {
            body.put("xMax", xMax);
        }
        if (rate != null) {
            body.put("ratePerSecond", rate);
        }
        return body;
    }

    @Override
    int run() {
        url = stripSlash(url);
        HttpResponse<String> created;
        try {
            created = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/jobs"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(requestBody())))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("error: cannot reach the generator-service at " + url + " (is it up? bin/w2e status)");
            return 2;
        } catch (IOException e) {
            err.println("error: POST " + url + "/jobs failed: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        if (created.statusCode() == 400) {
            err.println("error: the generator rejected the job:");
            printViolations(created.body());
            return 2;
        }
        if (created.statusCode() / 100 != 2) {
            err.println("error: POST " + url + "/jobs answered " + created.statusCode() + ": " + created.body());
            return 2;
        }
        JsonNode status;
        try {
            status = JSON.readTree(created.body());
        } catch (IOException e) {
            err.println("error: POST /jobs answered something that is not JSON: " + created.body());
            return 2;
        }
        String id = text(status, "id");
        if (id == null) {
            err.println("error: POST /jobs answered no job id: " + created.body());
            return 2;
        }
        err.println("job " + id + " started: " + count + " equations at " + url);

        AtomicBoolean finished = new AtomicBoolean();
        Thread cancelHook = new Thread(
                () -> {
                    if (!finished.get()) {
                        err.println();
                        err.println("interrupted: cancelling job " + id);
                        try {
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(URI.create(url + "/jobs/" + id))
                                            .timeout(Duration.ofSeconds(5))
                                            .DELETE()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            JsonNode s = JSON.readTree(r.body());
                            err.println("job " + id + ": " + text(s, "state") + " after "
                                    + s.path("acknowledged").asLong() + "/"
                                    + s.path("total").asLong() + " equations");
                        } catch (Exception e) {
                            err.println("could not cancel job " + id + ": " + e);
                        }
                    }
                },
                "w2e-generate-cancel");
        Runtime.getRuntime().addShutdownHook(cancelHook);

        ProgressBar bar = new ProgressBar(err, !noProgress, System.console() != null);
        long t0 = System.nanoTime();
        long lastContact = System.nanoTime();
        try {
            while (!TERMINAL.contains(String.valueOf(text(status, "state")))) {
                Thread.sleep(pollMillis);
                try {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(url + "/jobs/" + id))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 404) {
                        bar.finish();
                        err.println("error: job " + id + " is gone (404): was the generator restarted?");
                        finished.set(true);
                        return 1;
                    }
                    if (r.statusCode() / 100 == 2) {
                        status = JSON.readTree(r.body());
                        lastContact = System.nanoTime();
                    }
                } catch (IOException e) {
                    if (System.nanoTime() - lastContact > Duration.ofSeconds(30).toNanos()) {
                        bar.finish();
                        err.println("error: lost contact with the generator-service for 30 s: " + e);
                        return 2; // the hook tries to cancel the job
                    }
                }
                bar.update(status, (System.nanoTime() - t0) / 1e9);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        finished.set(true);
        bar.finish();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String state = text(status, "state");
        long acknowledged = status.path("acknowledged").asLong();
        long total = status.path("total").asLong(count);
        String error = text(status, "error");
        out.printf(
                Locale.ROOT,
                "job %s %s: %d/%d equations acknowledged in %.1f s (%.1f equations/s)%s%n",
                id,
                state,
                acknowledged,
                total,
                seconds,
                seconds > 0 ? acknowledged / seconds : 0.0,
                error == null ? "" : ", error: " + error);
        try {
            Runtime.getRuntime().removeShutdownHook(cancelHook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
        return "COMPLETED".equals(state) ? 0 : 1;
    }

    private void printViolations(String body) {
        try {
            JsonNode violations = JSON.readTree(body).path("violations");
            if (violations.isArray() && !violations.isEmpty()) {
                for (JsonNode v : violations) {
                    err.println("  " + v.path("field").asText("?") + ": "
                            + v.path("message").asText("?"));
                }
                return;
            }
        } catch (IOException ignored) {
            // fall through
        }
        err.println("  " + body);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** One line: bar, acknowledged/total, percent, equations/s, MB/s of samples, ETA. */
    static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintStream err;
        private final boolean enabled;
        private final boolean tty;
        private long lastLine;
        private boolean drawn;

        ProgressBar(PrintStream err, boolean enabled, boolean tty) {
            this.err = err;
            this.enabled = enabled;
            this.tty = tty;
        }

        void update(JsonNode status, double elapsedSeconds) {
            if (!enabled) {
                return;
            }
            String line = render(status, elapsedSeconds);
            if (tty) {
                err.print("\r" + line + "\u001b[K");
                err.flush();
                drawn = true;
            } else if (System.nanoTime() - lastLine > 2_000_000_000L) { // a log file: a line every 2 s
                err.println(line);
                lastLine = System.nanoTime();
            }
        }

        void finish() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }

        static String render(JsonNode status, double elapsedSeconds) {
            long total = Math.max(0, status.path("total").asLong());
            long acknowledged = Math.max(0, status.path("acknowledged").asLong());
            double fraction = total == 0 ? 0 : Math.min(1.0, (double) acknowledged / total);
            int filled = (int) Math.round(fraction * WIDTH);
            double rate = status.path("ratePerSecond").asDouble(elapsedSeconds > 0 ? acknowledged / elapsedSeconds : 0);
            double mbPerSecond = status.path("sampleBytesPerSecond").asDouble(0) / 1e6;
            JsonNode etaNode = status.get("etaSeconds");
            String eta = etaNode == null || etaNode.isNull() ? "--" : formatSeconds(etaNode.asDouble());
            return String.format(
                    Locale.ROOT,
                    "[%s%s] %d/%d %5.1f%%  %.1f eq/s  %.1f MB/s  ETA %s  %s",
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    acknowledged,
                    total,
                    fraction * 100,
                    rate,
                    mbPerSecond,
                    eta,
                    String.valueOf(text(status, "state")));
        }

        static String formatSeconds(double s) {
            if (!Double.isFinite(s) || s < 0) {
                return "--";
            }
            long secs = Math.round(s);
            return secs >= 3600
                    ? String.format(Locale.ROOT, "%dh%02dm", secs / 3600, secs / 60 % 60)
                    : secs >= 60 ? String.format(Locale.ROOT, "%dm%02ds", secs / 60, secs % 60) : secs + "s";
        }
    }
}
