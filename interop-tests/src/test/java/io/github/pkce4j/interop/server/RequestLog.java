package io.github.pkce4j.interop.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every HTTP request that reached the interop server, in arrival order.
 *
 * <p>Tests take a {@link #mark()} before acting and read {@link #since(int)} afterwards, which
 * proves what did, or did not, reach the server (for example: no token request after a tampered
 * {@code state}). A request is recorded as it arrives, before Spring Security or the server answer
 * it, so refused requests count too and no answer can reach the client before its entry exists.
 */
public final class RequestLog {

  /** One request: its method and its path without the query. */
  public record Entry(String method, String path) {
    public Entry {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
    }

    /** True for a {@code POST} to {@code path}. */
    public boolean isPostTo(String path) {
      return "POST".equals(method) && this.path.equals(path);
    }
  }

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  /** The position of the next request to arrive; pass it to {@link #since(int)}. */
  public int mark() {
    return entries.size();
  }

  /** The requests that arrived since {@code mark}, in order. */
  public List<Entry> since(int mark) {
    List<Entry> snapshot = List.copyOf(entries);
    return snapshot.subList(Math.min(mark, snapshot.size()), snapshot.size());
  }

  Filter filter() {
    return new Filter();
  }

  /** The servlet filter that feeds the log; registered ahead of every other filter. */
  final class Filter implements jakarta.servlet.Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest httpRequest = (HttpServletRequest) request;
      entries.add(new Entry(httpRequest.getMethod(), httpRequest.getRequestURI()));
      chain.doFilter(request, response);
    }
  }
}
