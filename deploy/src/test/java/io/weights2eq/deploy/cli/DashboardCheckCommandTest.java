package io.weights2eq.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad options of dashboard-check: exit 2 naming the option (a browser is never started). */
class DashboardCheckCommandTest {

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        String[][] cases = {
                {"--timeout-s", "0", "--timeout-s must be between 1 and 3600, was 0"},
                {"--timeout-s", "soon", "--timeout-s wants a whole number, got soon"},
                {"--url", "ftp://localhost/dashboard", "--url must be an http(s) URL, was ftp://localhost/dashboard"},
                {"--url", "http://bad host/", "--url is not a URL: http://bad host/"},
                {"--colour", "red", "unknown option --colour"},
        };
        for (String[] c : cases) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = W2eCli.run(new String[]{"dashboard-check", c[0], c[1]}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, rc, String.join(" ", c));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: " + c[2]), err.toString(StandardCharsets.UTF_8));
        }
    }
}
