package io.weights2eq.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless Chromium check against tiny pages served by the JDK's HTTP server. Needs Chromium: with
 * {@code CI=true} a missing Chromium fails these tests; elsewhere they are skipped, saying how to install it.
 */
class PageCheckTest {
    private static final String READY = "window.ready === true";
    private static final Map<String, String> PAGES = Map.of(
            "/clean", "<p>fine</p><script>setTimeout(() => { window.ready = true; }, 300);</script>",
            "/console-error", "<script>console.error('boom from the page', 42); window.ready = true;</script>",
            "/throws",
                    "<script>window.ready = true; setTimeout(() => { throw new Error('thrown on purpose'); }, 50);"
                            + "</script>",
            "/missing-script", "<script src=\"/no-such.js\"></script><script>window.ready = true;</script>",
            "/never", "<p>waiting for data that never comes</p>",
            "/tall",
                    "<div style=\"height: 2600px; background: linear-gradient(#fff, #36c)\"></div>"
                            + "<script>window.ready = true;</script>");

    private static HttpServer server;
    private static Path chromium;
    private static HeadlessChromium browser; // one for all checks: each opens its own tab

    @BeforeAll
    static void start() throws IOException {
        chromium = ChromiumLocator.find().orElse(null);
        if (chromium == null) {
            String message = "no Chromium found: " + ChromiumLocator.HOW_TO_INSTALL;
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (CI=true: Chromium is required)");
            }
            System.err.println("PageCheckTest skipped: " + message);
            return;
        }
        browser = HeadlessChromium.start(chromium, Duration.ofSeconds(30));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = PAGES.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null
                    ? "not found".getBytes(StandardCharsets.UTF_8)
                    : ("<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body>" + body
                                    + "</body></html>")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @BeforeEach
    void needsChromium() {
        // counted as skipped, with the reason, so that a missing browser is visible in the build's summary
        Assumptions.assumeTrue(chromium != null, "no Chromium found: " + ChromiumLocator.HOW_TO_INSTALL);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (browser != null) {
            browser.close();
        }
    }

    private static PageCheck.Result check(String page, Duration timeout, Path screenshot) throws IOException {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + page);
        return PageCheck.run(browser, new PageCheck.Options(url, READY, timeout, screenshot));
    }

    @Test
    void aCleanPagePassesAndItsScreenshotIsAPng(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("shots/clean.png");
        PageCheck.Result result = check("/clean", Duration.ofSeconds(30), png);
        assertTrue(result.passed(), result.reason());
        assertNull(result.reason());
        assertEquals(0, result.errors().size(), result.errors().toString());
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, "a PNG file");
    }

    @Test
    void theScreenshotHoldsTheWholePage(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("tall.png");
        PageCheck.Result result = check("/tall", Duration.ofSeconds(30), png);
        assertTrue(result.passed(), result.reason());
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(Files.readAllBytes(png), 16, 8); // IHDR width, height
        assertEquals(1400, header.getInt());
        assertTrue(header.getInt() >= 2600, "taller than the 1500 px viewport: the whole page");
    }

    @Test
    void aConsoleErrorFailsWithItsMessage() throws IOException {
        PageCheck.Result result = check("/console-error", Duration.ofSeconds(30), null);
        assertFalse(result.passed());
        assertTrue(result.reason().contains("console.error: boom from the page 42"), result.reason());
    }

    @Test
    void anUncaughtExceptionFailsWithItsMessage() throws IOException {
        PageCheck.Result result = check("/throws", Duration.ofSeconds(30), null);
        assertFalse(result.passed());
        assertTrue(result.reason().contains("uncaught exception: Error: thrown on purpose"), result.reason());
    }

    @Test
    void aResourceThatFailsToLoadFails() throws IOException {
        PageCheck.Result result = check("/missing-script", Duration.ofSeconds(30), null);
        assertFalse(result.passed());
        assertTrue(result.reason().contains("404"), result.reason());
    }

    @Test
    void aPageWhoseDataNeverComesTimesOut() throws IOException {
        long t0 = System.nanoTime();
        PageCheck.Result result = check("/never", Duration.ofSeconds(3), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertFalse(result.passed());
        assertEquals("no data within 3 s: `window.ready === true` stayed false", result.reason());
        assertTrue(seconds >= 3 && seconds < 30, "gave up after about the timeout, took " + seconds + " s");
    }

    @Test
    void anUnreachablePageFailsWithTheNetworkError() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        PageCheck.Result result = PageCheck.run(
                browser,
                new PageCheck.Options(
                        URI.create("http://127.0.0.1:" + port + "/dashboard"), READY, Duration.ofSeconds(10), null));
        assertFalse(result.passed());
        assertTrue(result.reason().contains("ERR_CONNECTION_REFUSED"), result.reason());
    }
}
