package io.weights2eq.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSmokeIT {
    @Test
    void threeServicesStartAndTrain() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts();
                Pipeline pipeline = Pipeline.on("smoke", broker, Map.of())) {
            PackagedService generator = pipeline.start(Service.GENERATOR);
            pipeline.start(Service.TRAINER);
            pipeline.start(Service.DECODER);
            String job = Pipeline.submitJob(generator, 100, 1, 500, 0);
            long deadline = System.nanoTime() + 120_000_000_000L;
            int n = 0;
            while (System.nanoTime() < deadline
                    && (n = TopicContents.read(broker.bootstrapServers(), Topics.NETWORKS.topicName())
                                    .distinctKeys())
                            < 100) {
                Thread.sleep(1000);
            }
            assertEquals(100, n, job);
        }
    }
}
