package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** CSR and CSC against a brute-force model built from the same random (user, item, time) triples. */
class InteractionMatrixPropertyTest {
  /** One interaction; the value encodes the cell so that a misplaced value shows. */
  record Triple(int user, int item, long time, float value) {}

  record Fixture(int users, int items, List<Triple> triples) {
    InteractionMatrix build() {
      int n = triples.size();
      int[] u = new int[n];
      int[] i = new int[n];
      float[] v = new float[n];
      long[] t = new long[n];
      for (int k = 0; k < n; k++) {
        u[k] = triples.get(k).user;
        i[k] = triples.get(k).item;
        v[k] = triples.get(k).value;
        t[k] = triples.get(k).time;
      }
      return InteractionMatrix.of(users, items, u, i, v, t);
    }
  }

  @Provide
  Arbitrary<Fixture> fixtures() {
    return Arbitraries.integers().between(0, 9).flatMap(users -> Arbitraries.integers().between(0, 9)
        .flatMap(items -> cells(users, items)
            .flatMap(cells -> Arbitraries.longs().between(0, 3).list().ofSize(cells.size())
                .map(times -> fixture(users, items, new ArrayList<>(cells), times)))));
  }

  private static Arbitrary<Set<Integer>> cells(int users, int items) {
    int count = users * items;
    return count == 0
        ? Arbitraries.just(Set.of())
        : Arbitraries.integers().between(0, count - 1).set().ofMaxSize(count);
  }

  private static Fixture fixture(int users, int items, List<Integer> cells, List<Long> times) {
    List<Triple> triples = new ArrayList<>();
    for (int k = 0; k < cells.size(); k++) {
      int cell = cells.get(k);
      triples.add(new Triple(cell / items, cell % items, times.get(k), cell + 0.5f));
    }
    return new Fixture(users, items, triples);
  }

  @Property(tries = 300)
  void csrRowsMatchTheTriplesSortedByTimeThenItem(@ForAll("fixtures") Fixture f) {
    InteractionMatrix m = f.build();
    assertThat(m.nnz()).isEqualTo(f.triples().size());
    for (int u = 0; u < f.users(); u++) {
      int user = u;
      List<Triple> expected = f.triples().stream().filter(t -> t.user == user)
          .sorted(Comparator.comparingLong(Triple::time).thenComparingInt(Triple::item)).toList();
      List<Triple> actual = new ArrayList<>();
      for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
        actual.add(new Triple(u, m.userItems()[p], m.userTimes()[p], m.userValues()[p]));
      }
      assertThat(actual).isEqualTo(expected);
      assertThat(m.userDegree(u)).isEqualTo(expected.size());
    }
  }

  @Property(tries = 300)
  void cscColumnsMatchTheTriplesSortedByUser(@ForAll("fixtures") Fixture f) {
    InteractionMatrix m = f.build();
    for (int i = 0; i < f.items(); i++) {
      int item = i;
      List<String> expected = f.triples().stream().filter(t -> t.item == item)
          .sorted(Comparator.comparingInt(Triple::user)).map(t -> t.user + "=" + t.value).toList();
      List<String> actual = new ArrayList<>();
      for (int p = m.itemOffsets()[i]; p < m.itemOffsets()[i + 1]; p++) {
        actual.add(m.itemUsers()[p] + "=" + m.itemValues()[p]);
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Property(tries = 200)
  void selectEqualsBuildingFromTheKeptTriples(@ForAll("fixtures") Fixture f, @ForAll long mask) {
    InteractionMatrix m = f.build();
    InteractionMatrix selected = m.select(p -> (mask >>> (p % 64) & 1) == 1);
    List<Triple> kept = new ArrayList<>();
    for (int u = 0; u < m.numUsers(); u++) {
      for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
        if ((mask >>> (p % 64) & 1) == 1) {
          kept.add(new Triple(u, m.userItems()[p], m.userTimes()[p], m.userValues()[p]));
        }
      }
    }
    InteractionMatrix expected = new Fixture(f.users(), f.items(), kept).build();
    assertThat(selected.userOffsets()).isEqualTo(expected.userOffsets());
    assertThat(selected.userItems()).isEqualTo(expected.userItems());
    assertThat(selected.userValues()).isEqualTo(expected.userValues());
    assertThat(selected.userTimes()).isEqualTo(expected.userTimes());
    assertThat(selected.itemOffsets()).isEqualTo(expected.itemOffsets());
    assertThat(selected.itemUsers()).isEqualTo(expected.itemUsers());
    assertThat(selected.itemValues()).isEqualTo(expected.itemValues());
  }
}
