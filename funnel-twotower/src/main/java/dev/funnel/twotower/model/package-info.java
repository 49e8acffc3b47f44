/**
 * The two-tower model as serving sees it, in plain Java: the towers' configuration, the encoded inputs of every
 * user and item (vocabularies, normalisation, buckets, the shared unknown rows), the forward pass and the snapshot
 * format. Nothing here loads PyTorch.
 */
package dev.funnel.twotower.model;
