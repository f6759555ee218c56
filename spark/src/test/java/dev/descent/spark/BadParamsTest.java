package dev.descent.spark;

import dev.descent.InvalidArgumentException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad param or bad label gives one clear error that names it. */
class BadParamsTest {
    @Test
    void outOfRangeValuesAreRefusedWhenSetNamingTheParam() {
        assertThatThrownBy(() -> new DescentRegressor().setEpochs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new DescentRegressor().setModel("mlp:0,3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> new DescentClassifier().setOptimizer("newton"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("optimizer");
        assertThatThrownBy(() -> new DescentClassifier().setLearningRate(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new DescentClassifier().setBatchSize(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new DescentClassifier().setMaxIter(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIter");
        assertThatThrownBy(() -> new DescentClassifier().setHistorySize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historySize");
        assertThatThrownBy(() -> new DescentClassifier().setLineSearch("backtracking"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lineSearch");
        assertThatThrownBy(() -> new DescentClassifier().setActivation("softplus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("activation");
    }

    @Test
    void aHyperparameterTheOptimizerDoesNotHaveIsNamedAtFit() {
        Dataset<Row> frame = SparkTests.regression(20, 2, 1).assembled(1);
        assertThatThrownBy(() -> new DescentRegressor().setOptimizer("sgd").setBeta1(0.5).fit(frame))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("beta1").hasMessageContaining("sgd").hasNoCause();
        assertThatThrownBy(() -> new DescentRegressor().setOptimizer("adam").setMaxIter(5).fit(frame))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("maxIter").hasMessageContaining("adam").hasNoCause();
        assertThatThrownBy(() -> new DescentRegressor().setOptimizer("lbfgs").setMomentum(0.9).fit(frame))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("momentum").hasMessageContaining("lbfgs").hasNoCause();
        assertThatThrownBy(() -> new DescentRegressor().setBackend("no-such-backend").fit(frame))
                .hasMessageContaining("no-such-backend");
    }

    @Test
    void lbfgsWithAMiniBatchIsRefusedNamingBatchSize() {
        Dataset<Row> frame = SparkTests.regression(20, 2, 1).assembled(1);
        assertThatThrownBy(() -> new DescentRegressor().setOptimizer("lbfgs").setBatchSize(8).fit(frame))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("batchSize 8").hasMessageContaining("full-batch only").hasNoCause();
    }

    @Test
    void aLabelThatIsNotAClassIndexIsNamedWithItsRow() {
        SparkTests.Data data = SparkTests.classification(30, 2, 2, 2);
        data.y()[17] = 2.5f;
        assertThatThrownBy(() -> new DescentClassifier().fit(data.assembled(1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("labelCol 'label'").hasMessageContaining("row 18")
                .hasMessageContaining("2.5").hasMessageContaining("class index");
    }
}
