package dev.funnel.server.config;

/**
 * The {@code store:} section of {@code funnel.yaml}: where the server keeps events, impressions, the catalogue and
 * the users' recent histories. Every key is optional.
 *
 * @param kind {@code embedded} (SQLite files under the server's directory and in-memory histories, the default) or
 *     {@code external} (PostgreSQL and Redis, shared by every server instance that points at them)
 * @param fullSync the embedded event log fsyncs every batch (default true; false survives process crashes only)
 * @param postgresUrl JDBC URL of the PostgreSQL database of the external store
 * @param postgresUser its user
 * @param postgresPassword its password
 * @param redisUrl Redis URI of the external store's recent histories
 * @param prefix prefix of the external store's tables and keys (default {@code funnel_}), so that several
 *     deployments can share a database
 * @param historyTtlDays days a user's Redis history lives after their last event (default 90; 0: for ever), so
 *     that Redis holds the active users, not everyone ever seen
 * @param impressionRetentionDays days an impression is kept (default 90; 0: for ever), except those of experiments
 *     not stopped
 */
public record StoreSettings(String kind, Boolean fullSync, String postgresUrl, String postgresUser,
    String postgresPassword, String redisUrl, String prefix, Integer historyTtlDays, Integer impressionRetentionDays) {
  public static final StoreSettings DEFAULT = new StoreSettings(null, null, null, null, null, null, null, null, null);
  /** The longest TTL or retention accepted: a larger one is surely a unit mistake. */
  private static final int MAX_DAYS = 36_500;

  public StoreSettings {
    kind = kind == null ? "embedded" : kind;
    if (!kind.equals("embedded") && !kind.equals("external")) {
      throw new IllegalArgumentException("kind must be 'embedded' or 'external', was '" + kind + "'");
    }
    fullSync = fullSync == null || fullSync;
    prefix = prefix == null ? "funnel_" : prefix;
    if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
      throw new IllegalArgumentException("prefix must be lower-case letters, digits and _, was '" + prefix + "'");
    }
    historyTtlDays = days("historyTtlDays", historyTtlDays);
    impressionRetentionDays = days("impressionRetentionDays", impressionRetentionDays);
    if (kind.equals("external") && (postgresUrl == null || redisUrl == null)) {
      throw new IllegalArgumentException("kind: external needs postgresUrl and redisUrl");
    }
  }

  private static int days(String name, Integer days) {
    if (days != null && (days < 0 || days > MAX_DAYS)) {
      throw new IllegalArgumentException(name + " must be 0 (for ever) to " + MAX_DAYS + " days, was " + days);
    }
    return days == null ? 90 : days;
  }

  /** Whether the stores are PostgreSQL and Redis. */
  public boolean external() {
    return kind.equals("external");
  }
}
