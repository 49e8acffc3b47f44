package dev.funnel.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import scala.Tuple2;

/**
 * The interactions ({@code u, i, w, t} rows, dense ids) as the index jobs read them: capped, grouped into users'
 * or items' lists, and shipped as {@link Member}s to the rows they belong to.
 */
final class Neighbourhoods {
  static final String USER = "u";
  static final String ITEM = "i";
  static final String LIKE = "w";
  static final String TIME = "t";

  private Neighbourhoods() {}

  /**
   * The single-node {@code InteractionCaps}: first each user keeps its {@code maxUserItems} latest interactions
   * (equal times: the larger item), then each item its {@code maxItemUsers} latest users (equal times: the larger
   * user); 0 is no cap.
   */
  static Dataset<Row> capped(Dataset<Row> m, int maxUserItems, int maxItemUsers) {
    Dataset<Row> byUser = maxUserItems > 0 ? latest(m, USER, ITEM, maxUserItems) : m;
    return maxItemUsers > 0 ? latest(byUser, ITEM, USER, maxItemUsers) : byUser;
  }

  private static Dataset<Row> latest(Dataset<Row> m, String owner, String other, int max) {
    return m.withColumn("rank", row_number().over(
            Window.partitionBy(owner).orderBy(col(TIME).desc(), col(other).desc())))
        .filter(col("rank").leq(max)).drop("rank");
  }

  /**
   * Every interaction (owner, other) as a {@link Member} of row {@code other}: the owner with its whole list. With
   * owner = user this gives item rows their users (ItemCF, Swing); with owner = item, user rows their items (UserCF).
   *
   * @param timed whether members carry the interaction's time, so that the row visits them in time order (user
   *     rows, as the single-node CSR rows); otherwise they are visited in id order
   */
  static JavaPairRDD<Integer, Member> members(Dataset<Row> m, String owner, String other, boolean timed) {
    return lists(m, owner, other).flatMapToPair(list -> {
      List<Tuple2<Integer, Member>> out = new ArrayList<>(list.ids().length);
      for (int p = 0; p < list.ids().length; p++) {
        out.add(new Tuple2<>(list.ids()[p],
            new Member(list.owner(), list.likes()[p], timed ? list.times()[p] : 0, list.ids(), list.likes())));
      }
      return out.iterator();
    });
  }

  /** One owner's list, ids ascending. */
  record OwnerList(int owner, int[] ids, float[] likes, long[] times) implements java.io.Serializable {}

  /** Each owner's interactions as one list, ids ascending. */
  static JavaRDD<OwnerList> lists(Dataset<Row> m, String owner, String other) {
    return m.groupBy(owner).agg(collect_list(struct(col(other), col(LIKE), col(TIME))).as("list"))
        .javaRDD().map(row -> {
          List<Row> entries = new ArrayList<>(row.getList(1));
          entries.sort(Comparator.comparingInt(e -> e.getInt(0)));
          int n = entries.size();
          int[] ids = new int[n];
          float[] likes = new float[n];
          long[] times = new long[n];
          for (int p = 0; p < n; p++) {
            ids[p] = entries.get(p).getInt(0);
            likes[p] = entries.get(p).getFloat(1);
            times[p] = entries.get(p).getLong(2);
          }
          return new OwnerList(row.getInt(0), ids, likes, times);
        });
  }
}
