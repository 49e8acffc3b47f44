package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the channels read a user and what fills a short list.
 *
 * @param lastN recent items per user each channel reads; null: 200 when serving, and the whole history under the
 *     {@code random} evaluation protocol (its held-out items are drawn from the whole history)
 * @param quota default candidates per channel (100)
 * @param fallback {@code popular} (the default: most popular unseen items fill a list the channels leave short, and
 *     serve a user nobody knows) or {@code none}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrievalSpec(Integer lastN, Integer quota, String fallback) {
  public static final RetrievalSpec DEFAULT = new RetrievalSpec(null, null, null);

  public RetrievalSpec {
    if (lastN != null && (lastN < 1 || lastN > 100_000)) {
      throw new IllegalArgumentException("lastN must be in [1, 100000], was " + lastN);
    }
    quota = quota == null ? 100 : quota;
    if (quota < 1 || quota > 100_000) {
      throw new IllegalArgumentException("quota must be in [1, 100000], was " + quota);
    }
    fallback = fallback == null ? "popular" : fallback;
    if (!fallback.equals("popular") && !fallback.equals("none")) {
      throw new IllegalArgumentException("fallback must be 'popular' or 'none', was '" + fallback + "'");
    }
  }

  /** Whether the most popular items fill a short list. */
  public boolean popularFallback() {
    return fallback.equals("popular");
  }
}
