package io.weights2eq.generator.inbound.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code POST /jobs}; every field but count is optional. Unknown fields are rejected. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record JobRequest(
        Long count,
        Long seed,
        FamilyRequest family,
        Integer samplesPerEquation,
        Double xMin,
        Double xMax,
        Double ratePerSecond) {}
