/**
 * The configuration file ({@code funnel.yaml}) and its defaults: how events weigh, how the server listens, stores
 * and serves, and the pipeline its builds train.
 */
package dev.funnel.server.config;
