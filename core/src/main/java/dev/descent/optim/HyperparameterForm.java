package dev.descent.optim;

import dev.descent.InvalidArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The one declaration of an algorithm's hyperparameters: each one's saved name, the name its error messages use,
 * its default (PyTorch's), its kind (a real number, a boolean flag or a whole number) and its valid range. From
 * that declaration the form validates values ({@link #validate}), serialises a record to the name/value map that
 * {@link StateDict} stores ({@link #toMap}), rebuilds a record from such a map with every key checked
 * ({@link #fromMap}), and backs the records' builders ({@link Builder}), so that no algorithm writes its own
 * validation, serialisation or builder bookkeeping.
 *
 * <pre>{@code
 * static final HyperparameterForm<Lion> FORM = HyperparameterForm.<Lion>declare("Lion")
 *         .real("lr", 1e-4, Range.NON_NEGATIVE, Lion::lr)
 *         .real("beta1", "betas[0]", 0.9, Range.UNIT_OPEN, Lion::beta1)
 *         .real("beta2", "betas[1]", 0.99, Range.UNIT_OPEN, Lion::beta2)
 *         .real("weight_decay", 0, Range.NON_NEGATIVE, Lion::weightDecay)
 *         .create(v -> new Lion(v.real("lr"), v.real("beta1"), v.real("beta2"), v.real("weight_decay")));
 * // in the record's compact constructor:  FORM.validate(lr, beta1, beta2, weightDecay);
 * }</pre>
 *
 * <p>Booleans are saved as 0.0/1.0 and whole numbers as their double value, in declaration order.
 * Immutable and thread-safe once built.
 *
 * @param <H> the hyperparameter record
 */
public final class HyperparameterForm<H extends Hyperparameters> {
    private final String algorithm;
    private final List<Entry<H>> entries;
    private final Map<String, Integer> positions;
    private final Function<Values, H> factory;

    private HyperparameterForm(String algorithm, List<Entry<H>> entries, Function<Values, H> factory) {
        this.algorithm = algorithm;
        this.entries = List.copyOf(entries);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (index.putIfAbsent(entries.get(i).name, i) != null) {
                throw new InvalidArgumentException(algorithm + ": hyperparameter '" + entries.get(i).name
                        + "' is declared twice");
            }
        }
        this.positions = Collections.unmodifiableMap(index);
        this.factory = factory;
    }

    /** Starts the declaration of {@code algorithm}'s hyperparameters (the name its messages start with). */
    public static <H extends Hyperparameters> Declaration<H> declare(String algorithm) {
        return new Declaration<>(algorithm);
    }

    /** The algorithm's name, as the messages give it. */
    public String algorithm() {
        return algorithm;
    }

    /** The saved names, in declaration order. */
    public List<String> names() {
        return List.copyOf(positions.keySet());
    }

    /**
     * Checks values given in declaration order (booleans as 0/1) against their declared ranges.
     *
     * @throws InvalidArgumentException naming the algorithm, the hyperparameter and its range
     */
    public void validate(double... values) {
        if (values.length != entries.size()) {
            throw new IllegalStateException(algorithm + ": validate got " + values.length + " values for "
                    + entries.size() + " declared hyperparameters " + names());
        }
        for (int i = 0; i < values.length; i++) {
            entries.get(i).range.check(algorithm, entries.get(i).label, values[i]);
        }
    }

    /** {@code hyperparameters} by saved name, in declaration order (booleans as 0.0/1.0). */
    public Map<String, Double> toMap(H hyperparameters) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Entry<H> e : entries) {
            map.put(e.name, e.accessor.applyAsDouble(hyperparameters));
        }
        return map;
    }

    /**
     * Rebuilds a record saved by {@link #toMap}: the key set must be exactly the declared names, flags exactly 0 or
     * 1, whole numbers whole; the record's own validation then checks the ranges.
     *
     * @throws InvalidArgumentException naming the missing, unknown or malformed value
     */
    public H fromMap(Map<String, Double> values) {
        for (String name : positions.keySet()) {
            if (values.get(name) == null) {
                throw new InvalidArgumentException(algorithm + ": saved hyperparameters lack '" + name
                        + "' (expected " + positions.keySet() + ", got " + values.keySet() + ")");
            }
        }
        for (String key : values.keySet()) {
            if (!positions.containsKey(key)) {
                throw new InvalidArgumentException(algorithm + ": unknown saved hyperparameter '" + key
                        + "' (expected " + positions.keySet() + ")");
            }
        }
        double[] ordered = new double[entries.size()];
        for (int i = 0; i < ordered.length; i++) {
            Entry<H> e = entries.get(i);
            ordered[i] = values.get(e.name);
            e.kind.checkSaved(algorithm, e.name, ordered[i]);
        }
        return factory.apply(new Values(this, ordered));
    }

    /** The declared defaults, by saved name (what a {@link Builder} starts from). */
    public Map<String, Double> defaults() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Entry<H> e : entries) {
            map.put(e.name, e.defaultValue);
        }
        return Collections.unmodifiableMap(map);
    }

    private int position(String name) {
        Integer i = positions.get(name);
        if (i == null) {
            throw new IllegalStateException(algorithm + ": no hyperparameter '" + name + "' is declared " + names());
        }
        return i;
    }

    /** What a value may be; every message names the algorithm, the hyperparameter and the range. */
    public enum Range {
        /** Finite and {@code >= 0}. */
        NON_NEGATIVE("must be finite and >= 0") {
            @Override
            boolean accepts(double v) {
                return v >= 0 && !Double.isInfinite(v);
            }
        },
        /** Finite and {@code > 0}. */
        POSITIVE("must be finite and > 0") {
            @Override
            boolean accepts(double v) {
                return v > 0 && !Double.isInfinite(v);
            }
        },
        /** In {@code [0, 1)}. */
        UNIT_OPEN("must be in [0, 1)") {
            @Override
            boolean accepts(double v) {
                return v >= 0 && v < 1;
            }
        },
        /** In {@code [0, 1]}. */
        UNIT_CLOSED("must be in [0, 1]") {
            @Override
            boolean accepts(double v) {
                return v >= 0 && v <= 1;
            }
        },
        /** A whole number {@code >= 1}. */
        COUNT("must be a whole number >= 1") {
            @Override
            boolean accepts(double v) {
                return v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE;
            }
        },
        /** Anything: booleans, choices checked by the record. */
        ANY("") {
            @Override
            boolean accepts(double v) {
                return true;
            }
        };

        private final String rule;

        Range(String rule) {
            this.rule = rule;
        }

        abstract boolean accepts(double value);

        void check(String algorithm, String label, double value) {
            if (!accepts(value)) {
                throw new InvalidArgumentException(algorithm + ": " + label + " " + rule + ", got "
                        + (this == COUNT && value == Math.rint(value) ? Long.toString((long) value) : value));
            }
        }
    }

    private enum Kind {
        REAL, FLAG, WHOLE;

        void checkSaved(String algorithm, String name, double value) {
            if (this == FLAG && value != 0.0 && value != 1.0) {
                throw new InvalidArgumentException(String.format(Locale.ROOT,
                        "%s: saved hyperparameter '%s' must be 0 or 1 (a boolean), got %s", algorithm, name, value));
            }
            if (this == WHOLE && value != Math.rint(value)) {
                throw new InvalidArgumentException(String.format(Locale.ROOT,
                        "%s: saved hyperparameter '%s' must be a whole number, got %s", algorithm, name, value));
            }
        }
    }

    private record Entry<H>(String name, String label, double defaultValue, Kind kind, Range range,
                            ToDoubleFunction<H> accessor) {
    }

    /** Saved or built values handed to the record's factory, read by name. Not thread-safe. */
    public static final class Values {
        private final HyperparameterForm<?> form;
        private final double[] values;

        private Values(HyperparameterForm<?> form, double[] values) {
            this.form = form;
            this.values = values;
        }

        /** The real number called {@code name}. */
        public double real(String name) {
            return values[form.position(name)];
        }

        /** The flag called {@code name}. */
        public boolean flag(String name) {
            return values[form.position(name)] == 1.0;
        }

        /** The whole number called {@code name}. */
        public int whole(String name) {
            return (int) values[form.position(name)];
        }
    }

    /** Collects the declarations of a {@link HyperparameterForm}; not thread-safe. */
    public static final class Declaration<H extends Hyperparameters> {
        private final String algorithm;
        private final List<Entry<H>> entries = new ArrayList<>();

        private Declaration(String algorithm) {
            this.algorithm = algorithm;
        }

        /** A real hyperparameter whose messages use its saved name. */
        public Declaration<H> real(String name, double defaultValue, Range range, ToDoubleFunction<H> accessor) {
            return real(name, name, defaultValue, range, accessor);
        }

        /** A real hyperparameter whose messages call it {@code label} (e.g. {@code betas[0]} for {@code beta1}). */
        public Declaration<H> real(String name, String label, double defaultValue, Range range,
                                   ToDoubleFunction<H> accessor) {
            entries.add(new Entry<>(name, label, defaultValue, Kind.REAL, range, accessor));
            return this;
        }

        /** A boolean hyperparameter, saved as 0.0/1.0. */
        public Declaration<H> flag(String name, boolean defaultValue, java.util.function.Predicate<H> accessor) {
            entries.add(new Entry<>(name, name, defaultValue ? 1 : 0, Kind.FLAG, Range.ANY,
                    h -> accessor.test(h) ? 1.0 : 0.0));
            return this;
        }

        /** A whole-number hyperparameter ({@code >= 1}), saved as its double value. */
        public Declaration<H> whole(String name, int defaultValue, java.util.function.ToIntFunction<H> accessor) {
            entries.add(new Entry<>(name, name, defaultValue, Kind.WHOLE, Range.COUNT, accessor::applyAsInt));
            return this;
        }

        /** The finished form; {@code factory} builds the record from values read by name. */
        public HyperparameterForm<H> create(Function<Values, H> factory) {
            return new HyperparameterForm<>(algorithm, entries, factory);
        }
    }

    /**
     * The shared part of the records' builders: a value per declared hyperparameter, starting at the defaults.
     * A record's builder extends it with one typed setter per hyperparameter. Not thread-safe.
     *
     * @param <H> the record built
     * @param <B> the concrete builder, returned by the setters
     */
    public abstract static class Builder<H extends Hyperparameters, B extends Builder<H, B>> {
        private final HyperparameterForm<H> form;
        private final double[] values;

        /** A builder of {@code form}'s record, starting from its defaults. */
        protected Builder(HyperparameterForm<H> form) {
            this.form = form;
            this.values = new double[form.entries.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = form.entries.get(i).defaultValue;
            }
        }

        /** Sets the real or whole hyperparameter {@code name}. */
        protected final B set(String name, double value) {
            values[form.position(name)] = value;
            return self();
        }

        /** Sets the flag {@code name}. */
        protected final B set(String name, boolean value) {
            return set(name, value ? 1.0 : 0.0);
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The validated hyperparameters. */
        public final H build() {
            return form.factory.apply(new Values(form, values.clone()));
        }
    }
}
