package io.weights2eq.decoder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.domain.decoding.DecoderTrainingOptions;
import io.weights2eq.domain.decoding.ShippedModels;
import io.weights2eq.domain.decoding.TransformerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The decoder's configuration: {@code w2e.decoder.*} in application.properties. */
@ConfigMapping(prefix = "w2e.decoder")
public interface DecoderSettings {

    /** Names this instance's Kafka clients; default {@code decoder-<random>}. */
    Optional<String> instanceId();

    /**
     * The model served at start when the checkpoint directory has none: a {@code .w2ed} checkpoint file, or a
     * directory whose latest checkpoint is taken. Missing = start without a model. See {@link #familyModel()}.
     */
    Optional<String> model();

    /** {@link #model()} for {@link #family()}: in a {@code models/} directory, that family's shipped model. */
    default Optional<Path> familyModel() {
        return model().map(m -> ShippedModels.forFamily(Path.of(m), family()));
    }

    /** Method when a request names none: learned, analytic, taylor or hybrid. */
    @WithDefault("hybrid")
    String method();

    /**
     * The equation family the analytic and hybrid decoders round to (its coefficient kinds and range): servant,
     * uniform-length (the generator's defaults) or cubic (monic, whole; predictions then carry the largest root).
     */
    @WithDefault("servant")
    String family();

    /** The hybrid decoder's tolerance on 1 − R² (see HybridDecoder). */
    @WithDefault("1e-4")
    double hybridTolerance();

    /** The input range every method fits the network on. */
    @WithDefault("-1")
    double xMin();

    @WithDefault("1")
    double xMax();

    /** The family named by {@link #family()}. */
    default io.weights2eq.domain.equation.EquationFamily equationFamily() {
        try {
            return io.weights2eq.domain.equation.EquationFamilies.named(family());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("w2e.decoder." + e.getMessage(), e);
        }
    }

    /** Beam width when a request names none: 1 = greedy. */
    @WithDefault("1")
    int beam();

    /** Largest beam width a request may ask for. */
    @WithDefault("16")
    int maxBeam();

    /** Key of the records on {@code decoder-models}. */
    @WithDefault("learned")
    String modelName();

    /**
     * Fraction of equations held out for validation (by a stable hash of the id, {@code ValidationSlice}): the
     * training loop never trains on them, and {@code serve-networks=validation} predicts exactly these.
     */
    @WithDefault("0.05")
    double validationFraction();

    /** none | validation | all: which of the {@code networks} to decode onto {@code predictions} (key = equation id). */
    @WithDefault("validation")
    String serveNetworks();

    Serving serving();

    Rest rest();

    Health health();

    Examples examples();

    Limits limits();

    Training training();

    Dashboard dashboard();

    /** The live dashboard ({@code GET /dashboard}): how often it samples the broker and how much history it keeps. */
    interface Dashboard {
        /** How often the end offsets and lags are read (one Admin round per sample). */
        @WithDefault("PT1S")
        Duration sampleInterval();

        /** Samples a rate spans (smooths the producers' bursts). */
        @WithDefault("5")
        int rateWindow();

        /** Rate points kept (one per sample). */
        @WithDefault("120")
        int rateHistory();

        /** The trainer-service's consumer group, whose lag on {@code equations} is shown. */
        @WithDefault("trainers")
        String trainerGroup();

        @WithDefault("300")
        int lossPoints();

        /** At most one loss point per this interval. */
        @WithDefault("PT0.5S")
        Duration lossEvery();

        @WithDefault("200")
        int validationPoints();

        /** Latest predictions kept; a stream may ask for fewer. */
        @WithDefault("24")
        int predictions();

        /** Validation equations kept as the ground truth of predictions (the newest). */
        @WithDefault("5000")
        int knownEquations();

        @WithDefault("41")
        int curvePoints();
    }

    interface Serving {
        /** Consumer group of {@code decode-requests}. */
        @WithDefault("decoder-serving")
        String requestsGroupId();

        /** Consumer group of {@code networks} when {@code serve-networks} is not none. */
        @WithDefault("decoder-networks")
        String networksGroupId();

        @WithDefault("PT0.2S")
        Duration pollTimeout();
    }

    interface Rest {
        /** Largest {@code POST /decode} body; a larger one is answered 400 naming the field {@code body}. */
        @WithDefault("65536")
        int maxBodyBytes();
    }

    interface Health {
        /** Readiness needs a loaded model (else only the broker). */
        @WithDefault("true")
        boolean requireModel();
    }

    interface Examples {
        /** How long a network whose equation is unknown waits for it before going to {@code networks.dlq}. */
        @WithDefault("PT5M")
        Duration equationWait();
    }

    /** What a topic record may carry; above it, the record goes to its dead-letter topic naming field and limit. */
    interface Limits {
        /** Samples of an {@code equations} record (default: the generator's own limit). */
        @WithDefault("" + io.weights2eq.domain.equation.SampleSpec.MAX_COUNT)
        int maxSamples();

        /** Parameters of a network on any topic (default: the largest layout {@code NetworkLayout} allows). */
        @WithDefault("" + io.weights2eq.domain.network.NetworkLayout.MAX_PARAMETERS)
        int maxParameters();
    }

    default io.weights2eq.decoder.inbound.RecordLimits recordLimits() {
        return new io.weights2eq.decoder.inbound.RecordLimits(limits().maxSamples(), limits().maxParameters());
    }

    interface Training {
        /** false = serve only (no consumer of {@code examples}, no trainer). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("decoder-trainer")
        String groupId();

        /** Where checkpoints are written (and served from at start); relative to the working directory. */
        @WithDefault("decoder-checkpoints")
        String checkpointDir();

        @WithDefault("5")
        int keepLast();

        @WithDefault("128")
        int batchSize();

        @WithDefault("200000")
        int bufferCapacity();

        /** Training starts once the replay buffer holds this many examples (and at least one batch). */
        @WithDefault("1000")
        int minBuffer();

        @WithDefault("500")
        int evalEverySteps();

        /** Most validation examples kept (the first ones of the slice; a re-trained network replaces its own). */
        @WithDefault("1000")
        int validationMax();

        /** Leave out networks that missed the trainer's quality target (for training and validation). */
        @WithDefault("true")
        boolean convergedOnly();

        /**
         * With no checkpoint of its own yet, continue training the model that serves at start (the shipped
         * default) instead of random weights.
         */
        @WithDefault("true")
        boolean initFromModel();

        /** Stop training (after a last checkpoint) this many seconds after start; 0 = never. */
        @WithDefault("0")
        long maxTrainingSeconds();

        /** Read {@code examples} from the beginning at start, to fill the replay buffer and validation set again. */
        @WithDefault("true")
        boolean rereadOnStart();

        /** How long the loop trains between two polls. */
        @WithDefault("PT1S")
        Duration trainSlice();

        @WithDefault("PT0.2S")
        Duration pollTimeout();

        @WithDefault("5e-4")
        double learningRate();

        @WithDefault("500")
        int warmupSteps();

        @WithDefault("0.01")
        double weightDecay();

        @WithDefault("1.0")
        double clipNorm();

        /** Intra-op threads of the trainer's engine (1 suits a shared 2-core machine). */
        @WithDefault("1")
        int threads();

        @WithDefault("42")
        long seed();

        /** 0 = constant learning rate after the warm-up (continuous training); else cosine decay until this step. */
        @WithDefault("0")
        long decaySteps();

        Transformer transformer();

        default Path checkpointPath() {
            return Path.of(checkpointDir());
        }

        default DecoderTrainingOptions options() {
            return new DecoderTrainingOptions(
                    learningRate(), warmupSteps(), weightDecay(), clipNorm(), threads(), seed(), decaySteps());
        }
    }

    /** The sizes of a newly trained model (a resumed one keeps its checkpoint's); defaults = TransformerConfig.defaults(). */
    interface Transformer {
        @WithDefault("32")
        int probes();

        @WithDefault("512")
        int mlpHidden();

        @WithDefault("4")
        int memoryTokens();

        @WithDefault("128")
        int dModel();

        @WithDefault("4")
        int heads();

        @WithDefault("2")
        int layers();

        @WithDefault("512")
        int ffn();

        @WithDefault("24")
        int maxTokens();

        default TransformerConfig config() {
            return new TransformerConfig(
                            probes(), mlpHidden(), memoryTokens(), dModel(), heads(), layers(), ffn(), maxTokens())
                    .requireValid();
        }
    }

    default ServeNetworks serveNetworksMode() {
        return ServeNetworks.valueOf(serveNetworks().trim().toUpperCase(Locale.ROOT));
    }

    default ContinuousTraining.Settings trainingSettings() {
        Training t = training();
        return new ContinuousTraining.Settings(
                t.batchSize(),
                t.minBuffer(),
                t.bufferCapacity(),
                t.evalEverySteps(),
                t.validationMax(),
                validationFraction(),
                t.convergedOnly(),
                Duration.ofSeconds(t.maxTrainingSeconds()),
                t.seed(),
                modelName());
    }

    /** Which networks get a prediction. */
    enum ServeNetworks {
        NONE,
        VALIDATION,
        ALL
    }
}
