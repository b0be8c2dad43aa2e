package io.weights2eq.system.k8s;

import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as Kubernetes quantities (1344Mi, 4Gi, 1G) and as JVM options (-Xmx768m, -XX:MaxDirectMemorySize=64m). */
final class Sizes {
    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> QUANTITY_UNITS = Map.of(
            "Ki",
            1L << 10,
            "Mi",
            1L << 20,
            "Gi",
            1L << 30,
            "Ti",
            1L << 40,
            "k",
            1_000L,
            "M",
            1_000_000L,
            "G",
            1_000_000_000L,
            "T",
            1_000_000_000_000L);
    private static final Pattern JVM_SIZE = Pattern.compile("(\\d+)([kKmMgGtT])?");

    private Sizes() {}

    /** A memory quantity in bytes; empty when it is not one. */
    static OptionalLong quantity(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double value = Double.parseDouble(m.group(1));
        long unit = m.group(2) == null ? 1 : QUANTITY_UNITS.get(m.group(2));
        return OptionalLong.of((long) Math.ceil(value * unit));
    }

    /** The size an option of {@code javaOpts} sets, e.g. prefix "-Xmx" or "-XX:MaxDirectMemorySize="; the last wins. */
    static OptionalLong jvmOption(String javaOpts, String prefix) {
        OptionalLong found = OptionalLong.empty();
        for (String option : javaOpts.trim().split("\\s+")) {
            if (option.startsWith(prefix)) {
                Matcher m = JVM_SIZE.matcher(option.substring(prefix.length()));
                if (m.matches()) {
                    long unit = m.group(2) == null
                            ? 1
                            : 1L
                                    << (10
                                            * ("kmgt"
                                                            .indexOf(Character.toLowerCase(
                                                                    m.group(2).charAt(0)))
                                                    + 1));
                    found = OptionalLong.of(Long.parseLong(m.group(1)) * unit);
                }
            }
        }
        return found;
    }

    static String mebibytes(long bytes) {
        return (bytes >> 20) + "Mi";
    }
}
