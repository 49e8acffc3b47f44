package dev.funnel.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiments a server knows, and the rules for changing them: ids are unique; experiments of one layer own
 * disjoint bucket ranges (stopped ones release theirs); a draft may change freely; once running, what fixes who is
 * in which arm (layer, salt, buckets, arms and weights) is frozen and coverage may only rise; a stopped experiment
 * is final and keeps its data. Every accepted change is saved before it takes effect; a refused or unsaved one
 * changes nothing. Reads ({@link #assign}) take no lock. Thread-safe.
 */
public final class Experiments {
  /** Where the experiments are kept. */
  @FunctionalInterface
  public interface Store {
    void save(List<Experiment> experiments) throws IOException;
  }

  /** Checks what only the server can: that every arm's pipeline can be served. */
  @FunctionalInterface
  public interface Validator {
    /** @throws ExperimentException naming the field when the experiment cannot run */
    void check(Experiment experiment);
  }

  private static final Comparator<Experiment> PRIORITY =
      Comparator.comparingLong((Experiment e) -> e.created() == null ? 0 : e.created())
          .thenComparing(Experiment::id);

  private final Store store;
  private final Validator validator;
  private final Map<String, Experiment> byId = new LinkedHashMap<>();
  /** The running ones, oldest first: what {@link #assign} reads. */
  private volatile List<Experiment> running = List.of();

  /** @param initial experiments as last saved (not re-validated against the layer rules) */
  public Experiments(List<Experiment> initial, Store store, Validator validator) {
    this.store = store;
    this.validator = validator;
    for (Experiment e : initial) {
      byId.put(e.id(), e);
    }
    running = runningOf(byId);
  }

  /** Every experiment, oldest first. */
  public synchronized List<Experiment> list() {
    return byId.values().stream().sorted(PRIORITY).toList();
  }

  public synchronized Optional<Experiment> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Adds an experiment; a running one starts now unless it names its start.
   *
   * @throws ExperimentException when the id is taken, its buckets overlap another of its layer, or an arm cannot
   *     be served
   * @throws IOException when it cannot be saved (nothing changes)
   */
  public synchronized Experiment create(Experiment experiment, long now) throws IOException {
    if (byId.containsKey(experiment.id())) {
      throw new ExperimentException("id", "an experiment '" + experiment.id() + "' exists already");
    }
    Experiment created = started(experiment.created(now), Status.DRAFT, now);
    validator.check(created);
    return commit(created);
  }

  /**
   * Replaces experiment {@code id} by {@code changed} (the old one with a patch applied), within the rules above.
   * Setting the status to running starts it now (unless it names a later start); to stopped ends it now.
   *
   * @throws ExperimentException naming the field when the change is not allowed
   * @throws java.util.NoSuchElementException when there is no such experiment
   * @throws IOException when it cannot be saved (nothing changes)
   */
  public synchronized Experiment update(String id, Experiment changed, long now) throws IOException {
    Experiment old = byId.get(id);
    if (old == null) {
      throw new java.util.NoSuchElementException("no experiment '" + id + "'");
    }
    if (!changed.id().equals(id)) {
      throw new ExperimentException("id", "cannot change (" + id + ")");
    }
    if (old.status() == Status.STOPPED) {
      throw new ExperimentException("status", "experiment '" + id + "' is stopped; a stopped experiment is final "
          + "(its data stays for the results)");
    }
    if (old.status() == Status.RUNNING) {
      frozen(old, changed);
    }
    if (changed.status() == Status.DRAFT && old.status() != Status.DRAFT) {
      throw new ExperimentException("status", "a running experiment cannot go back to draft; stop it");
    }
    Experiment next = started(new Experiment(changed.id(), changed.description(), changed.layer(), changed.salt(),
        changed.buckets(), changed.coverage(), changed.arms(), changed.goal(), changed.guardrails(),
        changed.status(), old.status() == Status.DRAFT && changed.status() != Status.DRAFT ? changed.start()
            : old.start(), changed.end(), old.created(), changed.overrides()), old.status(), now);
    if (!next.arms().equals(old.arms()) || next.status() != old.status()) {
      validator.check(next);
    }
    return commit(next);
  }

  private static void frozen(Experiment old, Experiment changed) {
    String field = !old.layer().equals(changed.layer()) ? "layer"
        : !old.salt().equals(changed.salt()) ? "salt"
        : !old.buckets().equals(changed.buckets()) ? "buckets"
        : !old.arms().equals(changed.arms()) ? "arms" : null;
    if (field != null) {
      throw new ExperimentException(field, "a running experiment's " + field + " cannot change: that would move "
          + "users between arms; stop it and start a new experiment");
    }
    if (changed.coverage() < old.coverage()) {
      throw new ExperimentException("coverage", "a running experiment's coverage may only rise (lowering it drops "
          + "assigned users), was " + old.coverage() + ", asked " + changed.coverage());
    }
  }

  /** Fills the start of one that begins running and the end of one that stops. */
  private static Experiment started(Experiment e, Status before, long now) {
    if (e.status() == Status.RUNNING && before == Status.DRAFT) {
      return e.with(Status.RUNNING, e.start() == null ? now : e.start(), e.end());
    }
    if (e.status() == Status.STOPPED && before != Status.STOPPED) {
      Long start = e.start() == null ? now : e.start();
      return e.with(Status.STOPPED, start, e.end() == null || e.end() > now ? Math.max(now, start) : e.end());
    }
    return e;
  }

  private Experiment commit(Experiment next) throws IOException {
    if (next.status() != Status.STOPPED) {
      for (Experiment other : byId.values()) {
        if (!other.id().equals(next.id()) && other.status() != Status.STOPPED && other.layer().equals(next.layer())
            && other.buckets().overlaps(next.buckets())) {
          throw new ExperimentException("buckets", next.buckets() + " overlaps experiment '" + other.id()
              + "' " + other.buckets() + " in layer '" + next.layer() + "': experiments of one layer own disjoint "
              + "buckets (give a range, or another layer)");
        }
      }
    }
    Map<String, Experiment> after = new LinkedHashMap<>(byId);
    after.put(next.id(), next);
    store.save(after.values().stream().sorted(PRIORITY).toList());
    byId.put(next.id(), next);
    running = runningOf(byId);
    return next;
  }

  private static List<Experiment> runningOf(Map<String, Experiment> experiments) {
    List<Experiment> out = new ArrayList<>();
    for (Experiment e : experiments.values()) {
      if (e.status() == Status.RUNNING) {
        out.add(e);
      }
    }
    out.sort(PRIORITY);
    return List.copyOf(out);
  }

  /**
   * The arm that serves {@code user} at {@code now}: of the active experiments the user falls in, the oldest's
   * (a request has one pipeline; the layers' hashes are independent, so the newer experiment's arms stay balanced
   * over the users it does serve). Null when none.
   */
  public Assignment assign(String user, long now) {
    for (Experiment e : running) {
      if (e.activeAt(now)) {
        String arm = e.armOf(user);
        if (arm != null) {
          return new Assignment(e, arm);
        }
      }
    }
    return null;
  }
}
