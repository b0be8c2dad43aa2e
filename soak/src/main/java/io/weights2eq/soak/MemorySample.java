package io.weights2eq.soak;

/**
 * One process's memory at one moment. {@code rss} is what the operating system holds for the process; the JVM
 * figures come from the service's Micrometer metrics and are -1 where a process has none (the broker).
 * Off-heap is everything the process holds beyond its committed Java heap: metaspace, code cache, thread
 * stacks, direct buffers, native libraries (the decoder's PyTorch) and the allocator's own overhead. The live heap
 * is the old generation after the collector's last major or concurrent cycle ({@code jvm_gc_live_data_size_bytes}):
 * what the heap really holds, as opposed to heap used, which includes garbage not collected yet.
 */
public record MemorySample(
        String process,
        double elapsedSeconds,
        long rss,
        long heapUsed,
        long heapCommitted,
        long nonHeapUsed,
        long directBuffers,
        long liveHeap) {

    /** RSS minus the committed heap; -1 when the heap is unknown. */
    public long offHeap() {
        return heapCommitted < 0 ? -1 : rss - heapCommitted;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A line of {@code samples.jsonl}; {@link IllegalArgumentException} naming the missing field. */
    public static MemorySample fromJson(String line) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + line, e);
        }
        for (String field : new String[] {
            "process",
            "elapsedSeconds",
            "rssBytes",
            "heapUsedBytes",
            "heapCommittedBytes",
            "nonHeapUsedBytes",
            "directBufferBytes"
        }) {
            if (n == null || !n.hasNonNull(field)) {
                throw new IllegalArgumentException("sample: field '" + field + "' missing in " + line);
            }
        }
        return new MemorySample(
                n.get("process").asText(),
                n.get("elapsedSeconds").asDouble(),
                n.get("rssBytes").asLong(),
                n.get("heapUsedBytes").asLong(),
                n.get("heapCommittedBytes").asLong(),
                n.get("nonHeapUsedBytes").asLong(),
                n.get("directBufferBytes").asLong(),
                n.hasNonNull("liveHeapBytes") ? n.get("liveHeapBytes").asLong() : -1);
    }

    String toJson() {
        return String.format(
                java.util.Locale.ROOT,
                "{\"process\":\"%s\",\"elapsedSeconds\":%.3f,\"rssBytes\":%d,\"heapUsedBytes\":%d,"
                        + "\"heapCommittedBytes\":%d,\"nonHeapUsedBytes\":%d,\"directBufferBytes\":%d,\"offHeapBytes\":%d,"
                        + "\"liveHeapBytes\":%d}",
                process,
                elapsedSeconds,
                rss,
                heapUsed,
                heapCommitted,
                nonHeapUsed,
                directBuffers,
                offHeap(),
                liveHeap);
    }
}
