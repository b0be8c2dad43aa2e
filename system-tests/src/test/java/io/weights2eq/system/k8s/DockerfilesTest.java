package io.weights2eq.system.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each image of the kustomization is built by its module's Dockerfile.jvm the Quarkus way (the four parts of
 * target/quarkus-app, java $JAVA_OPTS -jar quarkus-run.jar), with what the service needs at run time.
 */
class DockerfilesTest {
    /** Modules whose code runs the Vector API (jdk.incubator.vector): the trainer's kernel, the decoder's inference. */
    private static final List<String> VECTOR_API_MODULES = List.of("trainer-service", "decoder-service");

    @Test
    void everyImageIsBuiltFromTheQuarkusAppWithJavaOpts() throws IOException {
        for (ManifestSet.Image image : K8sPaths.shipped().images().values()) {
            String module = image.module();
            String dockerfile =
                    Files.readString(K8sPaths.REPO_ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
            for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
                assertTrue(
                        dockerfile.contains("COPY --chown=185:185 " + module + "/target/quarkus-app/" + part),
                        module + "/src/main/docker/Dockerfile.jvm: no COPY of target/quarkus-app/" + part);
            }
            assertTrue(
                    dockerfile.matches("(?s).*exec java [^\"]*\\$JAVA_OPTS -jar /deployments/quarkus-run\\.jar.*"),
                    module + "/src/main/docker/Dockerfile.jvm: does not run java $JAVA_OPTS -jar quarkus-run.jar");
            assertTrue(
                    dockerfile.contains("--add-modules jdk.incubator.vector") == VECTOR_API_MODULES.contains(module),
                    module + "/src/main/docker/Dockerfile.jvm: --add-modules jdk.incubator.vector is needed exactly by "
                            + VECTOR_API_MODULES);
        }
    }

    @Test
    void theDecoderImageShipsTheModelAndAWritableDjlCache() throws IOException {
        String dockerfile =
                Files.readString(K8sPaths.REPO_ROOT.resolve("decoder-service/src/main/docker/Dockerfile.jvm"));
        assertTrue(Files.isDirectory(K8sPaths.REPO_ROOT.resolve("models")), "models/ is where the shipped model lives");
        assertTrue(dockerfile.contains("COPY --chown=185:185 models/ /deployments/models/"), "no COPY of models/");
        // w2e.decoder.model defaults to ${W2E_HOME:.}/models
        assertTrue(dockerfile.contains("W2E_HOME=/deployments"), "W2E_HOME must point at the directory above models/");
        assertTrue(
                dockerfile.contains("DJL_CACHE_DIR=/deployments/djl-cache")
                        && dockerfile.contains("mkdir -p /deployments/config /deployments/djl-cache")
                        && dockerfile.contains("chown -R 185:185 /deployments"),
                "DJL_CACHE_DIR must be a directory uid 185 owns");
    }
}
