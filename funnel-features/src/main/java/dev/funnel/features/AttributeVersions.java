package dev.funnel.features;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.IdDictionary;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catalogue attributes of one entity kind, versioned by the time they changed, so that a training example at t
 * sees the attribute as it was at t: a price changed after t is not visible at t. Values from a catalogue file
 * hold from the beginning of time; a change through the API holds from the moment it was made. A numeric attribute
 * reads as its value; a time attribute (epoch seconds, such as a publish time) reads as its age in days at t.
 * Thread-safe; reads take no lock.
 */
public final class AttributeVersions {
  /** The version time of values that held from the start (catalogue files). */
  public static final long ALWAYS = Long.MIN_VALUE;
  private static final double SECONDS_PER_DAY = 86_400;

  private final List<String> names;
  private final boolean[] times;
  private final ConcurrentHashMap<String, Versions[]> byId = new ConcurrentHashMap<>();

  /**
   * @param names the attributes kept, in column order
   * @param times which of them are times (read as ages in days)
   */
  public AttributeVersions(List<String> names, boolean[] times) {
    if (names.size() != times.length) {
      throw new IllegalArgumentException("one time flag per attribute");
    }
    this.names = List.copyOf(names);
    this.times = times.clone();
  }

  /** Numeric attributes {@code names}, none with a value yet. */
  public static AttributeVersions none(List<String> names) {
    return new AttributeVersions(names, new boolean[names.size()]);
  }

  /**
   * The attributes {@code names} of {@code table} as versions that always held; the table's numeric and time
   * columns may be named.
   *
   * @throws IllegalArgumentException naming an attribute the table lacks or holds as another kind
   */
  public static AttributeVersions fromTable(List<String> names, FeatureTable table, IdDictionary ids, String what) {
    boolean[] times = new boolean[names.size()];
    FeatureColumn[] columns = new FeatureColumn[names.size()];
    for (int a = 0; a < names.size(); a++) {
      FeatureColumn column = table.column(names.get(a));
      if (!(column instanceof FeatureColumn.Numeric || column instanceof FeatureColumn.Time)) {
        throw new IllegalArgumentException("unknown " + what + " attribute '" + names.get(a) + "': a feature view "
            + "reads numeric and time columns, the " + what + " features have " + describe(table));
      }
      columns[a] = column;
      times[a] = column instanceof FeatureColumn.Time;
    }
    AttributeVersions versions = new AttributeVersions(names, times);
    for (int row = 0; row < Math.min(table.rows(), ids.size()); row++) {
      for (int a = 0; a < columns.length; a++) {
        double value = columns[a] instanceof FeatureColumn.Numeric n ? n.values()[row]
            : ((FeatureColumn.Time) columns[a]).values()[row] == Long.MIN_VALUE ? Double.NaN
            : ((FeatureColumn.Time) columns[a]).values()[row];
        if (!Double.isNaN(value)) {
          versions.put(ids.externalId(row), a, value, ALWAYS);
        }
      }
    }
    return versions;
  }

  public List<String> names() {
    return names;
  }

  /** The column of attribute {@code name}, or -1. */
  public int index(String name) {
    return names.indexOf(name);
  }

  /**
   * Records that attribute {@code attribute} of {@code id} is {@code value} from {@code since} on (NaN: removed).
   * Versions arrive in time order per entity; one at an earlier time than the latest is placed in order.
   */
  public void put(String id, int attribute, double value, long since) {
    Versions[] all = byId.computeIfAbsent(id, k -> new Versions[names.size()]);
    synchronized (all) {
      Versions old = all[attribute];
      all[attribute] = old == null ? new Versions(new long[] {since}, new double[] {value}) : old.with(since, value);
    }
  }

  /** Attribute {@code attribute} of {@code id} as of {@code t}; NaN when it had no value then. */
  public float read(String id, int attribute, long t) {
    return read(byId.get(id), attribute, t);
  }

  /** Entity {@code id}'s attributes, or null before the first is set; the same object ever after. */
  Object rowOf(String id) {
    return byId.get(id);
  }

  /** As {@link #read(String, int, long)}, for a row {@link #rowOf} gave (null: none). */
  float read(Object row, int attribute, long t) {
    Versions[] all = (Versions[]) row;
    Versions versions = all == null ? null : all[attribute];
    if (versions == null) {
      return Float.NaN;
    }
    double value = versions.at(t);
    if (Double.isNaN(value) || !times[attribute]) {
      return (float) value;
    }
    return (float) ((t - value) / SECONDS_PER_DAY);
  }

  /** Whether any attribute of {@code id} was ever set. */
  public boolean knows(String id) {
    return byId.containsKey(id);
  }

  /** One attribute's versions, times ascending; replaced, never changed, so readers need no lock. */
  private record Versions(long[] since, double[] values) {
    Versions with(long time, double value) {
      int at = since.length;
      while (at > 0 && since[at - 1] > time) {
        at--;
      }
      long[] s = new long[since.length + 1];
      double[] v = new double[values.length + 1];
      System.arraycopy(since, 0, s, 0, at);
      System.arraycopy(values, 0, v, 0, at);
      s[at] = time;
      v[at] = value;
      System.arraycopy(since, at, s, at + 1, since.length - at);
      System.arraycopy(values, at, v, at + 1, values.length - at);
      return new Versions(s, v);
    }

    /** The latest version at or before {@code t}; of equal times the one put last. */
    double at(long t) {
      int found = Arrays.binarySearch(since, t);
      int at;
      if (found >= 0) {
        at = found;
        while (at + 1 < since.length && since[at + 1] == t) {
          at++;
        }
      } else {
        at = -found - 2;
      }
      return at < 0 ? Double.NaN : values[at];
    }
  }

  private static String describe(FeatureTable table) {
    return table.columns().stream()
        .filter(c -> c instanceof FeatureColumn.Numeric || c instanceof FeatureColumn.Time)
        .map(FeatureColumn::name).toList().toString();
  }
}
