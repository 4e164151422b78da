package io.github.pkce4j.cli;

import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What {@code pkce refresh} and {@code pkce revoke} share: the server (discovered from {@code
 * --issuer}), the client, a token read from standard input or an environment variable (never
 * from the command line, where the shell history and {@code ps} would keep it), the timeout, and
 * one-line errors with the exit codes of {@code pkce login}.
 */
abstract class TokenCommand implements Callable<Integer> {
  /** Longest token read: far above real refresh tokens, also JWT-shaped ones (a few KiB). */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--issuer", required = true, paramLabel = "URL",
      description = "The issuer; endpoints are discovered from /.well-known/openid-configuration"
          + " or /.well-known/oauth-authorization-server (RFC 8414).")
  String issuer;

  @Option(names = "--client-id", required = true, paramLabel = "ID",
      description = "The client_id.")
  String clientId;

  @Option(names = "--client-secret-env", paramLabel = "VAR",
      description = "Read a client secret from environment variable VAR (confidential clients"
          + " only; a public client sends none).")
  String clientSecretEnv;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "How long discovery and the request may take, e.g. 30s, 2m, 500ms."
          + " Default: 30s.")
  String timeout;

  /** What the command is doing, for errors that end it. */
  String step = "starting";

  /** The option naming the environment variable that may hold the token. */
  abstract String tokenEnvOption();

  /** The value of {@link #tokenEnvOption()}, or null to read standard input. */
  abstract String tokenEnvOrNull();

  /** Checks the command's own options; throws IllegalArgumentException naming the option. */
  abstract void checkOptions();

  /** Adds what the command needs to the flow (e.g. DPoP); nothing by default. */
  void configure(PkceLoginFlow.Builder builder) {}

  /** Sends the request and prints the outcome; returns the exit code. */
  abstract int run(PkceLoginFlow flow, String token, DeadlineTransport transport)
      throws IOException;

  @Override
  public final Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Duration wait;
    ClientAuthentication authentication;
    String token;
    try {
      wait = LoginCommand.parseDuration(timeout);
      ServerMetadata.discoveryUrls(issuer); // checks the URL before any network use
      checkOptions();
      authentication = ClientSecrets.fromEnvironment(clientSecretEnv);
      token = readToken();
    } catch (IllegalArgumentException | IOException e) {
      err.println(name() + ": " + TerminalText.line(Failures.describe(e)));
      return PkceCommand.EXIT_BAD_INPUT;
    }
    DeadlineTransport transport = new DeadlineTransport(
        JdkHttpTransport.builder().timeout(wait).build(), System.nanoTime() + wait.toNanos());
    try {
      step = "discovering the endpoints of " + issuer;
      ServerMetadata metadata = ServerMetadata.discover(issuer, transport);
      PkceLoginFlow.Builder builder = PkceLoginFlow.builder(metadata, clientId)
          .clientAuthentication(
              ClientSecrets.forServer(metadata, authentication, clientSecretEnv, false));
      configure(builder);
      return run(builder.build(), token, transport);
    } catch (Exception e) {
      return reportFailure(e);
    }
  }

  final String name() {
    return "pkce " + spec.name();
  }

  /** One line on standard error. */
  final void say(String line) {
    spec.commandLine().getErr().println(name() + ": " + TerminalText.line(line));
    spec.commandLine().getErr().flush();
  }

  private String readToken() throws IOException {
    String env = tokenEnvOrNull();
    String token;
    if (env != null) {
      token = System.getenv(env);
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("environment variable " + env + " is not set or"
            + " empty (" + tokenEnvOption() + ")");
      }
    } else {
      token = StdinValues.resolve(null, "token: ", MAX_TOKEN_CHARS);
      if (token.isEmpty()) {
        throw new IllegalArgumentException("no token on standard input; pipe it in (e.g. from a"
            + " file) or name an environment variable with " + tokenEnvOption()
            + " (a token is never given on the command line)");
      }
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException("the token has more than " + MAX_TOKEN_CHARS
          + " characters; that is not a token");
    }
    return token;
  }

  private int reportFailure(Exception e) {
    if (e instanceof OAuthErrorException || e instanceof ResponseRejectedException) {
      io.github.pkce4j.PkceException failure = (io.github.pkce4j.PkceException) e;
      say(failure.errorCode() + ": " + failure.description());
      return PkceCommand.EXIT_FAILED;
    }
    if (e instanceof DeadlineTransport.DeadlineExceededException) {
      say("did not finish within --timeout " + timeout + " (" + step + "); give a longer"
          + " --timeout, e.g. --timeout 2m");
      return PkceCommand.EXIT_FAILED;
    }
    if (e instanceof IOException) {
      say(Failures.describe(e) + " while " + step + "; check the URL and that the server is"
          + " reachable");
      return PkceCommand.EXIT_FAILED;
    }
    say(Failures.describe(e) + " while " + step);
    return PkceCommand.EXIT_BAD_INPUT;
  }
}
