package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.spi.CompiledGraph;
import dev.descent.spi.Graph;
import dev.descent.spi.GraphInterpreter;
import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeviceStep} against core's interpreter on hand-made graphs whose host node does what the program must
 * not reorder: reads a buffer the kernels wrote (the program must have run first), launches a kernel of its own
 * between two fused updates (the first update must have run first), and issues a different update on a later
 * run than on the first (the update the program does not hold launches by itself, after what is pending). Each
 * graph runs several times both ways on fresh, identical storages; every buffer must end bit-identical.
 */
class DeviceStepTest {
    private static final int N = 37;

    @Test
    void aHostReadOfAKernelResultSeesTheProgramsResult() {
        float[] seen = new float[N];
        assertSameAsInterpreter((backend, s, run) -> {
            backend.download(s[1], 0, seen, 0, N);
            backend.optimizerKernels().sgd(s[0], s[1], null, N, seen[3], 0f, 0f, 1f, false, false);
        });
    }

    @Test
    void aKernelBetweenTwoUpdatesSeesTheFirstUpdate() {
        assertSameAsInterpreter((backend, s, run) -> {
            backend.optimizerKernels().sgd(s[0], s[1], null, N, 0.1f, 0f, 0f, 1f, false, false);
            backend.unary(UnaryOp.MULTIPLY, s[0], s[2], N, 2f, 0f);
            backend.optimizerKernels().sgd(s[2], s[1], null, N, 0.2f, 0f, 0f, 1f, false, false);
        });
    }

    @Test
    void anUpdateTheFirstRunDidNotIssueLaunchesByItself() {
        assertSameAsInterpreter((backend, s, run) -> {
            Storage target = run == 3 ? s[2] : s[0];
            backend.optimizerKernels().sgd(target, s[1], null, N, 0.05f, 0f, 0f, 1f, false, false);
        });
    }

    /** The host node's action on run {@code run} (0-based) with storages {@code s}. */
    private interface HostAction {
        void accept(TornadoVmBackend backend, Storage[] s, int run);
    }

    /** Runs the graph [x·3 → g, g + 1 → g, tanh(p) → x] + host(action) 6 times compiled and interpreted. */
    private static void assertSameAsInterpreter(HostAction host) {
        TornadoVmBackend backend = (TornadoVmBackend) Backends.get("tornadovm");
        float[][] results = new float[2][];
        for (int compiled = 0; compiled < 2; compiled++) {
            Storage[] s = new Storage[3];
            float[] values = new float[N];
            for (int i = 0; i < N; i++) {
                values[i] = (i * 7 % 11) / 5f - 1f;
            }
            s[0] = backend.upload(values, 0, N);
            s[1] = backend.allocate(N);
            s[2] = backend.upload(values, 0, N);
            Storage x = backend.upload(values, 0, N);
            int[] runs = {0};
            List<GraphOp> ops = List.of(
                    new GraphOp.Unary(UnaryOp.MULTIPLY, x, s[1], N, 3f, 0f),
                    new GraphOp.Unary(UnaryOp.ADD, s[1], s[1], N, 1f, 0f),
                    new GraphOp.Unary(UnaryOp.TANH, s[0], x, N, 0f, 0f),
                    new GraphOp.Host("update", () -> host.accept(backend, s, runs[0]++)));
            Graph graph = new Graph(ops, List.of(s[1]), "test graph");
            CompiledGraph run = compiled == 1 ? backend.compile(graph) : new GraphInterpreter(backend, graph);
            if (compiled == 1) {
                assertThat(run).isInstanceOf(DeviceStep.class);
            }
            for (int r = 0; r < 6; r++) {
                run.run();
            }
            float[] out = new float[4 * N];
            backend.download(s[0], 0, out, 0, N);
            backend.download(s[1], 0, out, N, N);
            backend.download(s[2], 0, out, 2 * N, N);
            backend.download(x, 0, out, 3 * N, N);
            results[compiled] = out;
        }
        assertThat(results[1]).containsExactly(results[0]);
    }
}
