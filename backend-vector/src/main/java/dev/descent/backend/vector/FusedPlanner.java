package dev.descent.backend.vector;

import dev.descent.spi.Backend;
import dev.descent.spi.CompiledGraph;
import dev.descent.spi.Graph;
import dev.descent.spi.GraphInterpreter;
import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link VectorBackend#compile}: walks a captured graph once and replaces the runs of nodes it recognises by fused
 * kernels ({@link #PATTERNS}, tried in order at each node); every other node runs as core's
 * {@link GraphInterpreter} runs it. Each fusion computes every result with the same per-element operations in
 * the same order as the nodes it replaces, so a fused plan gives the interpreter's (and eager execution's) bits;
 * the plan semantics suites and {@code FusedPlanTest} check that.
 *
 * <p>Parallelism is decided here, once per plan: each fused kernel is told at compile time whether its size
 * goes wide over the {@link WorkerPool} or stays on the calling thread.
 *
 * <p>A plan with fusions runs as the interpreter until its fused kernels are warm ({@link WarmingPlan}: same bits
 * either way). {@code -Ddescent.vector.fuse=false} turns fusion off (the interpreter runs every plan), for
 * comparisons; {@code -Ddescent.vector.fuse=always} runs the fused plan from the first step.
 */
final class FusedPlanner {
    /** The system property that turns fusion off when {@code false}. */
    static final String PROPERTY = "descent.vector.fuse";

    private static final List<FusionPattern> PATTERNS = List.of(
            new LinearModelFusion(),
            new SoftmaxCrossEntropyFusion(),
            new BiasActivationFusion(),
            new ReluGradientFusion());

    /** Sees every fused plan {@link #compile} makes (tests check which fusions a captured step got); usually null. */
    static volatile java.util.function.Consumer<FusedGraph> observer;

    private FusedPlanner() {
    }

    static CompiledGraph compile(VectorBackend backend, Graph graph) {
        String setting = System.getProperty(PROPERTY, "true").trim();
        if ("false".equalsIgnoreCase(setting)) {
            return new GraphInterpreter(backend, graph);
        }
        FusedGraph plan = plan(backend, graph);
        java.util.function.Consumer<FusedGraph> o = observer;
        if (o != null) {
            o.accept(plan);
        }
        if ("always".equalsIgnoreCase(setting) || plan.fusions().isEmpty()) {
            return plan;
        }
        return new WarmingPlan(new GraphInterpreter(backend, graph), plan);
    }

    /** The fused plan of {@code graph}, whatever the property says. */
    static FusedGraph plan(VectorBackend backend, Graph graph) {
        GraphView view = new GraphView(backend, graph);
        List<Runnable> steps = new ArrayList<>();
        List<String> fusions = new ArrayList<>();
        List<Storage[]> touched = new ArrayList<>();
        int i = 0;
        while (i < view.size()) {
            Fusion fusion = null;
            for (FusionPattern pattern : PATTERNS) {
                fusion = pattern.match(view, i);
                if (fusion != null) {
                    break;
                }
            }
            if (fusion != null) {
                steps.add(fusion.kernel());
                fusions.add(fusion.name());
                touched.add(storages(view, i, fusion.length()));
                i += fusion.length();
            } else {
                steps.add(interpreted(backend, view.op(i)));
                touched.add(storages(view, i, 1));
                i++;
            }
        }
        return new FusedGraph(steps, touched, fusions);
    }

    /** Every storage nodes {@code [from, from + length)} touch. */
    private static Storage[] storages(GraphView view, int from, int length) {
        List<Storage> all = new ArrayList<>();
        for (int i = from; i < from + length; i++) {
            all.addAll(java.util.Arrays.asList(view.op(i).storages()));
        }
        return all.toArray(Storage[]::new);
    }

    private static Runnable interpreted(Backend backend, GraphOp op) {
        return () -> op.run(backend);
    }
}
