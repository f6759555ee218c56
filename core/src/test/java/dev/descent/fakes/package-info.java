/**
 * Test-only backend providers for core's discovery tests; excluded from the published test jar.
 */
package dev.descent.fakes;
