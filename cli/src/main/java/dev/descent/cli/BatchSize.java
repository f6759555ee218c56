package dev.descent.cli;

import picocli.CommandLine;

/**
 * The {@code --batch-size} value: a positive number of samples, or {@code full} for full-batch gradient descent
 * (one step per epoch over all samples).
 *
 * @param samples samples per batch; 0 means full batch
 */
record BatchSize(int samples) {
    static final BatchSize FULL = new BatchSize(0);

    boolean isFull() {
        return samples == 0;
    }

    @Override
    public String toString() {
        return isFull() ? "full" : Integer.toString(samples);
    }

    static final class Converter implements CommandLine.ITypeConverter<BatchSize> {
        @Override
        public BatchSize convert(String value) {
            if (value.trim().equalsIgnoreCase("full")) {
                return FULL;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return new BatchSize(n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("expected a positive integer or 'full', got '" + value + "'");
        }
    }
}
