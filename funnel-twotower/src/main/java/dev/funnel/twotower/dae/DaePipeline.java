package dev.funnel.twotower.dae;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.retrieval.online.UserHistory;
import java.util.Arrays;

/**
 * The autoencoder as an evaluation pipeline ({@code --pipeline dae}, options in {@link DaeConfig}): trains on the
 * split's training part (each epoch reported on standard error), then ranks every item the user has not interacted
 * with by an exact scan, from the training history, as serving would from the live one.
 */
public final class DaePipeline implements Pipeline {

  @Override
  public String name() {
    return DaeRetriever.NAME;
  }

  @Override
  public String description() {
    return "the multinomial denoising autoencoder (Mult-DAE; DJL/PyTorch training; options --dae-hidden, "
        + "--dae-dropout, --dae-epochs, ...)";
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    InteractionMatrix m = train.interactions();
    DaeTrainer.Result trained = new DaeTrainer(DaeConfig.read(options), System.err).train(m);
    System.err.println(trained);
    DaeRetriever retriever = new DaeRetriever(trained.model());
    return (user, n) -> {
      int from = m.userOffsets()[user];
      int to = m.userOffsets()[user + 1];
      UserHistory history = new UserHistory(user, Arrays.copyOfRange(m.userItems(), from, to),
          Arrays.copyOfRange(m.userValues(), from, to), to - from);
      return retriever.retrieve(history, n).items();
    };
  }
}
