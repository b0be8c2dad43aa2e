package io.weights2eq.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumLocatorTest {

    private static Path executable(Path dir, String name) throws IOException {
        Path p = Files.createFile(dir.resolve(name));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void theEnvironmentVariableWinsElseThePathInOrder(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path chrome = executable(a, "google-chrome");
        Path chromium = executable(b, "chromium");
        Files.createFile(a.resolve("chromium")); // not executable: passed over
        String path = a + ":" + b;
        assertEquals(Optional.of(chromium), ChromiumLocator.find(Map.of("PATH", path)), "chromium before chrome");
        assertEquals(Optional.of(chrome), ChromiumLocator.find(Map.of("PATH", a.toString())));
        assertEquals(
                Optional.of(chrome),
                ChromiumLocator.find(Map.of("PATH", path, ChromiumLocator.ENV, chrome.toString())));
        assertEquals(
                Optional.empty(),
                ChromiumLocator.find(Map.of(
                        "PATH",
                        path,
                        ChromiumLocator.ENV,
                        dir.resolve("nothing").toString())),
                "a wrong W2E_CHROMIUM is not second-guessed");
        assertEquals(Optional.empty(), ChromiumLocator.find(Map.of("PATH", dir.toString())));
    }
}
