package dev.descent.tensor;

import dev.descent.InvalidArgumentException;
import dev.descent.conformance.SplitMix64;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SeededRandomTest {

    @Test
    void isStandardSplitMix64() {
        // The published first outputs of SplitMix64 from seed 0: portable across JVMs and languages.
        SeededRandom r = new SeededRandom(0);
        assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void sameSeedSameSequence() {
        SeededRandom a = new SeededRandom(42);
        SeededRandom b = new SeededRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        assertThat(new SeededRandom(43).nextLong()).isNotEqualTo(new SeededRandom(42).nextLong());
    }

    @Test
    void stateSaveAndRestoreContinuesExactly() {
        SeededRandom r = new SeededRandom(7);
        r.nextDouble();
        r.nextGaussian();
        long saved = r.state();
        double[] expected = {r.nextDouble(), r.nextGaussian(), r.nextInt(10), r.nextFloat()};
        SeededRandom restored = new SeededRandom(0);
        restored.setState(saved);
        assertThat(new double[] {restored.nextDouble(), restored.nextGaussian(), restored.nextInt(10),
                restored.nextFloat()}).containsExactly(expected);
    }

    @Test
    void uniformValuesStayInTheUnitInterval() {
        SeededRandom r = new SeededRandom(1);
        double lowest = 1;
        double highest = 0;
        for (int i = 0; i < 100_000; i++) {
            double d = r.nextDouble();
            float f = r.nextFloat();
            lowest = Math.min(lowest, Math.min(d, f));
            highest = Math.max(highest, Math.max(d, f));
        }
        assertThat(lowest).isGreaterThanOrEqualTo(0).isLessThan(0.001);
        assertThat(highest).isLessThan(1).isGreaterThan(0.999);
        SeededRandom top = new SeededRandom(0);
        top.setState(SplitMix64.stateBefore(-1L));
        assertThat(top.nextDouble()).as("largest draw").isEqualTo(1 - 0x1p-53);
        top.setState(SplitMix64.stateBefore(-1L));
        assertThat(top.nextFloat()).as("largest draw").isEqualTo(1 - 0x1p-24f);
    }

    @Test
    void nextIntCoversItsRangeWithoutBias() {
        SeededRandom r = new SeededRandom(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500);
        }
        assertThat(r.nextInt(1)).isZero();
        // With a bound of 1.5·2^30, plain `r % bound` would land in the lower half 56% of the time.
        int bound = 0x60000000;
        int lower = 0;
        int draws = 20_000;
        int outside = 0;
        for (int i = 0; i < draws; i++) {
            int v = r.nextInt(bound);
            outside += v < 0 || v >= bound ? 1 : 0;
            lower += v < bound / 2 ? 1 : 0;
        }
        assertThat(outside).isZero();
        assertThat(lower / (double) draws).isCloseTo(0.5, within(0.02));
        int big = r.nextInt(Integer.MAX_VALUE);
        assertThat(big).isNotNegative();
    }

    @Test
    void nextIntRejectsEmptyRanges() {
        SeededRandom r = new SeededRandom(3);
        assertThatThrownBy(() -> r.nextInt(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContainingAll("nextInt", "bound", "0");
        assertThatThrownBy(() -> r.nextInt(-5)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-5");
    }

    @Test
    void permutationIsAPermutation() {
        for (int n : new int[] {0, 1, 2, 17, 1000}) {
            int[] p = new SeededRandom(n).permutation(n);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            assertThat(sorted).containsExactly(IntStream.range(0, n).toArray());
        }
        int[] p = new SeededRandom(5).permutation(1000);
        assertThat(p).isNotEqualTo(IntStream.range(0, 1000).toArray());
        assertThat(new SeededRandom(5).permutation(1000)).containsExactly(p);
    }

    @Test
    void permutationsOfThreeAreEquallyLikely() {
        SeededRandom r = new SeededRandom(11);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            counts.merge(Arrays.toString(r.permutation(3)), 1, Integer::sum);
        }
        assertThat(counts).hasSize(6);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(9_500, 10_500));
    }

    @Test
    void gaussiansHaveUnitMomentsAndAreDeterministic() {
        float[] g = new float[100_001];
        new SeededRandom(9).fillGaussian(g);
        double sum = 0;
        double squares = 0;
        int nonFinite = 0;
        for (float v : g) {
            nonFinite += Float.isFinite(v) ? 0 : 1;
            sum += v;
            squares += (double) v * v;
        }
        assertThat(nonFinite).isZero();
        assertThat(sum / g.length).isCloseTo(0, within(0.01));
        assertThat(squares / g.length).isCloseTo(1, within(0.02));
        float[] again = new float[g.length];
        new SeededRandom(9).fillGaussian(again);
        assertThat(Arrays.equals(again, g)).as("same seed, same gaussians").isTrue();
        SeededRandom single = new SeededRandom(2);
        double first = single.nextGaussian();
        assertThat(Double.isFinite(first)).isTrue();
    }

    @Test
    void oddLengthGaussianFillEndsWithOneSingleDraw() {
        float[] three = new float[3];
        new SeededRandom(4).fillGaussian(three);
        float[] two = new float[2];
        SeededRandom r = new SeededRandom(4);
        r.fillGaussian(two);
        assertThat(three[0]).isEqualTo(two[0]);
        assertThat(three[1]).isEqualTo(two[1]);
        assertThat(three[2]).isEqualTo((float) r.nextGaussian());
    }

    @Test
    void splitGivesADifferentDeterministicStream() {
        SeededRandom parent = new SeededRandom(8);
        SeededRandom child = parent.split();
        assertThat(child.nextLong()).isNotEqualTo(parent.nextLong());
        SeededRandom parent2 = new SeededRandom(8);
        SeededRandom child2 = parent2.split();
        assertThat(child2.state()).isEqualTo(new SeededRandom(8).split().state());
    }
}
