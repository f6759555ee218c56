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
                    float momentum, float dampeningComplement, boolean nesterov, boolean firstStep) {
        backend.sgd(param, grad, momentumBuffer, length, lr, weightDecay, momentum, dampeningComplement, nesterov,
                firstStep);
    }

    @Override
    public void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int length,
                     float beta1Complement, float beta2, float beta2Complement, float eps, float weightDecay,
                     float decoupledScale, float stepSize, float biasCorrection2Sqrt) {
        backend.adam(param, grad, expAvg, expAvgSq, length, beta1Complement, beta2, beta2Complement, eps,
                weightDecay, decoupledScale, stepSize, biasCorrection2Sqrt);
    }

    @Override
    public void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage momentumBuffer,
                        int length, float lr, float alpha, float alphaComplement, float eps, float weightDecay,
                        float momentum) {
        backend.rmsprop(param, grad, squareAvg, gradAvg, momentumBuffer, length, lr, alpha, alphaComplement, eps,
                weightDecay, momentum);
    }

    @Override
    public void adagrad(Storage param, Storage grad, Storage sum, int length, float decayedLr, float eps,
                        float weightDecay) {
        backend.adagrad(param, grad, sum, length, decayedLr, eps, weightDecay);
    }
}
