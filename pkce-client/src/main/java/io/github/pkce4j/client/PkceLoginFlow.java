package io.github.pkce4j.client;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.PkceConfig;
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
 * <p>Beyond the login: pushed authorization requests ({@link #pushAuthorizationRequest}, RFC
 * 9126), the ID token's claims checked when the scope has {@code openid} ({@link IdTokenClaims},
 * OpenID Connect Core 1.0 section 3.1.3.7), refresh ({@link #refresh}, RFC 6749 section 6) and
 * revocation ({@link #revoke}, RFC 7009), each also as a request and a response method for
 * adapters with their own async idiom.
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

  /** Default clock skew for the ID token's time checks: 60 seconds. */
  public static final long DEFAULT_CLOCK_SKEW_SECONDS = 60;
  /** Largest clock skew accepted: 10 minutes. */
  public static final long MAX_CLOCK_SKEW_SECONDS = 600;

  private final ServerMetadata metadata;
  private final String clientId;
  private final String redirectUri;
  private final String scope;
  private final boolean sendNonce;
  private final ClientAuthentication clientAuthentication;
  private final Map<String, String> extraParameters;
  private final PkceConfig config;
  private final boolean openid;
  private final boolean pushAuthorizationRequests;
  private final EpochClock clock;
  private final IdTokens idTokens;
  private final Long maxAgeSeconds;
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
    this.openid = scope != null && hasScope(scope, "openid");
    this.pushAuthorizationRequests = b.pushesAuthorizationRequests();
    this.clock = b.clock;
    this.idTokens = new IdTokens(metadata.issuer(), clientId, b.clockSkewSeconds);
    String maxAge = extraParameters.get("max_age");
    this.maxAgeSeconds = maxAge != null && maxAge.matches("[0-9]{1,9}") ? Long.valueOf(maxAge)
        : null;
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
   *
   * <p>When the flow {@linkplain #pushesAuthorizationRequests() pushes} its requests (RFC 9126),
   * those parameters went to the server in {@link #pushAuthorizationRequest}, and the URL carries
   * only {@code client_id} and the session's {@code request_uri} (section 4); it is built once
   * per pushed request, which is single-use.
   *
   * @throws IllegalStateException if the flow pushes and the session has not been pushed, its
   *     {@code request_uri} has expired, or a URL was already built from it
   */
  public String authorizationUrl(AuthorizationSession session) {
    Objects.requireNonNull(session, "session");
    return queryUrl(metadata.authorizationEndpoint(), pushAuthorizationRequests
        ? pushedAuthorizationUrlParameters(session) : authorizationParameters(session));
  }

  /** The authorization request's parameters (RFC 6749 section 4.1.1, RFC 7636 section 4.3). */
  private Map<String, String> authorizationParameters(AuthorizationSession session) {
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
    return params;
  }

  /**
   * RFC 9126 section 4: {@code client_id} and the pushed request's {@code request_uri}, which is
   * used up; refused before the push, after expiry and a second time.
   */
  private Map<String, String> pushedAuthorizationUrlParameters(AuthorizationSession session) {
    PushedAuthorization pushed = session.pushedAuthorizationOrNull();
    if (pushed == null) {
      throw new IllegalStateException("this flow pushes its authorization requests (RFC 9126;"
          + (metadata.requirePushedAuthorizationRequests() ? " the server requires it"
              : " PushedAuthorizationMode") + "): call pushAuthorizationRequest(session,"
          + " transport) before authorizationUrl(session)");
    }
    if (pushed.isExpired(clock.currentTimeMillis())) {
      throw new IllegalStateException("this session's request_uri expired (expires_in was "
          + pushed.expiresInSeconds() + " s; RFC 9126 section 2.2). Start a new session and"
          + " push again");
    }
    pushed.markUsed();
    Map<String, String> params = new LinkedHashMap<String, String>();
    params.put("client_id", clientId);
    params.put("request_uri", pushed.requestUri());
    return params;
  }

  private static String queryUrl(String endpoint, Map<String, String> params) {
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
   * Reads the token endpoint's answer strictly, for a flow whose scope has no {@code openid}.
   *
   * @throws IllegalStateException if the flow's scope has {@code openid}: the ID token's {@code
   *     nonce} is checked against the session, so use {@link #tokenResponse(AuthorizationSession,
   *     TransportResponse)}
   * @throws OAuthErrorException if the server answered with an OAuth error (RFC 6749 §5.2)
   * @throws ResponseRejectedException with {@code invalid_response} for a redirect (never
   *     followed), a body that is not a JSON object (an HTML error page, an empty body, invalid
   *     JSON), or a success without {@code access_token} or {@code token_type}; with {@code
   *     token_not_bound} if DPoP is {@linkplain Builder#dpop required} and the token's type is
   *     not DPoP (RFC 9449 section 5)
   */
  public TokenResponse tokenResponse(TransportResponse response) {
    Objects.requireNonNull(response, "response");
    if (openid) {
      throw new IllegalStateException("this flow asks for openid, so its ID token's nonce is"
          + " checked against the session (OpenID Connect Core 1.0 section 3.1.3.7): call"
          + " tokenResponse(session, response)");
    }
    return readTokens(response, null, false);
  }

  /**
   * Reads the token endpoint's answer to {@code session}'s code exchange strictly and, when the
   * flow's scope has {@code openid}, checks the ID token (OpenID Connect Core 1.0 section
   * 3.1.3.7, without its signature: see {@link IdTokenClaims}): it must be present (section
   * 3.1.3.3), with {@code iss} equal to the issuer, {@code aud} containing the client id ({@code
   * azp} equal to it, and present with several audiences), {@code exp} and {@code iat} within
   * the {@linkplain Builder#clockSkewSeconds clock skew}, {@code nonce} equal to the session's,
   * and {@code auth_time} within a {@code max_age} authorization parameter.
   *
   * @throws OAuthErrorException if the server answered with an OAuth error (RFC 6749 §5.2)
   * @throws ResponseRejectedException with {@code invalid_id_token} if the ID token fails a check
   *     (no tokens are returned), with {@code issuer_mismatch} if another flow made the session,
   *     or with {@code invalid_response} as for {@link #tokenResponse(TransportResponse)}
   */
  public TokenResponse tokenResponse(AuthorizationSession session, TransportResponse response) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(response, "response");
    checkSessionIssuer(session);
    return readTokens(response, session.nonceOrNull(), true);
  }

  /** The token answer, with its ID token checked when the flow asks for openid. */
  private TokenResponse readTokens(TransportResponse response, String nonce,
      boolean codeExchange) {
    long receivedAt = clock.currentTimeMillis();
    if (dpop != null) {
      dpop.rememberNonce(metadata.tokenEndpoint(), response.headerOrNull(DpopProofs.NONCE_HEADER));
    }
    EndpointAnswers.Answer answer = EndpointAnswers.TOKEN.readJson(response);
    String idToken = TokenResponse.idTokenMemberOrNull(answer.members);
    IdTokenClaims claims = null;
    if (openid && idToken != null) {
      claims = idTokens.check(idToken, nonce, codeExchange ? maxAgeSeconds : null, receivedAt);
    } else if (openid && codeExchange) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_ID_TOKEN,
          "token response has no id_token although the scope has openid; OpenID Connect Core"
              + " 1.0 section 3.1.3.3 requires one. No tokens are returned");
    }
    TokenResponse tokens = TokenResponse.of(answer.json, answer.members, receivedAt, claims);
    if (dpop != null) {
      DpopFlow.checkTokenType(tokens, dpopRequired);
    }
    return tokens;
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
    return tokenResponse(session,
        executeWithDpopRetry(tokenRequest(session, response), transport));
  }

  /**
   * The refresh request (RFC 6749 section 6): a form POST to the token endpoint of {@code
   * grant_type=refresh_token}, the {@code refresh_token}, the {@code scope} if narrowed, and the
   * client authentication (for a public client only {@code client_id}, never a secret); with
   * DPoP, a fresh proof in the {@code DPoP} header, by the same key as the login's: the server
   * binds a public client's refresh token to it (RFC 9449 section 5). Adapters with their own
   * async idiom send this, pass the answer to {@link #dpopRetryOrNull}, and then to {@link
   * #refreshResponse}.
   *
   * <p>Security: the body carries the refresh token.
   */
  public TransportRequest refreshRequest(RefreshRequest refresh) {
    Objects.requireNonNull(refresh, "refresh");
    Map<String, String> form = new LinkedHashMap<String, String>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refresh.refreshToken());
    if (refresh.scopeOrNull() != null) {
      form.put("scope", refresh.scopeOrNull());
    }
    TransportRequest request = withClientAuthentication(metadata.tokenEndpoint(), form);
    return dpop == null ? request : DpopFlow.withProof(dpop, request);
  }

  /**
   * Reads the token endpoint's answer to a refresh strictly (RFC 6749 sections 5.1, 6). An ID
   * token in it is checked as in {@link #tokenResponse(AuthorizationSession, TransportResponse)}
   * when the flow asks for {@code openid}, except that it may be absent and has no session
   * {@code nonce} to match (OpenID Connect Core 1.0 section 12.2).
   *
   * @throws OAuthErrorException if the server refused, e.g. {@code invalid_grant} for an expired,
   *     revoked or already rotated refresh token (then log in again)
   * @throws ResponseRejectedException as for {@link #tokenResponse(TransportResponse)}, or with
   *     {@code invalid_id_token}
   */
  public RefreshedTokens refreshResponse(RefreshRequest refresh, TransportResponse response) {
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(response, "response");
    return RefreshedTokens.of(refresh, readTokens(response, null, false));
  }

  /**
   * Refreshes the access token: sends {@link #refreshRequest} through {@code transport} (with
   * DPoP, once more if the server asks for its nonce, as in {@link #exchange}) and reads the
   * answer with {@link #refreshResponse}. Store {@link RefreshedTokens#refreshTokenToStore()}
   * afterwards: the server may have rotated the refresh token (RFC 6749 section 6).
   *
   * @throws OAuthErrorException if the server refused
   * @throws ResponseRejectedException if the answer is malformed or a redirect
   * @throws IOException if the transport failed, timed out or the body was too large
   */
  public RefreshedTokens refresh(RefreshRequest refresh, HttpTransport transport)
      throws IOException {
    Objects.requireNonNull(transport, "transport");
    return refreshResponse(refresh, executeWithDpopRetry(refreshRequest(refresh), transport));
  }

  /**
   * Whether this flow pushes its authorization requests (RFC 9126): by its {@link
   * PushedAuthorizationMode}, or because the metadata requires it.
   */
  public boolean pushesAuthorizationRequests() {
    return pushAuthorizationRequests;
  }

  /**
   * The pushed authorization request (RFC 9126 section 2.1): a form POST to the {@code
   * pushed_authorization_request_endpoint} of the same parameters {@link #authorizationUrl}
   * would otherwise put in the URL (PKCE challenge, {@code state}, {@code nonce}, scope, redirect
   * URI, extra parameters), with the token endpoint's client authentication. Adapters with their
   * own async idiom send this and pass the answer to {@link #pushedAuthorizationResponse}.
   *
   * @throws IllegalStateException if this flow does not {@linkplain #pushesAuthorizationRequests
   *     push}
   * @throws ResponseRejectedException with {@code issuer_mismatch} if another flow made the
   *     session
   */
  public TransportRequest pushedAuthorizationRequest(AuthorizationSession session) {
    Objects.requireNonNull(session, "session");
    checkSessionIssuer(session);
    if (!pushAuthorizationRequests) {
      throw new IllegalStateException("this flow does not push authorization requests: the"
          + " server offers no pushed_authorization_request_endpoint or the flow's"
          + " PushedAuthorizationMode is OFF (RFC 9126 section 5)");
    }
    return withClientAuthentication(metadata.pushedAuthorizationRequestEndpointOrNull(),
        authorizationParameters(session));
  }

  /**
   * Reads the pushed authorization request endpoint's answer strictly (RFC 9126 section 2.2):
   * HTTP 201 with a JSON object whose {@code request_uri} is an absolute URI and whose {@code
   * expires_in} is a positive integer. The result is kept by {@code session}, so {@link
   * #authorizationUrl} then carries only {@code client_id} and {@code request_uri}.
   *
   * @throws OAuthErrorException if the server refused the request (RFC 9126 section 2.3), e.g.
   *     {@code invalid_request} or {@code invalid_client}
   * @throws ResponseRejectedException with {@code invalid_response} for a redirect, another
   *     status, or a malformed answer
   * @throws IllegalStateException if this session was pushed already
   */
  public PushedAuthorization pushedAuthorizationResponse(AuthorizationSession session,
      TransportResponse response) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(response, "response");
    long receivedAt = clock.currentTimeMillis();
    Map<String, Object> members = EndpointAnswers.PUSHED_AUTHORIZATION.readJson(response).members;
    PushedAuthorization pushed = PushedAuthorization.read(members, receivedAt);
    session.recordPushedAuthorization(pushed);
    return pushed;
  }

  /**
   * Pushes {@code session}'s authorization request: sends {@link #pushedAuthorizationRequest}
   * through {@code transport} and reads the answer with {@link #pushedAuthorizationResponse}.
   * Then call {@link #authorizationUrl} once, before the request URI expires.
   *
   * @throws OAuthErrorException if the server refused the request (RFC 9126 section 2.3)
   * @throws ResponseRejectedException if the answer is malformed or a redirect
   * @throws IllegalStateException if this flow does not push, or the session was pushed already
   * @throws IOException if the transport failed, timed out or the body was too large
   */
  public PushedAuthorization pushAuthorizationRequest(AuthorizationSession session,
      HttpTransport transport) throws IOException {
    Objects.requireNonNull(transport, "transport");
    return pushedAuthorizationResponse(session,
        transport.execute(pushedAuthorizationRequest(session)));
  }

  /**
   * The revocation request (RFC 7009 section 2.1): a form POST to the {@code
   * revocation_endpoint} of {@code token}, the optional {@code token_type_hint}, and the token
   * endpoint's client authentication (a public client sends its {@code client_id}, RFC 7009
   * section 5). Adapters with their own async idiom send this and pass the answer to {@link
   * #revocationResponse}.
   *
   * @param hintOrNull which kind of token it is, or {@code null}
   * @throws IllegalStateException if the metadata has no {@code revocation_endpoint}
   * @throws IllegalArgumentException if the token is empty
   */
  public TransportRequest revocationRequest(String token, TokenTypeHint hintOrNull) {
    Objects.requireNonNull(token, "token");
    String endpoint = metadata.revocationEndpointOrNull();
    if (endpoint == null) {
      throw new IllegalStateException("the server's metadata has no revocation_endpoint (RFC"
          + " 8414 section 2, RFC 7009 section 2), so pkce4j cannot revoke its tokens");
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("token to revoke is empty (RFC 7009 section 2.1)");
    }
    Map<String, String> form = new LinkedHashMap<String, String>();
    form.put("token", token);
    if (hintOrNull != null) {
      form.put("token_type_hint", hintOrNull.parameterValue());
    }
    return withClientAuthentication(endpoint, form);
  }

  /**
   * Reads the revocation endpoint's answer (RFC 7009 section 2.2): HTTP 200 means revoked, or
   * that the token was invalid already, which is the same for a client logging out; the body is
   * ignored.
   *
   * @throws OAuthErrorException for an error response (RFC 7009 section 2.2.1), e.g. {@code
   *     unsupported_token_type}
   * @throws ResponseRejectedException with {@code invalid_response} for a redirect, another
   *     status, or an error that is not a JSON error object (e.g. HTTP 503)
   */
  public void revocationResponse(TransportResponse response) {
    Objects.requireNonNull(response, "response");
    EndpointAnswers.REVOCATION.checkStatus(response);
  }

  /**
   * Revokes {@code token} (RFC 7009), e.g. on logout: sends {@link #revocationRequest} through
   * {@code transport} and reads the answer with {@link #revocationResponse}. Revoking the refresh
   * token is the stronger logout: the server may then revoke its access tokens too (section 2.1).
   *
   * @param hintOrNull which kind of token it is, or {@code null}
   * @throws OAuthErrorException if the server refused
   * @throws ResponseRejectedException if the answer is malformed or a redirect
   * @throws IllegalStateException if the metadata has no {@code revocation_endpoint}
   * @throws IOException if the transport failed, timed out or the body was too large
   */
  public void revoke(String token, TokenTypeHint hintOrNull, HttpTransport transport)
      throws IOException {
    Objects.requireNonNull(transport, "transport");
    revocationResponse(transport.execute(revocationRequest(token, hintOrNull)));
  }

  /** A form POST to {@code endpoint} with the client authentication (RFC 6749 section 2.3). */
  private TransportRequest withClientAuthentication(String endpoint, Map<String, String> form) {
    clientAuthentication.addToForm(form, clientId);
    return clientAuthentication.addToRequest(TransportRequest.postForm(endpoint, form), clientId);
  }

  /**
   * Sends {@code request} and, with DPoP, once more if the server asked for its nonce (RFC 9449
   * section 8, see {@link #dpopRetryOrNull}); the answer to read is the last one.
   */
  private TransportResponse executeWithDpopRetry(TransportRequest request,
      HttpTransport transport) throws IOException {
    TransportResponse answer = transport.execute(request);
    TransportRequest retry = dpopRetryOrNull(request, answer);
    return retry == null ? answer : transport.execute(retry);
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
    private PushedAuthorizationMode pushedAuthorization;
    private EpochClock clock = EpochClock.SYSTEM;
    private long clockSkewSeconds = DEFAULT_CLOCK_SKEW_SECONDS;
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

    /**
     * The {@code scope}: space-separated, as the server defines it (RFC 6749 §3.3). With {@code
     * openid} the flow sends a nonce and checks the ID token (OpenID Connect Core 1.0 section
     * 3.1.3.7).
     */
    public Builder scope(String scope) {
      checkScope(Objects.requireNonNull(scope, "scope"));
      this.scope = scope;
      return this;
    }

    /**
     * Whether to push authorization requests (RFC 9126). Default: push exactly when the
     * metadata says {@code require_pushed_authorization_requests: true}.
     */
    public Builder pushedAuthorization(PushedAuthorizationMode mode) {
      this.pushedAuthorization = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Where the flow reads the time (token expiry, request URI expiry, ID token checks).
     * Default: {@link EpochClock#SYSTEM}.
     */
    public Builder clock(EpochClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far the server's clock may be off when the ID token's {@code exp}, {@code iat} and
     * {@code auth_time} are checked (OpenID Connect Core 1.0 section 3.1.3.7 items 9, 10, 13).
     * Default {@value PkceLoginFlow#DEFAULT_CLOCK_SKEW_SECONDS} seconds.
     *
     * @throws IllegalArgumentException if negative or more than {@value
     *     PkceLoginFlow#MAX_CLOCK_SKEW_SECONDS} seconds
     */
    public Builder clockSkewSeconds(long seconds) {
      if (seconds < 0 || seconds > MAX_CLOCK_SKEW_SECONDS) {
        throw new IllegalArgumentException("clock skew is " + seconds + " s; it must be 0 to "
            + MAX_CLOCK_SKEW_SECONDS);
      }
      this.clockSkewSeconds = seconds;
      return this;
    }

    /** The effective pushed authorization mode, refusing contradictions with the metadata. */
    boolean pushesAuthorizationRequests() {
      boolean offered = metadata.pushedAuthorizationRequestEndpointOrNull() != null;
      if (pushedAuthorization == PushedAuthorizationMode.OFF
          && metadata.requirePushedAuthorizationRequests()) {
        throw new IllegalStateException("PushedAuthorizationMode.OFF, but the server's metadata"
            + " sets require_pushed_authorization_requests: it refuses authorization requests"
            + " that are not pushed (RFC 9126 section 5)");
      }
      if (pushedAuthorization == PushedAuthorizationMode.REQUIRED && !offered) {
        throw new IllegalStateException("PushedAuthorizationMode.REQUIRED, but the server's"
            + " metadata has no pushed_authorization_request_endpoint (RFC 9126 section 5)");
      }
      return metadata.requirePushedAuthorizationRequests()
          || pushedAuthorization == PushedAuthorizationMode.REQUIRED
          || pushedAuthorization == PushedAuthorizationMode.WHEN_OFFERED && offered;
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
     *     code_challenge_methods_supported} without {@code S256} (RFC 9700 §2.1.1: S256 only),
     *     the {@linkplain #pushedAuthorization pushed authorization mode} contradicts it, or DPoP
     *     is {@linkplain #dpop required} and the metadata publishes {@code
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

  /** RFC 6749 section 3.3: non-empty scope tokens separated by single spaces. */
  static void checkScope(String scope) {
    if (scope.isEmpty() || scope.startsWith(" ") || scope.endsWith(" ")
        || scope.contains("  ")) {
      throw new IllegalArgumentException("scope must be non-empty tokens separated by single"
          + " spaces (RFC 6749 §3.3)");
    }
  }
}
