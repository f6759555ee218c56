package dev.descent.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * A saved model's folder: Spark's params metadata ({@code metadata/}, as every Spark ML model writes it) and the
 * descent model file {@value #MODEL_FILE}, which {@code descent predict --model} reads as it is. Written and read
 * through Hadoop's file system API, so the folder may be on HDFS, S3 or a local disk.
 */
final class ModelFolder {
    /** The descent model file's name inside a saved model folder. */
    static final String MODEL_FILE = "model.safetensors";

    private ModelFolder() {
    }

    /** The writer of a model holding {@code state}. */
    static MLWriter writer(Params instance, FittedModel state) {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
                write(sparkSession(), new Path(path, MODEL_FILE), state.bytes());
            }
        };
    }

    /** The reader of models of {@code type}, made by {@code constructor} from a uid and the model file. */
    static <M extends Params> MLReader<M> reader(Class<M> type, BiFunction<String, FittedModel, M> constructor) {
        return new MLReader<M>() {
            @Override
            public M load(String path) {
                DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                        type.getName());
                Path file = new Path(path, MODEL_FILE);
                byte[] bytes = read(sparkSession(), file);
                FittedModel state = FittedModel.read(bytes, file.toString());
                M model = constructor.apply(metadata.uid(), state);
                metadata.getAndSetParams(model, scala.Option.empty());
                return model;
            }
        };
    }

    private static void write(SparkSession session, Path file, byte[] bytes) {
        try {
            FileSystem fs = file.getFileSystem(session.sparkContext().hadoopConfiguration());
            try (FSDataOutputStream out = fs.create(file, false)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(SparkSession session, Path file) {
        try {
            FileSystem fs = file.getFileSystem(session.sparkContext().hadoopConfiguration());
            long length = fs.getFileStatus(file).getLen();
            if (length > Integer.MAX_VALUE - 8) {
                throw new dev.descent.io.ModelFormatException(file + ": " + length + " bytes is too large a model");
            }
            byte[] bytes = new byte[(int) length];
            try (FSDataInputStream in = fs.open(file)) {
                in.readFully(bytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
