package io.github.pkce4j.cli;

import static io.github.pkce4j.cli.CliTestSupport.run;
import static io.github.pkce4j.cli.CliTestSupport.runWithStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pkce generate}, {@code pkce challenge} and {@code pkce verify}. */
class PrimitiveCommandsTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void challenge_appendixBVerifier_printsAppendixBChallenge() {
    CliTestSupport.Result r = run("challenge", VERIFIER);
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(CHALLENGE + System.lineSeparator(), r.out);
    assertEquals("", r.err);
  }

  @Test
  void challenge_dash_readsStandardInput() {
    CliTestSupport.Result r = runWithStdin(VERIFIER + "\n", "challenge", "-");
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(CHALLENGE, r.out.trim());
  }

  @Test
  void challenge_malformedVerifier_exit2WithRuleAndNoEcho() {
    String bad = VERIFIER.substring(0, 40) + "!!!";
    CliTestSupport.Result r = run("challenge", bad);
    assertEquals(2, r.exitCode);
    assertEquals("", r.out);
    assertEquals("pkce challenge: code_verifier has a character outside [A-Za-z0-9-._~] at"
        + " index 40; RFC 7636 section 4.1 allows only these" + System.lineSeparator(), r.err);
    assertFalse(r.err.contains(VERIFIER.substring(0, 20)), "never echo the verifier");
  }

  @Test
  void challenge_shortVerifier_exit2() {
    CliTestSupport.Result r = run("challenge", "abc");
    assertEquals(2, r.exitCode);
    assertEquals("pkce challenge: code_verifier has 3 characters; RFC 7636 section 4.1 requires 43 to"
        + " 128", r.err.trim());
  }

  @Test
  void generate_printsVerifierAndItsChallenge() {
    CliTestSupport.Result r = run("generate");
    assertEquals(0, r.exitCode, r.toString());
    Matcher m = Pattern.compile("code_verifier=([A-Za-z0-9_-]{43})\\R"
        + "code_challenge=([A-Za-z0-9_-]{43})\\R").matcher(r.out);
    assertTrue(m.matches(), r.out);
    assertEquals(m.group(2), CodeChallenge.s256(CodeVerifier.parse(m.group(1))).value());
  }

  @Test
  void generate_json_printsObjectWithMethod() {
    CliTestSupport.Result r = run("generate", "--json", "--entropy-bytes", "96");
    assertEquals(0, r.exitCode, r.toString());
    Matcher m = Pattern.compile("\\{\"code_verifier\":\"([A-Za-z0-9_-]{128})\","
        + "\"code_challenge\":\"([A-Za-z0-9_-]{43})\",\"code_challenge_method\":\"S256\"}\\R")
        .matcher(r.out);
    assertTrue(m.matches(), r.out);
    CodeChallenge.parse(m.group(2), ChallengeMethod.S256).verify(CodeVerifier.parse(m.group(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"31", "97", "0", "-1"})
  void generate_entropyOutOfRange_exit2(String bytes) {
    CliTestSupport.Result r = run("generate", "--entropy-bytes", bytes);
    assertEquals(2, r.exitCode);
    assertEquals("pkce generate: --entropy-bytes is " + bytes + "; RFC 7636 §4.1 and §7.1 need 32"
        + " to 96 random bytes (43 to 128 characters)", r.err.trim());
  }

  @Test
  void generate_entropyNotANumber_exit2NamingTheOptionAsTyped() {
    CliTestSupport.Result r = run("generate", "--entropy-bytes", "many");
    assertEquals(2, r.exitCode);
    assertEquals("pkce generate: --entropy-bytes 'many' is not a whole number; run 'pkce generate"
        + " --help' for the options" + System.lineSeparator(), r.err);
  }

  @Test
  void verify_match_exit0() {
    CliTestSupport.Result r = run("verify", "--challenge", CHALLENGE, VERIFIER);
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("match: the code_verifier hashes to the S256 code_challenge", r.out.trim());
  }

  @Test
  void verify_mismatch_exit1() {
    String other = CodeVerifier.generate().value();
    // "--": a generated verifier starts with '-' one time in 64, which would read as an option.
    CliTestSupport.Result r = run("verify", "--challenge", CHALLENGE, "--", other);
    assertEquals(1, r.exitCode, r.toString());
    assertEquals("mismatch: the code_verifier does not match the S256 code_challenge"
        + " (RFC 7636 §4.6: invalid_grant)", r.out.trim());
    assertFalse(r.out.contains(other) || r.err.contains(other));
  }

  @Test
  void verifierStartingWithDash_worksAfterDoubleDashAndOnStdin() {
    String verifier = "-" + VERIFIER.substring(1);
    String challenge = CodeChallenge.s256(CodeVerifier.parse(verifier)).value();
    assertEquals(challenge, run("challenge", "--", verifier).out.trim());
    assertEquals(challenge, runWithStdin(verifier + "\n", "challenge").out.trim());
    String dashChallenge = "-" + CHALLENGE.substring(1);
    CliTestSupport.Result r = run("verify", "--challenge", dashChallenge, "--", verifier);
    assertEquals(1, r.exitCode, r.toString());
    r = run("verify", "--challenge", challenge, "--", verifier);
    assertEquals(0, r.exitCode, r.toString());
  }

  @Test
  void verifierStartingWithDash_withoutDoubleDash_exit2NamingTheFixNotTheValue() {
    String verifier = "-" + VERIFIER.substring(1);
    CliTestSupport.Result r = run("challenge", verifier);
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("pkce challenge: an argument starts with '-' but is no option (not shown: it may"
        + " be a secret); put -- before a value that starts with '-', or pass it on standard"
        + " input" + System.lineSeparator(), r.err);
  }

  @Test
  void challenge_noArgument_readsStandardInput() {
    CliTestSupport.Result r = runWithStdin(VERIFIER + "\r\n", "challenge");
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(CHALLENGE + System.lineSeparator(), r.out);
  }

  @Test
  void verify_noArgument_readsStandardInput() {
    CliTestSupport.Result r = runWithStdin(VERIFIER + "\n", "verify", "--challenge", CHALLENGE);
    assertEquals(0, r.exitCode, r.toString());
  }

  @Test
  void verify_plainMethod_saysEqualsNotHashes() {
    CliTestSupport.Result r = run("verify", "--method", "plain", "--challenge", VERIFIER, VERIFIER);
    assertEquals(0, r.exitCode);
    assertEquals("match: the code_verifier equals the plain code_challenge", r.out.trim());
    assertEquals(1, run("verify", "--method", "plain", "--challenge", VERIFIER,
        CHALLENGE).exitCode);
  }

  @Test
  void verify_verifierFromStdin() {
    assertEquals(0, runWithStdin(VERIFIER, "verify", "--challenge", CHALLENGE, "-").exitCode);
  }

  @Test
  void verify_malformedChallenge_exit2() {
    CliTestSupport.Result r = run("verify", "--challenge", CHALLENGE + "=", VERIFIER);
    assertEquals(2, r.exitCode);
    assertEquals("pkce verify: S256 code_challenge has 44 characters; RFC 7636 section 4.2 requires"
        + " exactly 43 (unpadded base64url of SHA-256)", r.err.trim());
  }

  @Test
  void verify_methodInWrongCase_exit2SuggestingTheRightName() {
    CliTestSupport.Result r = run("verify", "--method", "s256", "--challenge", CHALLENGE, VERIFIER);
    assertEquals(2, r.exitCode);
    assertEquals("pkce verify: --method s256 is not a code_challenge_method; did you mean S256?"
        + " (RFC 7636 §4.3: the names are case-sensitive)", r.err.trim());
    r = run("verify", "--method", "PLAIN", "--challenge", VERIFIER, VERIFIER);
    assertTrue(r.err.contains("did you mean plain?"), r.err);
  }

  @Test
  void verify_unknownMethod_exit2() {
    CliTestSupport.Result r = run("verify", "--method", "S512", "--challenge", CHALLENGE, VERIFIER);
    assertEquals(2, r.exitCode);
    assertTrue(r.err.startsWith("pkce verify: code_challenge_method is not S256 or plain"), r.err);
  }

  @Test
  void verify_missingChallengeOption_exit2() {
    CliTestSupport.Result r = run("verify", VERIFIER);
    assertEquals(2, r.exitCode);
    assertEquals("pkce verify: --challenge CHALLENGE is required; run 'pkce verify --help' for the"
        + " options" + System.lineSeparator(), r.err);
  }

  @Test
  void unknownCommand_exit2() {
    assertEquals(2, run("frobnicate").exitCode);
  }

  @Test
  void help_exit0() {
    CliTestSupport.Result r = run("--help");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.contains("generate") && r.out.contains("challenge") && r.out.contains("verify"),
        r.out);
  }
}
