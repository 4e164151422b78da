package io.github.pkce4j.cli;

import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.TokenTypeHint;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pkce revoke}: token revocation (RFC 7009), e.g. to log out. */
@Command(name = "revoke",
    description = {
        "Revoke an access or refresh token at the server's revocation endpoint (RFC 7009), e.g."
            + " to log out.",
        "The token is read from standard input, or from environment variable VAR with"
            + " --token-env; never from the command line.",
        "The server answers success also for a token that was already invalid (RFC 7009 section"
            + " 2.2)."})
final class RevokeCommand extends TokenCommand {
  @Option(names = "--token-env", paramLabel = "VAR",
      description = "Read the token from environment variable VAR instead of standard input.")
  private String tokenEnv;

  @Option(names = "--token-type-hint", paramLabel = "HINT",
      description = "access_token or refresh_token (RFC 7009 section 2.1). Default: none.")
  private String tokenTypeHint;

  @Override
  String tokenEnvOption() {
    return "--token-env";
  }

  @Override
  String tokenEnvOrNull() {
    return tokenEnv;
  }

  @Override
  void checkOptions() {
    hint();
  }

  private TokenTypeHint hint() {
    if (tokenTypeHint == null) {
      return null;
    }
    for (TokenTypeHint hint : TokenTypeHint.values()) {
      if (hint.parameterValue().equals(tokenTypeHint)) {
        return hint;
      }
    }
    throw new IllegalArgumentException("--token-type-hint must be access_token or refresh_token"
        + " (RFC 7009 section 2.1)");
  }

  @Override
  int run(PkceLoginFlow flow, String token, DeadlineTransport transport) throws IOException {
    String endpoint = flow.metadata().revocationEndpointOrNull();
    if (endpoint == null) {
      say("the server's metadata has no revocation_endpoint (RFC 8414 section 2), so it offers"
          + " no revocation; the token stays valid until it expires");
      return PkceCommand.EXIT_FAILED;
    }
    step = "revoking at " + endpoint;
    flow.revoke(token, hint(), transport);
    say("revoked (or it was already invalid; RFC 7009 section 2.2)");
    return 0;
  }
}
