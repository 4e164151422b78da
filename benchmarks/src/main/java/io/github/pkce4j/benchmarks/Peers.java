package io.github.pkce4j.benchmarks;

import com.github.scribejava.core.pkce.PKCECodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The PKCE code of the peers, reached the way their users reach it, plus the naive JDK way.
 *
 * <p>google-oauth-client (1.36.0) keeps PKCE in a private nested class,
 * {@code AuthorizationCodeFlow.PKCE}, whose public constructor generates a verifier (with a new
 * {@code SecureRandom} per call) and hashes it. Its users cannot hash a verifier they already
 * have; the benchmark reaches the private {@code generateChallenge(String)} through a private
 * method handle so the hashing step can be compared at all. Method handles held in static finals
 * are inlined by the JIT, so the handle adds no measurable cost.
 */
final class Peers {
  private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

  private static final MethodHandle GOOGLE_NEW_PKCE;
  private static final MethodHandle GOOGLE_GENERATE_CHALLENGE;
  private static final MethodHandle GOOGLE_GET_CHALLENGE;
  private static final MethodHandle GOOGLE_GET_VERIFIER;

  static {
    try {
      Class<?> pkce = Class.forName("com.google.api.client.auth.oauth2.AuthorizationCodeFlow$PKCE");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(pkce, MethodHandles.lookup());
      GOOGLE_NEW_PKCE = lookup.findConstructor(pkce, MethodType.methodType(void.class))
          .asType(MethodType.methodType(Object.class));
      GOOGLE_GENERATE_CHALLENGE = lookup.findVirtual(pkce, "generateChallenge",
          MethodType.methodType(void.class, String.class))
          .asType(MethodType.methodType(void.class, Object.class, String.class));
      GOOGLE_GET_CHALLENGE = lookup.findVirtual(pkce, "getChallenge",
          MethodType.methodType(String.class))
          .asType(MethodType.methodType(String.class, Object.class));
      GOOGLE_GET_VERIFIER = lookup.findVirtual(pkce, "getVerifier",
          MethodType.methodType(String.class))
          .asType(MethodType.methodType(String.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Peers() {}

  /**
   * The naive JDK way, as Spring Authorization Server's {@code CodeVerifierAuthenticator} and
   * Keycloak's {@code PkceUtils} do it: a new digest per call, {@code getBytes}, JDK base64.
   */
  static String naiveS256(String verifier) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] digest = md.digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return URL_ENCODER.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ScribeJava 8.3.3's S256: {@code PKCECodeChallengeMethod.S256.transform2CodeChallenge}. */
  static String scribeS256(String verifier) {
    try {
      return PKCECodeChallengeMethod.S256.transform2CodeChallenge(verifier);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Nimbus has no verify call: servers parse the verifier, compute, and compare identifiers. */
  static com.nimbusds.oauth2.sdk.pkce.CodeChallenge nimbusRecompute(String verifier) {
    return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256,
        new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(verifier));
  }

  /** google-oauth-client's PKCE holder: generates a verifier and its S256 challenge. */
  static Object googleNewPkce() {
    try {
      return GOOGLE_NEW_PKCE.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** google-oauth-client's private {@code generateChallenge(verifier)} on a holder, then read. */
  static String googleS256(Object holder, String verifier) {
    try {
      GOOGLE_GENERATE_CHALLENGE.invokeExact(holder, verifier);
      return (String) GOOGLE_GET_CHALLENGE.invokeExact(holder);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static String googleVerifier(Object holder) {
    try {
      return (String) GOOGLE_GET_VERIFIER.invokeExact(holder);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
