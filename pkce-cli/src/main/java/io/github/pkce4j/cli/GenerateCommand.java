package io.github.pkce4j.cli;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pkce generate}: a fresh verifier and its S256 challenge. */
@Command(name = "generate", description = "Print a fresh code_verifier and its S256 code_challenge.")
final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--entropy-bytes", paramLabel = "N",
      description = "Random bytes in the verifier, 32..96 (43..128 characters). Default: 32.")
  private int entropyBytes = CodeVerifier.DEFAULT_ENTROPY_BYTES;

  @Option(names = "--json", description = "Print a JSON object instead of two lines.")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (entropyBytes < CodeVerifier.MIN_ENTROPY_BYTES
        || entropyBytes > CodeVerifier.MAX_ENTROPY_BYTES) {
      spec.commandLine().getErr().println("pkce generate: --entropy-bytes is " + entropyBytes
          + "; RFC 7636 §4.1 and §7.1 need " + CodeVerifier.MIN_ENTROPY_BYTES + " to "
          + CodeVerifier.MAX_ENTROPY_BYTES + " random bytes (43 to 128 characters)");
      return PkceCommand.EXIT_BAD_INPUT;
    }
    CodeVerifier verifier =
        CodeVerifier.generate(PkceConfig.defaults().secureRandom(), entropyBytes);
    CodeChallenge challenge = CodeChallenge.s256(verifier);
    if (json) {
      // Both values are base64url, so they need no JSON escaping.
      out.println("{\"code_verifier\":\"" + verifier.value() + "\",\"code_challenge\":\""
          + challenge.value() + "\",\"code_challenge_method\":\"S256\"}");
    } else {
      out.println("code_verifier=" + verifier.value());
      out.println("code_challenge=" + challenge.value());
    }
    return 0;
  }
}
