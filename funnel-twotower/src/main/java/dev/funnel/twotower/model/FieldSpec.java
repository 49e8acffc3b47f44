package dev.funnel.twotower.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input field of a tower. Embedded fields own the rows {@code [offset, offset + rows)} of the tower's
 * embedding table; row {@code offset} stands for a missing value or an id the model was not trained on.
 *
 * @param name the feature's name ({@code id} for the id field)
 * @param role how the field enters the tower
 * @param offset first table row (embedded fields; -1 for normalised numbers)
 * @param rows table rows including the missing row (embedded fields; 0 for normalised numbers)
 * @param vocabulary the values in code order (categorical and multi-valued; empty otherwise)
 * @param mean the mean a normalised number is centred on
 * @param std the standard deviation it is divided by
 * @param boundaries ascending cut points of a bucketised number (bucket = how many are ≤ x)
 */
public record FieldSpec(
    String name, Role role, int offset, int rows, List<String> vocabulary, double mean, double std,
    float[] boundaries) {

  /** How a field enters the tower. */
  public enum Role {
    /** The entity's own id: one row per trained id. */
    ID,
    /** One vocabulary value. */
    CATEGORICAL,
    /** A number's quantile bucket. */
    BUCKETISED,
    /** Any number of vocabulary values, mean-pooled (none: a zero vector). */
    MULTI_VALUED,
    /** A number, normalised, as one input of its own. */
    NUMERIC
  }

  /** Whether the field takes exactly one table row per entity. */
  public boolean single() {
    return role == Role.ID || role == Role.CATEGORICAL || role == Role.BUCKETISED;
  }

  /** The manifest form. */
  Map<String, Object> toManifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("role", role.name());
    m.put("offset", offset);
    m.put("rows", rows);
    if (!vocabulary.isEmpty()) {
      m.put("vocabulary", vocabulary);
    }
    if (role == Role.NUMERIC) {
      m.put("mean", mean);
      m.put("std", std);
    }
    if (role == Role.BUCKETISED) {
      List<Double> cuts = new ArrayList<>();
      for (float b : boundaries) {
        cuts.add((double) b);
      }
      m.put("boundaries", cuts);
    }
    return m;
  }

  /** Reads the manifest form back. */
  @SuppressWarnings("unchecked")
  static FieldSpec fromManifest(Map<String, Object> m) {
    List<String> vocabulary = (List<String>) m.getOrDefault("vocabulary", List.of());
    List<Number> cuts = (List<Number>) m.getOrDefault("boundaries", List.of());
    float[] boundaries = new float[cuts.size()];
    for (int k = 0; k < boundaries.length; k++) {
      boundaries[k] = cuts.get(k).floatValue();
    }
    return new FieldSpec((String) m.get("name"), Role.valueOf((String) m.get("role")),
        ((Number) m.get("offset")).intValue(), ((Number) m.get("rows")).intValue(), List.copyOf(vocabulary),
        ((Number) m.getOrDefault("mean", 0)).doubleValue(), ((Number) m.getOrDefault("std", 1)).doubleValue(),
        boundaries);
  }
}
