package dev.descent.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StridedLoopsTest {

    private static List<String> binaryRows(int[] shape, int[] xStrides, int[] yStrides) {
        List<String> rows = new ArrayList<>();
        StridedLoops.forEachRow(shape, xStrides, yStrides, (x, y, out) -> rows.add(x + "," + y + "," + out));
        return rows;
    }

    private static List<String> copyRows(int[] shape, int srcOffset, int[] srcStrides, int dstOffset,
                                         int[] dstStrides) {
        List<String> rows = new ArrayList<>();
        StridedLoops.forEachRow(shape, srcOffset, srcStrides, dstOffset, dstStrides, (s, d) -> rows.add(s + "," + d));
        return rows;
    }

    @Test
    void rankOneIsASingleRow() {
        assertThat(binaryRows(new int[] {5}, new int[] {1}, new int[] {0})).containsExactly("0,0,0");
    }

    @Test
    void rowBroadcastRepeatsTheRow() {
        assertThat(binaryRows(new int[] {3, 4}, new int[] {4, 1}, new int[] {0, 1}))
                .containsExactly("0,0,0", "4,0,4", "8,0,8");
    }

    @Test
    void columnBroadcastStepsOncePerRow() {
        assertThat(binaryRows(new int[] {3, 4}, new int[] {4, 1}, new int[] {1, 0}))
                .containsExactly("0,0,0", "4,1,4", "8,2,8");
    }

    @Test
    void rankThreeCarriesIntoOuterDimensions() {
        // x dense [2, 3, 4]; y [3, 1] broadcast: strides [0, 1, 0]
        assertThat(binaryRows(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {0, 1, 0}))
                .containsExactly("0,0,0", "4,1,4", "8,2,8", "12,0,12", "16,1,16", "20,2,20");
    }

    @Test
    void emptyShapesVisitNothing() {
        assertThat(binaryRows(new int[] {0, 4}, new int[] {4, 1}, new int[] {4, 1})).isEmpty();
        assertThat(binaryRows(new int[] {3, 0}, new int[] {0, 1}, new int[] {0, 1})).isEmpty();
        assertThat(copyRows(new int[] {2, 0, 3}, 0, new int[] {0, 3, 1}, 0, new int[] {0, 3, 1})).isEmpty();
    }

    @Test
    void copyRowsFollowBothLayoutsFromTheirOffsets() {
        // a [2, 3] block transposed from a [3, 2] source at offset 1 into a 5-wide destination at offset 7
        assertThat(copyRows(new int[] {2, 3}, 1, new int[] {1, 2}, 7, new int[] {5, 1}))
                .containsExactly("1,7", "2,12");
        assertThat(copyRows(new int[] {2, 2, 2}, 0, new int[] {4, 2, 1}, 100, new int[] {1, 2, 4}))
                .containsExactly("0,100", "2,102", "4,101", "6,103");
    }
}
