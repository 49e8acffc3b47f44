/**
 * Two-tower retrieval: a user tower and an item tower trained with DJL on the PyTorch CPU engine (offline), exported
 * so that serving computes a user vector in plain Java, and an ANN index over the item vectors.
 */
package dev.funnel.twotower;
