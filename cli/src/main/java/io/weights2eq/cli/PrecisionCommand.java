package io.weights2eq.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.admissible.AdmissibleNetwork;
import io.weights2eq.domain.admissible.Precision;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code precision FILE}: seed 001's precision score of each network of FILE ({@link NetworkInputs}: one admissible
 * network, or JSON lines of admissible or layered networks, the layered ones converted), one JSON line each.
 */
@Command(
        name = "precision",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Seed 001's precision score of each network of FILE: one admissible network (any layout), or JSON lines of admissible networks or layered ones (the network file format, converted to admissible form). One JSON line per network (id, neurons, parameters, score); exit 1 if a line failed.")
final class PrecisionCommand extends CliCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "an admissible network, or JSON lines of admissible or layered networks; - reads stdin")
    String input;

    @Override
    int run() throws IOException {
        List<NetworkInputs.Entry> entries = NetworkInputs.readOrReport(input, in, err);
        if (entries == null) {
            return 2;
        }
        int failed = 0;
        for (NetworkInputs.Entry e : entries) {
            if (e.failed()) {
                err.println("error: " + e.error());
                failed++;
                continue;
            }
            out.println(line(e.id(), e.network()));
        }
        if (failed > 0) {
            err.println("error: " + failed + " network(s) of " + input + " could not be read");
            return 1;
        }
        return 0;
    }

    static String line(String id, AdmissibleNetwork network) throws JsonProcessingException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("neurons", network.neurons().size());
        result.put("parameters", parameters(network));
        result.put("score", Precision.score(network));
        return JSON.writeValueAsString(result);
    }

    /** Weights and biases: what the score sums over. */
    static long parameters(AdmissibleNetwork network) {
        return network.neurons().stream().mapToLong(n -> n.weights().size() + 1).sum();
    }
}
