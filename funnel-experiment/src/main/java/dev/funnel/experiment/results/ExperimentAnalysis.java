package dev.funnel.experiment.results;

import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One experiment's impressions joined to the events that answer them, kept per user in primitive arrays: feed it
 * the logged responses ({@link #shown}) and the events ({@link #event}) in time order — each event after the
 * response it answers — then ask for {@link #results} as often as wanted (a results call changes nothing, so results can be
 * read after every share of the traffic).
 *
 * <p>What it counts: a response of the experiment counts for the user's arm; a response in the pre-period (the
 * {@code cupedDays} before the start, any or no experiment) counts for the user's CUPED covariate. An event joins
 * the response named by its request id, or, without one, the user's newest response within the attribution window
 * that showed its item. The first event on a shown item is its click (at the item's position); every event of a
 * conversion type on a shown item is a conversion, with its value. Users forced into an arm are left out.
 * Memory: a few ints per shown item, per user and per counted action; time: O(shown items + events), and
 * O({@value #TIMELINE_POINTS} · (users + responses + counted actions)) for the results' timeline.
 */
public final class ExperimentAnalysis {
  /** Points of the results' timeline: the goal's comparisons at evenly spaced times from the start. */
  static final int TIMELINE_POINTS = 24;

  private final Experiment experiment;
  private final AnalysisSettings settings;
  private final List<String> armNames;

  private final Object2IntOpenHashMap<String> userIndex = new Object2IntOpenHashMap<>();
  private final IntArrayList userArm = new IntArrayList();
  /** Per user, the newest response (or −1); per response, the user's one before it. */
  private final IntArrayList userLastRequest = new IntArrayList();

  private final Object2IntOpenHashMap<String> requestIndex = new Object2IntOpenHashMap<>();
  private final IntArrayList requestUser = new IntArrayList();
  /** The arm's index, or −1 for a pre-period response. */
  private final IntArrayList requestArm = new IntArrayList();
  private final LongArrayList requestTime = new LongArrayList();
  private final IntArrayList requestFirstItem = new IntArrayList();
  private final IntArrayList requestPrevious = new IntArrayList();
  private final FloatArrayList requestLatency = new FloatArrayList();

  private final Object2IntOpenHashMap<String> itemIndex = new Object2IntOpenHashMap<>();
  /** Shown items of all responses, in order; a response's run starts at its first item. */
  private final IntArrayList shownItems = new IntArrayList();
  private final BooleanArrayList shownActed = new BooleanArrayList();

  /** Per user: clicks, conversions, value, Σ clicked positions in the experiment; clicks in the pre-period. */
  private final IntArrayList clicks = new IntArrayList();
  private final IntArrayList conversions = new IntArrayList();
  private final DoubleArrayList value = new DoubleArrayList();
  private final LongArrayList positions = new LongArrayList();
  private final IntArrayList impressions = new IntArrayList();
  private final IntArrayList preClicks = new IntArrayList();

  /**
   * The counted actions in the experiment, for the timeline: when each counted (the later of the event's and its
   * response's time), for whom, and what it added.
   */
  private final LongArrayList actionTime = new LongArrayList();
  private final IntArrayList actionUser = new IntArrayList();
  private final BooleanArrayList actionClick = new BooleanArrayList();
  private final IntArrayList actionPosition = new IntArrayList();
  private final BooleanArrayList actionConversion = new BooleanArrayList();
  private final DoubleArrayList actionValue = new DoubleArrayList();

  public ExperimentAnalysis(Experiment experiment, AnalysisSettings settings) {
    this.experiment = experiment;
    this.settings = settings;
    this.armNames = experiment.arms().stream().map(Arm::name).toList();
    userIndex.defaultReturnValue(-1);
    requestIndex.defaultReturnValue(-1);
    itemIndex.defaultReturnValue(-1);
  }

  /** The first time (epoch seconds) whose responses matter: the pre-period's start. */
  public long from() {
    long start = experiment.start() == null ? Long.MAX_VALUE : experiment.start();
    return settings.cupedDays() == 0 ? start : start - settings.cupedSeconds();
  }

  /** Adds one response. */
  public void shown(LoggedResponse shown) {
    boolean ours = experiment.id().equals(shown.experiment()) && shown.arm() != null;
    boolean before = experiment.start() != null && shown.timestamp() < experiment.start()
        && shown.timestamp() >= from();
    if (!(ours || before) || experiment.overrides().containsKey(shown.user())
        || requestIndex.containsKey(shown.requestId())) {
      return; // another experiment's, forced, or logged twice
    }
    int arm = ours ? armNames.indexOf(shown.arm()) : -1;
    if (ours && arm < 0) {
      return; // an arm this experiment does not have
    }
    int user = user(shown.user());
    if (arm >= 0) {
      if (userArm.getInt(user) < 0) {
        userArm.set(user, arm);
      } else if (userArm.getInt(user) != arm) {
        return; // cannot happen while assignment is deterministic; never let one user count twice
      }
      impressions.set(user, impressions.getInt(user) + shown.items().size());
    }
    int request = requestUser.size();
    requestIndex.put(shown.requestId(), request);
    requestUser.add(user);
    requestArm.add(arm);
    requestTime.add(shown.timestamp());
    requestFirstItem.add(shownItems.size());
    requestLatency.add(shown.latencyMs());
    requestPrevious.add(userLastRequest.getInt(user));
    userLastRequest.set(user, request);
    for (String item : shown.items()) {
      shownItems.add(item(item));
      shownActed.add(false);
    }
  }

  private int user(String id) {
    int user = userIndex.getInt(id);
    if (user < 0) {
      user = userArm.size();
      userIndex.put(id, user);
      userArm.add(-1);
      userLastRequest.add(-1);
      clicks.add(0);
      conversions.add(0);
      value.add(0);
      positions.add(0);
      impressions.add(0);
      preClicks.add(0);
    }
    return user;
  }

  private int item(String id) {
    int item = itemIndex.getInt(id);
    if (item < 0) {
      item = itemIndex.size();
      itemIndex.put(id, item);
    }
    return item;
  }

  /** Adds one event; an event that joins no response of the experiment or its pre-period is ignored. */
  public void event(Action action) {
    int item = itemIndex.getInt(action.item());
    if (item < 0) {
      return;
    }
    int shownAt = -1;
    int request = -1;
    if (action.requestId() != null) {
      request = requestIndex.getInt(action.requestId());
      if (request >= 0 && userIndex.getInt(action.user()) == requestUser.getInt(request)) {
        shownAt = find(request, item);
      }
    } else {
      int user = userIndex.getInt(action.user());
      long earliest = action.timestamp() - settings.attributionSeconds();
      for (int r = user < 0 ? -1 : userLastRequest.getInt(user); r >= 0 && shownAt < 0; r = requestPrevious.getInt(r)) {
        long t = requestTime.getLong(r);
        if (t < earliest) {
          break;
        }
        if (t <= action.timestamp()) {
          shownAt = find(r, item);
          request = r;
        }
      }
    }
    if (shownAt >= 0) {
      count(request, shownAt, action);
    }
  }

  /** The index in {@link #shownItems} where {@code request} showed {@code item}, or −1. */
  private int find(int request, int item) {
    int end = request + 1 < requestFirstItem.size() ? requestFirstItem.getInt(request + 1) : shownItems.size();
    for (int p = requestFirstItem.getInt(request); p < end; p++) {
      if (shownItems.getInt(p) == item) {
        return p;
      }
    }
    return -1;
  }

  private void count(int request, int shownAt, Action action) {
    int user = requestUser.getInt(request);
    boolean inExperiment = requestArm.getInt(request) >= 0;
    boolean click = !shownActed.getBoolean(shownAt);
    int position = shownAt - requestFirstItem.getInt(request) + 1;
    if (click) {
      shownActed.set(shownAt, true);
      if (inExperiment) {
        clicks.set(user, clicks.getInt(user) + 1);
        positions.set(user, positions.getLong(user) + position);
      } else {
        preClicks.set(user, preClicks.getInt(user) + 1);
      }
    }
    boolean conversion = inExperiment && settings.conversionTypes().contains(action.type());
    double worth = conversion && Double.isFinite(action.value()) ? action.value() : 0;
    if (conversion) {
      conversions.set(user, conversions.getInt(user) + 1);
      value.set(user, value.getDouble(user) + worth);
    }
    if (inExperiment && (click || conversion)) {
      actionTime.add(Math.max(action.timestamp(), requestTime.getLong(request)));
      actionUser.add(user);
      actionClick.add(click);
      actionPosition.add(click ? position : 0);
      actionConversion.add(conversion);
      actionValue.add(worth);
    }
  }

  /**
   * The results so far.
   *
   * @param now when they are computed (epoch seconds)
   * @param errors per arm, requests answered with an error and requests in all, counted live (null when unknown,
   *     as offline)
   */
  public ExperimentResults results(long now, java.util.Map<String, long[]> errors) {
    ArmData[] arms = newArms();
    for (int user = 0; user < userArm.size(); user++) {
      int arm = userArm.getInt(user);
      if (arm >= 0) {
        arms[arm].addUser(clicks.getInt(user), impressions.getInt(user), conversions.getInt(user),
            value.getDouble(user), positions.getLong(user), preClicks.getInt(user));
      }
    }
    for (int r = 0; r < requestArm.size(); r++) {
      int arm = requestArm.getInt(r);
      if (arm >= 0) {
        arms[arm].addRequest(requestLatency.getFloat(r));
      }
    }
    return ExperimentResults.compute(experiment, settings, now, List.of(arms), errors)
        .withTimeline(timeline(now));
  }

  private ArmData[] newArms() {
    ArmData[] arms = new ArmData[armNames.size()];
    for (int a = 0; a < arms.length; a++) {
      arms[a] = new ArmData();
    }
    return arms;
  }

  /**
   * The goal's comparisons as they stood at {@value #TIMELINE_POINTS} evenly spaced times from the start to the end
   * (or {@code now}; fewer, a second apart, when that is under {@value #TIMELINE_POINTS} seconds): the users exposed
   * by then, with what they had done by then. Empty before the start.
   */
  private List<ExperimentResults.TimelinePoint> timeline(long now) {
    Long start = experiment.start();
    long stop = experiment.end() == null ? now : Math.min(now, experiment.end());
    if (start == null || stop <= start) {
      return List.of();
    }
    int[] requests = inTimeOrder(requestTime, requestArm);
    int[] actions = inTimeOrder(actionTime, null);
    int users = userArm.size();
    boolean[] exposed = new boolean[users];
    int[] shown = new int[users];
    int[] clicked = new int[users];
    int[] converted = new int[users];
    double[] worth = new double[users];
    long[] position = new long[users];
    int n = (int) Math.min(TIMELINE_POINTS, stop - start); // whole seconds apart
    List<ExperimentResults.TimelinePoint> points = new ArrayList<>(n);
    int r = 0;
    int a = 0;
    for (int k = 1; k <= n; k++) {
      long at = start + (long) Math.ceil((double) (stop - start) * k / n);
      for (; r < requests.length && requestTime.getLong(requests[r]) <= at; r++) {
        int request = requests[r];
        int next = request + 1 < requestFirstItem.size() ? requestFirstItem.getInt(request + 1) : shownItems.size();
        exposed[requestUser.getInt(request)] = true;
        shown[requestUser.getInt(request)] += next - requestFirstItem.getInt(request);
      }
      for (; a < actions.length && actionTime.getLong(actions[a]) <= at; a++) {
        int action = actions[a];
        int user = actionUser.getInt(action);
        clicked[user] += actionClick.getBoolean(action) ? 1 : 0;
        position[user] += actionPosition.getInt(action);
        converted[user] += actionConversion.getBoolean(action) ? 1 : 0;
        worth[user] += actionValue.getDouble(action);
      }
      ArmData[] arms = newArms();
      for (int user = 0; user < users; user++) {
        if (exposed[user]) {
          arms[userArm.getInt(user)].addUser(clicked[user], shown[user], converted[user], worth[user],
              position[user], preClicks.getInt(user));
        }
      }
      ExperimentResults then = ExperimentResults.compute(experiment, settings, at, List.of(arms), null);
      points.add(new ExperimentResults.TimelinePoint(at,
          then.comparisons().stream().filter(ExperimentResults.Comparison::goal).toList()));
    }
    return points;
  }

  /** The indices of {@code times} (of those with an arm ≥ 0, when {@code arms} is given) sorted by time, stably. */
  private static int[] inTimeOrder(LongArrayList times, IntArrayList arms) {
    IntArrayList kept = new IntArrayList();
    for (int i = 0; i < times.size(); i++) {
      if (arms == null || arms.getInt(i) >= 0) {
        kept.add(i);
      }
    }
    int[] order = kept.toIntArray();
    it.unimi.dsi.fastutil.ints.IntArrays.stableSort(order,
        (x, y) -> Long.compare(times.getLong(x), times.getLong(y)));
    return order;
  }
}
