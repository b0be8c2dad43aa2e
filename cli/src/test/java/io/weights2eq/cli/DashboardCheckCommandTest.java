package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.weights2eq.browser.ChromiumLocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** dashboard-check: bad options are usage errors (no browser started); a page's console error is exit 1. */
class DashboardCheckCommandTest {
    private static final String READY = "window.ready === true";
    private static final Map<String, String> PAGES = Map.of(
            "/clean", "<p>fine</p><script>setTimeout(() => { window.ready = true; }, 300);</script>",
            "/console-error", "<script>console.error('boom from the page', 42); window.ready = true;</script>");

    @Test
    void exitsNonZeroWithTheReasonAndZeroOnACleanPage() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) { // on CI a missing Chromium fails the check below instead
            Assumptions.assumeTrue(
                    ChromiumLocator.find().isPresent(), "no Chromium: " + ChromiumLocator.HOW_TO_INSTALL);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = PAGES.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null
                    ? "not found".getBytes(StandardCharsets.UTF_8)
                    : ("<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body>" + body
                                    + "</body></html>")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            int rc = W2eCli.run(
                    new String[] {"dashboard-check", "--url", base + "/console-error", "--timeout-s", "20"},
                    new PrintStream(out),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, rc);
            assertTrue(
                    err.toString(StandardCharsets.UTF_8)
                            .contains("FAILED: " + base + "/console-error: console error: "
                                    + "console.error: boom from the page 42"),
                    err.toString(StandardCharsets.UTF_8));
            rc = W2eCli.run(
                    new String[] {"dashboard-check", "--url", base + "/clean", "--ready", READY},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err));
            assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
            assertTrue(
                    out.toString(StandardCharsets.UTF_8).contains("dashboard-check: OK"),
                    out.toString(StandardCharsets.UTF_8));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        String[][] cases = {
            {"--timeout-s", "0", "--timeout-s must be between 1 and 3600, was 0"},
            {"--timeout-s", "soon", "Invalid value for option '--timeout-s': 'soon' is not a long"},
            {"--url", "ftp://localhost/dashboard", "--url must be an http(s) URL, was ftp://localhost/dashboard"},
            {"--url", "http://bad host/", "--url is not a URL: http://bad host/"},
            {"--colour", "red", "Unknown options: '--colour', 'red'"},
        };
        for (String[] c : cases) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = W2eCli.run(
                    new String[] {"dashboard-check", c[0], c[1]},
                    new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, rc, String.join(" ", c));
            assertTrue(
                    err.toString(StandardCharsets.UTF_8).startsWith("error: " + c[2]),
                    err.toString(StandardCharsets.UTF_8));
        }
    }
}
