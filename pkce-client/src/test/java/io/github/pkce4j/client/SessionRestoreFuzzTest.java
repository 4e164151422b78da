package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pkce4j.internal.PrintableText;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link AuthorizationSession#parse}: it accepts exactly what {@link
 * AuthorizationSession#serialize()} writes (an accepted string serializes back to itself, character for
 * character, and its redirect URI and issuer pass the client's URI rules), and refuses anything
 * else with an {@link IllegalArgumentException} whose message is printable and never quotes a
 * field long enough to be a state or verifier (the first run stopped on the oracle's own
 * stricter check: the bare prefix {@code pkce4j-session-v1.} is named in the message; seed {@code
 * prefix_only}).
 *
 * <p>Input layout: if the first byte is odd, the rest is spliced into a real saved session as
 * one of its five fields (picked by the second byte), base64url-encoded, so the fuzzer reaches
 * the field checks; otherwise the rest is the whole string. Seeds: {@code
 * src/test/resources/io/github/pkce4j/client/SessionRestoreFuzzTestInputs/parse/}; to fuzz for
 * real: {@code JAZZER_FUZZ=1 mvn -pl pkce-core,pkce-client
 * package -DskipPitest -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SessionRestoreFuzzTest}.
 */
class SessionRestoreFuzzTest {
  /** A fixed saved session (without a nonce), so that findings replay identically. */
  private static final String SAVED = RedirectFuzzTest.SESSION_SAVED;

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] data) {
    if (data.length < 2) {
      return;
    }
    String saved;
    if ((data[0] & 1) == 1) {
      String[] fields = SAVED.split("\\.", -1);
      int field = 1 + (data[1] & 0xff) % 5;
      byte[] value = new byte[data.length - 2];
      System.arraycopy(data, 2, value, 0, value.length);
      fields[field] = value.length == 0 ? "" : io.github.pkce4j.internal.Base64Url.encode(value);
      saved = String.join(".", fields);
    } else {
      saved = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    }
    AuthorizationSession session;
    try {
      session = AuthorizationSession.parse(saved);
    } catch (IllegalArgumentException refused) {
      assertTrue(PrintableText.isPrintable(refused.getMessage()), refused.getMessage());
      for (String field : saved.split("\\.", -1)) {
        // a verifier or state is at least 43 characters; the prefix and short words may repeat
        if (field.length() >= 43) {
          assertFalse(refused.getMessage().contains(field), "the message quotes a field");
        }
      }
      return;
    }
    assertEquals(saved, session.serialize(), "parse accepted what serialize() does not write");
    assertFalse(session.exchangeStarted());
    UriRules.redirectUri(session.redirectUri());
    UriRules.issuer(session.expectedIssuer());
    assertEquals(43, session.state().length());
    assertTrue(session.nonceOrNull() == null || session.nonceOrNull().length() == 43);
  }
}
