/**
 * A Redis history store for deployments with several server instances: each user's recent history lives in
 * Redis, updated atomically by a server-side script, so every instance sees every other instance's events at once.
 */
package dev.funnel.server.store.redis;
