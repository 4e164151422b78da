package io.github.pkce4j.cli;

import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A transport whose requests all end by one deadline, so that {@code pkce login --timeout} bounds
 * the whole login (discovery, which may try two documents, and the token request), not each
 * request on its own.
 */
final class DeadlineTransport implements HttpTransport {
  /** The deadline passed while a request was still waiting for its answer. */
  static final class DeadlineExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException(String message) {
      super(message);
    }
  }

  private final JdkHttpTransport delegate;
  private final long deadlineNanos;

  DeadlineTransport(JdkHttpTransport delegate, long deadlineNanos) {
    this.delegate = delegate;
    this.deadlineNanos = deadlineNanos;
  }

  /** Time left before the deadline; zero or negative once it has passed. */
  Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new DeadlineExceededException("no time was left for " + request.method() + " "
          + request.url());
    }
    CompletableFuture<TransportResponse> future = delegate.executeAsync(request);
    try {
      return future.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new DeadlineExceededException(request.method() + " " + request.url()
          + " had not answered");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + request.url());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(Failures.describe(cause), cause);
    }
  }
}
