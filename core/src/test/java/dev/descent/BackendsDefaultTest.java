package dev.descent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Core's own tests have no backend on the class path: the default choice must fail the same way every time. */
class BackendsDefaultTest {
    @Test
    void noBackendFailsWithTheProviderTableOnEveryCall() {
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(Backends::getDefault)
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("no descent backend is available");
        }
    }
}
