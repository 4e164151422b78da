package io.github.pkce4j.policy.internal;

/** A file broke a rule of the audit's input: too large, not UTF-8, malformed, refused DTD. */
public final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;

  public BadInputException(int line, String message) {
    super(message);
    this.line = line;
  }

  /** The 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }
}
