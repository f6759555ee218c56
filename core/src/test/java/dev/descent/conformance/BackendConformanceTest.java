package dev.descent.conformance;

import dev.descent.spi.Backend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The backend conformance suite. A backend module runs all of it against its own backend with one class:
 * <pre>{@code
 * class ScalarConformanceTest extends BackendConformanceTest {
 *     protected Backend backend() { return Backends.get("scalar"); }
 * }
 * }</pre>
 * (with {@code descent-core}'s {@code test-jar} as a test dependency). Every SPI operation is compared with a
 * float64 {@link Reference} under the per-operation bounds documented in {@link Tolerance}, over empty,
 * one-element, odd (1, 7, 17, 1023, 1025, 4099) and large (100003) sizes, broadcasting patterns, all GEMM
 * transpose combinations, seeded random inputs and IEEE edge values; error messages are checked too.
 *
 * <p>The cases live in one abstract class per area; each {@code @Nested} class below hands them this suite's
 * backend, and JUnit runs every inherited test there, reporting failures as e.g.
 * {@code BackendConformanceTest$Unary > matchesReference(EXP, 1025)} with a message that names the element,
 * its input, the expected value and the tolerance rule. {@link #backend()} may return a shared instance: the
 * suite never closes it.
 */
public abstract class BackendConformanceTest {

    /** The backend under test; called once per test, may return the same shared instance every time. */
    protected abstract Backend backend();

    @Nested
    @DisplayName("creation and transfer")
    class Creation extends CreationCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("elementwise unary")
    class Unary extends UnaryCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("elementwise binary and broadcasting")
    class Binary extends BinaryCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("reductions and softmax")
    class Reductions extends ReductionCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("gemm, matmul, mv, dot, outer")
    class LinearAlgebra extends LinearAlgebraCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("layout: reshape, transpose, permute, slice, gather, scatter, concat, broadcastTo")
    class Layout extends LayoutCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("in place: fill, copyFrom, addInPlace, mulInPlace, applyInPlace")
    class InPlace extends InPlaceCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }

    @Nested
    @DisplayName("errors")
    class Errors extends ErrorCases {
        @Override
        protected Backend backend() {
            return BackendConformanceTest.this.backend();
        }
    }
}
