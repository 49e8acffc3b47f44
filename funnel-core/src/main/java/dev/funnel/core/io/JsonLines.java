package dev.funnel.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of a JSON Lines file, one per line, streamed by Jackson. Walk each object's fields with
 * {@link #nextField()} and read each value with {@link #scalar} or {@link #strings}. Blank lines are skipped.
 * Not thread-safe.
 */
final class JsonLines implements Position, Closeable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final String file;
  private final JsonParser parser;
  private int line;
  private int previousEndLine;

  JsonLines(String file, InputStream in) throws IOException {
    this.file = file;
    this.parser = FACTORY.createParser(in);
  }

  /**
   * Moves to the next object; false at the end of the file.
   *
   * @throws DataFormatException if the next value is not an object or shares a line with the previous one
   */
  boolean nextObject() throws IOException {
    JsonToken token = advance();
    if (token == null) {
      return false;
    }
    line = parser.currentTokenLocation().getLineNr();
    if (token != JsonToken.START_OBJECT) {
      throw error(null, "expected a JSON object, found " + describe(token));
    }
    if (line == previousEndLine) {
      throw error(null, "expected one JSON object per line");
    }
    return true;
  }

  /** The next field's name, with the parser on its value; null after the object's last field. */
  String nextField() throws IOException {
    JsonToken token = advance();
    if (token == JsonToken.END_OBJECT) {
      previousEndLine = parser.currentTokenLocation().getLineNr();
      return null;
    }
    String name = parser.currentName();
    advance();
    return name;
  }

  /** The current value's kind. */
  JsonToken valueToken() {
    return parser.currentToken();
  }

  /**
   * The current value as text: a string as is, a number or boolean as written, null as null.
   *
   * @throws DataFormatException if the value is an array or object
   */
  String scalar(String field) throws DataFormatException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!token.isScalarValue()) {
      throw error(field, "expected a string or a number, found " + describe(token));
    }
    try {
      return parser.getText();
    } catch (IOException e) {
      throw error(field, "unreadable value: " + e.getMessage());
    }
  }

  /**
   * The current array's elements as text, nulls left out.
   *
   * @throws DataFormatException if an element is itself an array or object
   */
  List<String> strings(String field) throws IOException {
    List<String> values = new ArrayList<>();
    while (advance() != JsonToken.END_ARRAY) {
      String value = scalar(field);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  @Override
  public DataFormatException error(String field, String detail) {
    return new DataFormatException(file, line, field, detail);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private JsonToken advance() throws IOException {
    try {
      return parser.nextToken();
    } catch (StreamReadException e) {
      int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
      throw new DataFormatException(file, Math.max(at, 0), null, "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
