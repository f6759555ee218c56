package dev.descent.backend.tornadovm;

import java.util.Arrays;

/**
 * A compiled plan's program for {@link PlanKernels#run}, built on the host: instructions
 * {@code [opcode, nextPc, r, n, args...]} and their float parameters. Program counters and float indices are
 * relative while building and made absolute by {@link #relocate} once the program has its place in program
 * memory; {@code r} of a per-step instruction (staging, optimizer update) is an index into the step arrays and is
 * not moved. Not thread-safe.
 */
final class PlanProgram {
    private int[] ints = new int[256];
    private float[] floats = new float[64];
    private boolean[] floatRelative = new boolean[16];
    private int[] starts = new int[16];
    private int intCount;
    private int floatCount;
    private int instructions;

    /** Where the next instruction starts (relative). */
    int pc() {
        return intCount;
    }

    int intCount() {
        return intCount;
    }

    int floatCount() {
        return floatCount;
    }

    /** Appends an instruction whose float parameters are {@code values} (stored with the program). */
    void add(int opcode, int n, int[] args, float... values) {
        int r = floatCount;
        for (float v : values) {
            if (floatCount == floats.length) {
                floats = Arrays.copyOf(floats, floats.length * 2);
            }
            floats[floatCount++] = v;
        }
        append(opcode, r, true, n, args);
    }

    /** Appends an instruction whose per-step values live at {@code slot} of the step ints. */
    void addPerStep(int opcode, int slot, int n, int[] args) {
        append(opcode, slot, false, n, args);
    }

    private void append(int opcode, int r, boolean relative, int n, int[] args) {
        int size = 4 + args.length;
        while (intCount + size > ints.length) {
            ints = Arrays.copyOf(ints, ints.length * 2);
        }
        if (instructions == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            floatRelative = Arrays.copyOf(floatRelative, floatRelative.length * 2);
        }
        starts[instructions] = intCount;
        floatRelative[instructions] = relative;
        instructions++;
        ints[intCount] = opcode;
        ints[intCount + 1] = intCount + size;
        ints[intCount + 2] = r;
        ints[intCount + 3] = n;
        System.arraycopy(args, 0, ints, intCount + 4, args.length);
        intCount += size;
    }

    /** The instructions with absolute program counters and float indices, for program memory at the bases. */
    int[] relocate(int intBase, int floatBase) {
        int[] out = Arrays.copyOf(ints, intCount);
        for (int i = 0; i < instructions; i++) {
            int pc = starts[i];
            out[pc + 1] += intBase;
            if (floatRelative[i]) {
                out[pc + 2] += floatBase;
            }
        }
        return out;
    }

    float[] floats() {
        return Arrays.copyOf(floats, floatCount);
    }
}
