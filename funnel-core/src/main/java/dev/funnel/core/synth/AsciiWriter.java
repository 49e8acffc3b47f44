package dev.funnel.core.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes ASCII text into a large byte buffer and the buffer into a file, formatting numbers by hand: the event
 * file is written tens of millions of lines at a time, where a {@code Writer}'s char encoding and
 * {@code String.format} would cost more than generating the data. Not thread-safe.
 */
final class AsciiWriter implements Closeable {
  private static final int BUFFER_BYTES = 1 << 18;
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private final byte[] digits = new byte[20];
  private int position;

  AsciiWriter(OutputStream out) {
    this.out = out;
  }

  static AsciiWriter create(Path file) throws IOException {
    return new AsciiWriter(Files.newOutputStream(file));
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  AsciiWriter write(byte[] bytes) throws IOException {
    int length = bytes.length;
    if (length > BUFFER_BYTES - position) {
      flushBuffer();
      if (length > BUFFER_BYTES) {
        out.write(bytes);
        return this;
      }
    }
    System.arraycopy(bytes, 0, buffer, position, length);
    position += length;
    return this;
  }

  /** Writes the text, which must be ASCII. */
  AsciiWriter write(String text) throws IOException {
    return write(ascii(text));
  }

  AsciiWriter write(char c) throws IOException {
    if (position == BUFFER_BYTES) {
      flushBuffer();
    }
    buffer[position++] = (byte) c;
    return this;
  }

  /** Writes the decimal digits of {@code value}, with a minus sign if negative. */
  AsciiWriter write(long value) throws IOException {
    if (digits.length + 1 > BUFFER_BYTES - position) {
      flushBuffer();
    }
    if (value < 0) {
      buffer[position++] = '-';
      if (value == Long.MIN_VALUE) {
        return write(ascii("9223372036854775808"));
      }
      value = -value;
    }
    int start = digits.length;
    do {
      digits[--start] = (byte) ('0' + (int) (value % 10));
      value /= 10;
    } while (value != 0);
    int length = digits.length - start;
    System.arraycopy(digits, start, buffer, position, length);
    position += length;
    return this;
  }

  /**
   * Writes a non-negative finite {@code value} rounded half-up to {@code decimals} places (0 to 6), always with
   * that many places, as {@code 12.50}.
   */
  AsciiWriter writeFixed(double value, int decimals) throws IOException {
    if (!(value >= 0) || value > 1e12 || decimals < 0 || decimals >= POWERS_OF_TEN.length) {
      throw new IllegalArgumentException("cannot write " + value + " with " + decimals + " decimals");
    }
    long scale = POWERS_OF_TEN[decimals];
    long scaled = Math.round(value * scale);
    write(scaled / scale);
    if (decimals > 0) {
      write('.');
      long fraction = scaled % scale;
      for (long p = scale / 10; p > 0; p /= 10) {
        write((char) ('0' + fraction / p % 10));
      }
    }
    return this;
  }

  private void flushBuffer() throws IOException {
    out.write(buffer, 0, position);
    position = 0;
  }

  @Override
  public void close() throws IOException {
    try (out) {
      flushBuffer();
    }
  }
}
