package io.weights2eq.cli;

import io.weights2eq.browser.ChromiumLocator;
import io.weights2eq.browser.PageCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code dashboard-check}: opens the decoder's live dashboard in a headless Chromium and fails on any console error
 * or when its charts show no data within the timeout; optionally saves a screenshot.
 */
final class DashboardCheckCommand {
    /** What the dashboard's own script says once its training or prediction charts have points (dashboard.js). */
    static final String DASHBOARD_READY = "window.w2eDashboard && window.w2eDashboard.dataPoints() > 0";

    private final URI url;
    private final Path screenshot;
    private final long timeoutS;
    private final String ready;
    private final PrintStream out;
    private final PrintStream err;

    DashboardCheckCommand(Args args, PrintStream out, PrintStream err) {
        String u = args.string("url", "http://localhost:8083/dashboard");
        try {
            this.url = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new W2eCli.UsageException("--url is not a URL: " + u);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new W2eCli.UsageException("--url must be an http(s) URL, was " + u);
        }
        String shot = args.string("screenshot", null);
        this.screenshot = shot == null ? null : Path.of(shot);
        this.timeoutS = args.longValue("timeout-s", 60);
        if (timeoutS < 1 || timeoutS > 3600) {
            throw new W2eCli.UsageException("--timeout-s must be between 1 and 3600, was " + timeoutS);
        }
        this.ready = args.string("ready", DASHBOARD_READY);
        args.rejectUnknown();
        this.out = out;
        this.err = err;
    }

    int run() {
        Optional<Path> chromium = ChromiumLocator.find();
        if (chromium.isEmpty()) {
            err.println("dashboard-check: no Chromium found: " + ChromiumLocator.HOW_TO_INSTALL);
            return 2;
        }
        PageCheck.Result result;
        try {
            result = PageCheck.run(chromium.get(), new PageCheck.Options(url, ready, Duration.ofSeconds(timeoutS),
                    screenshot));
        } catch (IOException e) {
            err.println("dashboard-check: " + e.getMessage());
            return 2;
        }
        String shot = result.screenshot() == null ? "" : "; screenshot " + result.screenshot();
        if (result.passed()) {
            out.printf("dashboard-check: OK: %s shows data, no console errors (%.1f s)%s%n", url,
                    result.elapsed().toMillis() / 1000.0, shot);
            return 0;
        }
        err.printf("dashboard-check: FAILED: %s: %s%s%n", url, result.reason(), shot);
        result.errors().stream().skip(1).limit(10).forEach(e -> err.println("  also: " + e));
        return 1;
    }
}
