/** The {@code twotower} evaluation pipeline: train on the split, rank by an exact scan over item vectors. */
package dev.funnel.twotower.eval;
