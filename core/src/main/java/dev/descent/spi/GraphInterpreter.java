package dev.descent.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Core's default {@link CompiledGraph}: runs the nodes one by one on the planned buffers, issuing exactly the
 * kernel calls eager execution issued, so results are bit-identical to eager on every backend. A run allocates
 * nothing: the nodes are held in an array and every argument was fixed at capture time.
 *
 * <p>An input read only by GEMMs (a model's first layer reads its batch that way, forward and backward) can be
 * {@linkplain #bindInput bound} to rows of another storage: those GEMMs then run with the other storage and an
 * offset, which reads the very same values. The binding is held in mutable per-GEMM slots, so rebinding per step
 * allocates nothing either.
 *
 * <p>Not thread-safe: one run at a time (the buffers are shared between runs).
 */
public final class GraphInterpreter implements CompiledGraph {
    private final Backend backend;
    private final GraphOp[] ops;
    private final Instruction[] program;
    private Storage[] bindableInputs = new Storage[0];
    private BoundGemm[][] bindings = new BoundGemm[0][];

    /** An interpreter of {@code graph} on {@code backend} (the backend that owns the graph's storages). */
    public GraphInterpreter(Backend backend, Graph graph) {
        this.backend = backend;
        this.ops = graph.ops().toArray(GraphOp[]::new);
        this.program = new Instruction[ops.length];
        for (int i = 0; i < ops.length; i++) {
            program[i] = ops[i] instanceof GraphOp.Gemm g ? new BoundGemm(g) : new Node(ops[i]);
        }
    }

    @Override
    public void run() {
        Backend b = backend;
        for (Instruction instruction : program) {
            instruction.run(b);
        }
    }

    @Override
    public boolean bindInput(Storage input, Storage storage, int offset) {
        BoundGemm[] readers = readersOf(input);
        if (readers == null) {
            return false;
        }
        for (BoundGemm g : readers) {
            g.bind(input, storage, offset);
        }
        return true;
    }

    /** The GEMMs that read {@code input}, or null when another node touches it or a GEMM writes it. */
    private BoundGemm[] readersOf(Storage input) {
        for (int i = 0; i < bindableInputs.length; i++) {
            if (bindableInputs[i] == input) {
                return bindings[i];
            }
        }
        List<BoundGemm> readers = new ArrayList<>();
        for (int i = 0; i < ops.length; i++) {
            boolean touches = false;
            for (Storage s : ops[i].storages()) {
                touches |= s == input;
            }
            if (!touches) {
                continue;
            }
            if (!(program[i] instanceof BoundGemm g) || g.op.c() == input) {
                readers = null;
                break;
            }
            readers.add(g);
        }
        BoundGemm[] found = readers == null || readers.isEmpty() ? null : readers.toArray(BoundGemm[]::new);
        int n = bindableInputs.length;
        bindableInputs = java.util.Arrays.copyOf(bindableInputs, n + 1);
        bindings = java.util.Arrays.copyOf(bindings, n + 1);
        bindableInputs[n] = input;
        bindings[n] = found;
        return found;
    }

    /** One step of the program. */
    private abstract static sealed class Instruction permits Node, BoundGemm {
        abstract void run(Backend backend);
    }

    /** A node run as captured. */
    private static final class Node extends Instruction {
        private final GraphOp op;

        Node(GraphOp op) {
            this.op = op;
        }

        @Override
        void run(Backend backend) {
            op.run(backend);
        }
    }

    /** A GEMM whose A or B operand may be rebound to another storage and offset. */
    private static final class BoundGemm extends Instruction {
        private final GraphOp.Gemm op;
        private Storage a;
        private int aOffset;
        private Storage b;
        private int bOffset;

        BoundGemm(GraphOp.Gemm op) {
            this.op = op;
            this.a = op.a();
            this.aOffset = op.aOffset();
            this.b = op.b();
            this.bOffset = op.bOffset();
        }

        void bind(Storage input, Storage storage, int offset) {
            if (op.a() == input) {
                a = storage;
                aOffset = op.aOffset() + offset;
            }
            if (op.b() == input) {
                b = storage;
                bOffset = op.bOffset() + offset;
            }
        }

        @Override
        void run(Backend backend) {
            GraphOp.Gemm g = op;
            backend.gemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), g.alpha(), a, aOffset, g.lda(), b, bOffset,
                    g.ldb(), g.beta(), g.c(), g.cOffset(), g.ldc());
        }
    }
}
