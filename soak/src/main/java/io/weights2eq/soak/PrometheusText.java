package io.weights2eq.soak;

/** Reads values out of the Prometheus text exposition format that {@code /q/metrics} answers. */
final class PrometheusText {
    private PrometheusText() {}

    /**
     * The sum of every sample of {@code metric} whose labels contain each of {@code labelFragments}
     * (e.g. {@code area="heap"}); -1 when no sample matches.
     */
    static long sum(String text, String metric, String... labelFragments) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace > 0 ? line.substring(0, brace) : line.substring(0, Math.max(space, 0));
            if (!name.equals(metric) || space < 0) {
                continue;
            }
            String labels = brace > 0 ? line.substring(brace, line.indexOf('}', brace) + 1) : "";
            boolean matches = true;
            for (String fragment : labelFragments) {
                matches &= labels.contains(fragment);
            }
            if (matches) {
                total += Double.parseDouble(line.substring(space + 1).trim());
                found = true;
            }
        }
        return found ? Math.round(total) : -1;
    }
}
