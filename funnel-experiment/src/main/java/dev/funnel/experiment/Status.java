package dev.funnel.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an experiment is: a draft assigns nobody; running assigns; stopped is final and keeps its data. */
public enum Status {
  DRAFT, RUNNING, STOPPED;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws ExperimentException naming {@code field} for anything but draft, running or stopped */
  public static Status of(String key, String field) {
    for (Status s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw new ExperimentException(field, "must be draft, running or stopped, was '" + key + "'");
  }

  @JsonCreator
  static Status json(String key) {
    return of(key, "status");
  }
}
