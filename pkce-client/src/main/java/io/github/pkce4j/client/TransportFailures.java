package io.github.pkce4j.client;

import io.github.pkce4j.internal.PrintableText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Turns an I/O failure of an HTTP library into the exception a pkce4j transport throws: its
 * message names the request ({@code POST https://as.example.com/token}) and the cause chain, so
 * that a refused connection never reads as {@code null}, and every text the library or the server
 * contributed (the JDK quotes response headers in some messages) is made printable: control
 * characters, including escape sequences and line breaks, become visible {@code \}{@code uXXXX}
 * escapes.
 *
 * <p>The common kinds keep their type, so callers can still catch them: {@link
 * ConnectException}, {@link NoRouteToHostException}, {@link UnknownHostException}, {@link
 * ProtocolException}, {@link SocketTimeoutException}, {@link InterruptedIOException} and {@link SSLException}; anything else
 * becomes a plain {@link IOException}. The original is the {@linkplain Throwable#getCause()
 * cause}. A {@link ResponseTooLargeException} is returned as it is (its message is pkce4j's own).
 * Adapters call this; applications rarely need it.
 *
 * @since 0.1.0
 */
public final class TransportFailures {
  /** Longest piece of library or server text kept in a message, per cause. */
  static final int MAX_CAUSE_CHARS = 300;

  private TransportFailures() {}

  /**
   * The exception to throw for {@code failure} while sending {@code request}.
   *
   * @param request what was being sent; its method and URL go into the message
   * @param failure what the HTTP library threw
   * @return an exception of the same common kind, with a printable message naming the request
   *     and the causes
   */
  public static IOException describe(TransportRequest request, IOException failure) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(failure, "failure");
    if (failure instanceof ResponseTooLargeException) {
      return failure;
    }
    String message = request.method() + " " + request.url() + " failed: " + causes(failure);
    IOException described;
    if (failure instanceof ConnectException) {
      described = new ConnectException(message);
    } else if (failure instanceof NoRouteToHostException) {
      described = new NoRouteToHostException(message);
    } else if (failure instanceof UnknownHostException) {
      described = new UnknownHostException(message);
    } else if (failure instanceof ProtocolException) {
      described = new ProtocolException(message);
    } else if (failure instanceof SocketTimeoutException) {
      described = new SocketTimeoutException(message);
    } else if (failure instanceof InterruptedIOException) {
      described = new InterruptedIOException(message);
    } else if (failure instanceof SSLException) {
      described = new SSLException(message);
    } else {
      described = new IOException(message);
    }
    described.initCause(failure);
    return described;
  }

  /**
   * The cause chain as one printable line: {@code ConnectException: Connection refused}, up to
   * three levels, each text made printable and cut to {@value #MAX_CAUSE_CHARS} characters.
   */
  static String causes(Throwable failure) {
    StringBuilder out = new StringBuilder();
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 3; depth++, t = t.getCause()) {
      if (depth > 0) {
        out.append(" <- ");
      }
      out.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        out.append(": ").append(PrintableText.of(t.getMessage(), MAX_CAUSE_CHARS));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return out.toString();
  }
}
