package io.weights2eq.generator.inbound.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An equation family; fields left out take the defaults of the chosen mode. {@code domain} (elementary only):
 * each input's {@code [lo, hi]}, one or two inputs, e.g. {@code [[-1, 1], [0.5, 2]]}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record FamilyRequest(
        String mode,
        Integer degree,
        String coefficientMin,
        String coefficientMax,
        Double wholeWeight,
        Double decimalWeight,
        Integer decimalDigits,
        Double fractionWeight,
        Integer fractionDigits,
        Double absentProbability,
        List<List<Double>> domain) {}
