package io.weights2eq.generator.inbound.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An equation family; fields left out take the defaults of the chosen mode. */
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
        Double absentProbability) {}
