package dev.funnel.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** TopK against sorting everything: score descending, then id ascending. */
class TopKPropertyTest {
  record Candidate(int id, float score) {}

  @Provide
  Arbitrary<List<Candidate>> candidates() {
    // Few distinct scores, so that ties are common; ids distinct, offered in random order.
    return Arbitraries.integers().between(0, 200).set().ofMaxSize(60)
        .flatMap(ids -> Arbitraries.integers().between(-3, 3).list().ofSize(ids.size())
            .map(scores -> {
              List<Candidate> out = new ArrayList<>();
              int k = 0;
              for (int id : ids) {
                out.add(new Candidate(id, scores.get(k++) / 2f));
              }
              java.util.Collections.shuffle(out, new java.util.Random(ids.hashCode()));
              return out;
            }));
  }

  @Property(tries = 500)
  void equalsTheHeadOfAFullSort(@ForAll("candidates") List<Candidate> candidates, @ForAll @IntRange(max = 70) int k) {
    TopK top = new TopK(k);
    candidates.forEach(c -> top.offer(c.id(), c.score()));
    int[] expected = candidates.stream()
        .sorted(Comparator.comparingDouble((Candidate c) -> -c.score()).thenComparingInt(Candidate::id))
        .limit(k).mapToInt(Candidate::id).toArray();
    assertThat(top.drainIds()).containsExactly(expected);
  }
}
