package dev.descent.compile.checks;

import dev.descent.compile.CompiledStep;
import dev.descent.nn.Losses;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a plan cannot represent runs eagerly, with the right result and one reason: a host read inside the step,
 * host data uploaded inside it, and a step whose kernels change between calls (a host scalar that moves).
 */
public abstract class PlanFallbackChecks {
    /** The backend under test. */
    protected abstract Backend backend();

    private interface Loss {
        Tensor of(Module model, Tensor x, Tensor y, int call);
    }

    private void assertFallsBackLikeEager(Loss loss, String reason) {
        Backend backend = backend();
        SeededRandom random = new SeededRandom(4);
        Tensor x = Tensor.uniform(backend, random, -1f, 1f, 6, Setups.COLUMNS);
        Tensor y = Tensor.uniform(backend, random, -1f, 1f, 6, 1);
        Module eagerModel = Setups.model("mlp-tanh", 1, backend, 8);
        Module planModel = Setups.model("mlp-tanh", 1, backend, 8);
        Optimizer eagerOptimizer = Optimizer.of(Sgd.of(0.1), eagerModel.parameters());
        Optimizer planOptimizer = Optimizer.of(Sgd.of(0.1), planModel.parameters());
        int[] calls = {0};
        CompiledStep step = CompiledStep.of(planOptimizer, (a, b) -> loss.of(planModel, a, b, calls[0]++), true);
        for (int i = 0; i < 5; i++) {
            eagerOptimizer.zeroGrad();
            Tensor eager = loss.of(eagerModel, x, y, i);
            eager.backward();
            eagerOptimizer.step();
            assertThat(step.run(x, y).item()).isEqualTo(eager.item());
        }
        assertThat(step.fallbackReason()).contains(reason);
        CompiledStepChecks.assertSameParameters(eagerModel, planModel);
    }

    @Test
    void aHostReadInsideTheStepFallsBack() {
        assertFallsBackLikeEager((m, x, y, call) -> {
            Tensor out = m.forward(x);
            float scale = out.abs().max().item() > 100 ? 0.5f : 1f;
            return Losses.mse(out, y).mul(scale);
        }, "item()");
    }

    @Test
    void hostDataUploadedInsideTheStepFallsBack() {
        assertFallsBackLikeEager((m, x, y, call) -> Losses.mse(m.forward(x),
                y.add(Tensor.of(x.backend(), new float[] {0.1f * call}, 1, 1))), "Tensor.of");
    }

    @Test
    void aScalarThatChangesBetweenStepsFallsBack() {
        assertFallsBackLikeEager((m, x, y, call) -> Losses.mse(m.forward(x), y).mul(1f + call), "differ");
    }
}
