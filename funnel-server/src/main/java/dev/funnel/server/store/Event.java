package dev.funnel.server.store;

/**
 * One accepted interaction event, as stored in the event log.
 *
 * @param user external user id
 * @param item external item id
 * @param type event type (view, click, like, share, purchase, rating, …), known to the feedback configuration
 * @param value the event's value (a rating; a multiplier for weighted types), NaN when absent
 * @param timestamp epoch seconds (the server's clock when the client gave none)
 * @param requestId the recommendation response this event answers, or null
 */
public record Event(String user, String item, String type, float value, long timestamp, String requestId) {}
