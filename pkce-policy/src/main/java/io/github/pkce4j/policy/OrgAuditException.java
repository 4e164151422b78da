package io.github.pkce4j.policy;

/**
 * A live-org audit could not run: the Salesforce CLI is missing, the org is not authorised, a
 * command failed, timed out or printed something that is not its documented JSON. The message is
 * one line, safe to print (control characters replaced, capped), and says what to install or
 * run; it never holds a value read from the org's metadata.
 *
 * @since 0.1.0
 */
public final class OrgAuditException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with this one-line message.
   *
   * @param message what went wrong and what to do
   */
  public OrgAuditException(String message) {
    super(message);
  }

  /**
   * An exception with this one-line message and its cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure
   */
  public OrgAuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
