package io.weights2eq.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a Chromium executable: {@code $W2E_CHROMIUM}, else {@code chromium} (or a Chrome) on the PATH. */
public final class ChromiumLocator {
    public static final String ENV = "W2E_CHROMIUM";
    public static final String HOW_TO_INSTALL = "install Chromium (Debian/Ubuntu: apt-get install -y chromium) "
            + "or point " + ENV + " at a Chromium or Chrome executable";
    private static final List<String> NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private ChromiumLocator() {}

    public static Optional<Path> find() {
        return find(System.getenv());
    }

    static Optional<Path> find(Map<String, String> env) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
