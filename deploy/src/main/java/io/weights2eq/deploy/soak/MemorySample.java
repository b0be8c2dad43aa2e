package io.weights2eq.deploy.soak;

/**
 * One process's memory at one moment. {@code rss} is what the operating system holds for the process; the JVM
 * figures come from the service's Micrometer metrics and are -1 where a process has none (the broker).
 * Off-heap is everything the process holds beyond its committed Java heap: metaspace, code cache, thread
 * stacks, direct buffers, native libraries (the decoder's PyTorch) and the allocator's own overhead.
 */
public record MemorySample(
        String process,
        double elapsedSeconds,
        long rss,
        long heapUsed,
        long heapCommitted,
        long nonHeapUsed,
        long directBuffers) {

    /** RSS minus the committed heap; -1 when the heap is unknown. */
    public long offHeap() {
        return heapCommitted < 0 ? -1 : rss - heapCommitted;
    }

    String toJson() {
        return String.format(java.util.Locale.ROOT,
                "{\"process\":\"%s\",\"elapsedSeconds\":%.1f,\"rssBytes\":%d,\"heapUsedBytes\":%d,"
                        + "\"heapCommittedBytes\":%d,\"nonHeapUsedBytes\":%d,\"directBufferBytes\":%d,\"offHeapBytes\":%d}",
                process, elapsedSeconds, rss, heapUsed, heapCommitted, nonHeapUsed, directBuffers, offHeap());
    }
}
