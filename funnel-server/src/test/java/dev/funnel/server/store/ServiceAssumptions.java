package dev.funnel.server.store;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when the external server it needs (PostgreSQL, Redis) is unreachable: skips, with a message
 * saying how to start it, or fails when {@code FUNNEL_REQUIRE_SERVICES=1} (as CI sets it), so that a missing
 * server can never pass silently there.
 */
public final class ServiceAssumptions {
  private ServiceAssumptions() {}

  /** Reads an environment variable, or {@code fallback} when it is unset or empty. */
  public static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** Skips (or, when services are required, fails) the current test because {@code service} is unreachable. */
  public static void unavailable(String service, Exception cause) {
    String message = service + " is unreachable (" + cause.getMessage() + "); start it with .ci/services.sh";
    if ("1".equals(System.getenv("FUNNEL_REQUIRE_SERVICES"))) {
      Assertions.fail(message + " — FUNNEL_REQUIRE_SERVICES=1 forbids skipping", cause);
    }
    Assumptions.abort(message);
  }
}
