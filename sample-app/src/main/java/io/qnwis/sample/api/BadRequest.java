package io.qnwis.sample.api;

/** A request the service cannot answer as asked; answered with 400 and the message. */
public final class BadRequest extends RuntimeException {
  public BadRequest(String message) {
    super(message);
  }
}
