package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pkce4j.server.ClientType;
import io.github.pkce4j.server.PkceBinding;
import io.github.pkce4j.server.PkceServerRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No verifier reaches a toString() or an exception message, whatever the failure. */
class SecretsNeverLeakTest {
  @Test
  void failures_neverEchoTheVerifier() {
    String verifier = CodeVerifier.generate().value();
    // Fragments long enough that an accidental echo would contain one of them.
    String head = verifier.substring(0, 12);
    String tail = verifier.substring(verifier.length() - 12);
    List<String> texts = new ArrayList<>();
    CodeVerifier parsed = CodeVerifier.parse(verifier);
    texts.add(parsed.toString());
    texts.add(CodeChallenge.plainInsecurely(parsed).toString());
    texts.add(PkceBinding.of(CodeChallenge.plainInsecurely(parsed)).toString());
    texts.add(message(() -> CodeVerifier.parse(verifier + "!")));
    texts.add(message(() -> CodeVerifier.parse(verifier.substring(1))));
    texts.add(message(() -> CodeVerifier.parse(verifier + repeat(100))));
    texts.add(message(() -> CodeChallenge.parse(verifier + "!", ChallengeMethod.PLAIN)));
    texts.add(message(() -> CodeChallenge.parse(verifier + "x", ChallengeMethod.S256)));
    texts.add(message(() -> CodeChallenge.s256(CodeVerifier.generate()).verify(parsed)));
    PkceServerRules rules = PkceServerRules.defaults();
    PkceBinding binding = rules.validateAuthorizationRequest(
        CodeChallenge.s256(CodeVerifier.generate()).value(), "S256", ClientType.PUBLIC);
    texts.add(message(() -> rules.validateTokenRequest(binding, verifier)));
    texts.add(message(() -> rules.validateTokenRequest(binding, verifier + "\u00e9")));
    texts.add(message(() -> rules.validateTokenRequest(PkceBinding.none(), verifier)));
    texts.add(message(() -> PkceBinding.parse("plain:" + verifier + "!")));
    texts.add(message(() -> PkceBinding.parse("S256:" + verifier + "x")));
    for (String text : texts) {
      assertFalse(text.contains(head) || text.contains(tail), "leaked in: " + text);
    }
    assertEquals(14, texts.size());
  }

  private static String repeat(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append('x');
    }
    return sb.toString();
  }

  private static String message(org.junit.jupiter.api.function.Executable action) {
    RuntimeException e = assertThrows(RuntimeException.class, action);
    StringBuilder all = new StringBuilder(String.valueOf(e));
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      all.append(" / ").append(t);
    }
    return all.toString();
  }
}
