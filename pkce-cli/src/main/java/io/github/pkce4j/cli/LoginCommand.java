package io.github.pkce4j.cli;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.PushedAuthorizationMode;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import io.github.pkce4j.jdkhttp.LoopbackReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pkce login}: a real authorization code + PKCE login from the terminal, through the system
 * browser and a loopback redirect (RFC 8252), printing the token response as JSON.
 */
@Command(name = "login",
    description = {
        "Log in through the browser with the authorization code flow and PKCE (S256), and print"
            + " the token response as JSON.",
        "Works with any OAuth 2.0 / OpenID Connect server (--issuer) and with Salesforce"
            + " (--salesforce).",
        "Register the redirect URI http://127.0.0.1:<port>/callback for your client (choose the"
            + " port with --redirect-port if the server cannot allow any port, RFC 8252 §7.3).",
        "Progress goes to standard error (--quiet turns it off); standard output carries only"
            + " the token JSON."})
final class LoginCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
      + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--issuer", paramLabel = "URL",
      description = "The issuer; endpoints are discovered from /.well-known/openid-configuration"
          + " or /.well-known/oauth-authorization-server (RFC 8414).")
  private String issuer;

  @Option(names = "--salesforce",
      description = "Use Salesforce's endpoints: https://<host>/services/oauth2/authorize and"
          + " /token, host login.salesforce.com unless --sandbox or --my-domain.")
  private boolean salesforce;

  @Option(names = "--sandbox", description = "With --salesforce: test.salesforce.com.")
  private boolean sandbox;

  @Option(names = "--my-domain", paramLabel = "HOST",
      description = "With --salesforce: your My Domain host, e.g. acme.my.salesforce.com.")
  private String myDomain;

  @Option(names = "--client-id", required = true, paramLabel = "ID",
      description = "The client_id.")
  private String clientId;

  @Option(names = "--scope", paramLabel = "SCOPE",
      description = "Space-separated scopes, e.g. \"openid profile\".")
  private String scope;

  @Option(names = "--client-secret-env", paramLabel = "VAR",
      description = "Read a client secret from environment variable VAR (confidential clients"
          + " only; a desktop app is a public client and needs none, RFC 8252 §8.5).")
  private String clientSecretEnv;

  @Option(names = "--redirect-port", paramLabel = "N",
      description = "Loopback port for the redirect. Default: an ephemeral port.")
  private int redirectPort;

  @Option(names = "--no-browser",
      description = "Do not open a browser: print the authorization URL alone on one line of"
          + " standard error, to open by hand.")
  private boolean noBrowser;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
      description = "How long the whole login may take (discovery, the browser, the token"
          + " request), e.g. 120s, 5m, 500ms. Default: 120s.")
  private String timeout;

  @Option(names = "--par",
      description = "Push the authorization request to the server first (RFC 9126), so the"
          + " browser's URL carries only a request_uri. Automatic when the server's metadata"
          + " sets require_pushed_authorization_requests.")
  private boolean par;

  @Option(names = "--dpop",
      description = "Bind the tokens to a DPoP key (RFC 9449): the authorization request carries"
          + " dpop_jkt, the token request a proof, and a token that is not DPoP-bound is"
          + " refused. Without --dpop-key the key lives only for this command, so a refresh"
          + " token bound to it can never be used: the server binds a public client's refresh"
          + " token to the login's key (RFC 9449 section 5).")
  private boolean dpop;

  @Option(names = "--dpop-key", paramLabel = "FILE",
      description = "With --dpop: keep the DPoP key in FILE, a private JWK, for later refreshes."
          + " Created readable by you only if absent, reused if present; a FILE that its group"
          + " or others can read is refused. FILE holds a private key: keep it like a password.")
  private Path dpopKeyFile;

  @Option(names = "--quiet",
      description = "Print nothing on standard error but errors and, with --no-browser, the URL.")
  private boolean quiet;

  /** What the login is doing, for progress lines and for errors that end it. */
  private String step = "starting";

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Duration wait;
    ServerMetadata preset = null;
    ClientAuthentication authentication;
    DpopKey dpopKey = null;
    try {
      wait = parseDuration(timeout);
      checkOptions();
      if (dpop) {
        dpopKey = dpopKeyFile == null ? DpopKey.generate() : DpopKeyFile.loadOrCreate(dpopKeyFile);
      }
      if (salesforce) {
        preset = salesforceMetadata();
      } else {
        ServerMetadata.discoveryUrls(issuer); // checks the URL before any network use
      }
      authentication = ClientSecrets.fromEnvironment(clientSecretEnv);
    } catch (IllegalArgumentException e) {
      err.println("pkce login: " + TerminalText.line(e.getMessage()));
      return PkceCommand.EXIT_BAD_INPUT;
    }

    DeadlineTransport transport = new DeadlineTransport(
        JdkHttpTransport.builder().timeout(wait).build(), System.nanoTime() + wait.toNanos());
    LoopbackReceiver receiver;
    try {
      receiver = LoopbackReceiver.builder().port(redirectPort).start();
    } catch (BindException e) {
      err.println("pkce login: port " + redirectPort + " on 127.0.0.1 is in use"
          + " (--redirect-port " + redirectPort + "); stop what listens there, choose another"
          + " port, or leave out --redirect-port for any free port");
      return PkceCommand.EXIT_BAD_INPUT;
    } catch (IOException e) {
      err.println("pkce login: cannot listen on 127.0.0.1 for the redirect: "
          + TerminalText.line(Failures.describe(e)));
      return PkceCommand.EXIT_FAILED;
    }
    try (LoopbackReceiver r = receiver) {
      TokenResponse tokens = login(preset, authentication, dpopKey, transport, receiver);
      spec.commandLine().getOut().println(TerminalText.json(tokens.json()));
      return 0;
    } catch (Exception e) {
      return reportFailure(e);
    }
  }

  /** Discovery (unless preset), the browser and the redirect, the token request. */
  private TokenResponse login(ServerMetadata preset, ClientAuthentication authentication,
      DpopKey dpopKey, DeadlineTransport transport, LoopbackReceiver receiver)
      throws IOException, TimeoutException, InterruptedException {
    ServerMetadata metadata = preset;
    if (metadata == null) {
      step = "discovering the endpoints of " + issuer;
      progress(step + " (RFC 8414)");
      metadata = ServerMetadata.discover(issuer, transport);
    }
    authentication = ClientSecrets.forServer(metadata, authentication, clientSecretEnv, salesforce);
    PkceLoginFlow.Builder builder = PkceLoginFlow.builder(metadata, clientId)
        .clientAuthentication(authentication);
    if (scope != null) {
      builder.scope(scope);
    }
    if (par) {
      builder.pushedAuthorization(PushedAuthorizationMode.REQUIRED);
    }
    if (dpopKey != null) {
      builder.dpop(DpopProofs.of(dpopKey));
      progress("binding the tokens to DPoP key " + dpopKey.thumbprint() + (dpopKeyFile == null
          ? " (this command's only; see --dpop-key)" : " from " + dpopKeyFile));
    }
    PkceLoginFlow flow = builder.build();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    if (flow.pushesAuthorizationRequests()) {
      step = "pushing the authorization request to "
          + metadata.pushedAuthorizationRequestEndpointOrNull();
      progress(step + " (RFC 9126)");
      flow.pushAuthorizationRequest(session, transport);
    }
    step = "waiting for the browser to return to " + receiver.redirectUri();
    showAuthorizationUrl(flow.authorizationUrl(session), receiver.redirectUri(), transport);
    AuthorizationResponse response = receiver.await(flow, session, atLeastOneMilli(transport));
    step = "exchanging the code at " + metadata.tokenEndpoint();
    progress(step);
    return flow.exchange(session, response, transport);
  }

  /** One line naming what failed and during which step; the exit code for it. */
  private int reportFailure(Exception e) {
    PrintWriter err = spec.commandLine().getErr();
    if (e instanceof OAuthErrorException) {
      OAuthErrorException oauth = (OAuthErrorException) e;
      String description = oauth.errorDescriptionOrNull();
      err.println("pkce login: " + oauth.errorCode() + (oauth.httpStatus() == 0
          ? " from the authorization server (RFC 6749 §4.1.2.1)"
          : step.startsWith("pushing") ? " from the pushed authorization request endpoint"
              + " (HTTP " + oauth.httpStatus() + ", RFC 9126 section 2.3)"
          : " from the token endpoint (HTTP " + oauth.httpStatus() + ", RFC 6749 §5.2)") + ": "
          + (description == null ? "the server gave no description"
          : TerminalText.line(description)));
      return PkceCommand.EXIT_FAILED;
    }
    if (e instanceof ResponseRejectedException) {
      ResponseRejectedException rejected = (ResponseRejectedException) e;
      err.println("pkce login: " + rejected.errorCode() + ": "
          + TerminalText.line(rejected.description()));
      return PkceCommand.EXIT_FAILED;
    }
    if (e instanceof TimeoutException || e instanceof DeadlineTransport.DeadlineExceededException) {
      // The receiver's timeout says what it saw (e.g. forged callbacks it refused): keep it.
      String what = e instanceof TimeoutException && e.getMessage() != null
          ? e.getMessage() : step;
      err.println("pkce login: the login did not finish within --timeout " + timeout + " ("
          + TerminalText.line(what) + "); give a longer --timeout, e.g. --timeout 5m");
      return PkceCommand.EXIT_FAILED;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      err.println("pkce login: interrupted while " + TerminalText.line(step));
      return PkceCommand.EXIT_FAILED;
    }
    if (e instanceof IOException) {
      err.println("pkce login: " + TerminalText.line(Failures.describe(e)) + " while "
          + TerminalText.line(step) + "; check the URL and that the server is reachable");
      return PkceCommand.EXIT_FAILED;
    }
    err.println("pkce login: " + TerminalText.line(Failures.describe(e)) + " while "
        + TerminalText.line(step));
    return PkceCommand.EXIT_BAD_INPUT;
  }

  private void checkOptions() {
    if (redirectPort < 0 || redirectPort > 65535) {
      throw new IllegalArgumentException("--redirect-port " + redirectPort
          + " is outside 0..65535; give a port, or 0 for any free port");
    }
    if ((issuer == null) == !salesforce) {
      throw new IllegalArgumentException("give exactly one of --issuer URL or --salesforce");
    }
    if (!salesforce && (sandbox || myDomain != null)) {
      throw new IllegalArgumentException("--sandbox and --my-domain go with --salesforce");
    }
    if (sandbox && myDomain != null) {
      throw new IllegalArgumentException("give --sandbox or --my-domain, not both");
    }
    if (dpopKeyFile != null && !dpop) {
      throw new IllegalArgumentException("--dpop-key goes with --dpop");
    }
  }

  /** Opens the browser, or prints the URL alone on one line, and says how long it will wait. */
  private void showAuthorizationUrl(String url, String redirectUri, DeadlineTransport transport) {
    PrintWriter err = spec.commandLine().getErr();
    Duration left = transport.remaining();
    // LocalTime.toString() leaves out ":00" seconds; the line always shows HH:mm:ss.
    String until = LocalTime.now().plus(left).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    progress("waiting up to " + left.getSeconds() + " s (until " + until + ") for the browser"
        + " to return to " + redirectUri + "; press Ctrl-C to cancel");
    if (noBrowser) {
      progress("open this URL in a browser:");
      err.println(url);
    } else if (Browser.open(url)) {
      progress("opened the browser");
    } else {
      err.println("pkce login: could not open a browser; open this URL:");
      err.println(url);
    }
    err.flush();
  }

  private static Duration atLeastOneMilli(DeadlineTransport transport) {
    Duration left = transport.remaining();
    return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
  }

  /** One progress line on standard error, unless {@code --quiet}. */
  private void progress(String line) {
    if (!quiet) {
      spec.commandLine().getErr().println("pkce login: " + TerminalText.line(line));
      spec.commandLine().getErr().flush();
    }
  }

  private ServerMetadata salesforceMetadata() {
    String host = sandbox ? "test.salesforce.com" : myDomain != null ? myDomain
        : "login.salesforce.com";
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("--my-domain must be a host name such as"
          + " acme.my.salesforce.com (no scheme, port or path)");
    }
    String base = "https://" + host;
    return ServerMetadata.builder(base)
        .authorizationEndpoint(base + "/services/oauth2/authorize")
        .tokenEndpoint(base + "/services/oauth2/token")
        .build();
  }

  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--timeout must look like 120s, 5m or 500ms");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = unit.equals("ms") ? Duration.ofMillis(n)
        : unit.equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    if (d.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
    return d;
  }

}
