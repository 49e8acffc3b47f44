package dev.funnel.server.experiments;

import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Assignment;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.ExperimentException;
import dev.funnel.experiment.Experiments;
import dev.funnel.experiment.Status;
import dev.funnel.experiment.results.AnalysisSettings;
import dev.funnel.experiment.results.ExperimentResults;
import dev.funnel.rank.component.Components;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.serving.ModelRegistry;
import dev.funnel.server.serving.PipelineModels;
import dev.funnel.server.serving.ServingModel;
import dev.funnel.server.serving.SnapshotBuilds;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.ImpressionLog;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The server's experiments: their registry (saved in {@code DIR/experiments.json}), which arm serves a request,
 * the builds an experiment needs when it starts, and its results from the stores. An arm is served once its
 * pipeline has a model; until every arm of an experiment has one, the experiment assigns nobody (so no arm gets a
 * head start).
 */
public final class ExperimentService {
  /**
   * An experiment as the API shows it.
   *
   * @param experiment the experiment
   * @param ready whether every arm has a model, so that it assigns users while running
   */
  public record View(@com.fasterxml.jackson.annotation.JsonUnwrapped Experiment experiment, boolean ready) {}

  private final Experiments experiments;
  private final PipelineModels models;
  private final ImpressionLog impressions;
  private final EventLog events;
  private final ServerMetrics metrics;
  private final AnalysisSettings settings;
  private SnapshotBuilds builds;
  /** Per experiment id, each arm's registry in arm order: resolved once per change, not per request. */
  private volatile Map<String, List<ModelRegistry>> registries = Map.of();

  public ExperimentService(List<Experiment> saved, Experiments.Store store, PipelineModels models,
      ImpressionLog impressions, EventLog events, ServerMetrics metrics, AnalysisSettings settings) {
    this.experiments = new Experiments(saved, store, ExperimentService::checkServable);
    this.models = models;
    this.impressions = impressions;
    this.events = events;
    this.metrics = metrics;
    this.settings = settings;
    resolveRegistries();
  }

  private void resolveRegistries() {
    Map<String, List<ModelRegistry>> resolved = new HashMap<>();
    for (Experiment e : experiments.list()) {
      if (e.status() != Status.STOPPED) {
        resolved.put(e.id(), e.arms().stream().map(arm -> models.registry(arm.spec())).toList());
      }
    }
    registries = resolved;
  }

  /** The builds to start when an experiment starts (set once the builds exist: they build these experiments). */
  public void startBuildsWith(SnapshotBuilds builds) {
    this.builds = builds;
  }

  /** The experiments whose arms are built: every one not stopped. */
  public List<Experiment> toBuild() {
    return experiments.list().stream().filter(e -> e.status() != Status.STOPPED).toList();
  }

  /** Each arm's pipeline must be one the server can serve: known parts, and the rules step the server needs. */
  private static void checkServable(Experiment experiment) {
    List<Arm> arms = experiment.arms();
    for (int i = 0; i < arms.size(); i++) {
      try {
        Components.checkServable(ServingModel.requireRules(arms.get(i).spec(), "this arm's pipeline"));
      } catch (ExperimentException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ExperimentException("arms[" + i + "].spec", e.getMessage());
      }
    }
  }

  public List<View> list() {
    return experiments.list().stream().map(this::view).toList();
  }

  /** @throws NoSuchElementException when there is no such experiment */
  public View get(String id) {
    return view(find(id));
  }

  private Experiment find(String id) {
    return experiments.get(id).orElseThrow(() -> new NoSuchElementException("no experiment '" + id + "'"));
  }

  private View view(Experiment e) {
    return new View(e, ready(registries.get(e.id())));
  }

  private static boolean ready(List<ModelRegistry> arms) {
    if (arms == null) {
      return false;
    }
    for (ModelRegistry arm : arms) {
      if (arm.current() == null) {
        return false;
      }
    }
    return true;
  }

  /** Adds an experiment (see {@link Experiments#create}); one that runs gets its arms built. */
  public View create(Experiment experiment, long now) throws IOException {
    return started(experiments.create(experiment, now));
  }

  /** Changes one (see {@link Experiments#update}). */
  public View update(String id, Experiment changed, long now) throws IOException {
    return started(experiments.update(id, changed, now));
  }

  /** The experiment, for a change to be applied to it. */
  public Experiment current(String id) {
    return find(id);
  }

  private View started(Experiment e) {
    resolveRegistries();
    View view = view(e);
    if (e.status() == Status.RUNNING && !view.ready() && builds != null) {
      builds.triggerSoon();
    }
    return view;
  }

  /**
   * The arm that serves {@code user} now, with its model; null when no active experiment whose arms all have models
   * holds the user.
   */
  public Served assign(String user, long now) {
    Assignment assignment = experiments.assign(user, now);
    List<ModelRegistry> arms = assignment == null ? null : registries.get(assignment.experiment().id());
    if (!ready(arms)) {
      return null;
    }
    return new Served(assignment.experiment().id(), assignment.arm(), arms.get(assignment.index()).current());
  }

  /**
   * What an experiment serves a request.
   *
   * @param experiment its id
   * @param arm the arm's name
   * @param model the arm's model
   */
  public record Served(String experiment, String arm, ServingModel model) {}

  /** The results of experiment {@code id} now, with the live error counts. */
  public ExperimentResults results(String id, long now) throws IOException {
    Experiment e = find(id);
    Map<String, long[]> errors = new HashMap<>();
    for (Arm arm : e.arms()) {
      errors.put(arm.name(), metrics.experimentOutcomes(e.id(), arm.name()));
    }
    return ExperimentReports.compute(e, settings, impressions, events, errors, now);
  }
}
