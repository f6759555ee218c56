package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer discipline in a training loop written with the tensor API (the mini-batch SGD of the linear-regression
 * example): after the first step, a step moves no tensor data, only the mini-batch's row indices (one tiny
 * staging buffer per gather) and the per-launch parameters; the loss comes back only when read.
 */
class TrainingTransfersTest {
    @Test
    void sgdStepsKeepTensorsOnTheDevice() {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        SeededRandom random = new SeededRandom(42);
        int samples = 100;
        int batchSize = 10;
        Tensor x = Tensor.rand(backend, random, samples, 1);
        Tensor y = x.mul(3f).add(Tensor.rand(backend, random, samples, 1));
        Tensor weight = Tensor.zeros(backend, 1, 1);
        Tensor bias = Tensor.zeros(backend, 1);

        step(x, y, weight, bias, random, samples, batchSize);   // compiles what the loop uses
        TransferStats.Snapshot before = backend.transfers();
        int steps = 50;
        for (int i = 0; i < steps; i++) {
            step(x, y, weight, bias, random, samples, batchSize);
        }
        TransferStats.Snapshot perRun = backend.transfers().minus(before);

        long indexBytes = 2L * KernelPlan.TINY_STAGING * Float.BYTES;   // two gathers, one tiny staging each
        assertThat(perRun.dataToHostBytes()).isZero();
        assertThat(perRun.dataToDeviceBytes()).isEqualTo(steps * indexBytes);
        System.out.printf("tornadovm SGD step (batch %d): %d B tensor data to device (row indices), %d B to host, "
                        + "%d B parameters, %d launches; TornadoVM profiler: %d B in, %d B out%n", batchSize,
                perRun.dataToDeviceBytes() / steps, perRun.dataToHostBytes() / steps, perRun.parameterBytes() / steps,
                perRun.launches() / steps, perRun.profiledCopyInBytes() / steps, perRun.profiledCopyOutBytes() / steps);

        float w = weight.item();
        assertThat(backend.transfers().minus(before).dataToHostBytes()).isEqualTo(KernelPlan.TINY_STAGING * Float.BYTES);
        assertThat(w).isBetween(0.5f, 4f);
    }

    private static void step(Tensor x, Tensor y, Tensor weight, Tensor bias, SeededRandom random, int samples,
                             int batchSize) {
        int[] batch = Arrays.copyOf(random.permutation(samples), batchSize);
        Tensor xb = x.gatherRows(batch);
        Tensor yb = y.gatherRows(batch);
        Tensor error = xb.matmul(weight).add(bias).sub(yb);
        Tensor gradWeight = xb.matmul(error, true, false).mul(2f / batchSize);
        Tensor gradBias = error.sum(0).mul(2f / batchSize);
        weight.addInPlace(gradWeight, -0.1f);
        bias.addInPlace(gradBias, -0.1f);
    }
}
