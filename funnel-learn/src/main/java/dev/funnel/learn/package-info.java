/**
 * The training of funnel-rank's learned channels ({@link dev.funnel.rank.component.ModelTraining}): the two-tower
 * model and the autoencoder, trained with DJL on PyTorch's CPU engine.
 */
package dev.funnel.learn;
