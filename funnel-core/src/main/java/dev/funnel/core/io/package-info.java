/**
 * Dataset readers: MovieLens 100K, MovieLens latest and a generic CSV / JSON Lines layout (events plus optional
 * item and user feature files). Pick one with {@link dev.funnel.core.io.DataFormat}; every reader streams its files
 * once through a {@link dev.funnel.core.data.DatasetBuilder}, hashing the bytes on the way, and reports bad input as
 * a {@link dev.funnel.core.io.DataFormatException} naming the file, line and field. The formats are described in
 * {@code docs/data-format.md}.
 */
package dev.funnel.core.io;
