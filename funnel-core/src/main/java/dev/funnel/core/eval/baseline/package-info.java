/** Baseline pipelines (popular, random) that every model in Funnel is compared against. */
package dev.funnel.core.eval.baseline;
