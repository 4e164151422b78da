package io.github.pkce4j.client;

import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.client.internal.JsonWriter;
import io.github.pkce4j.client.internal.Jwk;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import java.net.URI;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes DPoP proofs (RFC 9449 section 4.2) with one {@link DpopKey}, and remembers the nonce
 * each server asked for (sections 8 and 9). One instance per key; share it between the login
 * flow and the HTTP client that calls APIs with the tokens. Thread-safe.
 *
 * <pre>{@code
 * DpopProofs proofs = DpopProofs.of(DpopKey.generate());
 * String proof = proofs.proof("POST", "https://as.example.com/token");          // token request
 * String api = proofs.proof("GET", "https://api.example.com/me", accessToken);  // with ath
 * }</pre>
 *
 * <p>Every proof is new: a JWS with header {@code typ} "dpop+jwt", {@code alg} "ES256" and the
 * public {@code jwk}, and claims {@code jti} (16 random bytes and a per-instance counter, so two
 * proofs never share one), {@code htm}, {@code htu} (the request URI without query and
 * fragment, normalised as {@link #htu(String)} says), {@code iat}, {@code ath} when an access
 * token goes with the request (section 4.2) and {@code nonce} when the server gave one.
 *
 * <p>Clock: {@code iat} is this device's time, from the {@link Builder#clock clock} plus the
 * {@link Builder#clockSkewSeconds clock skew} the caller set (none by default). Servers accept
 * proofs within a window around their own time (section 11.1); when a device's clock is known to
 * be off, set the skew, or let the server's nonce (section 8) carry freshness instead.
 *
 * @since 0.1.0
 */
public final class DpopProofs {
  /** The {@code typ} of every proof (RFC 9449 section 4.2). */
  public static final String TYPE = "dpop+jwt";
  /** The HTTP header a proof travels in (RFC 9449 section 4.1). */
  public static final String HEADER = "DPoP";
  /** The HTTP header a server sends its nonce in (RFC 9449 section 8). */
  public static final String NONCE_HEADER = "DPoP-Nonce";

  private static final int JTI_RANDOM_BYTES = 16;

  private final DpopKey key;
  private final SecureRandom random;
  private final Provider sha256Provider;
  private final Clock clock;
  private final long skewSeconds;
  private final String encodedHeader;
  private final AtomicLong counter = new AtomicLong();
  private final DpopNonces nonces = new DpopNonces();

  private DpopProofs(Builder b) {
    this.key = b.key;
    this.random = b.config.secureRandom();
    this.sha256Provider = b.config.sha256Provider();
    this.clock = b.clock;
    this.skewSeconds = b.skewSeconds;
    this.encodedHeader = base64Url(JsonWriter.object().string("typ", TYPE)
        .string("alg", DpopKey.ALGORITHM).object("jwk", key.publicJwk()).end());
  }

  /** Proofs with {@code key}, the platform's randomness and SHA-256, and the system clock. */
  public static DpopProofs of(DpopKey key) {
    return builder(key).build();
  }

  /** Starts a builder for proofs with {@code key}. */
  public static Builder builder(DpopKey key) {
    return new Builder(key);
  }

  /** The key every proof is signed with. */
  public DpopKey key() {
    return key;
  }

  /**
   * A fresh proof for a request without an access token, e.g. to the token endpoint (RFC 9449
   * section 5) or the pushed authorization request endpoint (section 10.1), with the nonce last
   * remembered for {@code url}'s server.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param url the request URL; its query and fragment are left out of {@code htu}
   * @throws IllegalArgumentException if the method is not an HTTP token (RFC 9110 section 9.1)
   *     or the URL is not an https URL (or http on a loopback IP literal)
   */
  public String proof(String method, String url) {
    return create(method, url, null, nonceOrNull(url));
  }

  /**
   * A fresh proof for a protected resource request with {@code accessToken} (RFC 9449 section
   * 7.1): as {@link #proof(String, String)}, plus {@code ath}, the base64url SHA-256 of the token.
   *
   * @throws IllegalArgumentException also if the token is empty or has a character outside
   *     visible ASCII (RFC 6749 Appendix A.12); the message never quotes it
   */
  public String proof(String method, String url, String accessToken) {
    Objects.requireNonNull(accessToken, "accessToken");
    return create(method, url, accessToken, nonceOrNull(url));
  }

  /** A proof with exactly the nonce given ({@code null}: none); the public methods use this. */
  String create(String method, String url, String accessTokenOrNull, String nonceOrNull) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    requireMethod(method);
    JsonWriter claims = JsonWriter.object()
        .string("jti", newJti())
        .string("htm", method)
        .string("htu", htu(url))
        .number("iat", clock.epochSeconds() + skewSeconds);
    if (accessTokenOrNull != null) {
      claims.string("ath", ath(accessTokenOrNull));
    }
    if (nonceOrNull != null) {
      claims.string("nonce", nonceOrNull);
    }
    String signingInput = encodedHeader + "." + base64Url(claims.end());
    return signingInput + "." + Base64Url.encode(key.sign(UrlEncoding.utf8(signingInput)));
  }

  private String newJti() {
    byte[] jti = new byte[JTI_RANDOM_BYTES + 8];
    random.nextBytes(jti);
    long n = counter.getAndIncrement();
    for (int i = 0; i < 8; i++) {
      jti[JTI_RANDOM_BYTES + i] = (byte) (n >>> (56 - 8 * i));
    }
    return Base64Url.encode(jti);
  }

  /**
   * The {@code ath} claim for {@code accessToken} (RFC 9449 section 4.2): the base64url of the
   * SHA-256 of its ASCII bytes.
   *
   * @throws IllegalArgumentException if the token is empty or has a character outside visible
   *     ASCII (RFC 6749 Appendix A.12); the message never quotes it
   */
  public String ath(String accessToken) {
    requireAccessToken(accessToken);
    return Base64Url.encode(Jwk.sha256(UrlEncoding.utf8(accessToken), sha256Provider));
  }

  /**
   * Remembers the {@code DPoP-Nonce} a server sent (RFC 9449 sections 8 and 9) for the next
   * proof to {@code url}'s server (its scheme, host and port). A value that is not {@code
   * 1*NQCHAR} (section 8.1) of at most 1024 characters is not remembered, so a hostile server
   * cannot put other characters into a later request's header.
   *
   * @param nonceOrNull the header's value, or {@code null} if the answer had none
   * @return whether the nonce was remembered
   */
  public boolean rememberNonce(String url, String nonceOrNull) {
    String origin = origin(htu(Objects.requireNonNull(url, "url")));
    if (!DpopNonces.isNonce(nonceOrNull)) {
      return false;
    }
    nonces.remember(origin, nonceOrNull);
    return true;
  }

  /** The nonce last remembered for {@code url}'s server, or {@code null}. */
  public String nonceOrNull(String url) {
    return nonces.nonceOrNull(origin(htu(Objects.requireNonNull(url, "url"))));
  }

  /**
   * Whether a resource server's {@code WWW-Authenticate} header value is a DPoP nonce challenge
   * (RFC 9449 section 9): a {@code DPoP} challenge with {@code error="use_dpop_nonce"}. Such a 401
   * comes with a {@code DPoP-Nonce} header; remember it and send the request once more with a
   * fresh proof.
   *
   * @param wwwAuthenticateOrNull one {@code WWW-Authenticate} value, or {@code null}
   */
  public static boolean isNonceChallenge(String wwwAuthenticateOrNull) {
    return DpopChallenges.isNonceChallenge(wwwAuthenticateOrNull);
  }

  private static String origin(String htu) {
    return htu.substring(0, htu.indexOf('/', htu.indexOf("://") + 3));
  }

  /**
   * The {@code htu} of a request to {@code url} (RFC 9449 section 4.2): the URL without query and
   * fragment, normalised as section 4.3 lets the server compare it (RFC 3986 sections 6.2.2 and
   * 6.2.3): scheme and host in lower case, the default port (80 for http, 443 for https) left
   * out, percent-encodings in upper case and those of unreserved characters decoded, dot
   * segments removed, non-ASCII characters percent-encoded as UTF-8, and an empty path written
   * {@code /}.
   *
   * @throws IllegalArgumentException if {@code url} is not an https URL, or http on a loopback IP
   *     literal (a proof and its token never travel in the clear), or has userinfo
   */
  public static String htu(String url) {
    URI uri = UriRules.endpoint("DPoP target URI", withoutFragment(url));
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || scheme.equals("https") && port == 443
        || scheme.equals("http") && port == 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port) + removeDotSegments(normalisePercentEncoding(path));
  }

  private static String withoutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  /**
   * RFC 3986 sections 6.2.2.1 and 6.2.2.2: hex digits of percent-encodings in upper case, those
   * of unreserved characters decoded; other characters outside ASCII percent-encoded as UTF-8.
   * {@code path} is a raw path that {@link URI} accepted, so every {@code %} starts a valid
   * escape.
   */
  static String normalisePercentEncoding(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%') {
        String hex = path.substring(i + 1, i + 3);
        char decoded = (char) Integer.parseInt(hex, 16);
        if (isUnreserved(decoded)) {
          out.append(decoded);
        } else {
          out.append('%').append(hex.toUpperCase(Locale.ROOT));
        }
        i += 2;
      } else if (c >= 0x80) {
        int codePoint = path.codePointAt(i);
        for (byte b : UrlEncoding.utf8(new String(Character.toChars(codePoint)))) {
          out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        i += Character.charCount(codePoint) - 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** RFC 3986 section 2.3. */
  private static boolean isUnreserved(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
        || c == '.' || c == '_' || c == '~';
  }

  /** RFC 3986 section 5.2.4, for an absolute or empty path; an empty result is {@code /}. */
  static String removeDotSegments(String path) {
    String in = path;
    StringBuilder out = new StringBuilder(path.length());
    while (!in.isEmpty()) {
      if (in.startsWith("/./")) {
        in = in.substring(2);
      } else if (in.equals("/.")) {
        in = "/";
      } else if (in.startsWith("/../")) {
        in = in.substring(3);
        out.setLength(Math.max(0, out.lastIndexOf("/")));
      } else if (in.equals("/..")) {
        in = "/";
        out.setLength(Math.max(0, out.lastIndexOf("/")));
      } else {
        int next = in.indexOf('/', 1);
        int end = next < 0 ? in.length() : next;
        out.append(in, 0, end);
        in = in.substring(end);
      }
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static void requireMethod(String method) {
    if (method.isEmpty()) {
      throw new IllegalArgumentException("DPoP htm is empty; RFC 9110 section 9.1 methods are"
          + " tokens");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        throw new IllegalArgumentException("DPoP htm has a character outside the RFC 9110"
            + " section 5.6.2 token set at index " + i);
      }
    }
  }

  static void requireAccessToken(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("access token is empty (RFC 6749 Appendix A.12)");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("access token has a character outside visible ASCII"
            + " at index " + i + " (RFC 6749 Appendix A.12)");
      }
    }
  }

  private static String base64Url(String json) {
    return Base64Url.encode(UrlEncoding.utf8(json));
  }

  /** The key's thumbprint; never the private key, nonces or proofs. */
  @Override
  public String toString() {
    return "DpopProofs[" + key + ", iat skew " + skewSeconds + " s]";
  }

  /**
   * The time source of {@code iat}: whole seconds since 1970-01-01T00:00:00Z. ({@code
   * java.time.Clock} is missing on Android before API 26.)
   *
   * @since 0.1.0
   */
  public interface Clock {
    /** The current time in seconds since the epoch. */
    long epochSeconds();
  }

  /**
   * Builds {@link DpopProofs}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final DpopKey key;
    private PkceConfig config = PkceConfig.defaults();
    private Clock clock = SystemClock.INSTANCE;
    private long skewSeconds;

    private Builder(DpopKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** Where the {@code jti} randomness and SHA-256 come from. Default: {@link PkceConfig#defaults()}. */
    public Builder config(PkceConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The time source of {@code iat}. Default: {@code System.currentTimeMillis() / 1000}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Seconds added to the clock for {@code iat}, for a device whose clock is known to be off
     * from the servers' (RFC 9449 section 11.1): positive if it is slow. Default 0.
     *
     * @throws IllegalArgumentException beyond a day either way, which is no longer skew
     */
    public Builder clockSkewSeconds(long seconds) {
      if (Math.abs(seconds) > 86_400) {
        throw new IllegalArgumentException("clock skew of " + seconds + " s is beyond a day;"
            + " fix the device clock instead");
      }
      this.skewSeconds = seconds;
      return this;
    }

    /** Builds the proof maker. */
    public DpopProofs build() {
      return new DpopProofs(this);
    }
  }

  private enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long epochSeconds() {
      return System.currentTimeMillis() / 1000;
    }
  }
}
