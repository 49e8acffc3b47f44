package dev.funnel.server.http;

/**
 * A request the server refuses, with the HTTP status and the request field at fault. Rendered as
 * {@code {"error": {"status": 400, "field": "events[2].type", "message": "…"}}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String field;

  public ApiException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }

  public static ApiException notFound(String field, String message) {
    return new ApiException(404, field, message);
  }

  public int status() {
    return status;
  }

  /** The request field at fault, or null when the request as a whole is. */
  public String field() {
    return field;
  }
}
