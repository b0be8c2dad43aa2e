package io.weights2eq.cli;

import io.weights2eq.browser.ChromiumLocator;
import io.weights2eq.browser.PageCheck;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dashboard-check}: opens the decoder's live dashboard in a headless Chromium and fails on any console error
 * or when its charts show no data within the timeout; optionally saves a screenshot.
 */
@Command(
        name = "dashboard-check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Open the decoder's live dashboard in a headless Chromium (DevTools protocol): exit 1 on any console error or uncaught exception, or when its charts show no data within the timeout (needs chromium, or W2E_CHROMIUM).")
final class DashboardCheckCommand extends CliCommand {
    /** What the dashboard's own script says once its training or prediction charts have points (dashboard.js). */
    static final String DASHBOARD_READY = "window.w2eDashboard && window.w2eDashboard.dataPoints() > 0";

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8083/dashboard",
            description = "the dashboard (default ${DEFAULT-VALUE}; bin/w2e: port $W2E_DECODER_PORT)")
    String page;

    @Option(names = "--screenshot", paramLabel = "FILE", description = "save a PNG of the page here")
    Path screenshot;

    @Option(
            names = "--timeout-s",
            defaultValue = "60",
            description = "how long the charts may take to show data, 1 to 3600 (default ${DEFAULT-VALUE})")
    long timeoutS;

    @Option(
            names = "--ready",
            paramLabel = "JS",
            description = "the JavaScript condition to wait for (default: the charts have points)")
    String ready;

    private URI url;

    private void checkOptions() {
        try {
            url = URI.create(page);
        } catch (IllegalArgumentException e) {
            throw new W2eCli.UsageException("--url is not a URL: " + page);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new W2eCli.UsageException("--url must be an http(s) URL, was " + page);
        }
        if (timeoutS < 1 || timeoutS > 3600) {
            throw new W2eCli.UsageException("--timeout-s must be between 1 and 3600, was " + timeoutS);
        }
        ready = ready == null ? DASHBOARD_READY : ready;
    }

    @Override
    int run() {
        checkOptions();
        Optional<Path> chromium = ChromiumLocator.find();
        if (chromium.isEmpty()) {
            err.println("dashboard-check: no Chromium found: " + ChromiumLocator.HOW_TO_INSTALL);
            return 2;
        }
        PageCheck.Result result;
        try {
            result = PageCheck.run(
                    chromium.get(), new PageCheck.Options(url, ready, Duration.ofSeconds(timeoutS), screenshot));
        } catch (IOException e) {
            err.println("dashboard-check: " + e.getMessage());
            return 2;
        }
        String shot = result.screenshot() == null ? "" : "; screenshot " + result.screenshot();
        if (result.passed()) {
            out.printf(
                    "dashboard-check: OK: %s shows data, no console errors (%.1f s)%s%n",
                    url, result.elapsed().toMillis() / 1000.0, shot);
            return 0;
        }
        err.printf("dashboard-check: FAILED: %s: %s%s%n", url, result.reason(), shot);
        result.errors().stream().skip(1).limit(10).forEach(e -> err.println("  also: " + e));
        return 1;
    }
}
