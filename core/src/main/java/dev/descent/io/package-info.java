/**
 * Files: model files in the safetensors format ({@link dev.descent.io.Safetensors}), training checkpoints on top
 * of it ({@link dev.descent.io.Checkpoint}), and atomic replacement of any output file
 * ({@link dev.descent.io.AtomicFiles}). No Java serialization is used anywhere.
 *
 * <h2>Tensor names</h2>
 * Model files follow PyTorch's layout so that {@code safetensors.torch.load_file} gives a state dict: a linear
 * model {@code x W^T + b} stores {@code weight} [out, in] and {@code bias} [out] (as {@code nn.Linear}); an MLP's
 * dense layers store {@code layer0.weight}, {@code layer0.bias}, {@code layer1.weight}, ... The standardization
 * and model description go in {@code __metadata__} as strings, lists as JSON arrays
 * ({@link dev.descent.io.MetadataValues}).
 *
 * <h2>Why the JSON header parser is hand-written</h2>
 * The safetensors header is a flat JSON object of a fixed shape (names to {@code dtype}/{@code shape}/
 * {@code data_offsets}, plus string-to-string metadata), and it is the part of a model file an attacker
 * controls. A strict parser for RFC 8259 of about 300 lines ({@code Json}) keeps {@code core} free of
 * dependencies (Jackson or Gson would be the only third-party module every user of descent must carry, for one
 * header), lets the reader enforce its own limits while parsing (nesting depth, number of values, exact
 * duplicate-key rejection) rather than after a general-purpose library has already built an arbitrary tree,
 * and is small enough to fuzz exhaustively. Numbers are kept as their literal text and checked by the caller,
 * so a 30-digit offset is reported as too large instead of silently rounded.
 *
 * <h2>Limits</h2>
 * Readers never allocate more than the file can justify: see {@link dev.descent.io.SafetensorsLimits}
 * (header bytes 100,000,000; tensors 65,536; rank 16; total data 4 GiB; metadata entries 65,536 by default).
 * Every failure is a {@link dev.descent.io.ModelFormatException} naming the file; write failures are
 * {@link dev.descent.io.FileWriteException} and leave the previous file intact.
 */
package dev.descent.io;
