package dev.funnel.retrieval.cf;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The similarity algorithms, with the names the command line and the snapshot manifest use. */
public enum Algorithm {
  /** {@code |W1 ∩ W2| / sqrt(|W1|·|W2|)} over the users W of each item, every interaction counted as 1. */
  ITEMCF("itemcf", Entity.ITEM),
  /** Cosine of the items' interaction-value columns: {@code Σ_v like(v,i1)·like(v,i2) / (‖i1‖·‖i2‖)}. */
  ITEMCF_WEIGHTED("itemcf-weighted", Entity.ITEM),
  /** {@code Σ over user pairs {u1,u2} ⊂ W1 ∩ W2 of w_u1·w_u2 / (α + |J_u1 ∩ J_u2|)}. */
  SWING("swing", Entity.ITEM),
  /** {@code |J1 ∩ J2| / sqrt(|J1|·|J2|)} over the items J of each user. */
  USERCF("usercf", Entity.USER),
  /** UserCF with each shared item l counted as {@code 1 / ln(1 + n_l)}, n_l = users of l. */
  USERCF_POP("usercf-pop", Entity.USER),
  /**
   * EASE (Steck, WWW 2019): the item-item weights B that best rebuild the interaction matrix from itself,
   * {@code min ‖X − XB‖² + λ‖B‖²} with a zero diagonal, in closed form; each row keeps its largest weights by
   * magnitude, negative ones included.
   */
  EASE("ease", Entity.ITEM),
  /**
   * EASE over users: the user-user weights that best rebuild each user's row from the other users' rows
   * ({@code min ‖X − BᵀX‖² + λ‖B‖²}, zero diagonal), served like UserCF with the weights as similarities.
   */
  EASE_USER("ease-user", Entity.USER),
  /**
   * ContentCF: the cosine of the items' TF-IDF vectors over their categorical and multi-valued features (genres,
   * tags, category), so items without interactions have neighbours.
   */
  CONTENTCF("contentcf", Entity.ITEM);

  private final String cliName;
  private final Entity entity;

  Algorithm(String cliName, Entity entity) {
    this.cliName = cliName;
    this.entity = entity;
  }

  public String cliName() {
    return cliName;
  }

  /**
   * Whether this is EASE, over items or users: the algorithms that read {@code --ease-lambda} and keep
   * {@code --ease-neighbors} weights per row.
   */
  public boolean isEase() {
    return this == EASE || this == EASE_USER;
  }

  /** Whether the index rows (and neighbours) are items or users. */
  public Entity entity() {
    return entity;
  }

  /**
   * The algorithm with this {@link #cliName()}, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the valid names if there is none
   */
  public static Algorithm fromName(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (Algorithm algorithm : values()) {
      if (algorithm.cliName.equals(wanted)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unknown similarity algorithm '" + name + "'; valid names: "
        + Arrays.stream(values()).map(Algorithm::cliName).collect(Collectors.joining(", ")));
  }

  /** A builder for this algorithm with the given parameters (Swing's α and β matter to Swing only). */
  public SimilarityBuilder builder(SimilarityConfig config) {
    return switch (this) {
      case ITEMCF -> new ItemCfBuilder(config, false);
      case ITEMCF_WEIGHTED -> new ItemCfBuilder(config, true);
      case SWING -> new SwingBuilder(config);
      case USERCF -> new UserCfBuilder(config, false);
      case USERCF_POP -> new UserCfBuilder(config, true);
      case EASE -> new EaseBuilder(config, Entity.ITEM);
      case EASE_USER -> new EaseBuilder(config, Entity.USER);
      case CONTENTCF -> new ContentCfBuilder(config);
    };
  }
}
