/**
 * Seed 002's expression language: immutable trees of exact constants, the inputs {@code x} (or {@code x1},
 * {@code x2}), {@code + - * /}, integer powers and {@code sin cos exp log sqrt}; the parser
 * ({@link io.weights2eq.domain.expression.ExpressionParser}), the one normal form
 * ({@link io.weights2eq.domain.expression.NormalForm}) whose text ({@link io.weights2eq.domain.expression.ExpressionText})
 * makes exact match meaningful, double evaluation, and the v2 token vocabulary. The syntax and the rules:
 * {@code docs/expressions.md}.
 */
package io.weights2eq.domain.expression;
