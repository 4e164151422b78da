package io.github.pkce4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.PkceException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of the server checklist of RFC 7636 §4.4–4.6 and RFC 9700 §2.1.1, §4.8,
 * asserting the exact OAuth error code.
 */
class PkceServerRulesTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  private static final PkceServerRules STRICT = PkceServerRules.defaults();
  private static final PkceServerRules LENIENT = PkceServerRules.builder()
      .allowPlainInsecurely().allowConfidentialClientsWithoutPkce().build();

  private static PkceException refused(String errorCode, Executable action) {
    PkceException e = assertThrows(PkceException.class, action);
    assertEquals(errorCode, e.errorCode());
    return e;
  }

  // --- authorization endpoint -------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(ClientType.class)
  void authorize_s256_bindsChallenge(ClientType type) {
    PkceBinding binding = STRICT.validateAuthorizationRequest(CHALLENGE, "S256", type);
    assertTrue(binding.hasChallenge());
    assertEquals(CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256), binding.challenge());
  }

  @Test
  void authorize_publicClientWithoutChallenge_invalidRequest() {
    PkceException e = refused("invalid_request",
        () -> LENIENT.validateAuthorizationRequest(null, null, ClientType.PUBLIC));
    assertEquals("code challenge required: public clients must use PKCE (RFC 7636 §4.4.1,"
        + " RFC 9700 §2.1.1)", e.description());
  }

  @Test
  void authorize_confidentialClientWithoutChallenge_refusedByDefault() {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(null, null, ClientType.CONFIDENTIAL));
    assertEquals("code challenge required: this server requires PKCE for every client"
        + " (RFC 7636 §4.4.1, RFC 9700 §2.1.1)", e.description());
  }

  @Test
  void authorize_confidentialClientWithoutChallenge_allowedWhenOptedOut() {
    assertSame(PkceBinding.none(),
        LENIENT.validateAuthorizationRequest(null, null, ClientType.CONFIDENTIAL));
    assertSame(PkceBinding.none(),
        LENIENT.validateAuthorizationRequest("", "", ClientType.CONFIDENTIAL));
  }

  @Test
  void authorize_emptyChallenge_countsAsAbsent() {
    refused("invalid_request", () -> STRICT.validateAuthorizationRequest("", "", ClientType.PUBLIC));
  }

  @Test
  void authorize_methodWithoutChallenge_invalidRequest() {
    PkceException e = refused("invalid_request",
        () -> LENIENT.validateAuthorizationRequest(null, "S256", ClientType.CONFIDENTIAL));
    assertEquals("code_challenge_method was sent without code_challenge; RFC 7636 §4.3 sends"
        + " them together", e.description());
  }

  @Test
  void authorize_missingMethodMeansPlain_refusedByDefault() {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(CHALLENGE, null, ClientType.PUBLIC));
    assertEquals("code_challenge_method is missing, which means plain (RFC 7636 §4.3), and this"
        + " server accepts only S256; send code_challenge_method=S256", e.description());
  }

  @Test
  void authorize_missingMethodMeansPlain_acceptedWhenPlainAllowed() {
    PkceBinding binding = LENIENT.validateAuthorizationRequest(VERIFIER, null, ClientType.PUBLIC);
    assertEquals(ChallengeMethod.PLAIN, binding.challenge().method());
    LENIENT.validateTokenRequest(binding, VERIFIER);
  }

  @Test
  void authorize_explicitPlain_refusedByDefault() {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(VERIFIER, "plain", ClientType.PUBLIC));
    assertEquals("transform algorithm not supported: this server accepts only S256, not plain"
        + " (RFC 7636 §4.4.1, RFC 9700 §2.1.1)", e.description());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s256", "SHA-256", "S512", "PLAIN", "none"})
  void authorize_unknownMethod_invalidRequest(String method) {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(CHALLENGE, method, ClientType.PUBLIC));
    assertEquals("transform algorithm not supported: code_challenge_method must be S256"
        + " (RFC 7636 §4.4.1)", e.description());
    PkceException lenient = refused("invalid_request",
        () -> LENIENT.validateAuthorizationRequest(CHALLENGE, method, ClientType.PUBLIC));
    assertTrue(lenient.description().contains("must be S256 or plain"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c",
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN", " E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c"})
  void authorize_malformedS256Challenge_invalidRequest(String challenge) {
    refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(challenge, "S256", ClientType.PUBLIC));
  }

  @Test
  void authorize_malformedPlainChallenge_invalidRequest() {
    refused("invalid_request",
        () -> LENIENT.validateAuthorizationRequest("too-short", "plain", ClientType.PUBLIC));
  }

  @Test
  void authorize_nullClientType_throwsNullPointer() {
    assertThrows(NullPointerException.class,
        () -> STRICT.validateAuthorizationRequest(CHALLENGE, "S256", null));
  }

  // --- token endpoint ---------------------------------------------------------------------

  private static PkceBinding s256Binding() {
    return STRICT.validateAuthorizationRequest(CHALLENGE, "S256", ClientType.PUBLIC);
  }

  @Test
  void token_rightVerifier_accepted() {
    STRICT.validateTokenRequest(s256Binding(), VERIFIER);
  }

  @Test
  void token_wrongVerifier_invalidGrant() {
    PkceException e = refused("invalid_grant",
        () -> STRICT.validateTokenRequest(s256Binding(), CodeVerifier.generate().value()));
    assertEquals("code_verifier does not match the S256 code_challenge; RFC 7636 §4.6",
        e.description());
  }

  @Test
  void token_missingVerifier_invalidGrant() {
    PkceException e = refused("invalid_grant",
        () -> STRICT.validateTokenRequest(s256Binding(), null));
    assertEquals("code_verifier missing: the authorization code was issued with a"
        + " code_challenge (RFC 7636 §4.5, §4.6)", e.description());
    refused("invalid_grant", () -> STRICT.validateTokenRequest(s256Binding(), ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"short", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk!",
      "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk ", "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk"})
  void token_malformedVerifier_invalidRequest(String verifier) {
    refused("invalid_request", () -> STRICT.validateTokenRequest(s256Binding(), verifier));
  }

  @Test
  void token_verifierWithoutBoundChallenge_refusedAsDowngrade() {
    PkceException e = refused("invalid_grant",
        () -> LENIENT.validateTokenRequest(PkceBinding.none(), VERIFIER));
    assertEquals("code_verifier sent, but the authorization request had no code_challenge:"
        + " refused as a PKCE downgrade (RFC 9700 §2.1.1, §4.8)", e.description());
  }

  @Test
  void token_noVerifierAndNoChallenge_accepted() {
    LENIENT.validateTokenRequest(PkceBinding.none(), null);
    LENIENT.validateTokenRequest(PkceBinding.none(), "");
  }

  @Test
  void token_s256ValueSentAsVerifierForS256Binding_invalidGrant() {
    // An attacker who saw the challenge cannot redeem the code with it.
    refused("invalid_grant", () -> STRICT.validateTokenRequest(s256Binding(), CHALLENGE));
  }

  @Test
  void token_viaSerializedBinding_sameOutcome() {
    PkceBinding stored = PkceBinding.parse(s256Binding().serialize());
    STRICT.validateTokenRequest(stored, VERIFIER);
    refused("invalid_grant", () -> STRICT.validateTokenRequest(stored, CHALLENGE));
  }

  @Test
  void token_withBouncyCastleConfig_sameOutcome() {
    PkceServerRules bc = PkceServerRules.builder()
        .config(PkceConfig.builder().sha256Provider(new BouncyCastleProvider()).build()).build();
    bc.validateTokenRequest(s256Binding(), VERIFIER);
    refused("invalid_grant", () -> bc.validateTokenRequest(s256Binding(), CHALLENGE));
  }

  @Test
  void builderFlags_andToString() {
    assertFalse(STRICT.allowsPlain());
    assertFalse(STRICT.allowsConfidentialClientsWithoutPkce());
    assertTrue(LENIENT.allowsPlain());
    assertTrue(LENIENT.allowsConfidentialClientsWithoutPkce());
    assertEquals("PkceServerRules[plain=refused, confidentialWithoutPkce=refused]",
        STRICT.toString());
    assertEquals("PkceServerRules[plain=allowed, confidentialWithoutPkce=allowed]",
        LENIENT.toString());
    assertThrows(NullPointerException.class, () -> PkceServerRules.builder().config(null));
    assertThrows(NullPointerException.class, () -> STRICT.validateTokenRequest(null, VERIFIER));
  }
}
