package io.weights2eq.system;

/** The three packaged Quarkus services, by the module that builds each one. */
public enum Service {
    GENERATOR("generator-service"),
    TRAINER("trainer-service"),
    DECODER("decoder-service");

    private final String module;

    Service(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }
}
