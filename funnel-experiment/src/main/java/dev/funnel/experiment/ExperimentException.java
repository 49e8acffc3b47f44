package dev.funnel.experiment;

/** An experiment, or a change to one, that is refused: names the field at fault (e.g. {@code arms[1].weight}). */
public final class ExperimentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ExperimentException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The field at fault, as a JSON path. */
  public String field() {
    return field;
  }

  /** The message without the field. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
