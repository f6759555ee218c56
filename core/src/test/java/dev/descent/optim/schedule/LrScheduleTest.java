package dev.descent.optim.schedule;

import dev.descent.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each schedule against values worked out by hand from torch.optim.lr_scheduler's closed forms. */
class LrScheduleTest {
    private static final double TOL = 1e-12;

    @Test
    void stepDecayMultipliesByGammaEveryStepSize() {
        StepLr s = new StepLr(30, 0.1);
        assertThat(s.lr(0.05, 0)).isEqualTo(0.05);
        assertThat(s.lr(0.05, 29)).isEqualTo(0.05);
        assertThat(s.lr(0.05, 30)).isCloseTo(0.005, within(TOL));
        assertThat(s.lr(0.05, 89)).isCloseTo(0.0005, within(TOL));
        assertThat(s.lr(0.05, 90)).isCloseTo(0.00005, within(TOL));
    }

    @Test
    void exponentialDecay() {
        ExponentialLr s = new ExponentialLr(0.9);
        assertThat(s.lr(1, 0)).isEqualTo(1.0);
        assertThat(s.lr(1, 1)).isCloseTo(0.9, within(TOL));
        assertThat(s.lr(2, 3)).isCloseTo(2 * 0.729, within(TOL));
    }

    @Test
    void cosineAnnealingClosedForm() {
        CosineAnnealingLr s = new CosineAnnealingLr(10, 0.001);
        assertThat(s.lr(0.1, 0)).isCloseTo(0.1, within(TOL));
        assertThat(s.lr(0.1, 5)).isCloseTo(0.001 + 0.099 / 2, within(TOL));
        assertThat(s.lr(0.1, 10)).isCloseTo(0.001, within(TOL));
        assertThat(s.lr(0.1, 20)).isCloseTo(0.1, within(TOL));
        assertThat(CosineAnnealingLr.of(4).lr(1, 1)).isCloseTo((1 + Math.cos(Math.PI / 4)) / 2, within(TOL));
    }

    @Test
    void linearWarmupRisesToTheBaseRateAndStays() {
        LinearWarmup s = new LinearWarmup(1.0 / 3, 5);
        assertThat(s.lr(0.3, 0)).isCloseTo(0.1, within(TOL));
        assertThat(s.lr(0.3, 1)).isCloseTo(0.3 * (1.0 / 3 + (2.0 / 3) / 5), within(TOL));
        assertThat(s.lr(0.3, 5)).isCloseTo(0.3, within(TOL));
        assertThat(s.lr(0.3, 500)).isCloseTo(0.3, within(TOL));
    }

    @Test
    void sequentialRestartsEachScheduleAtItsMilestone() {
        LrSchedule s = LrSchedule.sequential(List.of(new LinearWarmup(0.1, 4), CosineAnnealingLr.of(10)), 4);
        assertThat(s.lr(1, 0)).isCloseTo(0.1, within(TOL));
        assertThat(s.lr(1, 2)).isCloseTo(0.55, within(TOL));
        assertThat(s.lr(1, 4)).isCloseTo(1.0, within(TOL));
        assertThat(s.lr(1, 9)).isCloseTo((1 + Math.cos(Math.PI * 5 / 10)) / 2, within(TOL));
        assertThat(s.lr(1, 14)).isCloseTo(0, within(TOL));
    }

    @Test
    void chainMultipliesMultiplicativeSchedules() {
        LrSchedule s = LrSchedule.chain(new LinearWarmup(0.5, 2), new ExponentialLr(0.5));
        assertThat(s.lr(1, 0)).isCloseTo(0.5, within(TOL));
        assertThat(s.lr(1, 1)).isCloseTo(0.75 * 0.5, within(TOL));
        assertThat(s.lr(1, 3)).isCloseTo(0.125, within(TOL));
        assertThat(new StepLr(2, 0.5).andThen(new ExponentialLr(0.5)).lr(8, 2)).isCloseTo(1, within(TOL));
        assertThat(LrSchedule.constant().lr(0.3, 99)).isEqualTo(0.3);
    }

    @Test
    void invalidSchedulesNameTheParameter() {
        assertThatThrownBy(() -> new StepLr(0, 0.1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("StepLR: step_size must be >= 1, got 0");
        assertThatThrownBy(() -> new ExponentialLr(Double.NaN)).hasMessageContaining("ExponentialLR: gamma");
        assertThatThrownBy(() -> new CosineAnnealingLr(0, 0)).hasMessageContaining("T_max must be >= 1");
        assertThatThrownBy(() -> new LinearWarmup(0, 5)).hasMessageContaining("start_factor must be in (0, 1]");
        assertThatThrownBy(() -> LrSchedule.sequential(List.of(LrSchedule.constant(), LrSchedule.constant())))
                .hasMessageContaining("2 schedules need 1 milestones, got 0");
        assertThatThrownBy(() -> LrSchedule.sequential(List.of(LrSchedule.constant(), LrSchedule.constant(),
                LrSchedule.constant()), 5, 5)).hasMessageContaining("strictly increasing");
    }
}
