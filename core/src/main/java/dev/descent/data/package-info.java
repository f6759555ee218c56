/**
 * Data: reading numeric CSV files ({@link dev.descent.data.CsvReader}) into a host-side
 * {@link dev.descent.data.Dataset}, z-score standardization fitted on the training set and saved with the model
 * ({@link dev.descent.data.Standardizer}), and mini-batches on a backend ({@link dev.descent.data.DataLoader},
 * {@link dev.descent.data.Batch}).
 *
 * <p>Data flows one way: CSV -> Dataset -> (Standardizer) -> DataLoader -> batches as tensors on the chosen
 * backend. Every error in a data file is a {@link dev.descent.data.DataFormatException} whose message starts
 * with {@code FILE:LINE:COLUMN}; {@link dev.descent.data.CsvLimits} bounds what a file may make the reader
 * allocate.
 */
package dev.descent.data;
