package io.github.pkce4j.cli;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkce verify}: exit 0 on a match, 1 on a mismatch, 2 on bad input. */
@Command(name = "verify",
    description = {"Check a code_verifier against a code_challenge (RFC 7636 §4.6).",
        "The verifier is read from standard input when VERIFIER is - or left out, which keeps it"
            + " out of the shell history. A verifier that starts with - goes after --."})
final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--challenge", required = true, paramLabel = "CHALLENGE",
      description = "The code_challenge from the authorization request.")
  private String challenge;

  @Option(names = "--method", paramLabel = "S256|plain", defaultValue = "S256",
      description = "The code_challenge_method (case-sensitive). Default: S256.")
  private String method;

  @Parameters(index = "0", arity = "0..1", paramLabel = "VERIFIER",
      description = "The code_verifier; - or nothing reads it from standard input.")
  private String verifier;

  @Override
  public Integer call() throws IOException {
    CodeChallenge parsedChallenge;
    CodeVerifier parsedVerifier;
    try {
      parsedChallenge = CodeChallenge.parse(challenge, parseMethod(method));
      parsedVerifier = CodeVerifier.parse(StdinValues.resolve(verifier,
          "pkce verify: paste the code_verifier (not shown) and press Enter: "));
    } catch (PkceException e) {
      spec.commandLine().getErr().println("pkce verify: " + e.description());
      return PkceCommand.EXIT_BAD_INPUT;
    }
    String against = parsedChallenge.method() == ChallengeMethod.PLAIN
        ? "equals the plain code_challenge" : "hashes to the S256 code_challenge";
    if (parsedChallenge.matches(parsedVerifier)) {
      spec.commandLine().getOut().println("match: the code_verifier " + against);
      return 0;
    }
    spec.commandLine().getOut().println("mismatch: the code_verifier does not match the "
        + parsedChallenge.method() + " code_challenge (RFC 7636 §4.6: invalid_grant)");
    return PkceCommand.EXIT_FAILED;
  }

  /** The method, or a "did you mean" for the right name in the wrong case (RFC 7636 §4.3). */
  private static ChallengeMethod parseMethod(String method) {
    for (ChallengeMethod m : ChallengeMethod.values()) {
      String name = m.parameterValue();
      if (!name.equals(method) && name.equalsIgnoreCase(method)) {
        throw new PkceException(PkceException.INVALID_REQUEST, "--method " + method
            + " is not a code_challenge_method; did you mean " + name + "? (RFC 7636 §4.3:"
            + " the names are case-sensitive)");
      }
    }
    return ChallengeMethod.parse(method);
  }
}
