package dev.funnel.server.serving;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.ItemCategories;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.EventWeights;
import dev.funnel.server.store.ImpressionLog;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * What a model build trains on: the base dataset the server started with (if any) plus every event accepted
 * since, from the durable log, plus every catalogue item (so new items exist, if cold) with its categories; the
 * base dataset's numeric, categorical and time features of its users and items (the ranker's side features); and,
 * for the ranker, the impression log's shown-but-not-acted-on items. Every event is kept typed, raw, for the
 * ranker's feature-store columns: the base dataset's own (when it was read with them) and the log's. A base read
 * without raw events enters as value-typed interactions carrying their aggregated weight: a later rating replaces
 * one, other events add to it — the dataset builder's rule, applied across the two sources.
 */
public final class TrainingData {
  /** The item feature holding each item's categories (the catalogue's, else the base data's). */
  static final String CATEGORIES = "categories";

  private final Dataset base;
  private final EventLog log;
  private final Catalogue catalogue;
  private final ImpressionLog impressions;
  private final FeedbackConfig feedback;

  /** {@code base} may be null (the log alone). */
  public TrainingData(Dataset base, EventLog log, Catalogue catalogue, ImpressionLog impressions,
      FeedbackConfig feedback) {
    this.base = base;
    this.log = log;
    this.catalogue = catalogue;
    this.impressions = impressions;
    this.feedback = feedback;
  }

  private static List<String> categoryNames(FeatureColumn column, int row) {
    if (column instanceof FeatureColumn.MultiValued multi) {
      List<String> names = new ArrayList<>();
      for (int k = multi.offsets()[row]; k < multi.offsets()[row + 1]; k++) {
        names.add(multi.vocabulary()[multi.codes()[k]]);
      }
      return names;
    }
    String value = ((FeatureColumn.Categorical) column).value(row);
    return value == null ? List.of() : List.of(value);
  }

  /**
   * The impression log from {@code since} on (epoch seconds) as the ranker's training sees it: items shown to a
   * user that no event answering that response named, in {@code data}'s ids (users or items it lacks are left out).
   */
  public ShownItems shownNotActed(Dataset data, long since) throws IOException {
    List<ImpressionLog.Exposure> exposures = impressions.exposures(since);
    IntArrayList users = new IntArrayList();
    IntArrayList items = new IntArrayList();
    LongArrayList times = new LongArrayList();
    for (ImpressionLog.Exposure e : exposures) {
      if (!e.acted()) {
        users.add(data.users().denseId(e.user()));
        items.add(data.items().denseId(e.item()));
        times.add(e.timestamp());
      }
    }
    return ShownItems.of(data.users().size(), users.toIntArray(), items.toIntArray(), times.toLongArray());
  }

  /**
   * Copies the numeric, categorical and time columns of {@code from} (row r to {@code to}'s row {@code row(r)}),
   * missing values staying missing; the categories travel in their own column.
   */
  private static void copySideFeatures(FeatureTable from, FeatureTable.Builder to, IntUnaryOperator row) {
    for (FeatureColumn column : from.columns()) {
      if (column.name().equals(CATEGORIES)) {
        continue;
      }
      if (column instanceof FeatureColumn.Numeric c) {
        FeatureTable.ColumnBuilder into = to.column(c.name(), FeatureKind.NUMERIC);
        for (int r = 0; r < c.values().length; r++) {
          if (!Float.isNaN(c.values()[r])) {
            into.setNumeric(row.applyAsInt(r), c.values()[r]);
          }
        }
      } else if (column instanceof FeatureColumn.Categorical c) {
        FeatureTable.ColumnBuilder into = to.column(c.name(), FeatureKind.CATEGORICAL);
        for (int r = 0; r < c.codes().length; r++) {
          if (c.codes()[r] >= 0) {
            into.setCategorical(row.applyAsInt(r), c.value(r));
          }
        }
      } else if (column instanceof FeatureColumn.Time c) {
        FeatureTable.ColumnBuilder into = to.column(c.name(), FeatureKind.TIME);
        for (int r = 0; r < c.values().length; r++) {
          if (c.values()[r] != Long.MIN_VALUE) {
            into.setTime(row.applyAsInt(r), c.values()[r]);
          }
        }
      }
    }
  }

  public Dataset assemble() throws IOException {
    DatasetBuilder builder = new DatasetBuilder(true);
    FeatureTable.ColumnBuilder categories = builder.itemFeatures().column(CATEGORIES, FeatureKind.MULTI_VALUED);
    String name = "event log";
    String checksum = "";
    if (base != null) {
      name = base.name() + " + event log";
      checksum = base.checksum();
      InteractionMatrix m = base.interactions();
      FeatureColumn baseCategories = ItemCategories.column(base.itemFeatures());
      for (int i = 0; i < m.numItems(); i++) {
        int row = builder.item(base.items().externalId(i));
        List<String> names = baseCategories == null ? List.of() : categoryNames(baseCategories, i);
        if (!names.isEmpty()) {
          categories.setMultiValued(row, names);
        }
      }
      copySideFeatures(base.itemFeatures(), builder.itemFeatures(), i -> builder.item(base.items().externalId(i)));
      copySideFeatures(base.userFeatures(), builder.userFeatures(), u -> builder.user(base.users().externalId(u)));
      EventTable raw = base.events();
      for (int k = 0; k < raw.size(); k++) {
        String type = raw.typeNames().get(raw.types()[k]);
        float value = raw.values()[k];
        builder.addEvent(base.users().externalId(raw.users()[k]), base.items().externalId(raw.items()[k]), type,
            value, feedback.eventWeight(type, value), feedback.isValueType(type), raw.times()[k]);
      }
      for (int u = 0; u < m.numUsers() && raw.size() == 0; u++) {
        String user = base.users().externalId(u);
        for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
          builder.addEvent(user, base.items().externalId(m.userItems()[p]), m.userValues()[p], true,
              m.userTimes()[p]);
        }
      }
    }
    catalogue.forEachItem(item -> {
      int row = builder.item(item.id());
      if (!item.categories().isEmpty()) {
        categories.setMultiValued(row, item.categories()); // the live catalogue's categories win over the base's
      }
    });
    EventWeights weights = new EventWeights(feedback);
    long[] events = {0};
    log.replay(0, event -> {
      float weight = weights.weight(event);
      if (!Float.isNaN(weight) && weights.knows(event)) {
        builder.addEvent(event.user(), event.item(), event.type().toLowerCase(Locale.ROOT), event.value(), weight,
            weights.isValue(event), event.timestamp());
        events[0]++;
      }
    });
    return builder.build(name, checksum + (events[0] > 0 ? "+" + events[0] + " events" : ""), feedback.minPositive());
  }
}
