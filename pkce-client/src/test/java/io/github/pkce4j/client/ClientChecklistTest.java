package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pkce4j.client.internal.UrlEncoding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checklist C15, and the map from every client checklist row (C1–C15: RFC 7636, RFC 9700,
 * RFC 8252 and RFC 9207 rules for a client) to the tests that pin it. Classes are in
 * {@code io.github.pkce4j.client} unless a package is given; {@code tck} is {@code
 * pkce-transport-tck}'s {@code TransportContractTest}, run by every adapter.
 *
 * <table>
 *   <caption>Client checklist C1–C15</caption>
 *   <tr><th>Row</th><th>Tests</th></tr>
 *   <tr><td>C1 verifier format and entropy</td><td>{@code pkce4j.CodeVerifierTest}
 *       (parse_lengthBoundaries, parse_everyCharFrom0To255_acceptsExactlyUnreserved,
 *       generate_default_is43CharsAndFresh, generate_entropyOutside32To96_throws), {@code
 *       pkce4j.CodeVerifierFuzzTest}, {@code pkce4j.VerifierPropertiesTest}</td></tr>
 *   <tr><td>C2 S256 only, no fallback to plain</td><td>{@code AuthorizationUrlTest}
 *       (authorizationUrl_sendsEveryParameterInOrderWithS256Explicit,
 *       build_serverWithoutS256_throws), {@code ServerMetadataFuzzTest}</td></tr>
 *   <tr><td>C3 challenge per Appendix B</td><td>{@code pkce4j.Rfc7636AppendixBTest}, {@code
 *       pkce4j.CodeChallengeTest}, {@code pkce4j.CodeChallengeFuzzTest}</td></tr>
 *   <tr><td>C4 S256 sent explicitly, once</td><td>{@code AuthorizationUrlTest}
 *       (authorizationUrl_sendsEveryParameterInOrderWithS256Explicit,
 *       reservedParameters_inTheEndpointQuery_areRefused,
 *       reservedParameters_eachSentOnceWithAHarmlessEndpointQuery,
 *       authorizationParameter_reservedName_throws)</td></tr>
 *   <tr><td>C5 fresh verifier and state per attempt</td><td>{@code AuthorizationUrlTest}
 *       (newSession_twice_givesFreshVerifierAndState)</td></tr>
 *   <tr><td>C6 verifier bound to the transaction, consumed once</td><td>{@code
 *       AuthorizationSessionTest} (singleUse_secondTokenRequestWithTheSameSession_isRefused,
 *       singleUse_secondExchangeWithTheSameSession_sendsNothing,
 *       singleUse_restoredCopyIsANewObject_theAppMustConsumeTheSavedString,
 *       restore_acceptsOnlyStatesAsSaveWritesThem), {@code SessionRestoreFuzzTest}</td></tr>
 *   <tr><td>C7 state: 256 random bits, constant time, required</td><td>{@code
 *       RedirectParsingTest} (parseRedirect_wrongState_throwsStateMismatch,
 *       parseRedirect_stateOneCharShort_throwsStateMismatch,
 *       parseRedirect_noState_throwsStateMismatch, parseRedirect_stateTwice_throwsStateMismatch),
 *       {@code AuthorizationSessionTest} (restore_acceptsOnlyStatesAsSaveWritesThem), {@code
 *       RedirectFuzzTest}</td></tr>
 *   <tr><td>C8 token request form</td><td>{@code TokenRequestTest}
 *       (publicClient_bodyHasExactlyTheParametersInOrder, clientSecretPost_bodyHasSecretOnce,
 *       clientSecretBasic_headerIsBase64OfFormEncodedIdAndSecret), {@code tck}
 *       (exchange_publicClient_sendsVerifierOnceAndNoSecret)</td></tr>
 *   <tr><td>C9 RFC 9207 iss</td><td>{@code Rfc9207Test} (all), {@code ErrorTextCharsetTest}
 *       (errorCharset_foreignIssWithControls_isShownEscaped)</td></tr>
 *   <tr><td>C10 multi-AS: the session's issuer is checked</td><td>{@code MixUpDefenceTest}
 *       (all), {@code tck} (exchange_sessionOfAnotherIssuer_sendsNothing), {@code
 *       ServerMetadataTest} (parse_otherIssuer_throwsIssuerMismatch,
 *       issuerMismatch_messageShowsBothIssuers)</td></tr>
 *   <tr><td>C11 loopback receiver</td><td>{@code pkce-jdkhttp LoopbackReceiverTest}
 *       (start_bindsLoopbackIpLiteralOnEphemeralPort,
 *       await_callbackOnExactPath_returnsCodeAnswersPageAndReleasesPort,
 *       strayRequests_get404AndDoNotConsumeTheCallback,
 *       receiver_isNotReachableOnNonLoopbackAddress); {@code UriRulesTest} (uriRules_table: http
 *       redirect URIs only on loopback literals or localhost)</td></tr>
 *   <tr><td>C12 private-use scheme in reverse-DNS form</td><td>{@code UriRulesTest}
 *       (uriRules_table rows {@code com.example.app:/oauth2redirect}, {@code myapp:/cb},
 *       {@code javascript:alert(1)})</td></tr>
 *   <tr><td>C13 error redirect terminal, after state and iss</td><td>{@code
 *       RedirectParsingTest} (parseRedirect_errorRedirect_throwsOAuthErrorWithAllFields,
 *       parseRedirect_wrongStateWithErrorAndForeignIss_throwsStateMismatchFirst), {@code
 *       Rfc9207Test} (errorResponseFromOtherIssuer_throwsIssuerMismatchNotTheError), {@code
 *       ErrorTextCharsetTest} (all)</td></tr>
 *   <tr><td>C14 no secret in logs, toString or messages</td><td>{@code
 *       pkce4j.SecretsNeverLeakTest}, {@code TokenRequestTest} (toString_hidesSecretAndVerifier),
 *       {@code AuthorizationSessionTest} (toString_hasNoSecrets,
 *       restore_tamperedVerifier_throwsWithoutQuotingIt), {@code MixUpDefenceTest}
 *       (mixUp_parseRedirectWithAnotherIssuersFlow_isIssuerMismatchNamingBothIssuers), {@code
 *       pkce-okhttp OkHttpLoggingTest}</td></tr>
 *   <tr><td>C15 no S256 advertised: PKCE still sent, state still required</td><td>this class
 *       </td></tr>
 * </table>
 */
class ClientChecklistTest {
  /** C15 (RFC 7636 section 5, RFC 9700 section 4.7.1): metadata without the methods member. */
  @Test
  void c15_metadataWithoutCodeChallengeMethods_stillSendsS256AndRequiresState() {
    ServerMetadata metadata = ServerMetadata.parse("{\"issuer\":\"https://as.example.com\","
        + "\"authorization_endpoint\":\"https://as.example.com/a\","
        + "\"token_endpoint\":\"https://as.example.com/t\"}", "https://as.example.com");
    assertNull(metadata.codeChallengeMethodsSupportedOrNull());
    PkceLoginFlow flow = PkceLoginFlow.builder(metadata, "c").build();
    AuthorizationSession session = flow.newSession(Fixtures.REDIRECT);

    String url = flow.authorizationUrl(session);
    Map<String, List<String>> params =
        UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));

    assertEquals("S256", params.get("code_challenge_method").get(0));
    assertEquals(43, params.get("code_challenge").get(0).length());
    assertEquals(session.state(), params.get("state").get(0));
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> flow.parseRedirect(session, Fixtures.REDIRECT + "?code=c"));
    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
  }
}
