/**
 * The equation language of weights2eq: exact polynomials ({@link io.weights2eq.domain.equation.Polynomial}),
 * their one canonical text over the 15-symbol alphabet {@code 0123456789+*-x.}, the parser that accepts
 * equivalent spellings ({@link io.weights2eq.domain.equation.EquationParser}), the 19-token
 * {@link io.weights2eq.domain.equation.Vocabulary}, equation families and the deterministic generator that
 * turns {@code (jobSeed, index)} into an equation with its float32 samples.
 *
 * <p>Everything here is pure Java with no dependencies, so every service (and the tests) can share it.
 */
package io.weights2eq.domain.equation;
