package dev.descent.ops;

import dev.descent.tensor.Shape;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastLayoutTest {

    private static BroadcastLayout layout(int[] x, int[] y) {
        Shape xs = Shape.of(x);
        Shape ys = Shape.of(y);
        return BroadcastLayout.of(xs, ys, Shape.broadcast(xs, ys, "test"));
    }

    private static void assertLayout(BroadcastLayout l, int[] shape, int[] xStrides, int[] yStrides) {
        assertThat(l.shape()).as("shape").containsExactly(shape);
        assertThat(l.xStrides()).as("x strides").containsExactly(xStrides);
        assertThat(l.yStrides()).as("y strides").containsExactly(yStrides);
    }

    @Test
    void sameShapesCollapseToOneDimension() {
        assertLayout(layout(new int[] {2, 3, 4}, new int[] {2, 3, 4}), new int[] {24}, new int[] {1}, new int[] {1});
    }

    @Test
    void rowBroadcastCollapsesToTwoDimensions() {
        assertLayout(layout(new int[] {2, 3, 4}, new int[] {4}), new int[] {6, 4}, new int[] {4, 1},
                new int[] {0, 1});
        assertLayout(layout(new int[] {4}, new int[] {2, 3, 4}), new int[] {6, 4}, new int[] {0, 1},
                new int[] {4, 1});
    }

    @Test
    void columnBroadcastCollapsesToTwoDimensions() {
        assertLayout(layout(new int[] {3, 4}, new int[] {3, 1}), new int[] {3, 4}, new int[] {4, 1},
                new int[] {1, 0});
        assertLayout(layout(new int[] {2, 3, 4}, new int[] {2, 3, 1}), new int[] {6, 4}, new int[] {4, 1},
                new int[] {1, 0});
    }

    @Test
    void scalarOperandHasZeroStride() {
        assertLayout(layout(new int[] {}, new int[] {5, 2}), new int[] {10}, new int[] {0}, new int[] {1});
        assertLayout(layout(new int[] {}, new int[] {}), new int[] {1}, new int[] {0}, new int[] {0});
        assertLayout(layout(new int[] {1, 1}, new int[] {1}), new int[] {1}, new int[] {0}, new int[] {0});
    }

    @Test
    void sizeOneDimensionsAreDropped() {
        assertLayout(layout(new int[] {1, 5, 1}, new int[] {1, 5, 1}), new int[] {5}, new int[] {1}, new int[] {1});
        assertLayout(layout(new int[] {3, 1, 4}, new int[] {4}), new int[] {3, 4}, new int[] {4, 1},
                new int[] {0, 1});
    }

    @Test
    void alternatingBroadcastStaysRankThree() {
        assertLayout(layout(new int[] {2, 3, 4}, new int[] {3, 1}), new int[] {2, 3, 4}, new int[] {12, 4, 1},
                new int[] {0, 1, 0});
    }

    @Test
    void bothOperandsBroadcasting() {
        assertLayout(layout(new int[] {3, 1}, new int[] {1, 4}), new int[] {3, 4}, new int[] {1, 0},
                new int[] {0, 1});
    }

    @Test
    void everyCollapsedLayoutReadsTheSameElementsAsTheFullOne() {
        int[][][] cases = {{{2, 1, 4}, {1, 3, 1}}, {{5, 1, 1, 3}, {4, 1, 3}}, {{2, 3, 4}, {1, 1, 4}},
                {{7, 1}, {1}}};
        for (int[][] c : cases) {
            Shape x = Shape.of(c[0]);
            Shape y = Shape.of(c[1]);
            Shape out = Shape.broadcast(x, y, "test");
            BroadcastLayout l = BroadcastLayout.of(x, y, out);
            int[] xFull = x.broadcastStrides(out);
            int[] yFull = y.broadcastStrides(out);
            int[] collapsed = l.shape();
            for (int f = 0; f < out.size(); f++) {
                assertThat(offset(f, collapsed, l.xStrides())).isEqualTo(offset(f, out.dims(), xFull));
                assertThat(offset(f, collapsed, l.yStrides())).isEqualTo(offset(f, out.dims(), yFull));
            }
        }
    }

    private static int offset(int flat, int[] dims, int[] strides) {
        int off = 0;
        for (int d = dims.length - 1; d >= 0; d--) {
            off += (flat % dims[d]) * strides[d];
            flat /= dims[d];
        }
        return off;
    }
}
