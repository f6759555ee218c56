package dev.descent.spark;

import dev.descent.InvalidArgumentException;
import dev.descent.io.ModelDescription;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.train.Task;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What descent's two estimators share: descent's params (model, activation, optimizer and its hyperparameters,
 * batch size, local steps, epochs, seed, standardization, backend) beside Spark's {@code featuresCol},
 * {@code labelCol} and {@code predictionCol}, and the distributed fit.
 *
 * <p>Defaults: {@code model = linear}, {@code activation = relu}, {@code optimizer = sgd} (as {@code descent
 * train}); hyperparameters left unset take the optimizer's own defaults (torch.optim's); {@code batchSize = 0}
 * (full batch: synchronous gradient descent, one Spark job per step; a mini-batch size switches to local steps
 * with periodic averaging, see {@link dev.descent.spark}); {@code localSteps = 32}; {@code epochs = 100};
 * {@code seed = 0}; {@code standardization = true} (as Spark's linear models; the fitted statistics are saved with
 * the model, which standardizes its input itself).
 *
 * <p>{@code optimizer = lbfgs} is full-batch L-BFGS ({@code torch.optim.LBFGS}, as {@code descent train
 * --optimizer lbfgs}): each epoch is one L-BFGS step of up to {@code maxIter} iterations (default 20), each loss
 * evaluation one Spark job; {@code historySize} (default 100) and {@code lineSearch} ({@code none} or
 * {@code strong_wolfe}) as in PyTorch. Unlike MLlib's {@code maxIter}, which counts all iterations of a fit, here
 * a fit runs up to {@code epochs · maxIter} iterations.
 *
 * <p>Every param is checked when set, with Spark's message naming the param; combinations (a hyperparameter the
 * chosen optimizer does not have, L-BFGS with a mini-batch size) are checked when {@code fit} starts, with one
 * line naming the param.
 *
 * @param <L> the concrete estimator
 * @param <M> its model
 */
public abstract class DescentPredictor<L extends DescentPredictor<L, M>, M extends PredictionModel<Vector, M>>
        extends Predictor<Vector, L, M> {
    private static final long serialVersionUID = 1L;

    private final String uid;

    /** The architecture: {@code linear}, or {@code mlp:H1[,H2...]} with the hidden layer widths. */
    private final Param<String> model = new Param<>(this, "model",
            "architecture: 'linear' or 'mlp:H1[,H2...]' with positive hidden layer widths", new SpecValidator());
    /** An MLP's hidden activation. */
    private final Param<String> activation = new Param<>(this, "activation",
            "hidden activation of an MLP: relu, tanh or sigmoid",
            ParamValidators.inArray(new String[] {"relu", "tanh", "sigmoid"}));
    /** The optimizer. */
    private final Param<String> optimizer = new Param<>(this, "optimizer",
            "optimizer: " + String.join(", ", OptimizerSpec.NAMES), ParamValidators.inArray(OptimizerSpec.NAMES));
    private final DoubleParam learningRate = new DoubleParam(this, "learningRate",
            "learning rate (default: the optimizer's, as torch.optim)", ParamValidators.gt(0));
    private final DoubleParam momentum = new DoubleParam(this, "momentum", "momentum (sgd, rmsprop)",
            ParamValidators.gtEq(0));
    private final DoubleParam weightDecay = new DoubleParam(this, "weightDecay",
            "weight decay (L2 penalty; decoupled for adamw)", ParamValidators.gtEq(0));
    private final DoubleParam beta1 = new DoubleParam(this, "beta1", "first-moment decay (adam, adamw)",
            ParamValidators.inRange(0, 1, true, false));
    private final DoubleParam beta2 = new DoubleParam(this, "beta2", "second-moment decay (adam, adamw)",
            ParamValidators.inRange(0, 1, true, false));
    private final DoubleParam eps = new DoubleParam(this, "eps", "denominator term (adam, adamw, rmsprop, adagrad)",
            ParamValidators.gt(0));
    private final IntParam maxIter = new IntParam(this, "maxIter",
            "lbfgs: iterations per step, i.e. per epoch (default 20, as torch.optim.LBFGS)", ParamValidators.gtEq(1));
    private final IntParam historySize = new IntParam(this, "historySize",
            "lbfgs: curvature pairs kept (default 100)", ParamValidators.gtEq(1));
    private final Param<String> lineSearch = new Param<>(this, "lineSearch",
            "lbfgs: step-length rule, none (a fixed step of learningRate) or strong_wolfe (default none)",
            ParamValidators.inArray(new String[] {"none", "strong_wolfe"}));
    private final IntParam batchSize = new IntParam(this, "batchSize",
            "rows per mini-batch on each partition; 0 for full-batch gradient descent", ParamValidators.gtEq(0));
    private final IntParam localSteps = new IntParam(this, "localSteps",
            "mini-batch only: optimizer steps each partition runs between two averagings", ParamValidators.gtEq(1));
    private final IntParam epochs = new IntParam(this, "epochs", "passes over the data (full batch: steps)",
            ParamValidators.gtEq(1));
    private final LongParam seed = new LongParam(this, "seed", "seed of the initialisation and the shuffling");
    private final BooleanParam standardization = new BooleanParam(this, "standardization",
            "z-score the features with the training set's mean and population std (saved with the model)");
    private final Param<String> backend = new Param<>(this, "backend",
            "descent backend on the driver and executors (default: each JVM's automatic choice)");

    /** An estimator with the given uid (assigned before Spark's constructors read it). */
    protected DescentPredictor(String uid) {
        this.uid = uid;
        super();
        setDefault(model, "linear");
        setDefault(activation, "relu");
        setDefault(optimizer, "sgd");
        setDefault(batchSize, 0);
        setDefault(localSteps, 32);
        setDefault(epochs, 100);
        setDefault(seed, 0L);
        setDefault(standardization, true);
    }

    @Override
    public String uid() {
        return uid;
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    /** The {@code model} param. */
    public Param<String> model() {
        return model;
    }

    /** The {@code activation} param. */
    public Param<String> activation() {
        return activation;
    }

    /** The {@code optimizer} param. */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** The {@code learningRate} param. */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** The {@code momentum} param. */
    public DoubleParam momentum() {
        return momentum;
    }

    /** The {@code weightDecay} param. */
    public DoubleParam weightDecay() {
        return weightDecay;
    }

    /** The {@code beta1} param. */
    public DoubleParam beta1() {
        return beta1;
    }

    /** The {@code beta2} param. */
    public DoubleParam beta2() {
        return beta2;
    }

    /** The {@code eps} param. */
    public DoubleParam eps() {
        return eps;
    }

    /** The {@code maxIter} param (lbfgs). */
    public IntParam maxIter() {
        return maxIter;
    }

    /** The {@code historySize} param (lbfgs). */
    public IntParam historySize() {
        return historySize;
    }

    /** The {@code lineSearch} param (lbfgs). */
    public Param<String> lineSearch() {
        return lineSearch;
    }

    /** The {@code batchSize} param. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** The {@code localSteps} param. */
    public IntParam localSteps() {
        return localSteps;
    }

    /** The {@code epochs} param. */
    public IntParam epochs() {
        return epochs;
    }

    /** The {@code seed} param. */
    public LongParam seed() {
        return seed;
    }

    /** The {@code standardization} param. */
    public BooleanParam standardization() {
        return standardization;
    }

    /** The {@code backend} param. */
    public Param<String> backend() {
        return backend;
    }

    /** Sets {@code model}: {@code linear} or {@code mlp:H1[,H2...]}. */
    public L setModel(String value) {
        set(model, value);
        return self();
    }

    /** Sets {@code activation}: relu, tanh or sigmoid. */
    public L setActivation(String value) {
        set(activation, value);
        return self();
    }

    /** Sets {@code optimizer}: sgd, adam, adamw, rmsprop, adagrad or lbfgs (full batch only). */
    public L setOptimizer(String value) {
        set(optimizer, value);
        return self();
    }

    /** Sets {@code learningRate} (> 0). */
    public L setLearningRate(double value) {
        set(learningRate, value);
        return self();
    }

    /** Sets {@code momentum} (>= 0; sgd, rmsprop). */
    public L setMomentum(double value) {
        set(momentum, value);
        return self();
    }

    /** Sets {@code weightDecay} (>= 0). */
    public L setWeightDecay(double value) {
        set(weightDecay, value);
        return self();
    }

    /** Sets {@code beta1} (in [0, 1); adam, adamw). */
    public L setBeta1(double value) {
        set(beta1, value);
        return self();
    }

    /** Sets {@code beta2} (in [0, 1); adam, adamw). */
    public L setBeta2(double value) {
        set(beta2, value);
        return self();
    }

    /** Sets {@code eps} (> 0). */
    public L setEps(double value) {
        set(eps, value);
        return self();
    }

    /** Sets {@code maxIter} (>= 1; lbfgs): iterations per step, one step per epoch. */
    public L setMaxIter(int value) {
        set(maxIter, value);
        return self();
    }

    /** Sets {@code historySize} (>= 1; lbfgs): the curvature pairs kept. */
    public L setHistorySize(int value) {
        set(historySize, value);
        return self();
    }

    /** Sets {@code lineSearch} (lbfgs): {@code none} or {@code strong_wolfe}. */
    public L setLineSearch(String value) {
        set(lineSearch, value);
        return self();
    }

    /** Sets {@code batchSize}: rows per mini-batch on each partition, 0 for full batch. */
    public L setBatchSize(int value) {
        set(batchSize, value);
        return self();
    }

    /** Sets {@code localSteps} (>= 1): mini-batch steps per partition between averagings. */
    public L setLocalSteps(int value) {
        set(localSteps, value);
        return self();
    }

    /** Sets {@code epochs} (>= 1). */
    public L setEpochs(int value) {
        set(epochs, value);
        return self();
    }

    /** Sets {@code seed}. */
    public L setSeed(long value) {
        set(seed, value);
        return self();
    }

    /** Sets {@code standardization}. */
    public L setStandardization(boolean value) {
        set(standardization, value);
        return self();
    }

    /** Sets {@code backend}: a descent backend name (see {@code descent backends}). */
    public L setBackend(String value) {
        set(backend, value);
        return self();
    }

    /** The optimizer spec from the params, checked against the chosen optimizer. */
    OptimizerSpec optimizerSpec() {
        Map<String, Double> given = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        put(given, names, learningRate, "lr");
        put(given, names, momentum, "momentum");
        put(given, names, weightDecay, "weight_decay");
        put(given, names, beta1, "beta1");
        put(given, names, beta2, "beta2");
        put(given, names, eps, "eps");
        if (isSet(maxIter)) {
            given.put("max_iter", ((Integer) getOrDefault(maxIter)).doubleValue());
            names.put("max_iter", maxIter.name());
        }
        if (isSet(historySize)) {
            given.put("history_size", ((Integer) getOrDefault(historySize)).doubleValue());
            names.put("history_size", historySize.name());
        }
        if (isSet(lineSearch)) {
            given.put("line_search_fn", "strong_wolfe".equals(getOrDefault(lineSearch)) ? 1.0 : 0.0);
            names.put("line_search_fn", lineSearch.name());
        }
        OptimizerSpec spec = OptimizerSpec.of(getOrDefault(optimizer), given, names);
        int rows = (Integer) getOrDefault(batchSize);
        if (spec.needsClosure() && rows != 0) {
            throw new InvalidArgumentException("param batchSize " + rows + ": optimizer " + getOrDefault(optimizer)
                    + " is full-batch only (batchSize 0: each loss evaluation is one Spark job over all rows)");
        }
        return spec;
    }

    private void put(Map<String, Double> given, Map<String, String> names, DoubleParam param, String key) {
        if (isSet(param)) {
            given.put(key, (Double) getOrDefault(param));
            names.put(key, param.name());
        }
    }

    /**
     * Caches the training rows, trains, and releases the cache.
     *
     * @param rule    which labels are valid
     * @param planner the task and class count once the data is summarised
     */
    FittedModel fitDescent(Dataset<?> frame, LabelRule rule, Function<TrainingData, TaskChoice> planner) {
        String owner = getClass().getSimpleName() + " " + uid;
        OptimizerSpec optimizerSpec;
        try {
            optimizerSpec = optimizerSpec();
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(owner + ": " + e.getMessage());
        }
        String backendName = isDefined(backend) ? getOrDefault(backend) : null;
        if (backendName != null) {
            // Fails here, before any Spark job, with the table of backends when the name is unknown.
            dev.descent.Backends.get(backendName);
        }
        Activation act = Activation.parse(getOrDefault(activation));
        String spec = getOrDefault(model);
        Architecture architecture = Architecture.parse(spec, act, SpecValidator.MAX_HIDDEN_LAYERS);
        List<String> names = featureNames(frame);
        TrainingData data = TrainingData.cache(owner, frame, getFeaturesCol(), getLabelCol(), rule,
                (Boolean) getOrDefault(standardization), names);
        try {
            TaskChoice choice = planner.apply(data);
            Task task = choice.task();
            int classes = choice.classes();
            TrainingPlan plan = new TrainingPlan(task, classes, data.columns, spec, act, optimizerSpec,
                    (Integer) getOrDefault(batchSize), (Integer) getOrDefault(localSteps),
                    (Integer) getOrDefault(epochs), (Long) getOrDefault(seed), backendName);
            JavaSparkContext context = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
            TrainingRun run = DataParallelTrainer.train(context, data.blocks, data.rows, data.largestPartition, plan);
            ModelDescription description = ModelDescription.of(task, architecture,
                    TrainingData.names(names, data.columns), getLabelCol(), classes)
                    .withStandardizer(data.standardizer);
            return FittedModel.of(description, run);
        } finally {
            data.release();
        }
    }

    /** The task a fit trains for and its class count (1 for regression). */
    record TaskChoice(Task task, int classes) {
    }

    /** The names VectorAssembler recorded for the features column, or null when it has none. */
    private List<String> featureNames(Dataset<?> frame) {
        try {
            AttributeGroup group = AttributeGroup.fromStructField(frame.schema().apply(getFeaturesCol()));
            if (group.attributes().isEmpty()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (Attribute a : group.attributes().get()) {
                if (a.name().isEmpty()) {
                    return null;
                }
                names.add(a.name().get());
            }
            return names;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
