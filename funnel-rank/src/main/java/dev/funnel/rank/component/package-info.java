/**
 * The component registry: one object per retrieval channel kind (each CF index, the popular channel, the two-tower
 * and the autoencoder), which knows its name, how it is fitted offline, what a snapshot build trains for it, how it
 * is found in a snapshot and how it opens a retriever (and, for a learned model, a pair scorer). Every dispatch by
 * channel name goes through {@link dev.funnel.rank.component.Components}.
 */
package dev.funnel.rank.component;
