package io.weights2eq.generator.engine;

/** Life cycle of a generation job; only RUNNING jobs are resumed after a restart. */
public enum JobState {
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean finished() {
        return this != RUNNING;
    }
}
