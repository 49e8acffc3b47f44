package dev.funnel.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataFormatTest {
  @Test
  void parsesCommandLineNames() {
    assertThat(DataFormat.parse("movielens-100k")).isEqualTo(DataFormat.MOVIELENS_100K);
    assertThat(DataFormat.parse(" MovieLens-Latest ")).isEqualTo(DataFormat.MOVIELENS_LATEST);
    assertThat(DataFormat.parse("generic")).isEqualTo(DataFormat.GENERIC);
    assertThat(DataFormat.GENERIC.cliName()).isEqualTo("generic");
    assertThat(DataFormat.cliNames()).isEqualTo("movielens-100k, movielens-latest, generic");
  }

  @Test
  void rejectsAnUnknownNameListingTheKnownOnes() {
    assertThatThrownBy(() -> DataFormat.parse("parquet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown format 'parquet'; expected one of movielens-100k, movielens-latest, generic");
  }

  @Test
  void eachFormatHasItsOwnReader() {
    assertThat(DataFormat.MOVIELENS_100K.reader()).isInstanceOf(MovieLens100kReader.class);
    assertThat(DataFormat.MOVIELENS_LATEST.reader()).isInstanceOf(MovieLensLatestReader.class);
    assertThat(DataFormat.GENERIC.reader()).isInstanceOf(GenericReader.class);
  }

  @Test
  void namesADatasetAfterItsPathAndFormat() {
    assertThat(DataFormat.MOVIELENS_100K.datasetName(Path.of("/data/ml-100k/"))).isEqualTo("ml-100k (movielens-100k)");
    assertThat(DataFormat.GENERIC.datasetName(Path.of("shop", "events.csv"))).isEqualTo("events.csv (generic)");
  }

  @Test
  void exceptionMessagesLeaveOutWhatDoesNotApply() {
    DataFormatException full = new DataFormatException("events.csv", 17, "value", "not a number: 'abc'");
    assertThat(full).hasMessage("events.csv:17: field 'value': not a number: 'abc'");
    assertThat(full.getFile()).isEqualTo("events.csv");
    assertThat(full.getLine()).isEqualTo(17);
    assertThat(full.getField()).isEqualTo("value");
    assertThat(full.getDetail()).isEqualTo("not a number: 'abc'");
    assertThat(new DataFormatException("events.csv", 3, null, "expected 3 columns, found 2"))
        .hasMessage("events.csv:3: expected 3 columns, found 2");
    assertThat(new DataFormatException("items.csv", 0, "price", "bad")).hasMessage("items.csv: field 'price': bad");
    assertThat(new DataFormatException("u.data", 0, null, "empty")).hasMessage("u.data: empty");
  }
}
