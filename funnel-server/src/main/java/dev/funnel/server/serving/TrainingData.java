package dev.funnel.server.serving;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.EventWeights;
import java.io.IOException;

/**
 * What a model build trains on: the base dataset the server started with (if any) plus every event accepted
 * since, from the durable log, plus every catalogue item (so new items exist, if cold). Base interactions enter as
 * value-typed events carrying their aggregated weight: a later rating replaces one, other events add to it — the
 * dataset builder's rule, applied across the two sources.
 */
public final class TrainingData {
  private final Dataset base;
  private final EventLog log;
  private final Catalogue catalogue;
  private final FeedbackConfig feedback;

  /** {@code base} may be null (the log alone). */
  public TrainingData(Dataset base, EventLog log, Catalogue catalogue, FeedbackConfig feedback) {
    this.base = base;
    this.log = log;
    this.catalogue = catalogue;
    this.feedback = feedback;
  }

  public Dataset assemble() throws IOException {
    DatasetBuilder builder = new DatasetBuilder();
    String name = "event log";
    String checksum = "";
    if (base != null) {
      name = base.name() + " + event log";
      checksum = base.checksum();
      InteractionMatrix m = base.interactions();
      for (int i = 0; i < m.numItems(); i++) {
        builder.item(base.items().externalId(i));
      }
      for (int u = 0; u < m.numUsers(); u++) {
        String user = base.users().externalId(u);
        builder.user(user);
        for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
          builder.addEvent(user, base.items().externalId(m.userItems()[p]), m.userValues()[p], true,
              m.userTimes()[p]);
        }
      }
    }
    catalogue.forEachItem(item -> builder.item(item.id()));
    EventWeights weights = new EventWeights(feedback);
    long[] events = {0};
    log.replay(0, event -> {
      float weight = weights.weight(event);
      if (!Float.isNaN(weight) && weights.knows(event)) {
        builder.addEvent(event.user(), event.item(), weight, weights.isValue(event), event.timestamp());
        events[0]++;
      }
    });
    return builder.build(name, checksum + (events[0] > 0 ? "+" + events[0] + " events" : ""), feedback.minPositive());
  }
}
