package dev.descent.tensor;

import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShapeTest {

    @Test
    void sizesRanksAndStrides() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.strides()).containsExactly(12, 4, 1);
        assertThat(s.toString()).isEqualTo("[2, 3, 4]");
        assertThat(Shape.of()).isSameAs(Shape.scalar());
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.scalar().rank()).isZero();
        assertThat(Shape.scalar().strides()).isEmpty();
        assertThat(Shape.scalar().toString()).isEqualTo("[]");
        assertThat(Shape.of(3, 0, 5).size()).isZero();
        assertThat(Shape.of(3, 0, 5).strides()).containsExactly(0, 5, 1);
    }

    @Test
    void dimensionsAreCopiedInAndOut() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 99;
        assertThat(s.dim(0)).isEqualTo(2);
        s.dims()[1] = 99;
        assertThat(s.dim(1)).isEqualTo(3);
    }

    @Test
    void equalityByDimensions() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        assertThat(Shape.of(1)).isNotEqualTo(Shape.scalar());
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.dim(-3)).isEqualTo(2);
        assertThat(s.axis(-2, "op")).isEqualTo(1);
        assertThat(s.axis(2, "op")).isEqualTo(2);
    }

    @Test
    void badAxisNamesOperationShapeAndValidRange() {
        Shape s = Shape.of(2, 3);
        assertThatThrownBy(() -> s.axis(2, "sum")).isInstanceOf(IndexOutOfRangeException.class)
                .hasMessage("sum: axis 2 out of range for shape [2, 3] (valid: -2..1)");
        assertThatThrownBy(() -> s.axis(-3, "sum")).isInstanceOf(IndexOutOfRangeException.class)
                .hasMessageContaining("axis -3");
        assertThatThrownBy(() -> Shape.scalar().axis(0, "softmax")).isInstanceOf(IndexOutOfRangeException.class)
                .hasMessage("softmax: axis 0 out of range for shape [] (valid: none, the tensor is a scalar)");
    }

    @Test
    void negativeDimensionIsRejectedWithItsIndex() {
        assertThatThrownBy(() -> Shape.of(2, -1, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("shape [2, -1, 3]: dimension 1 is negative (-1); dimensions must be >= 0");
    }

    @Test
    void sizeOverflowIsRejected() {
        assertThatThrownBy(() -> Shape.of(65536, 65536)).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContainingAll("[65536, 65536]", String.valueOf(Integer.MAX_VALUE));
        assertThat(Shape.of(Integer.MAX_VALUE).size()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Shape.of(46341, 46340).size()).isEqualTo(46341 * 46340);
    }

    @Test
    void broadcastFollowsNumPy() {
        assertThat(Shape.broadcast(Shape.of(3, 1), Shape.of(1, 4), "add")).isEqualTo(Shape.of(3, 4));
        assertThat(Shape.broadcast(Shape.of(4), Shape.of(2, 3, 4), "add")).isEqualTo(Shape.of(2, 3, 4));
        assertThat(Shape.broadcast(Shape.scalar(), Shape.of(2, 3), "add")).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast(Shape.of(2, 3), Shape.scalar(), "add")).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast(Shape.of(0), Shape.of(1), "add")).isEqualTo(Shape.of(0));
        assertThat(Shape.broadcast(Shape.of(5, 1, 0), Shape.of(3, 1), "add")).isEqualTo(Shape.of(5, 3, 0));
        assertThat(Shape.broadcast(Shape.scalar(), Shape.scalar(), "add")).isEqualTo(Shape.scalar());
    }

    @Test
    void incompatibleBroadcastNamesOperationShapesAndDimension() {
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(2, 3), Shape.of(4, 3), "mul"))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContainingAll("mul", "[2, 3]", "[4, 3]", "dimension 0", "2 vs 4");
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(0), Shape.of(2), "add"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("0 vs 2");
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(7, 2, 3), Shape.of(3, 3), "sub"))
                .hasMessageContainingAll("[7, 2, 3]", "[3, 3]", "dimension 1");
    }

    @Test
    void broadcastsToIsOneSided() {
        assertThat(Shape.of(3).broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.of(1, 3).broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.scalar().broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.of(2, 3).broadcastsTo(Shape.of(3))).isFalse();
        assertThat(Shape.of(2, 3).broadcastsTo(Shape.of(1, 3))).isFalse();
        assertThat(Shape.of(1).broadcastsTo(Shape.scalar())).isFalse();
        assertThat(Shape.of(1).broadcastsTo(Shape.of(0))).isTrue();
    }

    @Test
    void broadcastStridesAreZeroOnBroadcastDimensions() {
        assertThat(Shape.of(3, 1).broadcastStrides(Shape.of(2, 3, 4))).containsExactly(0, 1, 0);
        assertThat(Shape.of(4).broadcastStrides(Shape.of(3, 4))).containsExactly(0, 1);
        assertThat(Shape.of(1, 1).broadcastStrides(Shape.of(1, 1))).containsExactly(1, 1);
        assertThat(Shape.scalar().broadcastStrides(Shape.of(2))).containsExactly(0);
    }

    @Test
    void reduceDropsOrKeepsTheAxis() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.reduce(1, false)).isEqualTo(Shape.of(2, 4));
        assertThat(s.reduce(1, true)).isEqualTo(Shape.of(2, 1, 4));
        assertThat(Shape.of(5).reduce(0, false)).isSameAs(Shape.scalar());
        assertThat(Shape.of(5).reduce(0, true)).isEqualTo(Shape.of(1));
        assertThat(s.outer(1)).isEqualTo(2);
        assertThat(s.inner(1)).isEqualTo(4);
        assertThat(s.outer(0)).isEqualTo(1);
        assertThat(s.inner(2)).isEqualTo(1);
    }
}
