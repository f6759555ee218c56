package dev.descent.conformance;

import dev.descent.BackendMismatchException;
import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Errors a user can act on: a shape mismatch names the operation and every shape; mixing backends names both
 * backends; a bad axis or index names it and the valid range; an invalid argument names the value. Checked on
 * the backend under test because the tensors are real, and no kernel may run before the check (the foreign
 * tensors' backend fails if one does).
 */
abstract class ErrorCases extends ConformanceCases {

    private Tensor t(int... dims) {
        return Tensor.zeros(backend(), dims);
    }

    private static void shapeError(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(ShapeMismatchException.class).hasMessageContainingAll(fragments);
    }

    private static void indexError(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IndexOutOfRangeException.class).hasMessageContainingAll(fragments);
    }

    private static void argumentError(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(InvalidArgumentException.class).hasMessageContainingAll(fragments);
    }

    // ---- shapes -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    void binaryShapeMismatchNamesOperationAndShapes(BinaryOp op) {
        String name = op.name().toLowerCase(Locale.ROOT);
        shapeError(() -> t(3, 4).apply(op, t(5)), name, "[3, 4]", "[5]");
        shapeError(() -> t(2, 3, 4).apply(op, t(3, 5)), name, "[2, 3, 4]", "[3, 5]");
        shapeError(() -> t(3, 4).applyInPlace(op, t(2, 3, 4)), name + "InPlace", "[2, 3, 4]", "[3, 4]");
    }

    @Test
    void productShapeMismatchesNameBothShapes() {
        shapeError(() -> t(32, 64).matmul(t(32, 10)), "matmul", "[32, 64]", "[32, 10]", "64", "32");
        shapeError(() -> t(32, 64).matmul(t(32, 10), false, true), "matmul", "[32, 10]^T");
        shapeError(() -> t(3, 4).matmul(t(4)), "matmul", "[4]");
        shapeError(() -> Tensor.gemm(1f, t(3, 4), false, t(4, 5), false, 0f, t(3, 6)), "gemm", "[3, 5]", "[3, 6]");
        shapeError(() -> Tensor.gemm(1f, t(3, 4), true, t(4, 5), false, 0f, t(4, 5)), "gemm", "[3, 4]^T", "[4, 5]");
        shapeError(() -> t(3, 4).mv(t(5)), "mv", "[3, 4]", "[5]");
        shapeError(() -> t(3).dot(t(4)), "dot", "3", "4");
        shapeError(() -> t(3, 1).dot(t(3)), "dot", "[3, 1]");
        shapeError(() -> t(3, 1).outer(t(3)), "outer", "[3, 1]");
    }

    @Test
    void layoutShapeMismatchesNameTheShapes() {
        shapeError(() -> t(2, 3).reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
        shapeError(() -> t(2, 3).reshape(-1, -1), "reshape", "-1");
        shapeError(() -> t(2, 3).reshape(4, -1), "reshape", "[2, 3]", "[4, -1]");
        shapeError(() -> t(2, 3, 4).transpose(), "transpose", "[2, 3, 4]");
        shapeError(() -> t(2, 3).permute(0), "permute", "[2, 3]");
        shapeError(() -> t(2, 3).permute(1, 1), "permute", "appears twice");
        shapeError(() -> Tensor.concat(0, t(2, 3), t(2, 4)), "concat", "[2, 4]", "[2, 3]", "dimension 1");
        shapeError(() -> Tensor.concat(0, t(2, 3), t(2)), "concat", "[2]", "[2, 3]");
        shapeError(() -> t(3, 2).broadcastTo(3, 4), "broadcastTo", "[3, 2]", "[3, 4]");
        shapeError(() -> t(3, 4).copyFrom(t(4, 3)), "copyFrom", "[4, 3]", "[3, 4]");
        shapeError(() -> t(3, 4).copyFrom(new float[5]), "copyFrom", "5", "[3, 4]");
        shapeError(() -> t(3, 4).addInPlace(t(4, 3), 2f), "addInPlace", "[3, 4]", "[4, 3]");
        shapeError(() -> t(3, 4).addInPlace(t(4, 3)), "addInPlace", "[3, 4]", "[4, 3]");
        shapeError(() -> t(3, 4).item(), "item", "[3, 4]");
        shapeError(() -> Tensor.of(backend(), new float[5], 2, 3), "of", "5", "[2, 3]");
        shapeError(() -> t(3, 4).scatterAddRows(new int[] {0, 1}, 5), "scatterAddRows", "2", "[3, 4]");
        shapeError(() -> Tensor.scalar(backend(), 1f).gatherRows(new int[] {0}), "gatherRows", "scalar");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ReduceOp.class, names = {"MAX", "MIN", "ARGMAX", "ARGMIN"})
    void emptyReductionWithoutIdentityNamesTheShape(ReduceOp op) {
        String name = op.name().toLowerCase(Locale.ROOT);
        shapeError(() -> t(0).reduceAll(op), name, "[0]", "empty");
        shapeError(() -> t(3, 0).reduce(op, 1, false), name, "[3, 0]");
    }

    // ---- backends -----------------------------------------------------------------------------------------

    private void backendError(ThrowingCallable call, String operation) {
        assertThatThrownBy(call).isInstanceOf(BackendMismatchException.class)
                .hasMessageContainingAll(operation, backend().name(), ForeignBackend.NAME);
    }

    @Test
    void mixingBackendsNamesBoth() {
        Tensor foreign = ForeignBackend.tensor(3, 4);
        Tensor mine = t(3, 4);
        for (BinaryOp op : BinaryOp.values()) {
            backendError(() -> mine.apply(op, foreign), op.name().toLowerCase(Locale.ROOT));
            backendError(() -> mine.applyInPlace(op, foreign), op.name().toLowerCase(Locale.ROOT) + "InPlace");
        }
        backendError(() -> mine.add(ForeignBackend.tensor(4)), "add");
        backendError(() -> mine.matmul(ForeignBackend.tensor(4, 2)), "matmul");
        backendError(() -> Tensor.gemm(1f, mine, false, ForeignBackend.tensor(4, 2), false, 0f, t(3, 2)), "gemm");
        backendError(() -> Tensor.gemm(1f, mine, false, t(4, 2), false, 0f, ForeignBackend.tensor(3, 2)), "gemm");
        backendError(() -> mine.mv(ForeignBackend.tensor(4)), "mv");
        backendError(() -> t(4).dot(ForeignBackend.tensor(4)), "dot");
        backendError(() -> t(4).outer(ForeignBackend.tensor(2)), "outer");
        backendError(() -> Tensor.concat(0, mine, foreign), "concat");
        backendError(() -> mine.copyFrom(foreign), "copyFrom");
        backendError(() -> mine.addInPlace(foreign, 0.5f), "addInPlace");
        backendError(() -> mine.addInPlace(ForeignBackend.tensor(4)), "addInPlace");
    }

    // ---- axes and indices ---------------------------------------------------------------------------------

    @Test
    void badAxisNamesItAndTheValidRange() {
        Tensor m = t(3, 4);
        for (ReduceOp op : ReduceOp.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            indexError(() -> m.reduce(op, 2, false), name, "axis 2", "-2..1");
            indexError(() -> m.reduce(op, -3, true), name, "axis -3", "-2..1");
        }
        indexError(() -> m.sum(5), "sum", "axis 5", "[3, 4]", "-2..1");
        indexError(() -> m.softmax(2), "softmax", "axis 2", "-2..1");
        indexError(() -> m.logSoftmax(-3), "logSoftmax", "axis -3", "-2..1");
        indexError(() -> m.slice(2, 0, 1), "slice", "axis 2", "-2..1");
        indexError(() -> t(2, 3, 4).transpose(0, 3), "transpose", "axis 3", "-3..2");
        indexError(() -> m.permute(0, 2), "permute", "axis 2", "-2..1");
        indexError(() -> Tensor.concat(2, m, m), "concat", "axis 2", "-2..1");
        indexError(() -> m.dim(2), "axis 2", "-2..1");
        indexError(() -> Tensor.scalar(backend(), 1f).sum(0), "sum", "axis 0", "scalar");
    }

    @Test
    void badIndexNamesItAndTheValidRange() {
        Tensor m = t(3, 4);
        indexError(() -> m.gatherRows(new int[] {0, 3}), "gatherRows", "index 3", "position 1", "0..2");
        indexError(() -> m.gatherRows(new int[] {-1}), "gatherRows", "index -1", "0..2");
        indexError(() -> m.scatterAddRows(new int[] {0, 1, 5}, 5), "scatterAddRows", "index 5", "0..4");
        indexError(() -> m.slice(1, 2, 5), "slice", "[2, 5)", "axis 1", "0 <= start <= end <= 4");
        indexError(() -> m.slice(0, 2, 1), "slice", "[2, 1)", "<= 3");
        indexError(() -> m.rows(-1, 2), "slice", "[-1, 2)");
        indexError(() -> m.copyTo(new float[11], 0), "copyTo", "12", "11");
        indexError(() -> m.copyTo(new float[12], 1), "copyTo", "offset 1");
    }

    // ---- arguments ----------------------------------------------------------------------------------------

    @Test
    void invalidArgumentsNameTheValue() {
        argumentError(() -> t(3).clamp(2f, 1f), "clamp", "2.0", "1.0");
        argumentError(() -> Tensor.arange(backend(), 0, 5, 0), "arange", "step");
        argumentError(() -> Tensor.uniform(backend(), new SeededRandom(1), 2f, 1f, 3), "uniform", "low=2.0");
        argumentError(() -> Tensor.normal(backend(), new SeededRandom(1), 0f, -1f, 3), "normal", "std=-1.0");
        argumentError(() -> Tensor.zeros(backend(), 3, -2), "dimension 1", "-2");
        Tensor c = t(3, 3);
        argumentError(() -> Tensor.gemm(1f, c, false, t(3, 3), false, 0f, c), "gemm", "share storage");
    }
}
