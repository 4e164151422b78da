package io.github.pkce4j.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on 127.0.0.1 and an ephemeral port, recording every request exactly as
 * it arrived. Built on the JDK's {@code com.sun.net.httpserver} so the contract does not depend on
 * the HTTP client under test.
 */
public final class FakeHttpServer implements AutoCloseable {
  private static final Charset UTF_8 = Charset.forName("UTF-8");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Script> scripts = new ConcurrentHashMap<String, Script>();
  private final Map<String, java.util.Queue<Script>> sequences =
      new ConcurrentHashMap<String, java.util.Queue<Script>>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<RecordedRequest>();

  private FakeHttpServer() throws IOException {
    server = HttpServer.create(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", new com.sun.net.httpserver.HttpHandler() {
      @Override
      public void handle(HttpExchange exchange) throws IOException {
        serve(exchange);
      }
    });
    server.start();
  }

  /** Starts a server with no scripts: every path answers 404. */
  public static FakeHttpServer start() throws IOException {
    return new FakeHttpServer();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers requests to {@code path} (any query) with {@code script}. */
  public FakeHttpServer on(String path, Script script) {
    scripts.put(path, script);
    return this;
  }

  /**
   * Answers the requests to {@code path} with {@code first}, then each of {@code more} in turn,
   * the last one from then on (e.g. a DPoP nonce challenge, then tokens).
   */
  public FakeHttpServer onSequence(String path, Script first, Script... more) {
    java.util.Queue<Script> queue = new java.util.concurrent.ConcurrentLinkedQueue<Script>();
    queue.add(first);
    queue.addAll(java.util.Arrays.asList(more));
    sequences.put(path, queue);
    return this;
  }

  private synchronized Script scriptFor(String path) {
    java.util.Queue<Script> queue = sequences.get(path);
    if (queue != null) {
      return queue.size() > 1 ? queue.poll() : queue.peek();
    }
    return scripts.get(path);
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return Collections.unmodifiableList(new ArrayList<RecordedRequest>(requests));
  }

  /** The requests received for {@code path}. */
  public List<RecordedRequest> requests(String path) {
    List<RecordedRequest> matching = new ArrayList<RecordedRequest>();
    for (RecordedRequest r : requests) {
      if (r.path.equals(path)) {
        matching.add(r);
      }
    }
    return matching;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try {
      Map<String, List<String>> headers = new LinkedHashMap<String, List<String>>();
      for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
        headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT),
            new ArrayList<String>(e.getValue()));
      }
      byte[] body = readAll(exchange.getRequestBody());
      String path = exchange.getRequestURI().getRawPath();
      requests.add(new RecordedRequest(exchange.getRequestMethod(), path,
          exchange.getRequestURI().getRawQuery(), headers, body));
      Script script = scriptFor(path);
      if (script == null) {
        script = Script.status(404).body("text/plain", "not found");
      }
      script.play(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client under test went away (timeout, size limit): expected in several tests.
    } finally {
      exchange.close();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A request exactly as received. */
  public static final class RecordedRequest {
    /** The method, e.g. {@code POST}. */
    public final String method;
    /** The raw path. */
    public final String path;
    /** The raw query, or {@code null}. */
    public final String rawQuery;
    /** Header names in lower case to their values. */
    public final Map<String, List<String>> headers;
    /** The body bytes. */
    public final byte[] body;

    RecordedRequest(String method, String path, String rawQuery,
        Map<String, List<String>> headers, byte[] body) {
      this.method = method;
      this.path = path;
      this.rawQuery = rawQuery;
      this.headers = headers;
      this.body = body;
    }

    /** The only value of header {@code name}, or {@code null}; fails if it was sent twice. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      if (values == null) {
        return null;
      }
      if (values.size() != 1) {
        throw new AssertionError("header " + name + " sent " + values.size() + " times");
      }
      return values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
      return new String(body, UTF_8);
    }
  }

  /** What the server answers: status, headers, body, and misbehaviour (delays, size). */
  public static final class Script {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<String, String>();
    private byte[] body = new byte[0];
    private long delayBeforeHeadersMillis;
    private long stallAfterFirstByteMillis;
    private long streamedBytes = -1;
    private boolean chunked;

    private Script(int status) {
      this.status = status;
    }

    /** A script answering {@code status}. */
    public static Script status(int status) {
      return new Script(status);
    }

    /** A 200 with {@code application/json} {@code json}. */
    public static Script json(int status, String json) {
      return new Script(status).body("application/json;charset=UTF-8", json);
    }

    /** Sets the body and its {@code Content-Type}. */
    public Script body(String contentType, String text) {
      headers.put("Content-Type", contentType);
      this.body = text.getBytes(UTF_8);
      return this;
    }

    /** Adds a response header. */
    public Script header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Waits before sending the status line. */
    public Script delayBeforeHeaders(long millis) {
      this.delayBeforeHeadersMillis = millis;
      return this;
    }

    /** Sends the headers and one body byte, then stalls. */
    public Script stallAfterFirstByte(long millis) {
      this.stallAfterFirstByteMillis = millis;
      return this;
    }

    /** Streams {@code count} bytes of {@code "a"}s as JSON string content, chunked or not. */
    public Script streamBytes(long count, boolean chunkedEncoding) {
      this.streamedBytes = count;
      this.chunked = chunkedEncoding;
      headers.put("Content-Type", "application/json");
      return this;
    }

    void play(HttpExchange exchange) throws IOException, InterruptedException {
      if (delayBeforeHeadersMillis > 0) {
        Thread.sleep(delayBeforeHeadersMillis);
      }
      for (Map.Entry<String, String> h : headers.entrySet()) {
        exchange.getResponseHeaders().set(h.getKey(), h.getValue());
      }
      OutputStream out;
      if (streamedBytes >= 0) {
        exchange.sendResponseHeaders(status, chunked ? 0 : streamedBytes);
        out = exchange.getResponseBody();
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (long sent = 0; sent < streamedBytes; sent += chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, streamedBytes - sent));
        }
        out.close();
        return;
      }
      boolean empty = body.length == 0 && stallAfterFirstByteMillis == 0;
      exchange.sendResponseHeaders(status, empty ? -1 : body.length);
      out = exchange.getResponseBody();
      if (stallAfterFirstByteMillis > 0 && body.length > 0) {
        out.write(body, 0, 1);
        out.flush();
        Thread.sleep(stallAfterFirstByteMillis);
        out.write(body, 1, body.length - 1);
      } else {
        out.write(body);
      }
      out.close();
    }
  }
}
