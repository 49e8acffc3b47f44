/**
 * Training with DJL on PyTorch's CPU engine, offline: the batch layout, the towers as tensors, the losses of the
 * three modes, negative sampling, validation and early stopping. {@link dev.funnel.twotower.train.TwoTowerTrainer}
 * is the entry point; it returns a plain-Java {@link dev.funnel.twotower.model.TwoTowerModel}.
 */
package dev.funnel.twotower.train;
