/**
 * The examples behind {@code bin/example}: {@link dev.descent.examples.Examples} is the entry point, one class
 * per example, and {@link dev.descent.examples.LinearData} generates their data and its exact least-squares
 * answer.
 */
package dev.descent.examples;
