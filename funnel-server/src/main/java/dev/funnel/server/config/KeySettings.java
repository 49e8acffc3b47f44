package dev.funnel.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One API key of the {@code server.keys} list: who holds it (a name for metrics and messages; the key itself is
 * never shown or logged), the key, what it may do, and how often.
 *
 * @param name the holder's name (letters, digits, '-', '_', '.'; unique)
 * @param key the key, at least 16 characters
 * @param role what it may call (default read)
 * @param ratePerSecond the most requests per second it may make, or null for no limit
 */
public record KeySettings(String name, String key, Role role, Double ratePerSecond) {

  /** What a key may call: each role may do what the ones before it may. */
  public enum Role {
    /** Reads: recommendations, catalogue, histories, features, similar items (needed when reads are keyed). */
    READ,
    /** Reads, and changes to the data: events, catalogue PUTs and DELETEs. */
    WRITE,
    /** Everything: builds, the event log, exposures, experiments, the dashboard's admin views. */
    ADMIN;

    public boolean allows(Role needed) {
      return compareTo(needed) >= 0;
    }

    @JsonCreator
    static Role parse(String role) {
      try {
        return valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("role must be read, write or admin, was '" + role + "'");
      }
    }

    @JsonValue
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public KeySettings {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("a key's name must be 1 to 64 letters, digits, '-', '_' or '.', was "
          + (name == null ? "missing" : "'" + name + "'"));
    }
    if (key == null || key.length() < 16) {
      throw new IllegalArgumentException("key '" + name + "' must be at least 16 characters long");
    }
    role = role == null ? Role.READ : role;
    if (ratePerSecond != null && !(ratePerSecond > 0 && ratePerSecond <= 1_000_000)) {
      throw new IllegalArgumentException("key '" + name + "': ratePerSecond must be in (0, 1000000], was "
          + ratePerSecond);
    }
  }

  /** Shown in logs and errors: the name and role, never the key. */
  @Override
  public String toString() {
    return "KeySettings[name=" + name + ", role=" + role.key() + ", ratePerSecond=" + ratePerSecond + "]";
  }
}
