package io.weights2eq.domain.equation;

import java.util.List;
import java.util.Map;

/** The named families, by the label of their sampling mode: the one place a family name is looked up. */
public final class EquationFamilies {
    private static final Map<String, EquationFamily> BY_NAME = Map.of(
            SamplingMode.SERVANT.label(), EquationFamily.servant(),
            SamplingMode.UNIFORM_LENGTH.label(), EquationFamily.defaults(),
            SamplingMode.CUBIC.label(), EquationFamily.cubic(),
            SamplingMode.ELEMENTARY.label(), EquationFamily.elementary());

    private EquationFamilies() {}

    /** The names, in the order of {@link SamplingMode}. */
    public static List<String> names() {
        return List.of(SamplingMode.values()).stream().map(SamplingMode::label).toList();
    }

    /** @throws IllegalArgumentException naming {@code family} and the valid names */
    public static EquationFamily named(String name) {
        EquationFamily family = BY_NAME.get(name);
        if (family == null) {
            throw new IllegalArgumentException("family must be one of " + names() + ", was '" + name + "'");
        }
        return family;
    }

    /** The preset family of a sampling mode, the base that a job's own settings override. */
    public static EquationFamily of(SamplingMode mode) {
        return named(mode.label());
    }
}
