package io.github.pkce4j.client;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.ConstantTime;
import io.github.pkce4j.internal.PrintableText;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The OAuth 2.0 authorization code flow with PKCE for one client at one authorization server,
 * without a transport: every rule of the handshake lives here once, and adapters only move bytes.
 *
 * <pre>{@code
 * PkceLoginFlow flow = PkceLoginFlow.builder(metadata, "my-client-id")
 *     .scope("openid profile")
 *     .build();
 * AuthorizationSession session = flow.newSession("http://127.0.0.1:53682/callback");
 * String url = flow.authorizationUrl(session);          // open it in the browser
 * // ... the browser comes back to the redirect URI ...
 * AuthorizationResponse response = flow.parseRedirect(session, redirectedToUrl);
 * TokenResponse tokens = flow.exchange(session, response, transport);
 * }</pre>
 *
 * <p>What it enforces: {@code code_challenge_method=S256} sent explicitly (RFC 7636 §4.3, RFC
 * 9700 §2.1.1); the redirect's {@code state} compared in constant time before any other parameter
 * is acted on (RFC 6749 §10.12); the redirect's {@code iss} against the expected issuer, and
 * required when the metadata says the server sends it (RFC 9207 §2.4); {@code code_verifier} sent
 * exactly once; no secret for a public client; strict token and error responses (RFC 6749 §5.1,
 * §5.2); token-endpoint redirects never followed.
 *
 * <p>A flow is immutable and thread-safe; build one per client and share it. Sessions are
 * per-attempt.
 *
 * @since 0.1.0
 */
public final class PkceLoginFlow {
  /**
   * Authorization request parameters the flow sets itself (RFC 6749 section 4.1.1, RFC 7636
   * section 4.3, OpenID Connect {@code nonce}), plus {@code request_uri} (RFC 9126): neither an
   * extra parameter nor the authorization endpoint's own query may carry them, since RFC 6749
   * section 3.1 allows each parameter once and a server that keeps the first {@code
   * code_challenge_method=plain} would be downgraded. {@code dpop_jkt} (RFC 9449 section 10) is
   * the flow's too, from its DPoP key.
   */
  static final Set<String> RESERVED_PARAMETERS = Collections.unmodifiableSet(
      new HashSet<String>(Arrays.asList("response_type", "client_id", "redirect_uri", "scope",
          "state", "nonce", "code_challenge", "code_challenge_method", "request_uri",
          "dpop_jkt")));

  private final ServerMetadata metadata;
  private final String clientId;
  private final String redirectUri;
  private final String scope;
  private final boolean sendNonce;
  private final ClientAuthentication clientAuthentication;
  private final Map<String, String> extraParameters;
  private final PkceConfig config;
  private final DpopProofs dpop;
  private final boolean dpopRequired;

  private PkceLoginFlow(Builder b) {
    this.metadata = b.metadata;
    this.clientId = b.clientId;
    this.redirectUri = b.redirectUri;
    this.scope = b.scope;
    this.sendNonce = b.sendNonce != null ? b.sendNonce : scope != null && hasScope(scope, "openid");
    this.clientAuthentication = b.clientAuthentication;
    this.extraParameters =
        Collections.unmodifiableMap(new LinkedHashMap<String, String>(b.extraParameters));
    this.config = b.config;
    this.dpop = DpopFlow.activeOrNull(b.dpop, b.dpopRequired, metadata);
    this.dpopRequired = b.dpopRequired;
  }

  private static boolean hasScope(String scope, String wanted) {
    for (String s : scope.split(" ")) {
      if (s.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Starts a flow for client {@code clientId} at the server {@code metadata} describes. */
  public static Builder builder(ServerMetadata metadata, String clientId) {
    return new Builder(metadata, clientId);
  }

  /** The server. */
  public ServerMetadata metadata() {
    return metadata;
  }

  /** The {@code client_id}. */
  public String clientId() {
    return clientId;
  }

  /**
   * The DPoP proofs this flow sends (RFC 9449), or {@code null} if it does not use DPoP at this
   * server: not configured, or configured {@linkplain Builder#dpopIfSupported if supported} and
   * the metadata does not list {@code ES256} in {@code dpop_signing_alg_values_supported}. Use
   * the same instance for API calls with the tokens: it holds the key and the servers' nonces.
   */
  public DpopProofs dpopProofsOrNull() {
    return dpop;
  }

  /**
   * A new session with the builder's redirect URI.
   *
   * @throws IllegalStateException if the builder had no redirect URI
   */
  public AuthorizationSession newSession() {
    if (redirectUri == null) {
      throw new IllegalStateException("no redirect URI: set Builder.redirectUri(...) or call"
          + " newSession(redirectUri)");
    }
    return newSession(redirectUri);
  }

  /**
   * A new session, with a fresh verifier, state and (for OpenID Connect) nonce, for {@code
   * redirectUri}: e.g. the loopback receiver's URI on desktop (RFC 8252 §7.3) or the app's claimed
   * https or private-use URI on Android (§7.1, §7.2).
   *
   * @throws IllegalArgumentException if {@code redirectUri} is relative, has a fragment (RFC 6749
   *     §3.1.2) or uses http on a host other than a loopback address
   */
  public AuthorizationSession newSession(String redirectUri) {
    UriRules.redirectUri(Objects.requireNonNull(redirectUri, "redirectUri"));
    return AuthorizationSession.create(config.secureRandom(), redirectUri, metadata.issuer(),
        sendNonce);
  }

  /**
   * The authorization request URL (RFC 6749 §4.1.1, RFC 7636 §4.3): {@code response_type=code},
   * {@code client_id}, {@code redirect_uri}, {@code scope}, {@code state}, {@code nonce}, {@code
   * code_challenge}, {@code code_challenge_method=S256}, with DPoP {@code dpop_jkt} (the key's
   * thumbprint, RFC 9449 section 10, binding the code to the key), then the extra parameters, each
   * percent-encoded (RFC 3986 §2.1). A query already on the authorization endpoint is kept (RFC
   * 6749 §3.1).
   */
  public String authorizationUrl(AuthorizationSession session) {
    Objects.requireNonNull(session, "session");
    CodeChallenge challenge = CodeChallenge.s256(session.codeVerifier(), config);
    Map<String, String> params = new LinkedHashMap<String, String>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", session.redirectUri());
    if (scope != null) {
      params.put("scope", scope);
    }
    params.put("state", session.state());
    if (session.nonceOrNull() != null) {
      params.put("nonce", session.nonceOrNull());
    }
    params.put("code_challenge", challenge.value());
    params.put("code_challenge_method", challenge.method().parameterValue());
    if (dpop != null) {
      params.put("dpop_jkt", dpop.key().thumbprint());
    }
    params.putAll(extraParameters);

    String endpoint = metadata.authorizationEndpoint();
    StringBuilder url = new StringBuilder(endpoint);
    char separator = endpoint.indexOf('?') < 0 ? '?'
        : endpoint.endsWith("?") || endpoint.endsWith("&") ? '\0' : '&';
    for (Map.Entry<String, String> e : params.entrySet()) {
      // extra parameters never share a name with the flow's own (Builder.authorizationParameter)
      if (separator != '\0') {
        url.append(separator);
      }
      separator = '&';
      url.append(UrlEncoding.encodeQueryComponent(e.getKey())).append('=')
          .append(UrlEncoding.encodeQueryComponent(e.getValue()));
    }
    return url.toString();
  }

  /**
   * Checks the redirect the browser came back with and returns its code.
   *
   * <p>In this order: the query is decoded strictly; {@code state} must be present once and equal
   * the session's, compared in constant time (RFC 6749 §10.12), before any other parameter is
   * looked at; the URL must be the session's redirect URI; {@code iss} must equal the expected
   * issuer when present and be present when the metadata says the server sends it (RFC 9207
   * §2.4); an {@code error} becomes an {@link OAuthErrorException}; a {@code code} must be present
   * once. A fragment is ignored: this flow uses the query response mode (RFC 6749 §4.1.2).
   *
   * @param redirectUrl the whole URL the browser was redirected to, e.g. {@code
   *     http://127.0.0.1:53682/callback?code=...&state=...}
   * @throws ResponseRejectedException if the state or issuer does not match, the session was
   *     made by the flow of another issuer (checked first, before the URL is parsed; RFC 9700
   *     section 4.4.2), or the redirect is malformed; start a new session
   * @throws OAuthErrorException if the server redirected with an error
   */
  public AuthorizationResponse parseRedirect(AuthorizationSession session, String redirectUrl) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(redirectUrl, "redirectUrl");
    checkSessionIssuer(session);
    String url = withoutFragment(redirectUrl);
    int question = url.indexOf('?');
    Map<String, List<String>> params =
        redirectQuery(question < 0 ? "" : url.substring(question + 1));
    requireState(params, session);
    requireRedirectBase(question < 0 ? url : url.substring(0, question), session);
    String iss = checkIssuer(params, session);
    throwIfError(params);
    return new AuthorizationResponse(requireCode(params), iss);
  }

  private static String withoutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  private static Map<String, List<String>> redirectQuery(String rawQuery) {
    try {
      return UrlEncoding.decodeQuery(rawQuery);
    } catch (IllegalArgumentException e) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "redirect query is malformed: " + e.getMessage(), e);
    }
  }

  /** Exactly one {@code state}, equal to the session's, compared in constant time. */
  private static void requireState(Map<String, List<String>> params,
      AuthorizationSession session) {
    List<String> states = params.get("state");
    if (states != null && states.size() == 1
        && ConstantTime.equals(states.get(0), session.state())) {
      return;
    }
    String problem;
    if (states == null) {
      problem = "has no state";
    } else if (states.size() != 1) {
      problem = "has state " + states.size() + " times";
    } else {
      problem = "has a state that differs from this session's";
    }
    throw new ResponseRejectedException(ResponseRejectedException.STATE_MISMATCH,
        "redirect " + problem + "; RFC 6749 §10.12 and RFC 9700 §4.7: refusing it as possible"
            + " cross-site request forgery. Start a new login");
  }

  /** The redirect arrived at the session's redirect URI (its query aside). */
  private static void requireRedirectBase(String base, AuthorizationSession session) {
    String expectedBase = session.redirectUri();
    int expectedQuestion = expectedBase.indexOf('?');
    if (expectedQuestion >= 0) {
      expectedBase = expectedBase.substring(0, expectedQuestion);
    }
    if (!base.equals(expectedBase)) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "redirect arrived at " + PrintableText.of(base, 200) + ", not at this session's"
              + " redirect URI " + expectedBase + " (RFC 6749 §3.1.2)");
    }
  }

  /**
   * The redirect's {@code iss} (RFC 9207 section 2.4): equal to the expected issuer, and present
   * when the metadata promises it; {@code null} when absent and not promised.
   */
  private String checkIssuer(Map<String, List<String>> params, AuthorizationSession session) {
    String iss = single(params, "iss");
    if (iss != null && !iss.equals(session.expectedIssuer())) {
      throw new ResponseRejectedException(ResponseRejectedException.ISSUER_MISMATCH,
          "redirect iss " + PrintableText.of(iss, 200) + " differs from the expected issuer "
              + session.expectedIssuer() + "; RFC 9207 §2.4 requires them to be identical"
              + " (mix-up defence, RFC 9700 §4.4)");
    }
    if (iss == null && metadata.authorizationResponseIssParameterSupported()) {
      throw new ResponseRejectedException(ResponseRejectedException.ISSUER_MISMATCH,
          "redirect has no iss although the server's metadata sets"
              + " authorization_response_iss_parameter_supported; RFC 9207 §2.4 requires it");
    }
    return iss;
  }

  /** An error redirect (RFC 6749 section 4.1.2.1) becomes an {@link OAuthErrorException}. */
  private static void throwIfError(Map<String, List<String>> params) {
    String error = single(params, "error");
    if (error == null) {
      return;
    }
    if (!isErrorCode(error)) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "redirect error has characters outside RFC 6749 §4.1.2.1's set");
    }
    throw new OAuthErrorException(error, single(params, "error_description"),
        single(params, "error_uri"), 0);
  }

  /** Exactly one non-empty {@code code} of VSCHAR (RFC 6749 section 4.1.2, Appendix A.11). */
  private static String requireCode(Map<String, List<String>> params) {
    String code = single(params, "code");
    if (code == null || code.isEmpty()) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "redirect has neither code nor error; RFC 6749 §4.1.2 requires one");
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
            "redirect code has a character outside VSCHAR at index " + i
                + " (RFC 6749 Appendix A.11)");
      }
    }
    return code;
  }

  /**
   * Refuses a session made by the flow of another issuer (RFC 9700 section 4.4.2: the client
   * stores the issuer per request and aborts on a mismatch; RFC 9207 section 2.4).
   */
  private void checkSessionIssuer(AuthorizationSession session) {
    if (!session.expectedIssuer().equals(metadata.issuer())) {
      throw new ResponseRejectedException(ResponseRejectedException.ISSUER_MISMATCH,
          "this session was made for issuer " + session.expectedIssuer() + ", but this flow is"
              + " for issuer " + metadata.issuer() + "; finish it with the flow that made it"
              + " (RFC 9700 §4.4.2 mix-up defence; RFC 9207 §2.4)");
    }
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null) {
      return null;
    }
    if (values.size() != 1) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "redirect has " + name + " " + values.size() + " times; RFC 6749 §3.1 allows each"
              + " parameter once");
    }
    return values.get(0);
  }

  /** RFC 6749 §4.1.2.1 / §5.2: {@code error} is one or more of %x20-21 / %x23-5B / %x5D-7E. */
  private static boolean isErrorCode(String error) {
    return !error.isEmpty() && OAuthErrorException.isErrorText(error);
  }

  /**
   * The token request (RFC 6749 §4.1.3, RFC 7636 §4.5): a form POST of {@code grant_type},
   * {@code code}, {@code redirect_uri}, the client authentication, and {@code code_verifier}
   * exactly once. Adapters with their own async idiom send this and pass the answer to {@link
   * #tokenResponse(TransportResponse)}.
   *
   * <p>Security: the body carries the verifier (and for {@code client_secret_post} the secret);
   * the {@code Authorization} header carries the secret for {@code client_secret_basic}.
   *
   * <p>The session must have been made by this flow (same issuer; RFC 9700 section 4.4.2), and
   * it is marked used: the code and the verifier are single-use (RFC 6749 section 4.1.2, RFC 7636
   * section 4.1), so a second call with the same session object is refused. See {@link
   * AuthorizationSession} for one-time use across processes.
   *
   * <p>With DPoP, the request carries a fresh proof in its {@code DPoP} header (RFC 9449 section
   * 5); an adapter sending it itself passes the answer to {@link #dpopRetryOrNull} before {@link
   * #tokenResponse}.
   *
   * @throws ResponseRejectedException with {@code issuer_mismatch} if another flow made the
   *     session; nothing is marked or sent
   * @throws IllegalStateException if this session's code exchange has already been started
   */
  public TransportRequest tokenRequest(AuthorizationSession session,
      AuthorizationResponse response) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(response, "response");
    checkSessionIssuer(session);
    session.markExchangeStarted();
    Map<String, String> form = new LinkedHashMap<String, String>();
    form.put("grant_type", "authorization_code");
    form.put("code", response.code());
    form.put("redirect_uri", session.redirectUri());
    clientAuthentication.addToForm(form, clientId);
    form.put("code_verifier", session.codeVerifier().value());
    TransportRequest request = TransportRequest.postForm(metadata.tokenEndpoint(), form);
    request = clientAuthentication.addToRequest(request, clientId);
    return dpop == null ? request : DpopFlow.withProof(dpop, request);
  }

  /**
   * With DPoP, what to send once more after {@code answer} (RFC 9449 section 8): if the server
   * answered {@code sent} with a 400 {@code use_dpop_nonce} error and a {@code DPoP-Nonce}
   * header, the same request with a fresh proof carrying that nonce; else {@code null}. Either
   * way a valid {@code DPoP-Nonce} is remembered for the next request to that server. Send the
   * retry once and pass its answer to {@link #tokenResponse} whatever it is: retrying again
   * could loop forever on a server that always asks.
   */
  public TransportRequest dpopRetryOrNull(TransportRequest sent, TransportResponse answer) {
    Objects.requireNonNull(sent, "sent");
    Objects.requireNonNull(answer, "answer");
    return dpop == null ? null : DpopFlow.retryOrNull(dpop, sent, answer);
  }

  /**
   * Reads the token endpoint's answer strictly.
   *
   * @throws OAuthErrorException if the server answered with an OAuth error (RFC 6749 §5.2)
   * @throws ResponseRejectedException with {@code invalid_response} for a redirect (never
   *     followed), a body that is not a JSON object (an HTML error page, an empty body, invalid
   *     JSON), or a success without {@code access_token} or {@code token_type}; with {@code
   *     token_not_bound} if DPoP is {@linkplain Builder#dpop required} and the token's type is
   *     not DPoP (RFC 9449 section 5)
   */
  public TokenResponse tokenResponse(TransportResponse response) {
    Objects.requireNonNull(response, "response");
    if (dpop != null) {
      dpop.rememberNonce(metadata.tokenEndpoint(), response.headerOrNull(DpopProofs.NONCE_HEADER));
    }
    int status = response.status();
    refuseRedirect(status);
    String contentType = response.headerOrNull("Content-Type");
    String what = status == 200 ? "token response" : "token endpoint error response";
    if (status == 200) {
      JsonMembers.checkJsonMediaType(what, status, contentType);
    }
    byte[] body = response.bodyNoCopy();
    String json;
    Map<String, Object> members;
    try {
      json = JsonMembers.decode(body, what, status, contentType);
      members = JsonMembers.parseObject(json, what, status, contentType);
    } catch (ResponseRejectedException e) {
      if (status == 200) {
        throw e;
      }
      throw notAnErrorObject(status, body.length, contentType, e);
    }
    if (members.containsKey("error") || status != 200) {
      throw tokenError(members, what, status);
    }
    TokenResponse tokens = TokenResponse.of(json, members);
    if (dpop != null) {
      DpopFlow.checkTokenType(tokens, dpopRequired);
    }
    return tokens;
  }

  /** RFC 6749 sections 3.2 and 5: the verifier and credentials go to the token endpoint only. */
  private static void refuseRedirect(int status) {
    if (status >= 300 && status < 400) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "token endpoint answered HTTP " + status + " (a redirect); pkce4j does not follow"
              + " redirects of the token request, so the code_verifier and credentials are sent"
              + " to the token endpoint only (RFC 6749 §3.2, §5)");
    }
  }

  private static ResponseRejectedException notAnErrorObject(int status, int bodyLength,
      String contentType, ResponseRejectedException cause) {
    String body = bodyLength == 0 ? "an empty body"
        : "a body that is not a JSON error object (Content-Type "
            + JsonMembers.printableContentType(contentType) + ", " + bodyLength + " bytes)";
    return new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
        "token endpoint answered HTTP " + status + " with " + body
            + "; RFC 6749 §5.2 error responses are JSON with an error member", cause);
  }

  /** The token endpoint's error object (RFC 6749 section 5.2) as the exception to throw. */
  private static PkceException tokenError(Map<String, Object> members, String what,
      int status) {
    String error = JsonMembers.stringOrNull(members, "error", what);
    if (error == null || !isErrorCode(error)) {
      return new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          "token endpoint answered HTTP " + status + " without a valid error member; RFC 6749"
              + " §5.2 requires one");
    }
    return new OAuthErrorException(error,
        JsonMembers.stringOrNull(members, "error_description", what),
        JsonMembers.stringOrNull(members, "error_uri", what), status);
  }

  /**
   * Redeems the code: sends {@link #tokenRequest} through {@code transport} and reads the answer
   * with {@link #tokenResponse}; with DPoP, a {@code use_dpop_nonce} answer is retried exactly
   * once with the server's nonce ({@link #dpopRetryOrNull}, RFC 9449 section 8).
   *
   * @throws OAuthErrorException if the server refused (e.g. {@code invalid_grant} for a wrong
   *     verifier or a used code)
   * @throws ResponseRejectedException if the answer is malformed or a redirect, or (before
   *     anything is sent) with {@code issuer_mismatch} if another flow made the session
   * @throws IllegalStateException if this session's code exchange has already been started
   * @throws IOException if the transport failed, timed out or the body was too large
   */
  public TokenResponse exchange(AuthorizationSession session, AuthorizationResponse response,
      HttpTransport transport) throws IOException {
    Objects.requireNonNull(transport, "transport");
    TransportRequest request = tokenRequest(session, response);
    TransportResponse answer = transport.execute(request);
    TransportRequest retry = dpopRetryOrNull(request, answer);
    return tokenResponse(retry == null ? answer : transport.execute(retry));
  }

  @Override
  public String toString() {
    return "PkceLoginFlow[client_id=" + clientId + ", issuer=" + metadata.issuer() + ", "
        + clientAuthentication + "]";
  }

  /**
   * Builds a {@link PkceLoginFlow}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final ServerMetadata metadata;
    private final String clientId;
    private String redirectUri;
    private String scope;
    private Boolean sendNonce;
    private ClientAuthentication clientAuthentication = ClientAuthentication.none();
    private final Map<String, String> extraParameters = new LinkedHashMap<String, String>();
    private PkceConfig config = PkceConfig.defaults();
    private DpopProofs dpop;
    private boolean dpopRequired;

    private Builder(ServerMetadata metadata, String clientId) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      if (clientId.isEmpty()) {
        throw new IllegalArgumentException("client_id is empty (RFC 6749 §2.2)");
      }
    }

    /** The redirect URI for {@link PkceLoginFlow#newSession()}; checked as there. */
    public Builder redirectUri(String redirectUri) {
      UriRules.redirectUri(Objects.requireNonNull(redirectUri, "redirectUri"));
      this.redirectUri = redirectUri;
      return this;
    }

    /** The {@code scope}: space-separated, as the server defines it (RFC 6749 §3.3). */
    public Builder scope(String scope) {
      Objects.requireNonNull(scope, "scope");
      if (scope.isEmpty() || scope.startsWith(" ") || scope.endsWith(" ")
          || scope.contains("  ")) {
        throw new IllegalArgumentException("scope must be non-empty tokens separated by single"
            + " spaces (RFC 6749 §3.3)");
      }
      this.scope = scope;
      return this;
    }

    /**
     * Whether to send an OpenID Connect {@code nonce}. Default: when the scope has {@code
     * openid}.
     */
    public Builder sendNonce(boolean send) {
      this.sendNonce = send;
      return this;
    }

    /** How the client authenticates at the token endpoint. Default: {@link ClientAuthentication#none()}. */
    public Builder clientAuthentication(ClientAuthentication authentication) {
      this.clientAuthentication = Objects.requireNonNull(authentication, "authentication");
      return this;
    }

    /**
     * Adds an authorization request parameter such as {@code prompt}, {@code login_hint} or
     * {@code resource}.
     *
     * @throws IllegalArgumentException for a parameter the flow sets itself (e.g. {@code state},
     *     {@code code_challenge_method}): those cannot be overridden
     */
    public Builder authorizationParameter(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty() || RESERVED_PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("authorization parameter " + name + " is set by the"
            + " flow itself and cannot be overridden");
      }
      extraParameters.put(name, value);
      return this;
    }

    /** Where randomness and SHA-256 come from. Default: {@link PkceConfig#defaults()}. */
    public Builder config(PkceConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Requires DPoP (RFC 9449) with {@code proofs}: the authorization request carries {@code
     * dpop_jkt} (section 10), every token request a proof (section 5), and a token whose {@code
     * token_type} is not DPoP is refused with {@code token_not_bound}. For a public client the
     * server binds the refresh token to the key too: keep the key (see {@link DpopKey}).
     */
    public Builder dpop(DpopProofs proofs) {
      this.dpop = Objects.requireNonNull(proofs, "proofs");
      this.dpopRequired = true;
      return this;
    }

    /**
     * Uses DPoP with {@code proofs} only if the metadata lists {@code ES256} in {@code
     * dpop_signing_alg_values_supported} (RFC 9449 section 5.1); a server that then issues a
     * Bearer token anyway is accepted. {@link PkceLoginFlow#dpopProofsOrNull()} tells which.
     */
    public Builder dpopIfSupported(DpopProofs proofs) {
      this.dpop = Objects.requireNonNull(proofs, "proofs");
      this.dpopRequired = false;
      return this;
    }

    /**
     * Builds the flow.
     *
     * @throws IllegalStateException if the metadata publishes {@code
     *     code_challenge_methods_supported} without {@code S256} (RFC 9700 §2.1.1: S256 only), or
     *     DPoP is {@linkplain #dpop required} and the metadata publishes {@code
     *     dpop_signing_alg_values_supported} without {@code ES256} (RFC 9449 section 5.1)
     */
    public PkceLoginFlow build() {
      List<String> methods = metadata.codeChallengeMethodsSupportedOrNull();
      if (methods != null && !methods.contains("S256")) {
        throw new IllegalStateException("the server's code_challenge_methods_supported lacks"
            + " S256; pkce4j sends only S256 (RFC 7636 §4.2, RFC 9700 §2.1.1)");
      }
      if (dpopRequired) {
        DpopFlow.checkSupported(metadata);
      }
      return new PkceLoginFlow(this);
    }
  }
}
