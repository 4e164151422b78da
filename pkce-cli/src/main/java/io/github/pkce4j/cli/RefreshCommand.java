package io.github.pkce4j.cli;

import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.RefreshRequest;
import io.github.pkce4j.client.RefreshedTokens;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pkce refresh}: a refresh token grant (RFC 6749 section 6), printing the token JSON. */
@Command(name = "refresh",
    description = {
        "Refresh an access token with a refresh token (RFC 6749 section 6), and print the token"
            + " response as JSON.",
        "The refresh token is read from standard input, or from environment variable VAR with"
            + " --refresh-token-env; never from the command line.",
        "If the server rotates the refresh token, the output's refresh_token replaces the one"
            + " you gave, which is then void: store the new one (standard error says so).",
        "A DPoP-bound refresh token (pkce login --dpop) is refreshed with --dpop --dpop-key"
            + " FILE, the login's key file: the server binds a public client's refresh token to"
            + " that key (RFC 9449 section 5), so no new key is ever made here."})
final class RefreshCommand extends TokenCommand {
  @Option(names = "--refresh-token-env", paramLabel = "VAR",
      description = "Read the refresh token from environment variable VAR instead of standard"
          + " input.")
  private String refreshTokenEnv;

  @Option(names = "--scope", paramLabel = "SCOPE",
      description = "Ask for a narrower scope than the one granted (RFC 6749 section 6).")
  private String scope;

  @Option(names = "--dpop",
      description = "Sign the refresh with a DPoP proof (RFC 9449) by the key in --dpop-key, and"
          + " refuse a token that is not DPoP-bound.")
  private boolean dpop;

  @Option(names = "--dpop-key", paramLabel = "FILE",
      description = "With --dpop: the key file that pkce login --dpop --dpop-key wrote; it must"
          + " exist and be readable by you only.")
  private Path dpopKeyFile;

  /** The login's DPoP key, loaded by {@link #checkOptions()} with --dpop. */
  private DpopKey dpopKey;

  @Override
  String tokenEnvOption() {
    return "--refresh-token-env";
  }

  @Override
  String tokenEnvOrNull() {
    return refreshTokenEnv;
  }

  @Override
  void checkOptions() {
    if (scope != null) {
      RefreshRequest.of("x").withScope(scope);
    }
    if (dpopKeyFile != null && !dpop) {
      throw new IllegalArgumentException("--dpop-key goes with --dpop");
    }
    if (dpop) {
      if (dpopKeyFile == null) {
        throw new IllegalArgumentException("--dpop needs --dpop-key FILE, the key file of the"
            + " login: the server binds a public client's refresh token to the login's key (RFC"
            + " 9449 section 5), so a new key would be refused");
      }
      dpopKey = DpopKeyFile.load(dpopKeyFile);
    }
  }

  @Override
  void configure(PkceLoginFlow.Builder builder) {
    if (dpopKey != null) {
      builder.dpop(DpopProofs.of(dpopKey));
      say("signing with DPoP key " + dpopKey.thumbprint() + " from " + dpopKeyFile);
    }
  }

  @Override
  int run(PkceLoginFlow flow, String token, DeadlineTransport transport) throws IOException {
    RefreshRequest refresh = RefreshRequest.of(token);
    if (scope != null) {
      refresh = refresh.withScope(scope);
    }
    step = "refreshing at " + flow.metadata().tokenEndpoint();
    RefreshedTokens refreshed = flow.refresh(refresh, transport);
    spec.commandLine().getOut().println(TerminalText.json(refreshed.tokens().json()));
    spec.commandLine().getOut().flush();
    if (refreshed.refreshTokenRotated()) {
      say("the server rotated the refresh token: store the refresh_token printed on standard"
          + " output; the one you gave is no longer valid (RFC 6749 section 6)");
    } else {
      say("the refresh token was not rotated; keep using the one you have");
    }
    return 0;
  }
}
