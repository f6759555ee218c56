package dev.descent.spark;

import java.util.List;
import java.util.Map;

/**
 * What a distributed fit produced: the trained parameters by name (PyTorch's {@code nn.Linear} layout, the order
 * of {@code namedParameters()}), and per step (full batch) or per round (mini-batch) the training loss before that
 * step and the seconds elapsed since training started.
 *
 * @param parameters the parameters' values by name
 * @param shapes     the parameters' shapes by name
 * @param loss       the mean training loss of each step or round
 * @param seconds    seconds since the start at the end of each step or round
 */
record TrainingRun(Map<String, float[]> parameters, Map<String, int[]> shapes, List<Double> loss,
                   List<Double> seconds) {
}
