/**
 * Kafka as an event source — each record appended to the durable event log exactly once — and as a sink of what
 * the server logs (accepted events, impressions), started by a server whose configuration has a {@code kafka}
 * section.
 */
package dev.funnel.kafka;
