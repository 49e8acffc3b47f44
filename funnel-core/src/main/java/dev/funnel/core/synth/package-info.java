/**
 * The synthetic data generator: Funnel's embedded default dataset. {@link dev.funnel.core.synth.SyntheticGenerator}
 * writes events, item and user features in the generic format together with the ground truth that produced them
 * (latent topics, tastes and planted circles), which {@link dev.funnel.core.synth.GroundTruth} reads back so tests
 * and benchmarks can check what a recommender recovered. Output depends only on the
 * {@link dev.funnel.core.synth.GeneratorConfig}: the same configuration gives byte-identical files.
 */
package dev.funnel.core.synth;
