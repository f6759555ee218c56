package dev.descent.autograd.checks;

import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.autograd.Node;
import dev.descent.AutogradException;
import dev.descent.ShapeMismatchException;
import dev.descent.spi.Backend;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour of the autograd engine, for one backend: accumulation, detach, grad mode scopes, retained
 * graphs and gradients, custom nodes, and the errors a user sees. A backend module runs it with a one-line
 * subclass.
 */
public abstract class AutogradEngineChecks {
    /** The backend under test. */
    protected abstract Backend backend();

    private Tensor vector(float... values) {
        return Tensor.of(backend(), values);
    }

    @Test
    void backwardFillsLeafGradientsAndAccumulatesUntilCleared() {
        Tensor x = vector(1f, 2f, 3f).requiresGrad(true);
        x.square().sum().backward();
        assertThat(x.grad().toArray()).containsExactly(2f, 4f, 6f);
        x.square().sum().backward();
        assertThat(x.grad().toArray()).containsExactly(4f, 8f, 12f);
        x.setGrad(null);
        x.mul(3f).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3f, 3f, 3f);
    }

    @Test
    void resultsAreNonLeavesThatRequireGradButKeepNoGradient() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(2f);
        assertThat(x.isLeaf()).isTrue();
        assertThat(y.isLeaf()).isFalse();
        assertThat(y.requiresGrad()).isTrue();
        assertThat(y.gradFn().name()).contains("MULTIPLY");
        y.sum().backward();
        assertThat(y.grad()).isNull();
    }

    @Test
    void retainGradKeepsANonLeafGradient() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(2f).retainGrad();
        y.square().sum().backward();
        assertThat(y.grad().toArray()).containsExactly(4f, 8f);
        assertThat(x.grad().toArray()).containsExactly(8f, 16f);
    }

    @Test
    void detachStopsTheGradientAndSharesValues() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor d = x.mul(3f).detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        x.mul(d).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3f, 6f);
    }

    @Test
    void noGradScopesRecordNothingAndNest() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        assertThat(GradMode.isEnabled()).isTrue();
        try (NoGrad _ = GradMode.noGrad()) {
            assertThat(x.mul(2f).requiresGrad()).isFalse();
            try (NoGrad _ = GradMode.enableGrad()) {
                assertThat(x.mul(2f).requiresGrad()).isTrue();
            }
            assertThat(GradMode.isEnabled()).isFalse();
            x.addInPlace(x.mul(1f), -0.5f);    // an optimizer-style update of a leaf
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(x.toArray()).containsExactly(0.5f, 1f);
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        try (NoGrad _ = GradMode.noGrad()) {
            boolean elsewhere = CompletableFuture.supplyAsync(GradMode::isEnabled).get();
            assertThat(elsewhere).isTrue();
            assertThat(GradMode.isEnabled()).isFalse();
        }
    }

    @Test
    void backwardOnANonScalarNeedsAGradient() {
        Tensor x = vector(1f, 2f, 3f).requiresGrad(true);
        Tensor y = x.mul(2f).reshape(3, 1);
        assertThatThrownBy(y::backward).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("backward").hasMessageContaining("[3, 1]")
                .hasMessageContaining("one-element");
        y.backward(Tensor.of(backend(), new float[] {1f, 10f, 100f}, 3, 1));
        assertThat(x.grad().toArray()).containsExactly(2f, 20f, 200f);
        assertThatThrownBy(() -> x.mul(2f).backward(vector(1f, 2f))).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2]").hasMessageContaining("[3]");
    }

    @Test
    void secondBackwardThroughAFreedGraphIsAClearErrorUnlessRetained() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward();
        assertThatThrownBy(loss::backward).isInstanceOf(AutogradException.class)
                .hasMessageContaining("already freed").hasMessageContaining("retainGraph");

        Tensor y = vector(1f, 2f).requiresGrad(true);
        Tensor kept = y.square().sum();
        kept.backward(null, true);
        kept.backward();
        assertThat(y.grad().toArray()).containsExactly(4f, 8f);
    }

    @Test
    void backwardOnATensorWithoutGradientIsAClearError() {
        assertThatThrownBy(() -> vector(1f).backward()).isInstanceOf(AutogradException.class)
                .hasMessageContaining("does not require a gradient");
    }

    @Test
    void backwardOnALeafSetsItsOwnGradient() {
        Tensor x = vector(5f).requiresGrad(true);
        x.backward();
        assertThat(x.grad().toArray()).containsExactly(1f);
    }

    @Test
    void inPlaceChangeOfARecordedResultIsRefusedWhileGradModeIsOn() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor y = x.exp();
        assertThatThrownBy(() -> y.mulInPlace(2f)).isInstanceOf(AutogradException.class)
                .hasMessageContaining("mulInPlace").hasMessageContaining("EXP");
        assertThatThrownBy(() -> y.fill(0f)).isInstanceOf(AutogradException.class);
        assertThatThrownBy(() -> y.requiresGrad(false)).isInstanceOf(AutogradException.class)
                .hasMessageContaining("detach");
    }

    @Test
    void gradientsNeverAliasIntermediates() {
        // add passes the same gradient tensor to both operands; each leaf must get its own copy.
        Tensor a = vector(1f, 2f).requiresGrad(true);
        Tensor b = vector(3f, 4f).requiresGrad(true);
        a.add(b).sum().backward();
        a.grad().mulInPlace(5f);
        assertThat(b.grad().toArray()).containsExactly(1f, 1f);
    }

    @Test
    void customNodesPlugIntoTheEngine() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor y;
        try (NoGrad _ = GradMode.noGrad()) {
            y = x.mul(3f);
        }
        assertThat(Node.shouldRecord(x)).isTrue();
        y.withGradFn(new Node(x) {
            @Override
            protected Tensor[] backward(Tensor g) {
                return new Tensor[] {g.mul(3f)};
            }
        });
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3f, 3f);
        assertThatThrownBy(() -> x.withGradFn(new Node(x) {
            @Override
            protected Tensor[] backward(Tensor g) {
                return new Tensor[] {g};
            }
        })).isInstanceOf(AutogradException.class);
    }

    @Test
    void aNodeReturningAWronglyShapedGradientIsNamed() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor y;
        try (NoGrad _ = GradMode.noGrad()) {
            y = x.sum();
        }
        y.withGradFn(new Node(x) {
            @Override
            public String name() {
                return "BrokenBackward";
            }

            @Override
            protected Tensor[] backward(Tensor g) {
                return new Tensor[] {g};
            }
        });
        assertThatThrownBy(y::backward).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("BrokenBackward").hasMessageContaining("[2]");
    }
}
