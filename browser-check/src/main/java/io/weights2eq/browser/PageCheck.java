package io.weights2eq.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens a page in a fresh headless Chromium and checks it: no console error, no uncaught exception, no error log
 * entry (a failed resource load is one), and a JavaScript expression that becomes true within the timeout (the page
 * shows data). Optionally saves a PNG screenshot, also of a failed page (to see why).
 */
public final class PageCheck {

    /**
     * @param ready      a JavaScript expression that is true once the page shows what it should
     * @param screenshot where to write a PNG, or null
     * @param settle     how long to keep watching for errors after {@code ready} (late renders, late exceptions)
     */
    public record Options(
            URI url, String ready, Duration timeout, Path screenshot, Duration settle, int width, int height) {
        public Options {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
        }

        public Options(URI url, String ready, Duration timeout, Path screenshot) {
            this(url, ready, timeout, screenshot, Duration.ofMillis(700), 1400, 1500);
        }
    }

    /** @param reason why it failed (null when it passed); {@code errors}: every console error seen */
    public record Result(boolean passed, String reason, List<String> errors, Duration elapsed, Path screenshot) {}

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_SCREENSHOT_HEIGHT = 4000;

    private PageCheck() {}

    /** Checks the page in a Chromium of its own, started for it and stopped after. */
    public static Result run(Path chromium, Options options) throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.start(chromium, Duration.ofSeconds(30))) {
            return run(browser, options);
        }
    }

    /** Checks the page in a new tab of a running Chromium (closed after; the tabs share nothing but the profile). */
    public static Result run(HeadlessChromium browser, Options options) throws IOException {
        long start = System.nanoTime();
        List<String> errors = new CopyOnWriteArrayList<>();
        String[] session = new String[1];
        try (DevToolsConnection cdp = DevToolsConnection.open(browser.devToolsUri(), COMMAND_TIMEOUT, event -> {
            if (session[0] != null && session[0].equals(event.sessionId())) {
                ConsoleErrors.of(event).ifPresent(errors::add);
            }
        })) {
            String targetId = cdp.send("Target.createTarget", Map.of("url", "about:blank"), null)
                    .path("targetId")
                    .asText();
            try {
                // from here on, events of this session are collected (the handler compares session[0])
                session[0] = cdp.send("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true), null)
                        .path("sessionId")
                        .asText();
                String s = session[0];
                cdp.send("Runtime.enable", Map.of(), s);
                cdp.send("Log.enable", Map.of(), s);
                cdp.send("Page.enable", Map.of(), s);
                cdp.send(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of(
                                "width",
                                options.width(),
                                "height",
                                options.height(),
                                "deviceScaleFactor",
                                1,
                                "mobile",
                                false),
                        s);
                JsonNode navigated =
                        cdp.send("Page.navigate", Map.of("url", options.url().toString()), s);
                String reason;
                if (navigated.hasNonNull("errorText")) {
                    reason = "cannot load " + options.url() + ": "
                            + navigated.get("errorText").asText();
                } else {
                    reason = waitUntilReady(cdp, s, options, errors, start);
                }
                Path shot = options.screenshot() == null ? null : screenshot(cdp, s, options.screenshot(), options);
                return new Result(reason == null, reason, List.copyOf(errors), elapsed(start), shot);
            } finally {
                try {
                    cdp.send("Target.closeTarget", Map.of("targetId", targetId), null);
                } catch (IOException e) {
                    // the browser goes away with its tabs anyway
                }
            }
        }
    }

    /** @return null when ready without errors, else why not */
    private static String waitUntilReady(
            DevToolsConnection cdp, String session, Options options, List<String> errors, long start)
            throws IOException {
        long deadline = start + options.timeout().toNanos();
        String lastEvaluationError = null;
        while (true) {
            if (!errors.isEmpty()) {
                return "console error: " + errors.get(0);
            }
            JsonNode answer;
            try {
                answer = cdp.send(
                        "Runtime.evaluate",
                        Map.of("expression", "Boolean(" + options.ready() + ")", "returnByValue", true),
                        session);
            } catch (DevToolsConnection.CommandException e) { // e.g. the context went away while the page loads
                answer = null;
                lastEvaluationError = e.getMessage();
            }
            if (answer == null) {
                // asked again after the pause
            } else if (answer.has("exceptionDetails")) {
                lastEvaluationError = ConsoleErrors.describe(answer.get("exceptionDetails"));
            } else if (answer.path("result").path("value").asBoolean(false)) {
                sleep(options.settle());
                return errors.isEmpty() ? null : "console error: " + errors.get(0);
            }
            if (System.nanoTime() >= deadline) {
                return "no data within " + options.timeout().toSeconds() + " s: `" + options.ready() + "` stayed false"
                        + (lastEvaluationError == null ? "" : " (last: " + lastEvaluationError + ")");
            }
            sleep(POLL);
        }
    }

    /** The whole page: the viewport is grown to the content's height first (capped), then captured. */
    private static Path screenshot(DevToolsConnection cdp, String session, Path file, Options options)
            throws IOException {
        double contentHeight = cdp.send("Page.getLayoutMetrics", Map.of(), session)
                .path("cssContentSize")
                .path("height")
                .asDouble(options.height());
        int height = (int) Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(options.height(), Math.ceil(contentHeight)));
        if (height > options.height()) {
            cdp.send(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", options.width(), "height", height, "deviceScaleFactor", 1, "mobile", false),
                    session);
            sleep(Duration.ofMillis(300)); // responsive content lays itself out again
        }
        String data = cdp.send("Page.captureScreenshot", Map.of("format", "png"), session)
                .path("data")
                .asText();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Base64.getDecoder().decode(data));
        return file;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
