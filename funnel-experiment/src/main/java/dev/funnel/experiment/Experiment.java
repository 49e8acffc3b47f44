package dev.funnel.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An A/B experiment whose arms are pipelines. Who is in it, and in which arm, is decided by two independent buckets
 * (see {@link Bucketing}): the <em>layer</em> bucket of {@code layer + ":" + user} says whether the user falls in
 * the experiment's {@link #buckets() range} of its layer (ranges of one layer are disjoint, so its experiments
 * exclude each other; layers overlap), and the <em>arm</em> bucket of {@code salt + ":" + user} picks the arm: arm
 * i owns the buckets from its cumulative weight share on, as many as {@code coverage × its share} (GrowthBook's
 * ranges), so raising the coverage only adds users and never moves one to another arm. Immutable; the constructor
 * fills defaults and refuses what makes no sense, naming the field.
 *
 * @param id unique, {@value #ID_PATTERN}
 * @param description free text, may be null
 * @param layer the layer (default {@code "default"})
 * @param salt the arm hash's salt (default the id): a new salt re-randomises a repeated experiment
 * @param buckets the layer buckets it owns (default all of them)
 * @param coverage the share of the owned users in the experiment, (0, 1] (default 1)
 * @param arms at least two, the first the control
 * @param goal the metric the experiment is for (default {@link Metric#CLICKS_PER_USER})
 * @param guardrails metrics that must not get worse (default latency p99 and error rate)
 * @param status draft, running or stopped (default draft)
 * @param start when it starts assigning (epoch seconds); null until it runs, when {@link Experiments} sets it to
 *     the time it was started
 * @param end when it stops assigning (epoch seconds), or null
 * @param created when it was created (epoch seconds): when a user falls in running experiments of several layers,
 *     the oldest serves the request (a request has one pipeline)
 * @param overrides users forced into an arm for QA: served that arm whatever their buckets, and left out of the
 *     results
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Experiment(String id, String description, String layer, String salt, BucketRange buckets,
    Double coverage, List<Arm> arms, Metric goal, List<Metric> guardrails, Status status, Long start, Long end,
    Long created, Map<String, String> overrides) {
  public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
  private static final Pattern ID = Pattern.compile(ID_PATTERN);
  public static final String DEFAULT_LAYER = "default";

  public Experiment {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ExperimentException("id", "must match " + ID_PATTERN + ", was " + quoted(id));
    }
    layer = layer == null ? DEFAULT_LAYER : layer;
    if (!ID.matcher(layer).matches()) {
      throw new ExperimentException("layer", "must match " + ID_PATTERN + ", was " + quoted(layer));
    }
    salt = salt == null ? id : salt;
    if (salt.isEmpty()) {
      throw new ExperimentException("salt", "must not be empty");
    }
    buckets = buckets == null ? BucketRange.ALL : buckets;
    if (buckets.from() < 0 || buckets.to() > Bucketing.BUCKETS || buckets.from() >= buckets.to()) {
      throw new ExperimentException("buckets", "must be a range [from, to) with 0 ≤ from < to ≤ "
          + Bucketing.BUCKETS + ", was " + buckets);
    }
    coverage = coverage == null ? 1.0 : coverage;
    if (!(coverage > 0 && coverage <= 1)) {
      throw new ExperimentException("coverage", "must be in (0, 1], was " + coverage);
    }
    if (arms == null || arms.size() < 2) {
      throw new ExperimentException("arms", "an experiment needs at least two arms, the first the control");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < arms.size(); i++) {
      Arm arm = arms.get(i);
      String field = "arms[" + i + "]";
      if (arm == null) {
        throw new ExperimentException(field, "must be an object {name, weight, spec}");
      }
      if (arm.name() == null || !ID.matcher(arm.name()).matches()) {
        throw new ExperimentException(field + ".name", "must match " + ID_PATTERN + ", was " + quoted(arm.name()));
      }
      if (!names.add(arm.name())) {
        throw new ExperimentException(field + ".name", "arm '" + arm.name() + "' is named twice");
      }
      if (!(arm.weight() > 0) || Double.isInfinite(arm.weight())) {
        throw new ExperimentException(field + ".weight", "must be a finite number > 0, was " + arm.weight());
      }
      if (arm.spec() == null) {
        throw new ExperimentException(field + ".spec", "is required: a preset's name, a spec file or a spec");
      }
    }
    arms = List.copyOf(arms);
    goal = goal == null ? Metric.CLICKS_PER_USER : goal;
    if (goal.operational()) {
      throw new ExperimentException("goal", goal.key() + " is a guardrail, not a goal");
    }
    guardrails = guardrails == null ? List.of(Metric.LATENCY_P99, Metric.ERROR_RATE) : List.copyOf(guardrails);
    status = status == null ? Status.DRAFT : status;
    if (start != null && end != null && end < start) {
      throw new ExperimentException("end", "must not be before start (" + start + "), was " + end);
    }
    overrides = overrides == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(overrides));
    for (Map.Entry<String, String> forced : overrides.entrySet()) {
      if (!names.contains(forced.getValue())) {
        throw new ExperimentException("overrides." + forced.getKey(), "no arm named " + quoted(forced.getValue()));
      }
    }
  }

  private static String quoted(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  /** Whether it assigns users at {@code now} (epoch seconds). */
  public boolean activeAt(long now) {
    return status == Status.RUNNING && start != null && now >= start && (end == null || now < end);
  }

  /**
   * The arm {@code user} is served while the experiment is active, or null when the user is not in it. Pure: the
   * same user, the same answer, whatever the time or the server.
   */
  public String armOf(String user) {
    String forced = overrides.get(user);
    if (forced != null) {
      return forced;
    }
    if (!buckets.contains(Bucketing.bucket(layer, user))) {
      return null;
    }
    int bucket = Bucketing.bucket(salt, user);
    double total = arms.stream().mapToDouble(Arm::weight).sum();
    double before = 0;
    for (Arm arm : arms) {
      int from = (int) Math.round(Bucketing.BUCKETS * before / total);
      int width = (int) Math.round(Bucketing.BUCKETS * (before + arm.weight()) / total) - from;
      if (bucket >= from && bucket < from + (int) Math.floor(width * coverage + 1e-9)) {
        return arm.name();
      }
      before += arm.weight();
    }
    return null;
  }

  /** Whether its users are fixed by the same hashes and ranges as {@code other}'s (what a running one keeps). */
  boolean sameAssignment(Experiment other) {
    return layer.equals(other.layer) && salt.equals(other.salt) && buckets.equals(other.buckets)
        && arms.equals(other.arms);
  }

  Experiment with(Status status, Long start, Long end) {
    return new Experiment(id, description, layer, salt, buckets, coverage, arms, goal, guardrails, status, start,
        end, created, overrides);
  }

  Experiment created(long now) {
    return new Experiment(id, description, layer, salt, buckets, coverage, arms, goal, guardrails, status, start,
        end, Objects.requireNonNullElse(created, now), overrides);
  }
}
