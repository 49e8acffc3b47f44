package dev.funnel.experiment.sim;

/** One shown item of a logged response, as the tests look at a simulated site's log. */
record ShownItem(String requestId, String user, String experiment, String arm, long timestamp, int position,
    String item, float latencyMs) {}
