package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.SamplingMode;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodingMethodsTest {
    private final DecodingMethods methods =
            new DecodingMethods(EquationFamily.servant(), -1, 1, HybridDecoder.DEFAULT_TOLERANCE);

    /** y = 0.5·x + 0.3 as a 1-1-1 ReLU network on [-1, 1] (the hidden unit x + 1 stays positive). */
    private static Network line() {
        NetworkLayout layout = new NetworkLayout(1, 1, 1);
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 1;
        p[layout.biasIndex(0, 0)] = 1;
        p[layout.weightIndex(1, 0, 0)] = 0.5f;
        p[layout.biasIndex(1, 0)] = -0.2f;
        return new Network(layout, Activation.RELU, p);
    }

    @Test
    void wireNamesAreTheMethodsInOrderAndAnUnknownOneNamesTheField() {
        assertEquals(List.of("learned", "analytic", "taylor", "hybrid"), DecodingMethod.wireNames());
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> DecodingMethod.of("magic"));
        assertEquals("method", e.field());
        assertTrue(e.getMessage().contains("was 'magic'"), e.getMessage());
    }

    @Test
    void everyMethodThatRunsWithoutAModelComesWithItsFit() {
        for (DecodingMethod m : List.of(DecodingMethod.ANALYTIC, DecodingMethod.HYBRID)) {
            DecodingMethods.Outcome outcome = methods.decode(m, line(), null, 1);
            assertEquals("0.5*x+0.3", outcome.equation().canonicalText().replace(" ", ""), m.wireName());
            assertNotNull(outcome.fit(), m.wireName());
            assertTrue(outcome.fit().rSquared() > 0.999999, m.wireName());
        }
        assertNull(methods.decode(DecodingMethod.ANALYTIC, line(), null, 1).runnerUp());
    }

    @Test
    void learnedNeedsAModelAndTaylorASmoothActivation() {
        assertThrows(NoModelLoadedException.class, () -> methods.decode(DecodingMethod.LEARNED, line(), null, 1));
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> methods.decode(DecodingMethod.TAYLOR, line(), null, 1));
        assertEquals("method", e.field());
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void aPolynomialFamilyRefusesATwoInputNetworkNamingItsInputLayer() {
        NetworkLayout layout = new NetworkLayout(2, 1, 1);
        Network two = new Network(layout, Activation.RELU, new float[layout.parameterCount()]);
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> methods.decode(DecodingMethod.ANALYTIC, two, null, 1));
        assertEquals("network.layers[0]", e.field());
        assertTrue(e.getMessage().contains("has 2"), e.getMessage());
    }

    @Test
    void familiesAreLookedUpByTheirModesLabel() {
        assertEquals(EquationFamily.servant(), EquationFamilies.named("servant"));
        assertEquals(EquationFamily.defaults(), EquationFamilies.of(SamplingMode.UNIFORM_LENGTH));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EquationFamilies.named("cubic?"));
        assertTrue(e.getMessage().contains("[uniform-length, servant, cubic, elementary]"), e.getMessage());
    }
}
