package dev.descent.data;

import dev.descent.InvalidArgumentException;
import dev.descent.tensor.SeededRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A dataset cut in two at random, as scikit-learn's {@code train_test_split(test_size=fraction)}: the held-out
 * part has {@code ceil(fraction * rows)} rows, the rest are the training part, each part in its original row
 * order. The rows chosen depend only on the seed (a {@link SeededRandom} permutation), not on the backend or the
 * JVM. {@link Dataset#stratifiedSplit} keeps each target value's share in both parts (scikit-learn's
 * {@code stratify=y}): each class gives {@code floor(fraction * count)} rows, and the rows still missing to reach
 * the total go to the classes with the largest remainders (the smaller class value first on ties). The rows
 * chosen differ from scikit-learn's, whose generator is another one; the sizes and proportions are the same.
 *
 * <p>Immutable and thread-safe.
 *
 * @param train   the rows not held out
 * @param holdout the held-out rows (validation or test)
 */
public record DatasetSplit(Dataset train, Dataset holdout) {
    static DatasetSplit random(Dataset data, double fraction, long seed) {
        int holdout = holdoutRows(data.rows(), fraction);
        int[] order = new SeededRandom(seed).permutation(data.rows());
        boolean[] held = new boolean[data.rows()];
        for (int i = 0; i < holdout; i++) {
            held[order[i]] = true;
        }
        return cut(data, held);
    }

    static DatasetSplit stratified(Dataset data, double fraction, long seed) {
        int total = holdoutRows(data.rows(), fraction);
        TreeMap<Float, List<Integer>> classes = new TreeMap<>();
        for (int r = 0; r < data.rows(); r++) {
            classes.computeIfAbsent(data.target(r), k -> new ArrayList<>()).add(r);
        }
        List<List<Integer>> groups = new ArrayList<>(classes.values());
        int[] take = new int[groups.size()];
        double[] remainder = new double[groups.size()];
        int taken = 0;
        for (int g = 0; g < groups.size(); g++) {
            double exact = fraction * groups.get(g).size();
            take[g] = (int) Math.floor(exact);
            remainder[g] = exact - take[g];
            taken += take[g];
        }
        while (taken < total) {
            int best = -1;
            for (int g = 0; g < groups.size(); g++) {
                if (take[g] < groups.get(g).size() && (best < 0 || remainder[g] > remainder[best])) {
                    best = g;
                }
            }
            take[best]++;
            remainder[best] = -1;
            taken++;
        }
        SeededRandom random = new SeededRandom(seed);
        boolean[] held = new boolean[data.rows()];
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> rows = groups.get(g);
            int[] order = random.permutation(rows.size());
            for (int i = 0; i < take[g]; i++) {
                held[rows.get(order[i])] = true;
            }
        }
        return cut(data, held);
    }

    private static int holdoutRows(int rows, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidArgumentException("Dataset.split: fraction must be in (0, 1), got " + fraction);
        }
        int holdout = (int) Math.ceil(fraction * rows);
        if (holdout >= rows) {
            throw new InvalidArgumentException("Dataset.split: holding out " + fraction + " of " + rows
                    + " rows leaves no training rows");
        }
        return holdout;
    }

    private static DatasetSplit cut(Dataset data, boolean[] held) {
        int count = 0;
        for (boolean h : held) {
            count += h ? 1 : 0;
        }
        int[] keep = new int[held.length - count];
        int[] out = new int[count];
        int k = 0;
        int o = 0;
        for (int r = 0; r < held.length; r++) {
            if (held[r]) {
                out[o++] = r;
            } else {
                keep[k++] = r;
            }
        }
        return new DatasetSplit(data.select(keep), data.select(out));
    }
}
