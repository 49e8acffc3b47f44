/**
 * A/B experiments whose arms are pipeline specs: deterministic assignment of users to arms in layers, the metrics
 * of each arm from impressions joined to events, their statistics, and the click simulator that exercises all of it.
 */
package dev.funnel.experiment;
