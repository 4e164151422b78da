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
    description = "Check a code_verifier against a code_challenge (RFC 7636 §4.6)."
        + " Exit 0 on a match, 1 on a mismatch, 2 on bad input.")
final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--challenge", required = true, paramLabel = "CHALLENGE",
      description = "The code_challenge from the authorization request.")
  private String challenge;

  @Option(names = "--method", paramLabel = "S256|plain", defaultValue = "S256",
      description = "The code_challenge_method. Default: S256.")
  private String method;

  @Parameters(index = "0", paramLabel = "VERIFIER",
      description = "The code_verifier, or - to read it from standard input.")
  private String verifier;

  @Override
  public Integer call() throws IOException {
    CodeChallenge parsedChallenge;
    CodeVerifier parsedVerifier;
    try {
      parsedChallenge = CodeChallenge.parse(challenge, ChallengeMethod.parse(method));
      parsedVerifier = CodeVerifier.parse(StdinValues.resolve(verifier));
    } catch (PkceException e) {
      spec.commandLine().getErr().println("pkce verify: " + e.description());
      return PkceCommand.EXIT_BAD_INPUT;
    }
    if (parsedChallenge.matches(parsedVerifier)) {
      spec.commandLine().getOut().println("match: the code_verifier hashes to the "
          + parsedChallenge.method() + " code_challenge");
      return 0;
    }
    spec.commandLine().getOut().println("mismatch: the code_verifier does not match the "
        + parsedChallenge.method() + " code_challenge (RFC 7636 §4.6: invalid_grant)");
    return PkceCommand.EXIT_FAILED;
  }
}
