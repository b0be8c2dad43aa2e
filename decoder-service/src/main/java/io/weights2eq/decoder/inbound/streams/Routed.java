package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.schema.avro.Example;

/**
 * Where a record of the topology goes: an example to {@code examples}, or the original bytes to a dead-letter topic
 * (the reason travels in the record's headers). In memory only: never written to a topic as such.
 */
record Routed(Example example, byte[] deadLetter) {

    static Routed example(Example example) {
        return new Routed(example, null);
    }

    static Routed dead(byte[] original) {
        return new Routed(null, original);
    }

    boolean isExample() {
        return example != null;
    }
}
