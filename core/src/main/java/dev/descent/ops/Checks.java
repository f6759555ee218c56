package dev.descent.ops;

import dev.descent.AutogradException;
import dev.descent.BackendMismatchException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.Node;
import dev.descent.tensor.Tensor;

/**
 * The checks and recording decisions every op family shares: same backend, rank, in-place safety, and whether
 * a result must record its backward node. Messages name the operation and the shapes. Stateless.
 */
public final class Checks {
    private Checks() {
    }

    /** Fails unless {@code a} and {@code b} live on the same backend instance. */
    public static void sameBackend(String operation, Tensor a, Tensor b) {
        if (b.backend() != a.backend()) {
            throw new BackendMismatchException(operation + ": tensors are on different backends ("
                    + a.backend().name() + " and " + b.backend().name()
                    + (a.backend().name().equals(b.backend().name()) ? ", two separate instances" : "")
                    + "); copy one across with tensor.to(backend)");
        }
    }

    /** Fails unless {@code t} has rank {@code rank}. */
    public static void rank(String operation, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new ShapeMismatchException(operation + ": expected a " + rank + "-D tensor, got shape " + t.shape());
        }
    }

    /** In-place changes would corrupt a recorded graph that saved this tensor's values. */
    public static void inPlace(String operation, Tensor t) {
        if (t.gradFn() != null && GradMode.isEnabled()) {
            throw new AutogradException(operation + ": in-place change of a tensor computed by " + t.gradFn().name()
                    + " while grad mode is on would corrupt its gradients; use the out-of-place operation, or "
                    + "detach() first");
        }
    }

    /** Whether an operation on {@code x} alone must be recorded. */
    static boolean recording(Tensor x) {
        return x.requiresGrad() && GradMode.isEnabled();
    }

    /** Whether an operation on {@code x} and {@code y} must be recorded. */
    static boolean recording(Tensor x, Tensor y) {
        return (x.requiresGrad() || y.requiresGrad()) && GradMode.isEnabled();
    }

    /** Attaches {@code node} (null: not differentiable) to the fresh result {@code out}; returns {@code out}. */
    static Tensor record(Tensor out, Node node) {
        return node == null ? out : out.withGradFn(node);
    }

    static String describeOperand(Tensor t, boolean transposed) {
        return transposed ? t.shape() + "^T" : t.shape().toString();
    }
}
