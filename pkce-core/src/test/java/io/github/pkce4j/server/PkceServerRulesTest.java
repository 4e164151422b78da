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
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of the server checklist of RFC 7636 §4.4–4.6 and RFC 9700 §2.1.1, §4.8,
 * asserting the exact OAuth error code.
 *
 * <p>The OAuth server checklist (rows S1–S14: RFC 7636, RFC 9700, RFC 6749 rules for the token and authorization endpoints) row by row. Rows S8–S12 and
 * S14 are about codes, clients and redirect URIs, which an authorization server stores and
 * pkce4j does not; pkce-cli's demo server implements them as an example.
 *
 * <ul>
 *   <li>S1 challenge format: {@code authorize_malformedS256Challenge_invalidRequest},
 *       {@code authorize_malformedPlainChallenge_invalidRequest}, and {@code CodeChallengeTest}.
 *   <li>S2 method unknown, plain when disabled, missing means plain:
 *       {@code authorize_unknownMethod_invalidRequest},
 *       {@code authorize_explicitPlain_refusedByDefault},
 *       {@code authorize_missingMethodMeansPlain_refusedByDefault},
 *       {@code authorize_missingMethodMeansPlain_acceptedWhenPlainAllowed}, and at the token
 *       endpoint {@code token_plainBindingUnderS256OnlyRules_invalidGrant}.
 *   <li>S3 PKCE required: {@code authorize_publicClientWithoutChallenge_invalidRequest},
 *       {@code authorize_confidentialClientWithoutChallenge_refusedByDefault},
 *       {@code authorize_emptyChallenge_countsAsAbsent},
 *       {@code authorize_methodWithoutChallenge_invalidRequest}.
 *   <li>S4 binding stored with the code: {@code token_viaSerializedBinding_sameOutcome},
 *       {@code PkceBindingTest}; encrypting and authenticating a stateless code is the server's
 *       job ({@link PkceBinding}'s Javadoc says so), and a binding altered to plain is refused
 *       ({@code token_plainBindingUnderS256OnlyRules_invalidGrant}).
 *   <li>S5 verifier iff challenge: S5a {@code token_missingVerifier_invalidGrant}, S5b
 *       {@code token_verifierWithoutBoundChallenge_refusedAsDowngrade},
 *       {@code token_noVerifierAndNoChallenge_accepted}.
 *   <li>S6 verifier format before hashing: {@code token_malformedVerifier_invalidRequest},
 *       {@code token_malformedVerifier_refusedBeforeHashing}.
 *   <li>S7 S256 recomputed, compared in constant time: {@code token_rightVerifier_accepted},
 *       {@code token_wrongVerifier_invalidGrant},
 *       {@code token_s256ValueSentAsVerifierForS256Binding_invalidGrant},
 *       {@code token_withBouncyCastleConfig_sameOutcome}; the comparison is
 *       {@code ConstantTime}, tested in {@code ConstantTimeTest}.
 *   <li>S8 one-time code: the server's store; pkce-cli
 *       {@code DemoCommandTest.demo_fullFlowThenThreeAttacksRefused_exit0} (replay refused).
 *   <li>S9 a failed check does not consume or revoke anything in the rules:
 *       {@code token_failedCheck_changesNothing}; whether the code is then used up is the
 *       server's decision (the class Javadoc's example treats it as used).
 *   <li>S10 code lifetime: the server's store (the demo server's codes live 60 seconds); no
 *       pkce4j API, no test here.
 *   <li>S11 code bound to client and redirect URI: the server's store; pkce-cli
 *       {@code DemoCommandTest.server_unknownCode_invalidGrant}.
 *   <li>S12 exact redirect URI, no redirect to an invalid one: pkce-cli
 *       {@code DemoCommandTest.server_redirectUriNotRegistered_refusesWithoutRedirect}.
 *   <li>S13 metadata {@code code_challenge_methods_supported: ["S256"]}: pkce-cli
 *       {@code DemoCommandTest.demo_fullFlowThenThreeAttacksRefused_exit0} (discovery of the
 *       demo server, which the client refuses without S256).
 *   <li>S14 reused challenges: optional, not offered by pkce4j; no test.
 * </ul>
 *
 * <p>Every description is wire-safe (RFC 6749 §5.2 {@code error_description} set):
 * {@code everyRejection_descriptionIsInErrorDescriptionCharset}.
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
    assertEquals("code challenge required: public clients must use PKCE (RFC 7636 section 4.4.1,"
        + " RFC 9700 section 2.1.1)", e.description());
  }

  @Test
  void authorize_confidentialClientWithoutChallenge_refusedByDefault() {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(null, null, ClientType.CONFIDENTIAL));
    assertEquals("code challenge required: this server requires PKCE for every client"
        + " (RFC 7636 section 4.4.1, RFC 9700 section 2.1.1)", e.description());
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
    assertEquals("code_challenge_method was sent without code_challenge; RFC 7636 section 4.3 sends"
        + " them together", e.description());
  }

  @Test
  void authorize_missingMethodMeansPlain_refusedByDefault() {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(CHALLENGE, null, ClientType.PUBLIC));
    assertEquals("code_challenge_method is missing, which means plain (RFC 7636 section 4.3), and"
        + " this server accepts only S256; send code_challenge_method=S256", e.description());
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
        + " (RFC 7636 section 4.4.1, RFC 9700 section 2.1.1)", e.description());
  }

  @Test
  void authorize_explicitPlain_acceptedWhenPlainAllowed() {
    PkceBinding binding = LENIENT.validateAuthorizationRequest(VERIFIER, "plain", ClientType.PUBLIC);
    assertEquals(ChallengeMethod.PLAIN, binding.challenge().method());
    LENIENT.validateTokenRequest(binding, VERIFIER);
  }

  @Test
  void builder_optionsReturnTheBuilder() {
    PkceServerRules.Builder builder = PkceServerRules.builder();
    assertSame(builder, builder.allowPlainInsecurely());
    assertSame(builder, builder.allowConfidentialClientsWithoutPkce());
    assertTrue(builder.build().allowsPlain());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s256", "SHA-256", "S512", "PLAIN", "none"})
  void authorize_unknownMethod_invalidRequest(String method) {
    PkceException e = refused("invalid_request",
        () -> STRICT.validateAuthorizationRequest(CHALLENGE, method, ClientType.PUBLIC));
    assertEquals("transform algorithm not supported: code_challenge_method must be S256"
        + " (RFC 7636 section 4.4.1)", e.description());
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
    assertEquals("code_verifier does not match the S256 code_challenge; RFC 7636 section 4.6",
        e.description());
  }

  @Test
  void token_missingVerifier_invalidGrant() {
    PkceException e = refused("invalid_grant",
        () -> STRICT.validateTokenRequest(s256Binding(), null));
    assertEquals("code_verifier missing: the authorization code was issued with a"
        + " code_challenge (RFC 7636 sections 4.5 and 4.6)", e.description());
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
        + " refused as a PKCE downgrade (RFC 9700 sections 2.1.1 and 4.8)", e.description());
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
  void token_plainBindingUnderS256OnlyRules_invalidGrant() {
    // RFC 9700 section 2.1.1, security review finding 9: a stored "plain:" binding (from before a
    // policy change, or altered in the store) must not redeem a code under S256-only rules.
    PkceBinding plain = PkceBinding.parse("plain:" + VERIFIER);

    PkceException e = refused("invalid_grant", () -> STRICT.validateTokenRequest(plain, VERIFIER));

    assertEquals("the authorization code is bound to a plain code_challenge, and this server"
        + " accepts only S256 (RFC 9700 section 2.1.1)", e.description());
    refused("invalid_grant", () -> STRICT.validateTokenRequest(plain, null));
    LENIENT.validateTokenRequest(plain, VERIFIER);
  }

  @Test
  void token_malformedVerifier_refusedBeforeHashing() {
    PkceServerRules noDigest = PkceServerRules.builder()
        .config(PkceConfig.builder().sha256Provider(new CountingSha256Provider()).build()).build();
    CountingSha256Provider.digests.set(0);

    refused("invalid_request", () -> noDigest.validateTokenRequest(s256Binding(), "short"));
    assertEquals(0, CountingSha256Provider.digests.get(), "no SHA-256 for a malformed verifier");
    noDigest.validateTokenRequest(s256Binding(), VERIFIER);
    assertTrue(CountingSha256Provider.digests.get() > 0, "the provider is the one hashing");
  }

  @Test
  void token_failedCheck_changesNothing() {
    // S9: the rules hold no state, so a wrong verifier neither burns nor revokes anything; what
    // happens to the code is the server's decision.
    PkceBinding binding = s256Binding();
    for (int i = 0; i < 3; i++) {
      refused("invalid_grant", () -> STRICT.validateTokenRequest(binding, CHALLENGE));
    }
    STRICT.validateTokenRequest(binding, VERIFIER);
    assertEquals("S256:" + CHALLENGE, binding.serialize());
  }

  /** Every description any rejection path produces, by the rules' two configurations. */
  static Stream<Arguments> everyRejection() {
    String s256Short = CHALLENGE.substring(1);
    String s256NotCanonical = CHALLENGE.substring(0, 42) + "N";
    return Stream.of(
        rejection("public client, no challenge", () ->
            LENIENT.validateAuthorizationRequest(null, null, ClientType.PUBLIC)),
        rejection("confidential client, no challenge", () ->
            STRICT.validateAuthorizationRequest(null, null, ClientType.CONFIDENTIAL)),
        rejection("method without challenge", () ->
            LENIENT.validateAuthorizationRequest(null, "S256", ClientType.CONFIDENTIAL)),
        rejection("missing method means plain", () ->
            STRICT.validateAuthorizationRequest(CHALLENGE, null, ClientType.PUBLIC)),
        rejection("unknown method, strict", () ->
            STRICT.validateAuthorizationRequest(CHALLENGE, "S512", ClientType.PUBLIC)),
        rejection("unknown method, lenient", () ->
            LENIENT.validateAuthorizationRequest(CHALLENGE, "S512", ClientType.PUBLIC)),
        rejection("explicit plain refused", () ->
            STRICT.validateAuthorizationRequest(VERIFIER, "plain", ClientType.PUBLIC)),
        rejection("S256 challenge length", () ->
            STRICT.validateAuthorizationRequest(s256Short, "S256", ClientType.PUBLIC)),
        rejection("S256 challenge not canonical", () ->
            STRICT.validateAuthorizationRequest(s256NotCanonical, "S256", ClientType.PUBLIC)),
        rejection("plain challenge length", () ->
            LENIENT.validateAuthorizationRequest("short", "plain", ClientType.PUBLIC)),
        rejection("plain challenge character", () ->
            LENIENT.validateAuthorizationRequest(VERIFIER + "\u00a7", "plain", ClientType.PUBLIC)),
        rejection("downgrade", () -> LENIENT.validateTokenRequest(PkceBinding.none(), VERIFIER)),
        rejection("plain binding under S256-only rules", () ->
            STRICT.validateTokenRequest(PkceBinding.parse("plain:" + VERIFIER), VERIFIER)),
        rejection("verifier missing", () -> STRICT.validateTokenRequest(s256Binding(), null)),
        rejection("verifier length", () -> STRICT.validateTokenRequest(s256Binding(), "short")),
        rejection("verifier character", () ->
            STRICT.validateTokenRequest(s256Binding(), VERIFIER + "\"")),
        rejection("S256 mismatch", () -> STRICT.validateTokenRequest(s256Binding(), CHALLENGE)),
        rejection("plain mismatch", () -> LENIENT.validateTokenRequest(
            PkceBinding.parse("plain:" + VERIFIER), CHALLENGE)));
  }

  private static Arguments rejection(String path, Executable action) {
    return Arguments.of(path, action);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRejection")
  void everyRejection_descriptionIsInErrorDescriptionCharset(String path, Executable action) {
    // RFC 6749 section 5.2: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ); server
    // developers return description() as error_description, so every one must fit.
    PkceException e = assertThrows(PkceException.class, action, path);
    String description = e.description();
    assertFalse(description.isEmpty(), path);
    for (int i = 0; i < description.length(); i++) {
      char c = description.charAt(i);
      boolean allowed = (c >= 0x20 && c <= 0x21) || (c >= 0x23 && c <= 0x5B)
          || (c >= 0x5D && c <= 0x7E);
      assertTrue(allowed, path + ": character U+" + String.format("%04X", (int) c)
          + " at index " + i + " of \"" + description + "\"");
    }
    assertTrue(e.errorCode().equals("invalid_request") || e.errorCode().equals("invalid_grant"),
        path + ": " + e.errorCode());
  }

  /** A SHA-256 provider that counts the digests it makes, to see whether the rules hashed. */
  static final class CountingSha256Provider extends java.security.Provider {
    private static final long serialVersionUID = 1L;
    static final java.util.concurrent.atomic.AtomicInteger digests =
        new java.util.concurrent.atomic.AtomicInteger();

    CountingSha256Provider() {
      super("CountingForTest", 1.0, "SHA-256 that counts");
      put("MessageDigest.SHA-256", CountingSha256.class.getName());
    }
  }

  /** Delegates to the JDK's SHA-256 and counts each digest. */
  public static final class CountingSha256 extends java.security.MessageDigestSpi {
    private final java.security.MessageDigest jdk = jdkSha256();

    private static java.security.MessageDigest jdkSha256() {
      try {
        return java.security.MessageDigest.getInstance("SHA-256", "SUN");
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected void engineUpdate(byte input) {
      jdk.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      jdk.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      CountingSha256Provider.digests.incrementAndGet();
      return jdk.digest();
    }

    @Override
    protected void engineReset() {
      jdk.reset();
    }

    @Override
    protected int engineGetDigestLength() {
      return 32;
    }
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
