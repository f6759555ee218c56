package dev.descent.backend.tornadovm;

import dev.descent.spi.Storage;

/**
 * The TornadoVM backend's {@link dev.descent.spi.OptimizerKernels}: each update is one launch of a fused kernel
 * ({@link FusedOptimizerKernels}) on the device-resident parameter, gradient and state, so an optimizer step
 * moves no tensor data between host and device. Thread-safe (launches are serialised by the backend).
 */
final class OptimizerKernels implements dev.descent.spi.OptimizerKernels {
    private final TornadoVmBackend backend;

    OptimizerKernels(TornadoVmBackend backend) {
        this.backend = backend;
    }

    @Override
    public void sgd(Storage param, Storage grad, Storage momentumBuffer, int length, float lr, float weightDecay,
                    float momentum, float dampening, boolean nesterov, boolean firstStep) {
        backend.sgd(param, grad, momentumBuffer, length, lr, weightDecay, momentum, dampening, nesterov, firstStep);
    }

    @Override
    public void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length, float lr,
                     float beta1, float beta2, float eps, float weightDecay, boolean decoupledWeightDecay,
                     float biasCorrection1, float biasCorrection2) {
        backend.adam(param, grad, expAvg, expAvgSq, length, lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay,
                biasCorrection1, biasCorrection2);
    }

    @Override
    public void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                        int length, float lr, float alpha, float eps, float weightDecay, float momentum) {
        backend.rmsprop(param, grad, squareAvg, gradAvg, momentumBuffer, length, lr, alpha, eps, weightDecay, momentum);
    }

    @Override
    public void adagrad(Storage param, Storage grad, Storage sum, int length, float decayedLr, float eps,
                        float weightDecay) {
        backend.adagrad(param, grad, sum, length, decayedLr, eps, weightDecay);
    }
}
