/**
 * The examples behind {@code bin/example}: {@link dev.descent.examples.Examples} is the entry point, one class
 * per example. {@link dev.descent.examples.LinearData} generates the regression data and its exact least-squares
 * answer, {@link dev.descent.examples.ClassificationData} the two-moons and two-cluster classification data.
 */
package dev.descent.examples;
