package io.weights2eq.schema;

import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.DecoderModel;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.GeneratorJob;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The record types written to topics. Each has its version history under {@code schemas/history/};
 * the build checks that the current schema reads every earlier version.
 */
public final class SchemaCatalog {
    public static final List<Class<? extends SpecificRecord>> TOPIC_VALUES = List.of(
            Equation.class,
            Network.class,
            Example.class,
            DecodeRequest.class,
            Prediction.class,
            DecoderModel.class,
            GeneratorJob.class);

    private SchemaCatalog() {}
}
