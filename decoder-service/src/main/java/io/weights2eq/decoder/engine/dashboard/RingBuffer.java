package io.weights2eq.decoder.engine.dashboard;

import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} items, oldest first: the dashboard's memory does not grow with the stream. Not thread-safe. */
public final class RingBuffer<T> {
    private final Object[] items;
    private int next;
    private int size;

    public RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.items = new Object[capacity];
    }

    public void add(T item) {
        items[next] = item;
        next = (next + 1) % items.length;
        size = Math.min(size + 1, items.length);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return items.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The oldest item held (null when empty). */
    @SuppressWarnings("unchecked")
    public T oldest() {
        return size == 0 ? null : (T) items[(next - size + items.length) % items.length];
    }

    /** The newest item (null when empty). */
    @SuppressWarnings("unchecked")
    public T newest() {
        return size == 0 ? null : (T) items[(next - 1 + items.length) % items.length];
    }

    /** The items, oldest first. */
    public List<T> toList() {
        return newest(size);
    }

    /** The newest {@code n} items (fewer when it holds fewer), oldest first. */
    @SuppressWarnings("unchecked")
    public List<T> newest(int n) {
        int count = Math.max(0, Math.min(n, size));
        List<T> out = new ArrayList<>(count);
        for (int i = count; i > 0; i--) {
            out.add((T) items[(next - i + items.length) % items.length]);
        }
        return out;
    }
}
