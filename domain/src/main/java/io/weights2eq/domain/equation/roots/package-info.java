/**
 * Real roots of exact polynomials: {@link io.weights2eq.domain.equation.roots.RealRoots#largest} (the largest
 * real root, correctly rounded, with its multiplicity, by exact Sturm sequences), and seed 001's 9,261 monic
 * cubics with their largest roots ({@link io.weights2eq.domain.equation.roots.SeedCubics}).
 */
package io.weights2eq.domain.equation.roots;
