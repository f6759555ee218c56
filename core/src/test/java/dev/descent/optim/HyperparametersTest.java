package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HyperparametersTest {
    @Test
    void defaultsAreTorchOptims() {
        assertThat(Sgd.builder().build()).isEqualTo(new Sgd(1e-3, 0, 0, false, 0));
        assertThat(Adam.builder().build()).isEqualTo(new Adam(1e-3, 0.9, 0.999, 1e-8, 0));
        assertThat(AdamW.builder().build()).isEqualTo(new AdamW(1e-3, 0.9, 0.999, 1e-8, 1e-2));
        assertThat(RmsProp.builder().build()).isEqualTo(new RmsProp(1e-2, 0.99, 1e-8, 0, 0, false));
        assertThat(Adagrad.builder().build()).isEqualTo(new Adagrad(1e-2, 0, 0, 0, 1e-10));
        assertThat(Adam.of(0.1)).isEqualTo(Adam.builder().lr(0.1).build());
    }

    @Test
    void errorsNameTheAlgorithmTheParameterAndTheRange() {
        assertThatThrownBy(() -> Adam.builder().betas(1.0, 0.999).build())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Adam: betas[0] must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> AdamW.builder().betas(0.9, -0.1).build())
                .hasMessage("AdamW: betas[1] must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> Sgd.of(Double.NaN)).hasMessage("SGD: lr must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> Sgd.of(-0.1)).hasMessage("SGD: lr must be finite and >= 0, got -0.1");
        assertThatThrownBy(() -> Adam.of(Double.POSITIVE_INFINITY)).hasMessageContaining("Adam: lr must be finite");
        assertThatThrownBy(() -> Adam.builder().eps(-1e-8).build()).hasMessageContaining("Adam: eps");
        assertThatThrownBy(() -> Sgd.builder().momentum(-0.9).build()).hasMessageContaining("SGD: momentum");
        assertThatThrownBy(() -> Sgd.builder().dampening(1.5).build())
                .hasMessage("SGD: dampening must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Sgd.builder().weightDecay(-1).build()).hasMessageContaining("SGD: weight_decay");
        assertThatThrownBy(() -> Sgd.builder().nesterov(true).build())
                .hasMessageContaining("SGD: nesterov requires momentum > 0 and dampening == 0");
        assertThatThrownBy(() -> Sgd.builder().nesterov(true).momentum(0.9).dampening(0.1).build())
                .hasMessageContaining("nesterov");
        assertThatThrownBy(() -> RmsProp.builder().alpha(1.01).build())
                .hasMessage("RMSprop: alpha must be in [0, 1], got 1.01");
        assertThatThrownBy(() -> RmsProp.builder().momentum(Double.NaN).build()).hasMessageContaining("momentum");
        assertThatThrownBy(() -> Adagrad.builder().lrDecay(-1).build()).hasMessageContaining("Adagrad: lr_decay");
        assertThatThrownBy(() -> Adagrad.builder().initialAccumulatorValue(-1).build())
                .hasMessageContaining("Adagrad: initial_accumulator_value");
        assertThatThrownBy(() -> Adam.of(0.1).withLr(-1)).hasMessageContaining("Adam: lr");
    }

    @Test
    void savedValuesRoundTrip() {
        List<Hyperparameters> all = List.of(
                Sgd.builder().lr(0.1).momentum(0.9).nesterov(true).weightDecay(1e-4).build(),
                Adam.builder().lr(3e-4).betas(0.8, 0.95).eps(1e-6).weightDecay(0.1).build(),
                AdamW.of(1e-3),
                RmsProp.builder().momentum(0.5).centered(true).build(),
                Adagrad.builder().lrDecay(0.01).initialAccumulatorValue(0.1).build());
        for (Hyperparameters hp : all) {
            assertThat(Hyperparameters.fromMap(hp.algorithm(), hp.toMap())).isEqualTo(hp);
        }
        assertThat(Adam.of(1e-3).toMap()).containsOnlyKeys("lr", "beta1", "beta2", "eps", "weight_decay");
    }

    @Test
    void savedValuesAreChecked() {
        Map<String, Double> values = new LinkedHashMap<>(Adam.of(1e-3).toMap());
        values.remove("eps");
        assertThatThrownBy(() -> Hyperparameters.fromMap("Adam", values))
                .hasMessageContaining("Adam: saved hyperparameters lack 'eps'");
        values.put("eps", 1e-8);
        values.put("amsgrad", 0.0);
        assertThatThrownBy(() -> Hyperparameters.fromMap("Adam", values))
                .hasMessageContaining("unknown saved hyperparameter 'amsgrad'");
        Map<String, Double> sgd = new LinkedHashMap<>(Sgd.of(0.1).toMap());
        sgd.put("nesterov", 0.5);
        assertThatThrownBy(() -> Hyperparameters.fromMap("SGD", sgd)).hasMessageContaining("must be 0 or 1");
        assertThatThrownBy(() -> Hyperparameters.fromMap("Lion", Map.of()))
                .hasMessageContaining("unknown optimizer algorithm 'Lion'");
    }
}
