package dev.funnel.retrieval.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several CF channels merged as serving merges them (reciprocal rank fusion, popular fallback). Options:
 * {@code --channels itemcf,swing,usercf} (the default), each channel's quota {@code --top}, and the
 * {@link CfOptions} shared by every channel; each channel uses its own default like.
 */
final class MergedPipeline implements Pipeline {
  static final String DEFAULT_CHANNELS = "itemcf,swing,usercf";

  @Override
  public String name() {
    return "merged";
  }

  @Override
  public String description() {
    return "CF channels merged by reciprocal rank fusion with a popular fallback (--channels " + DEFAULT_CHANNELS + ")";
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    List<Algorithm> algorithms = Arrays.stream(options.getString("channels", DEFAULT_CHANNELS).split(","))
        .map(String::trim).map(Algorithm::fromName).distinct().toList();
    CfOptions cf = CfOptions.read(options, algorithms);
    CfTables tables = CfTables.build(train.interactions(), algorithms, cf.similarity());
    List<MultiChannelRetriever.Channel> channels = new ArrayList<>();
    for (Algorithm algorithm : algorithms) {
      channels.add(new MultiChannelRetriever.Channel(
          tables.channel(algorithm, cf.lastN(), cf.similarity().neighbors(algorithm), CfTables.defaultLike(algorithm)), cf.top()));
    }
    MultiChannelRetriever merge = new MultiChannelRetriever(channels, tables.popular());
    return (user, n) -> merge.retrieve(UserHistory.of(tables.history(), user), n).items();
  }
}
