package io.github.pkce4j.cli;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pkce challenge}: the S256 challenge of a verifier. */
@Command(name = "challenge",
    description = {"Print the S256 code_challenge of a code_verifier.",
        "The verifier is read from standard input when VERIFIER is - or left out, which keeps it"
            + " out of the shell history. A verifier that starts with - goes after --."})
final class ChallengeCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "VERIFIER",
      description = "The code_verifier; - or nothing reads it from standard input.")
  private String verifier;

  @Override
  public Integer call() throws IOException {
    CodeVerifier parsed;
    try {
      parsed = CodeVerifier.parse(StdinValues.resolve(verifier,
          "pkce challenge: paste the code_verifier (not shown) and press Enter: "));
    } catch (PkceException e) {
      spec.commandLine().getErr().println("pkce challenge: " + e.description());
      return PkceCommand.EXIT_BAD_INPUT;
    }
    spec.commandLine().getOut().println(CodeChallenge.s256(parsed).value());
    return 0;
  }
}
