package io.weights2eq.generator.engine;

import java.util.Collection;

/** Outbound port: durable job state, so that jobs survive a restart of the service. */
public interface JobStore extends AutoCloseable {

    void save(JobSnapshot snapshot);

    /** The latest snapshot of every job ever saved. */
    Collection<JobSnapshot> loadAll() throws InterruptedException;

    @Override
    void close();
}
