/**
 * Model snapshots: immutable, versioned directories holding a {@code manifest.json} (format version, parameters,
 * data statistics, build time, per-file SHA-256) and raw little-endian arrays that are read memory-mapped.
 * {@link dev.funnel.core.snapshot.SnapshotWriter} builds one in a temporary directory and moves it into place
 * atomically; {@link dev.funnel.core.snapshot.Snapshot} opens one in milliseconds, whatever its size.
 */
package dev.funnel.core.snapshot;
