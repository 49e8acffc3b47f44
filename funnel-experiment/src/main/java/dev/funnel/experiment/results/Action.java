package dev.funnel.experiment.results;

/**
 * One logged event, as the results read it.
 *
 * @param user external user id
 * @param item external item id
 * @param type event type (click, purchase, …)
 * @param value the event's value (a purchase's amount), NaN when absent
 * @param timestamp epoch seconds
 * @param requestId the response it answers, or null (then it is attributed by user and time)
 */
public record Action(String user, String item, String type, double value, long timestamp, String requestId) {}
