package io.weights2eq.decoder.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Model versions of the training loop: {@code s<step>-<yyyyMMddHHmmss>} (UTC), e.g. {@code s1500-20261122013700}. */
public final class ModelVersions {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private ModelVersions() {}

    public static String of(long step, long epochMillis) {
        return "s" + step + "-" + STAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
