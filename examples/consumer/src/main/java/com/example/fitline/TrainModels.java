package com.example.fitline;

import dev.descent.Device;
import dev.descent.data.CsvReader;
import dev.descent.data.Dataset;
import dev.descent.data.Standardizer;
import dev.descent.data.TargetStandardizer;
import dev.descent.io.ModelDescription;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import dev.descent.nn.Module;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Task;
import dev.descent.train.Trainer;

import java.nio.file.Path;

/**
 * Trains two models the way a service would and saves each in one call: the README's house model (regression,
 * standardized features and target) and a moons classifier (binary, {@code mlp:16,16}). Usage:
 * {@code TrainModels DATA_DIR OUT_DIR}; writes {@code house-java.safetensors} and {@code moons-java.safetensors}.
 */
public final class TrainModels {
    private TrainModels() {
    }

    /**
     * Trains and saves both models.
     *
     * @param args the folder holding house.csv and moons.csv, and the folder to write the models to
     */
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);

        Dataset house = new CsvReader().read(data.resolve("house.csv"), "price");
        Standardizer features = Standardizer.fit(house);
        TargetStandardizer target = TargetStandardizer.fit(house);
        ModelDescription houseModel = ModelDescription.of(Task.REGRESSION, Architecture.linear(),
                house.featureNames(), "price", 1).withStandardizer(features).withTargetStandardizer(target);
        Module linear = houseModel.build(Device.best(), new SeededRandom(0));
        Trainer.builder().model(linear).objective(houseModel.objective())
                .optimizer(Optimizer.of(Sgd.of(0.05), linear.parameters()))
                .data(target.transform(features.transform(house))).epochs(30).build().fit();
        TrainedModel.of(houseModel, linear).save(out.resolve("house-java.safetensors"));

        Dataset moons = new CsvReader().read(data.resolve("moons.csv"), "label");
        Standardizer moonFeatures = Standardizer.fit(moons);
        ModelDescription moonModel = ModelDescription.of(Task.BINARY, Architecture.mlp(Activation.RELU, 16, 16),
                moons.featureNames(), "label", 1).withStandardizer(moonFeatures);
        Module mlp = moonModel.build(Device.best(), new SeededRandom(0));
        Trainer.builder().model(mlp).objective(moonModel.objective())
                .optimizer(Optimizer.of(Adam.builder().lr(0.01).build(), mlp.parameters()))
                .data(moonFeatures.transform(moons)).validationFraction(0.2, 1).epochs(20).build().fit();
        TrainedModel.of(moonModel, mlp).save(out.resolve("moons-java.safetensors"));
        System.out.println("saved " + out.resolve("house-java.safetensors") + " and "
                + out.resolve("moons-java.safetensors"));
    }
}
