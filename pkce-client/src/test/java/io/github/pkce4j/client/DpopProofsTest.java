package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.internal.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DpopProofsTest {
  private static final DpopKey KEY = DpopKey.generate();

  /** Always the same bytes: jti must stay unique even then. */
  static final class ZeroRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static DpopProofs fixedClock(long now) {
    return DpopProofs.builder(KEY).clock(() -> now).build();
  }

  @Test
  void proof_headerAndClaims_exactlyRfc9449Section42AndSignatureVerifies() throws Exception {
    DpopProofs proofs = fixedClock(1_700_000_000L);

    DpopTestSupport.Proof proof =
        new DpopTestSupport.Proof(proofs.proof("POST", "https://AS.example.com:443/token?x=1"));

    assertEquals(Arrays.asList("typ", "alg", "jwk"), new ArrayList<String>(proof.header.keySet()));
    assertEquals("dpop+jwt", proof.header.get("typ"));
    assertEquals("ES256", proof.header.get("alg"));
    assertEquals(Json.parseObject(KEY.publicJwk()), proof.jwk());
    assertFalse(proof.jwk().containsKey("d"), "public key only");
    assertEquals(Arrays.asList("jti", "htm", "htu", "iat"),
        new ArrayList<String>(proof.claims.keySet()));
    assertEquals("POST", proof.claims.get("htm"));
    assertEquals("https://as.example.com/token", proof.claims.get("htu"));
    assertEquals(1_700_000_000L, proof.claims.get("iat"));
    assertTrue(proof.verifies());
    assertEquals(DpopTestSupport.publicKey(proof.jwk()).getW(), KEY.publicKey().getW());
  }

  @Test
  void proof_tamperedPayload_doesNotVerify() throws Exception {
    String compact = DpopProofs.of(KEY).proof("GET", "https://api.example.com/");
    String[] parts = compact.split("\\.");
    String other = Base64Url.encode(("{\"htm\":\"POST\"}").getBytes(StandardCharsets.UTF_8));

    assertFalse(new DpopTestSupport.Proof(parts[0] + "." + other + "." + parts[2]).verifies());
  }

  @Test
  void proof_withAccessToken_carriesAthOfThatToken() throws Exception {
    String token = "eyJhbGciOi.access-token~+/=";
    DpopTestSupport.Proof proof = new DpopTestSupport.Proof(
        DpopProofs.of(KEY).proof("GET", "https://api.example.com/me", token));

    String expected = Base64Url.encode(MessageDigest.getInstance("SHA-256")
        .digest(token.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(expected, proof.claims.get("ath"));
    assertEquals(Arrays.asList("jti", "htm", "htu", "iat", "ath"),
        new ArrayList<String>(proof.claims.keySet()));
    assertTrue(proof.verifies());
  }

  @Test
  void jti_manyProofs_neverRepeatAndCarry128RandomBits() {
    DpopProofs proofs = DpopProofs.of(KEY);
    Set<String> seen = new HashSet<String>();
    for (int i = 0; i < 500; i++) {
      String jti = (String) new DpopTestSupport.Proof(proofs.proof("GET", "https://a.example/"))
          .claims.get("jti");
      assertEquals(24, Base64Url.decodeOrNull(jti).length);
      assertTrue(seen.add(jti), "jti repeated");
    }
  }

  @Test
  void jti_evenWithARandomThatRepeats_neverRepeats() {
    DpopProofs proofs = DpopProofs.builder(KEY)
        .config(PkceConfig.builder().secureRandom(new ZeroRandom()).build()).build();
    Set<String> seen = new HashSet<String>();
    for (int i = 0; i < 300; i++) {
      assertTrue(seen.add((String) new DpopTestSupport.Proof(
          proofs.proof("GET", "https://a.example/")).claims.get("jti")));
    }
    // the counter is the last 8 bytes, big-endian: proof 300 has counter 299 = 0x012b
    byte[] last = Base64Url.decodeOrNull((String) new DpopTestSupport.Proof(
        proofs.proof("GET", "https://a.example/")).claims.get("jti"));
    assertEquals(0x01, last[22]);
    assertEquals(0x2c, last[23]);
  }

  @Test
  void proof_twoProofsForTheSameRequest_differ() {
    DpopProofs proofs = fixedClock(5);
    assertFalse(proofs.proof("GET", "https://a.example/").equals(
        proofs.proof("GET", "https://a.example/")));
  }

  @Test
  void iat_clockPlusExplicitSkew() {
    DpopProofs slow = DpopProofs.builder(KEY).clock(() -> 1000).clockSkewSeconds(90).build();
    DpopProofs fast = DpopProofs.builder(KEY).clock(() -> 1000).clockSkewSeconds(-86_400).build();

    assertEquals(1090L, new DpopTestSupport.Proof(slow.proof("GET", "https://a.example/"))
        .claims.get("iat"));
    assertEquals(1000L - 86_400, new DpopTestSupport.Proof(fast.proof("GET", "https://a.example/"))
        .claims.get("iat"));
    assertEquals("clock skew of 86401 s is beyond a day; fix the device clock instead",
        assertThrows(IllegalArgumentException.class,
            () -> DpopProofs.builder(KEY).clockSkewSeconds(86_401)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DpopProofs.builder(KEY).clockSkewSeconds(-86_401));
  }

  @Test
  void iat_systemClockByDefault() {
    long before = System.currentTimeMillis() / 1000;
    long iat = (Long) new DpopTestSupport.Proof(DpopProofs.of(KEY).proof("GET",
        "https://a.example/")).claims.get("iat");
    long after = System.currentTimeMillis() / 1000;
    assertTrue(iat >= before && iat <= after, iat + " not in [" + before + ", " + after + "]");
  }

  // ---------------------------------------------------------------- nonces

  @Test
  void nonce_rememberedPerServer_andSentOnlyToIt() {
    DpopProofs proofs = DpopProofs.of(KEY);

    assertTrue(proofs.rememberNonce("https://AS.example.com/token", "eyJ7S_zG.9-nonce"));

    assertEquals("eyJ7S_zG.9-nonce", new DpopTestSupport.Proof(
        proofs.proof("POST", "https://as.example.com:443/par")).claims.get("nonce"));
    assertEquals("eyJ7S_zG.9-nonce", proofs.nonceOrNull("https://as.example.com/x?y"));
    assertNull(proofs.nonceOrNull("https://as.example.com:8443/token"));
    assertNull(proofs.nonceOrNull("http://127.0.0.1/token"));
    assertFalse(new DpopTestSupport.Proof(proofs.proof("GET", "https://api.example.com/"))
        .claims.containsKey("nonce"));
    List<String> order = new ArrayList<String>(new DpopTestSupport.Proof(
        proofs.proof("GET", "https://as.example.com/me", "tok")).claims.keySet());
    assertEquals(Arrays.asList("jti", "htm", "htu", "iat", "ath", "nonce"), order);
  }

  @Test
  void nonce_latestWins() {
    DpopProofs proofs = DpopProofs.of(KEY);
    proofs.rememberNonce("https://as.example.com/token", "one");
    proofs.rememberNonce("https://as.example.com/token", "two");
    assertEquals("two", proofs.nonceOrNull("https://as.example.com/token"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a\"b", "a\\b", "a\u007fb", "\u00e9", "a\r\nX-Evil: 1",
      "a\tb"})
  void nonce_outsideNqchar_notRemembered(String bad) {
    DpopProofs proofs = DpopProofs.of(KEY);
    proofs.rememberNonce("https://as.example.com/token", "good");

    assertFalse(proofs.rememberNonce("https://as.example.com/token", bad));

    assertEquals("good", proofs.nonceOrNull("https://as.example.com/token"));
  }

  @Test
  void nonce_nullOrTooLong_notRemembered() {
    DpopProofs proofs = DpopProofs.of(KEY);
    char[] max = new char[DpopNonces.MAX_NONCE_CHARS];
    Arrays.fill(max, '!');
    assertFalse(proofs.rememberNonce("https://as.example.com/", null));
    assertFalse(proofs.rememberNonce("https://as.example.com/", new String(max) + "!"));
    assertTrue(proofs.rememberNonce("https://as.example.com/", new String(max)));
    assertTrue(proofs.rememberNonce("https://as.example.com/", "!#[]~"));
  }

  @Test
  void nonce_everyNqcharAccepted() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      if (c != '"' && c != '\\') {
        all.append(c);
      }
    }
    assertTrue(DpopNonces.isNonce(all.toString()));
    for (char c = 0; c < 0x100; c++) {
      boolean nqchar = c == 0x21 || c >= 0x23 && c <= 0x5b || c >= 0x5d && c <= 0x7e;
      assertEquals(nqchar, DpopNonces.isNonce(String.valueOf(c)), "char " + (int) c);
    }
  }

  @Test
  void nonces_boundedToTheMostRecentServers() {
    DpopNonces nonces = new DpopNonces();
    for (int i = 0; i < DpopNonces.MAX_SERVERS; i++) {
      nonces.remember("https://s" + i, "n" + i);
    }
    nonces.nonceOrNull("https://s0"); // used recently: kept
    nonces.remember("https://new", "x");

    assertEquals("n0", nonces.nonceOrNull("https://s0"));
    assertNull(nonces.nonceOrNull("https://s1"));
    assertEquals("n2", nonces.nonceOrNull("https://s2"));
    assertEquals("x", nonces.nonceOrNull("https://new"));
  }

  // ---------------------------------------------------------------- htu, htm, ath

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      "https://as.example.com/token https://as.example.com/token",
      "HTTPS://AS.Example.COM/Token https://as.example.com/Token",
      "https://as.example.com https://as.example.com/",
      "https://as.example.com? https://as.example.com/",
      "https://as.example.com:443/t https://as.example.com/t",
      "https://as.example.com:8443/t https://as.example.com:8443/t",
      "https://as.example.com:80/t https://as.example.com:80/t",
      "http://127.0.0.1:80/t http://127.0.0.1/t",
      "http://127.0.0.1:443/t http://127.0.0.1:443/t",
      "http://127.0.0.1:8080 http://127.0.0.1:8080/",
      "http://[::1]:9000/a http://[::1]:9000/a",
      "https://as.example.com/t?code=1&x=2 https://as.example.com/t",
      "https://as.example.com/t#frag https://as.example.com/t",
      "https://as.example.com/t?q#f https://as.example.com/t",
      "https://a.example/%7euser/%2fx%3a https://a.example/~user/%2Fx%3A",
      "https://a.example/%41%62%2D%2E%5F%7E https://a.example/Ab-._~",
      "https://a.example/a/./b/../c https://a.example/a/c",
      "https://a.example/a/b/.. https://a.example/a/",
      "https://a.example/a/b/. https://a.example/a/b/",
      "https://a.example/../../x https://a.example/x",
      "https://a.example/a/%2E%2E/b https://a.example/b",
      "https://a.example/.. https://a.example/",
      "https://a.example/a//b/ https://a.example/a//b/",
      "https://a.example/a..b/.c https://a.example/a..b/.c",
      "https://a.example/caf\u00e9 https://a.example/caf%C3%A9",
      "https://a.example/\ud83d\ude00 https://a.example/%F0%9F%98%80",
      "https://a.example/%e9 https://a.example/%E9",
      "https://a.example/%40%5b%60%7b%2f%3a%2c%7f%5e https://a.example/%40%5B%60%7B%2F%3A%2C%7F%5E",
      "https://a.example/%61%7a%41%5a%30%39%2d%2e%5f%7e https://a.example/azAZ09-._~",
  })
  void htu_normalisedPerRfc9449Section43(String url, String htu) {
    assertEquals(htu, DpopProofs.htu(url));
  }

  @Test
  void htu_refusesPlainHttpRemoteHostsAndUserinfo() {
    assertThrows(IllegalArgumentException.class, () -> DpopProofs.htu("http://api.example.com/"));
    assertThrows(IllegalArgumentException.class,
        () -> DpopProofs.htu("https://user@api.example.com/"));
    assertThrows(IllegalArgumentException.class, () -> DpopProofs.htu("/relative"));
    assertThrows(IllegalArgumentException.class,
        () -> DpopProofs.htu("https://a.example/\r\nX: y"));
    assertThrows(IllegalArgumentException.class, () -> DpopProofs.htu("https://a.example/%zz"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PATCH", "M-SEARCH", "x!#$%&'*+-.^_`|~9", "azAZ09"})
  void htm_tokens_sentAsGiven(String method) {
    assertEquals(method, new DpopTestSupport.Proof(DpopProofs.of(KEY).proof(method,
        "https://a.example/")).claims.get("htm"));
  }

  @Test
  void htm_notAToken_refused() {
    assertEquals("DPoP htm has a character outside the RFC 9110 section 5.6.2 token set at"
        + " index 3", assertThrows(IllegalArgumentException.class,
            () -> DpopProofs.of(KEY).proof("GET /", "https://a.example/")).getMessage());
    assertEquals("DPoP htm is empty; RFC 9110 section 9.1 methods are tokens",
        assertThrows(IllegalArgumentException.class,
            () -> DpopProofs.of(KEY).proof("", "https://a.example/")).getMessage());
    for (String bad : new String[] {"G\"T", "G(T", "G:T", "G\u00e9T", "G\u007fT", "G\tT", "G@T",
        "G[T", "G{T", "G/T"}) {
      assertThrows(IllegalArgumentException.class,
          () -> DpopProofs.of(KEY).proof(bad, "https://a.example/"), bad);
    }
  }

  @Test
  void ath_tokenOutsideVisibleAscii_refusedWithoutQuotingIt() {
    DpopProofs proofs = DpopProofs.of(KEY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> proofs.proof("GET", "https://a.example/", "secret token"));
    assertEquals("access token has a character outside visible ASCII at index 6 (RFC 6749"
        + " Appendix A.12)", e.getMessage());
    assertEquals("access token is empty (RFC 6749 Appendix A.12)",
        assertThrows(IllegalArgumentException.class, () -> proofs.ath("")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> proofs.ath("a\u007f"));
    assertThrows(IllegalArgumentException.class, () -> proofs.ath("a\u0000"));
    assertEquals(43, proofs.ath("!~").length());
  }

  @Test
  void toString_namesKeyAndSkewOnly() {
    DpopProofs proofs = DpopProofs.builder(KEY).clockSkewSeconds(3).build();
    proofs.rememberNonce("https://a.example/", "secret-nonce");
    assertEquals("DpopProofs[" + KEY + ", iat skew 3 s]", proofs.toString());
    assertEquals(KEY, proofs.key());
  }

  @Test
  void proof_everyCompactPartIsCanonicalBase64Url() {
    String compact = DpopProofs.of(KEY).proof("GET", "https://a.example/", "t");
    for (String part : compact.split("\\.")) {
      assertTrue(part.matches("[A-Za-z0-9_-]+"), part);
      assertTrue(Base64Url.decodeOrNull(part) != null);
    }
    Map<String, Object> claims = new DpopTestSupport.Proof(compact).claims;
    assertEquals("https://a.example/", claims.get("htu"));
  }
}
