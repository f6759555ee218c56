package dev.descent.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spark Connect's ML server lists the estimators and transformers it may build through
 * {@code ServiceLoader.load(Estimator.class)} and {@code ServiceLoader.load(Transformer.class)}: descent's must be
 * there, and constructible with no arguments.
 */
class RegistrationTest {
    @Test
    @SuppressWarnings("rawtypes")
    void estimatorsAndModelsAreRegisteredServices() {
        var estimators = ServiceLoader.load(Estimator.class).stream().map(ServiceLoader.Provider::type).toList();
        assertThat(estimators).contains(DescentRegressor.class, DescentClassifier.class);
        var transformers = ServiceLoader.load(Transformer.class).stream().map(ServiceLoader.Provider::type).toList();
        assertThat(transformers).contains(DescentRegressionModel.class, DescentClassificationModel.class);
        assertThat(new DescentClassificationModel().uid()).startsWith("descentClassificationModel");
        assertThat(new DescentRegressor().uid()).startsWith("descentRegressor");
    }
}
