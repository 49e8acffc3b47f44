/**
 * Offline evaluation: train/test splits ({@link dev.funnel.core.eval.Splitter}), ranking metrics, the pipeline
 * registry and the {@link dev.funnel.core.eval.Evaluator} that puts them together into an
 * {@link dev.funnel.core.eval.EvalReport}.
 */
package dev.funnel.core.eval;
