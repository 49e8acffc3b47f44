package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One retrieval channel of a spec; written as its kind alone ({@code - itemcf}) or as a mapping.
 *
 * @param kind the component's name in the registry ({@code itemcf}, {@code swing}, {@code twotower}, ...)
 * @param quota candidates it contributes to the merge; null: the spec's {@code retrieval.quota}
 * @param like how a CF channel weighs the user's items ({@code binary} or {@code value}); null: the kind's own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelSpec(String kind, Integer quota, String like) {
  public ChannelSpec {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a channel needs a kind, e.g. 'itemcf'");
    }
    kind = kind.strip();
    if (quota != null && (quota < 1 || quota > 100_000)) {
      throw new IllegalArgumentException("quota must be in [1, 100000], was " + quota);
    }
    if (like != null && !like.equals("binary") && !like.equals("value")) {
      throw new IllegalArgumentException("like must be 'binary' or 'value', was '" + like + "'");
    }
  }

  /** {@code - itemcf}: the kind with the spec's defaults. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ChannelSpec of(String kind) {
    return new ChannelSpec(kind, null, null);
  }

  /** {@code - {kind: itemcf, quota: 50}}. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  static ChannelSpec create(@JsonProperty("kind") String kind,
      @JsonProperty("quota") Integer quota,
      @JsonProperty("like") String like) {
    return new ChannelSpec(kind, quota, like);
  }
}
