package dev.funnel.rank.features;

import dev.funnel.core.data.IdDictionary;
import dev.funnel.features.FeatureSchema;
import dev.funnel.features.OnlineFeatureStore;
import java.util.Map;

/**
 * The live store's values for a request at its request time: the user's features (read once, copied to every row),
 * each candidate's item features and the context's. Candidates are the model's dense ids, each item's state in the
 * store resolved once ({@link OnlineFeatureStore#denseItems}). Allocates nothing per request.
 */
public final class OnlineStoreFeatures implements StoreFeatures {
  private final OnlineFeatureStore store;
  private final IdDictionary users;
  private final OnlineFeatureStore.DenseItems items;
  private final int userColumns;
  private final int itemColumns;
  private final String[] names;

  /** @param users the model's user ids; @param items the model's item ids */
  public OnlineStoreFeatures(OnlineFeatureStore store, IdDictionary users, IdDictionary items) {
    this.store = store;
    this.users = users;
    this.items = store.denseItems(items::externalId, items.size());
    FeatureSchema schema = store.schema();
    this.userColumns = schema.users().length;
    this.itemColumns = schema.items().length;
    this.names = schema.columns();
  }

  @Override
  public String[] names() {
    return names.clone();
  }

  @Override
  public void read(RankingRequest request, int[] candidates, int n, float[] out, int dim, int at) {
    if (n == 0) {
      return;
    }
    long t = request.requestTime();
    int user = request.history().user();
    String userId = request.userId() != null ? request.userId()
        : user >= 0 && user < users.size() ? users.externalId(user) : "";
    store.readUser(userId, t, out, at);
    store.readContext(t, Map.of(), out, at + userColumns + itemColumns);
    for (int i = 1; i < n; i++) {
      System.arraycopy(out, at, out, i * dim + at, userColumns);
      System.arraycopy(out, at + userColumns + itemColumns, out, i * dim + at + userColumns + itemColumns,
          names.length - userColumns - itemColumns);
    }
    items.read(candidates, n, t, out, at + userColumns, dim);
  }
}
