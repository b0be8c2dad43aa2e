package io.weights2eq.records;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.schema.avro.NetworkParameters;

/** The one mapping from a {@code networks} record's parameters to the domain's {@link Network}. */
public final class NetworkRecords {
    private NetworkRecords() {
    }

    /** Throws {@link IllegalArgumentException} for a layout, activation or parameter count the domain rejects. */
    public static Network toDomain(NetworkParameters p) {
        float[] params = new float[p.getParameters().size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = p.getParameters().get(i);
        }
        return new Network(new NetworkLayout(p.getLayers().stream().mapToInt(Integer::intValue).toArray()),
                Activation.fromLabel(p.getActivation()), params);
    }
}
