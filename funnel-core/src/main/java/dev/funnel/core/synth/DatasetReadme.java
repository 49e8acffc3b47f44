package dev.funnel.core.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Writes the {@code README.md} that explains a generated dataset: its files, its model and its parameters. */
final class DatasetReadme {
  private DatasetReadme() {}

  static void write(Path file, GeneratorConfig config, PlantedCircles circles) throws IOException {
    Files.writeString(file, text(config, circles), StandardCharsets.UTF_8);
  }

  private static String text(GeneratorConfig config, PlantedCircles circles) {
    double[] shares = EventWriter.TYPE_SHARES;
    String[] types = EventWriter.TYPES;
    StringBuilder funnel = new StringBuilder();
    for (int k = 0; k < types.length; k++) {
      funnel.append(k == 0 ? "" : ", ").append(types[k]).append(' ').append(Math.round(shares[k] * 100)).append(" %");
    }
    return String.format(Locale.ROOT, """
        # Synthetic dataset

        Written by Funnel's synthetic generator (`funnel generate`, class `dev.funnel.core.synth.SyntheticGenerator`).
        The files depend only on the parameters below: the same parameters give byte-identical files, another seed
        gives other data. Read it with `--format generic`; read the ground truth with
        `dev.funnel.core.synth.GroundTruth.load(dir)`.

        ## Parameters

        | parameter | value |
        |---|---|
        | users | %d (`u1` … `u%d`) |
        | items | %d (`i1` … `i%d`) |
        | events | %d |
        | seed | %d |
        | topics | %d |
        | circles | %d (%d of the events) |
        | time window | %s to %s (%d days) |
        | dwell share | %.2f |
        | play share | %.2f |
        | flat-time share | %.2f |
        | cold items | %d (after the others, no events) |

        ## Files

        - `events.csv` — `user,item,type,value,timestamp`: one line per event, user after user (`u1` first), in
          time order within each user. `type` is one of %s (a funnel), `dwell` or `play`; `value` is the seconds of
          dwell (a whole number ≥ 1) for a dwell, the play count for a play and empty otherwise; `timestamp` is in epoch seconds.
        - `items.csv` — `item,category:cat,tags:multi,brand:cat,price:num,publish_time:time`: tags are
          `|`-separated, price is in currency units with two decimals, publish time in epoch seconds (before the
          window for the back catalogue).
        - `users.csv` — `user,age:num,gender:cat,country:cat,segment:cat` (gender `F`, `M` or `X`).
        - `truth/topics.csv` — `topic,category,prior`: topics are numbered from 0; `prior` is the topic's share of
          the population's attention.
        - `truth/item_topics.csv` — `item,topic,weight`: each item's topic mix (weights add up to 1; the first line
          of an item is its primary topic).
        - `truth/user_topics.csv` — `user,topic,weight`: each user's taste, heaviest topic first (weights add up to
          1, rounded to 6 decimals).
        - `truth/circle_users.csv` — `circle,user` and `truth/circle_items.csv` — `circle,item,topic`: the planted
          tight circles, numbered from 0.

        ## The model

        1. **Topics.** Topic `t` draws a share ∝ 1 / (t + 1)^%.1f of the attention. Each has a category name, a pool
           of %d tags and %d brands, and a median price drawn log-uniformly between 5 and 500.
        2. **Items.** Each topic gets at least one item, the rest are spread in proportion to the topic shares.
           Half the items also have a secondary topic with weight 0.05–0.30. Popularity follows Zipf's law,
           1 / rank^%.1f, over a random ranking of all items, so a few items dominate within and across topics.
           Features come from the primary topic: category, 1–3 of its tags (plus sometimes one of the secondary
           topic), a brand, and a log-normal price (σ = %.1f) around the median. %d %% of the items were published
           in the %d days before the window, %d %% in the last %d %% of it ("fresh"), the rest uniformly in it.
        3. **Users.** A sparse taste: 1 to %d topics drawn from the topic shares (one topic for half the users, two
           for a quarter, …), with Dirichlet(1, …, 1) weights. The segment follows the top topic with probability
           %.1f; age and gender depend on the segment; the country is independent.
        4. **Activity.** Each user's activity is log-normal (σ = %.1f): many light users, a few very active ones.
           Every user gets one event; the rest are shared in proportion to activity with an exact total.
        5. **Sessions and events.** Half the users are there from the start, the others join at a uniform time in
           the first %d %% of the window. A user's events come in sessions (about one per 3 + √n / 2 events) at
           sorted uniform times, so most users' sessions are days apart. A session picks a topic from the taste;
           each event's type follows the funnel (%s); an event other than a view stays on the previous item with
           probability %.1f, otherwise a new item is drawn by popularity from the session's topic (or, with
           probability %.1f, from a topic drawn from the shares) among the items already published where possible.
           Events in a session are %d s plus an exponential gap with mean %d s apart.
        6. **Dwell.** After a view or a click, with probability %.2f (the dwell share), the session's next event is
           a `dwell` on the same item instead (so dwell events count in the total; none in the circles' sessions).
           Its seconds are log-normal (σ = %.1f, heavy-tailed) around a median of %.0f × (1 + %.0f × affinity) s,
           where affinity is the user's true affinity for the item (see below): a user dwells longer on what it
           likes, so an item's or a user's mean dwell is an informative feature. A dwell weighs its type's weight
           (1 by default) whatever its seconds.
        7. **Tight circles.** Each circle is %d–%d users (no user is in two circles) who all interact once with the
           same %d–%d items, each from a different topic, in one session within %d hours of the circle's meeting
           time. Nothing else links these items, so co-occurrence counting (ItemCF) finds them similar while Swing,
           which discounts pairs of users who overlap a lot, should not. The circles' events count in the total.
        8. **Shapes of real logs** (off unless asked for). With probability %.2f (the play share) a view is written
           as a `play` whose value is a play count, (1 + %.0f × affinity) × a Pareto draw of index %.0f (infinite
           mean: counts from 1 to very large, at most %d), so weights are heavy-tailed as in music logs. A share of
           %.2f of the users (the flat-time share) have every event stamped with the window start, as in a dataset
           with no real times. %d cold items, after the others, have topics and features like any item but no events.

        ## Using the truth

        A user's affinity for an item is Σ_t taste(user, t) · weight(item, t): the chance that a session of the user
        is on one of the item's topics, weighted by the item's share of that topic. A good recommender ranks a
        user's high-affinity items first; a circle's items should not be recommended for each other to users
        outside the circle.
        """,
        config.users(), config.users(), config.items(), config.items(), config.events(), config.seed(),
        config.topics(), circles.count(), circles.events(),
        Instant.ofEpochSecond(config.windowStart()), Instant.ofEpochSecond(config.windowEnd()), config.windowDays(),
        config.dwellShare(), config.playShare(), config.flatTimeShare(), config.coldItems(),
        String.join(", ", types),
        TopicSpace.PRIOR_EXPONENT, TopicSpace.TAGS_PER_TOPIC, TopicSpace.BRANDS_PER_TOPIC,
        Catalogue.ZIPF_EXPONENT, CatalogueFiles.PRICE_LOG_SIGMA,
        percent(Catalogue.BACK_CATALOGUE_SHARE), Catalogue.BACK_CATALOGUE_DAYS, percent(Catalogue.FRESH_SHARE),
        percent(Catalogue.FRESH_TAIL),
        UserProfile.MAX_TASTE_TOPICS, UserProfile.SEGMENT_FOLLOWS_TASTE,
        EventBudget.ACTIVITY_LOG_SIGMA,
        percent(EventWriter.JOIN_SPAN), funnel, EventWriter.FOLLOW_UP, EventWriter.EXPLORATION,
        EventWriter.MIN_GAP_SECONDS, EventWriter.MEAN_EXTRA_GAP_SECONDS,
        config.dwellShare(), EventWriter.DWELL_LOG_SIGMA, EventWriter.DWELL_MEDIAN_SECONDS,
        EventWriter.DWELL_AFFINITY_LIFT,
        GeneratorConfig.MIN_CIRCLE_USERS, GeneratorConfig.MAX_CIRCLE_USERS, GeneratorConfig.MIN_CIRCLE_ITEMS,
        GeneratorConfig.MAX_CIRCLE_ITEMS, PlantedCircles.MEMBER_SPREAD_SECONDS / 3600,
        config.playShare(), EventWriter.PLAY_AFFINITY_LIFT, EventWriter.PLAY_PARETO_INDEX, GeneratorConfig.MAX_PLAYS,
        config.flatTimeShare(), config.coldItems());
  }

  private static long percent(double share) {
    return Math.round(share * 100);
  }
}
