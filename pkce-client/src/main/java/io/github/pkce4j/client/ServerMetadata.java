package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.PrintableText;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a login needs to know about an authorization server: its issuer, authorization and token
 * endpoints, and the RFC 8414 / OpenID Connect Discovery members that change the client's checks.
 * Immutable.
 *
 * <p>Get one by {@linkplain #discover(String, HttpTransport) discovery}, by
 * {@linkplain #parse(String, String) parsing} a document, or with a {@linkplain #builder(String)
 * builder} when the endpoints are known (e.g. Salesforce: {@code https://login.salesforce.com/
 * services/oauth2/authorize} and {@code .../token}).
 *
 * <p>Security: the issuer in a discovered document must equal the issuer asked for, exactly (RFC
 * 8414 §3.3, OpenID Connect Discovery §4.3), or the document is refused; this, with the {@code
 * iss} check on the redirect (RFC 9207), defends against mix-up attacks (RFC 9700 §4.4). The issuer
 * and endpoints must use https, or http only on a loopback IP literal (127.x.y.z written as four
 * decimal octets, or [::1]); a DNS name such as {@code 127.attacker.example} is remote. A
 * discovered document must be served as {@code application/json} (or a {@code +json} type) when
 * it declares a Content-Type.
 *
 * @since 0.1.0
 */
public final class ServerMetadata {
  /** OpenID Connect Discovery 1.0 §4: appended to the issuer. */
  public static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
  /** RFC 8414 §3: inserted between the issuer's host and path. */
  public static final String OAUTH_AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";

  private static final String WHAT = "authorization server metadata";

  private final String issuer;
  private final String authorizationEndpoint;
  private final String tokenEndpoint;
  private final List<String> codeChallengeMethodsSupported;
  private final boolean issParameterSupported;
  private final List<String> tokenEndpointAuthMethodsSupported;
  private final String pushedAuthorizationRequestEndpoint;
  private final boolean requirePushedAuthorizationRequests;
  private final String revocationEndpoint;
  private final String endSessionEndpoint;
  private final List<String> dpopSigningAlgValuesSupported;
  private final Map<String, Object> members;

  private ServerMetadata(Builder b) {
    this.issuer = b.issuer;
    this.authorizationEndpoint = b.authorizationEndpoint;
    this.tokenEndpoint = b.tokenEndpoint;
    this.codeChallengeMethodsSupported = b.codeChallengeMethodsSupported;
    this.issParameterSupported = b.issParameterSupported;
    this.tokenEndpointAuthMethodsSupported = b.tokenEndpointAuthMethodsSupported;
    this.pushedAuthorizationRequestEndpoint = b.pushedAuthorizationRequestEndpoint;
    this.requirePushedAuthorizationRequests = b.requirePushedAuthorizationRequests;
    this.revocationEndpoint = b.revocationEndpoint;
    this.endSessionEndpoint = b.endSessionEndpoint;
    this.dpopSigningAlgValuesSupported = b.dpopSigningAlgValuesSupported;
    this.members = b.members;
  }

  /** Starts metadata for {@code issuer} with endpoints set by hand. */
  public static Builder builder(String issuer) {
    return new Builder(issuer);
  }

  /**
   * Parses a metadata document (RFC 8414 §2, OpenID Connect Discovery §3) and checks that its
   * {@code issuer} equals {@code expectedIssuer} exactly.
   *
   * @throws ResponseRejectedException with {@code invalid_response} if the document is malformed,
   *     or {@code issuer_mismatch} if the issuer differs
   */
  public static ServerMetadata parse(String json, String expectedIssuer) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(expectedIssuer, "expectedIssuer");
    return parse(UrlEncoding.utf8(json), 200, null, expectedIssuer);
  }

  private static ServerMetadata parse(byte[] body, int status, String contentType,
      String expectedIssuer) {
    Map<String, Object> members = JsonMembers.parseObject(body, WHAT, status, contentType);
    String issuer = JsonMembers.requiredString(members, "issuer", WHAT, "RFC 8414 §2");
    if (!issuer.equals(expectedIssuer)) {
      throw new ResponseRejectedException(ResponseRejectedException.ISSUER_MISMATCH,
          "metadata issuer " + PrintableText.of(issuer, 200) + " differs from the issuer it was"
              + " fetched for, " + PrintableText.of(expectedIssuer, 200) + "; RFC 8414 §3.3 and"
              + " OpenID Connect Discovery §4.3 require them to be identical, character for"
              + " character (a trailing slash counts; mix-up defence, RFC 9700 §4.4)");
    }
    Builder b;
    try {
      b = new Builder(issuer);
      b.authorizationEndpoint(JsonMembers.requiredString(members, "authorization_endpoint", WHAT,
          "RFC 8414 §2 (for the authorization code grant)"));
      b.tokenEndpoint(JsonMembers.requiredString(members, "token_endpoint", WHAT,
          "RFC 8414 §2 (for the authorization code grant)"));
      readOptionalEndpoints(members, b);
    } catch (IllegalArgumentException e) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          WHAT + ": " + e.getMessage(), e);
    }
    List<String> methods =
        JsonMembers.stringListOrNull(members, "code_challenge_methods_supported", WHAT);
    if (methods != null) {
      b.codeChallengeMethodsSupported(methods);
    }
    Boolean iss = JsonMembers.booleanOrNull(members,
        "authorization_response_iss_parameter_supported", WHAT);
    b.authorizationResponseIssParameterSupported(iss != null && iss);
    List<String> authMethods =
        JsonMembers.stringListOrNull(members, "token_endpoint_auth_methods_supported", WHAT);
    if (authMethods != null) {
      b.tokenEndpointAuthMethodsSupported(authMethods);
    }
    List<String> dpopAlgs =
        JsonMembers.stringListOrNull(members, "dpop_signing_alg_values_supported", WHAT);
    if (dpopAlgs != null) {
      b.dpopSigningAlgValuesSupported(dpopAlgs);
    }
    b.members(members);
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          WHAT + ": " + e.getMessage(), e);
    }
  }

  /**
   * The endpoints for pushed authorization requests (RFC 9126 section 5), revocation (RFC 8414
   * section 2, RFC 7009) and logout (OpenID Connect RP-Initiated Logout section 2.1), each under
   * the same URI rules as the token endpoint when present.
   */
  private static void readOptionalEndpoints(Map<String, Object> members, Builder b) {
    String par =
        JsonMembers.stringOrNull(members, "pushed_authorization_request_endpoint", WHAT);
    if (par != null) {
      b.pushedAuthorizationRequestEndpoint(par);
    }
    Boolean requirePar =
        JsonMembers.booleanOrNull(members, "require_pushed_authorization_requests", WHAT);
    b.requirePushedAuthorizationRequests(requirePar != null && requirePar);
    String revocation = JsonMembers.stringOrNull(members, "revocation_endpoint", WHAT);
    if (revocation != null) {
      b.revocationEndpoint(revocation);
    }
    String endSession = JsonMembers.stringOrNull(members, "end_session_endpoint", WHAT);
    if (endSession != null) {
      b.endSessionEndpoint(endSession);
    }
  }

  /**
   * The discovery URLs for {@code issuer}, in the order {@link #discover} tries them: OpenID
   * Connect Discovery ({@code issuer + /.well-known/openid-configuration}) and RFC 8414 §3.1
   * ({@code /.well-known/oauth-authorization-server} inserted before the issuer's path).
   */
  public static List<String> discoveryUrls(String issuer) {
    URI uri = UriRules.issuer(issuer);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String origin = uri.getScheme() + "://" + uri.getRawAuthority();
    List<String> urls = new ArrayList<String>(2);
    urls.add(origin + path + OPENID_CONFIGURATION);
    urls.add(origin + OAUTH_AUTHORIZATION_SERVER + path);
    return Collections.unmodifiableList(urls);
  }

  /**
   * Fetches and checks the metadata of {@code issuer}: first the OpenID Connect document, then,
   * if that one is not found (HTTP 404), the RFC 8414 one. The document's {@code issuer} must
   * equal {@code issuer} exactly.
   *
   * @throws ResponseRejectedException if no document was found, or it is malformed or names
   *     another issuer
   * @throws IOException if the transport fails
   */
  public static ServerMetadata discover(String issuer, HttpTransport transport)
      throws IOException {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(transport, "transport");
    List<String> urls = discoveryUrls(issuer);
    TransportResponse response = null;
    String url = null;
    for (String candidate : urls) {
      url = candidate;
      response = transport.execute(TransportRequest.get(url));
      if (response.status() != 404) {
        break;
      }
    }
    if (response.status() != 200) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "metadata discovery answered HTTP " + response.status() + " at " + url
              + (response.status() == 404 ? " (and at " + urls.get(0) + ")" : "")
              + "; expected 200 with a JSON document (RFC 8414 §3.2, OpenID Connect Discovery"
              + " §4.2)");
    }
    String contentType = response.headerOrNull("Content-Type");
    JsonMembers.checkJsonMediaType(WHAT, response.status(), contentType);
    return parse(response.bodyNoCopy(), response.status(), contentType, issuer);
  }

  /** The issuer identifier (RFC 8414 §2). */
  public String issuer() {
    return issuer;
  }

  /** The authorization endpoint URL (RFC 6749 §3.1). */
  public String authorizationEndpoint() {
    return authorizationEndpoint;
  }

  /** The token endpoint URL (RFC 6749 §3.2). */
  public String tokenEndpoint() {
    return tokenEndpoint;
  }

  /** {@code code_challenge_methods_supported} (RFC 8414 §2), or {@code null} if not published. */
  public List<String> codeChallengeMethodsSupportedOrNull() {
    return codeChallengeMethodsSupported;
  }

  /**
   * {@code authorization_response_iss_parameter_supported} (RFC 9207 §3); when true the client
   * requires {@code iss} in every redirect.
   */
  public boolean authorizationResponseIssParameterSupported() {
    return issParameterSupported;
  }

  /** {@code token_endpoint_auth_methods_supported} (RFC 8414 §2), or {@code null}. */
  public List<String> tokenEndpointAuthMethodsSupportedOrNull() {
    return tokenEndpointAuthMethodsSupported;
  }

  /**
   * {@code pushed_authorization_request_endpoint} (RFC 9126 section 5), or {@code null} if the
   * server offers no pushed authorization requests.
   */
  public String pushedAuthorizationRequestEndpointOrNull() {
    return pushedAuthorizationRequestEndpoint;
  }

  /**
   * {@code require_pushed_authorization_requests} (RFC 9126 section 5; absent means false): when
   * true the server accepts authorization requests only by {@code request_uri}, and {@link
   * PkceLoginFlow} pushes every request.
   */
  public boolean requirePushedAuthorizationRequests() {
    return requirePushedAuthorizationRequests;
  }

  /** {@code revocation_endpoint} (RFC 8414 section 2, RFC 7009 section 2), or {@code null}. */
  public String revocationEndpointOrNull() {
    return revocationEndpoint;
  }

  /**
   * {@code end_session_endpoint} (OpenID Connect RP-Initiated Logout 1.0 section 2.1), or {@code
   * null}: where to send the browser to log out of the server itself.
   */
  public String endSessionEndpointOrNull() {
    return endSessionEndpoint;
  }

  /**
   * {@code dpop_signing_alg_values_supported} (RFC 9449 section 5.1): the JWS algorithms the
   * server accepts in DPoP proofs, or {@code null} if not published. pkce4j signs with {@code
   * ES256}.
   */
  public List<String> dpopSigningAlgValuesSupportedOrNull() {
    return dpopSigningAlgValuesSupported;
  }

  /**
   * Every member of the parsed document, including ones pkce4j does not model; empty for
   * metadata built by hand. Values are {@code String}, {@code Boolean}, {@code Long}, {@code
   * BigDecimal}, {@code List}, {@code Map} or {@code null}. Unmodifiable.
   */
  public Map<String, Object> members() {
    return members;
  }

  @Override
  public String toString() {
    return "ServerMetadata[issuer=" + issuer + ", authorization_endpoint=" + authorizationEndpoint
        + ", token_endpoint=" + tokenEndpoint + "]";
  }

  /**
   * Builds {@link ServerMetadata} by hand.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String issuer;
    private String authorizationEndpoint;
    private String tokenEndpoint;
    private List<String> codeChallengeMethodsSupported;
    private boolean issParameterSupported;
    private List<String> tokenEndpointAuthMethodsSupported;
    private String pushedAuthorizationRequestEndpoint;
    private boolean requirePushedAuthorizationRequests;
    private String revocationEndpoint;
    private String endSessionEndpoint;
    private List<String> dpopSigningAlgValuesSupported;
    private Map<String, Object> members = Collections.emptyMap();

    private Builder(String issuer) {
      Objects.requireNonNull(issuer, "issuer");
      UriRules.issuer(issuer);
      this.issuer = issuer;
    }

    /**
     * Sets the authorization endpoint; https (or http on a loopback IP literal), no fragment, and
     * a query (kept, RFC 6749 section 3.1) that names none of the parameters the flow sends
     * itself ({@code state}, {@code code_challenge}, {@code code_challenge_method}, {@code
     * client_id}, {@code redirect_uri}, {@code response_type}, {@code scope}, {@code nonce},
     * {@code request_uri}).
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public Builder authorizationEndpoint(String url) {
      URI uri = UriRules.endpoint("authorization_endpoint", Objects.requireNonNull(url, "url"));
      checkNoReservedParameters(uri.getRawQuery());
      this.authorizationEndpoint = url;
      return this;
    }

    private static void checkNoReservedParameters(String rawQuery) {
      if (rawQuery == null) {
        return;
      }
      Map<String, List<String>> params;
      try {
        params = UrlEncoding.decodeQuery(rawQuery);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("authorization_endpoint query is malformed: "
            + e.getMessage());
      }
      for (String name : params.keySet()) {
        if (PkceLoginFlow.RESERVED_PARAMETERS.contains(name)) {
          throw new IllegalArgumentException("authorization_endpoint query already has " + name
              + ", which the authorization request sets itself; RFC 6749 §3.1 allows each"
              + " parameter once (and a server that keeps the first code_challenge_method could"
              + " be downgraded, RFC 7636 §4.3)");
        }
      }
    }

    /** Sets the token endpoint; https (or http on a loopback IP literal), no fragment. */
    public Builder tokenEndpoint(String url) {
      UriRules.endpoint("token_endpoint", Objects.requireNonNull(url, "url"));
      this.tokenEndpoint = url;
      return this;
    }

    /**
     * Sets {@code pushed_authorization_request_endpoint} (RFC 9126 section 5); https (or http on
     * a loopback IP literal), no fragment.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public Builder pushedAuthorizationRequestEndpoint(String url) {
      UriRules.endpoint("pushed_authorization_request_endpoint",
          Objects.requireNonNull(url, "url"));
      this.pushedAuthorizationRequestEndpoint = url;
      return this;
    }

    /**
     * Declares {@code require_pushed_authorization_requests} (RFC 9126 section 5); {@link
     * #build()} then needs a {@linkplain #pushedAuthorizationRequestEndpoint pushed authorization
     * request endpoint}.
     */
    public Builder requirePushedAuthorizationRequests(boolean required) {
      this.requirePushedAuthorizationRequests = required;
      return this;
    }

    /**
     * Sets {@code revocation_endpoint} (RFC 8414 section 2, RFC 7009 section 2); https (or http
     * on a loopback IP literal), no fragment.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public Builder revocationEndpoint(String url) {
      UriRules.endpoint("revocation_endpoint", Objects.requireNonNull(url, "url"));
      this.revocationEndpoint = url;
      return this;
    }

    /**
     * Sets {@code end_session_endpoint} (OpenID Connect RP-Initiated Logout 1.0 section 2.1);
     * https (or http on a loopback IP literal), no fragment.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public Builder endSessionEndpoint(String url) {
      UriRules.endpoint("end_session_endpoint", Objects.requireNonNull(url, "url"));
      this.endSessionEndpoint = url;
      return this;
    }

    /**
     * Sets {@code code_challenge_methods_supported} (RFC 8414 §2), e.g. {@code ["S256"]}; without
     * it the server's PKCE support is unknown. {@link PkceLoginFlow.Builder#build()} refuses
     * metadata whose list lacks {@code S256}.
     *
     * @throws NullPointerException if the list or one of its entries is null
     */
    public Builder codeChallengeMethodsSupported(List<String> methods) {
      this.codeChallengeMethodsSupported = copyOf(methods, "methods");
      return this;
    }

    /**
     * Sets {@code token_endpoint_auth_methods_supported} (RFC 8414 §2), e.g. {@code
     * ["none", "client_secret_basic"]}.
     *
     * @throws NullPointerException if the list or one of its entries is null
     */
    public Builder tokenEndpointAuthMethodsSupported(List<String> methods) {
      this.tokenEndpointAuthMethodsSupported = copyOf(methods, "methods");
      return this;
    }

    /**
     * Sets {@code dpop_signing_alg_values_supported} (RFC 9449 section 5.1), e.g. {@code
     * ["ES256"]}: the server accepts DPoP proofs signed so.
     *
     * @throws NullPointerException if the list or one of its entries is null
     */
    public Builder dpopSigningAlgValuesSupported(List<String> algorithms) {
      this.dpopSigningAlgValuesSupported = copyOf(algorithms, "algorithms");
      return this;
    }

    private static List<String> copyOf(List<String> list, String name) {
      List<String> copy = new ArrayList<String>(Objects.requireNonNull(list, name));
      for (String entry : copy) {
        Objects.requireNonNull(entry, name + " entry");
      }
      return Collections.unmodifiableList(copy);
    }

    /** The whole parsed document, for {@link ServerMetadata#members()}. */
    Builder members(Map<String, Object> members) {
      this.members = members;
      return this;
    }

    /**
     * Declares that the server sends {@code iss} in every authorization response (RFC 9207 §3),
     * so a redirect without it is refused.
     */
    public Builder authorizationResponseIssParameterSupported(boolean supported) {
      this.issParameterSupported = supported;
      return this;
    }

    /**
     * Builds the metadata.
     *
     * @throws IllegalStateException if an endpoint is missing, or pushed authorization requests
     *     are required without a pushed authorization request endpoint
     */
    public ServerMetadata build() {
      if (authorizationEndpoint == null || tokenEndpoint == null) {
        throw new IllegalStateException("authorization_endpoint and token_endpoint are both"
            + " required for the authorization code grant (RFC 6749 §3)");
      }
      if (requirePushedAuthorizationRequests && pushedAuthorizationRequestEndpoint == null) {
        throw new IllegalStateException("require_pushed_authorization_requests is true but there"
            + " is no pushed_authorization_request_endpoint; RFC 9126 section 5 requires"
            + " pushed authorization requests then, which need that endpoint");
      }
      members = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(members));
      return new ServerMetadata(this);
    }
  }
}
