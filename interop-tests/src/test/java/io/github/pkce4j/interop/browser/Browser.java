package io.github.pkce4j.interop.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Plays the user's browser through an authorization server's pages: follows redirects with a
 * cookie jar, signs in on the login form (sending its CSRF token back), answers the consent page,
 * and stops where the server redirects to the client's redirect URI.
 *
 * <p>Stopping there, instead of following the last redirect at once, lets a test look at or tamper
 * with the callback before {@link #deliver(URI) delivering} it to the redirect URI (the app's
 * loopback receiver), exactly as the real browser would.
 *
 * <p>Forms are read with jsoup and submitted as a browser would: every named {@code input} with
 * its value, checkboxes only when checked, the form's {@code action} resolved against the page.
 * The login form is the one with a password field; the consent form is the one posting to the
 * authorization endpoint. Any other page ends the walk, and the {@link Outcome} tells where.
 *
 * <p>One {@code Browser} is one browser profile: its cookies (the server's session) live as long
 * as it does. Use a fresh one per test unless the test is about a second visit.
 */
public final class Browser {

  /** What the user does on the consent page. */
  public enum Consent {
    /** Ticks every scope offered and submits. */
    APPROVE_ALL,
    /** Presses cancel: submits the form with no scope, which the server reads as a refusal. */
    DENY
  }

  private static final int MAX_STEPS = 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String ACCEPT_HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

  private final HttpClient http;
  private final String username;
  private final String password;
  private final Consent consent;

  private Browser(String username, String password, Consent consent) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.consent = Objects.requireNonNull(consent, "consent");
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            // Redirects are followed by hand, so the walk can stop at the redirect URI.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
  }

  /** A fresh browser profile for a user who signs in with these credentials and consents. */
  public static Browser forUser(String username, String password) {
    return new Browser(username, password, Consent.APPROVE_ALL);
  }

  /** The same user, answering the consent page with {@code consent}; a fresh cookie jar. */
  public Browser withConsent(Consent consent) {
    return new Browser(username, password, consent);
  }

  /**
   * Opens {@code authorizationUrl} and walks the server's pages until the server redirects to
   * {@code redirectUri} (same scheme, host, port and path; any query), or until a page it does not
   * know how to answer.
   */
  public Outcome authorize(URI authorizationUrl, URI redirectUri) {
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    Objects.requireNonNull(redirectUri, "redirectUri");
    List<String> trail = new ArrayList<>();
    List<String> consentedScopes = new ArrayList<>();
    boolean signedIn = false;
    boolean consented = false;
    HttpRequest request = get(authorizationUrl);
    for (int step = 0; step < MAX_STEPS; step++) {
      HttpResponse<String> response = send(request);
      trail.add(request.method() + " " + request.uri() + " -> " + response.statusCode());
      URI location = redirectTarget(response);
      if (location != null) {
        if (sameEndpoint(location, redirectUri)) {
          return new Outcome(trail, location, null, signedIn, consented, consentedScopes);
        }
        request = redirectRequest(request, response.statusCode(), location);
        continue;
      }
      Page page = new Page(response.statusCode(), response.body());
      if (response.statusCode() != 200) {
        return new Outcome(trail, null, page, signedIn, consented, consentedScopes);
      }
      Document document = Jsoup.parse(response.body(), response.uri().toString());
      Element loginForm = document.selectFirst("form:has(input[type=password])");
      Element consentForm = findConsentForm(document);
      if (loginForm != null && !signedIn) {
        request = post(loginForm, loginFields(loginForm));
        signedIn = true;
      } else if (consentForm != null && !consented) {
        List<String> scopes = consentScopes(consentForm);
        if (consent == Consent.APPROVE_ALL) {
          consentedScopes.addAll(scopes);
        }
        request = post(consentForm, consentFields(consentForm));
        consented = true;
      } else {
        // A second login page means the credentials were refused; anything else is unexpected.
        return new Outcome(trail, null, page, signedIn, consented, consentedScopes);
      }
    }
    throw new IllegalStateException(
        "Gave up after " + MAX_STEPS + " steps without reaching " + redirectUri + ": " + trail);
  }

  /**
   * Delivers {@code callback} to whoever listens there (the app's loopback receiver), as the
   * browser does with the server's final redirect, and returns the page it answered.
   *
   * @throws UncheckedIOException if nothing answers
   */
  public Page deliver(URI callback) {
    HttpResponse<String> response = send(get(callback));
    return new Page(response.statusCode(), response.body());
  }

  private static Element findConsentForm(Document document) {
    for (Element form : document.select("form[method~=(?i)post]")) {
      if (form.absUrl("action").endsWith("/oauth2/authorize")
          && form.selectFirst("input[name=client_id]") != null) {
        return form;
      }
    }
    return null;
  }

  private List<String[]> loginFields(Element form) {
    List<String[]> fields = new ArrayList<>();
    boolean usernameFilled = false;
    for (Element input : form.select("input[name]")) {
      String type = input.attr("type").toLowerCase(Locale.ROOT);
      String name = input.attr("name");
      switch (type) {
        case "password" -> fields.add(new String[] {name, password});
        case "", "text", "email" -> {
          fields.add(new String[] {name, usernameFilled ? input.val() : username});
          usernameFilled = true;
        }
        case "checkbox", "radio" -> {
          if (input.hasAttr("checked")) {
            fields.add(new String[] {name, input.val().isEmpty() ? "on" : input.val()});
          }
        }
        case "submit", "button", "image", "reset" -> {
          // Buttons are added below, only the one pressed.
        }
        default -> fields.add(new String[] {name, input.val()});
      }
    }
    addSubmitButton(form, fields);
    return fields;
  }

  private static List<String> consentScopes(Element form) {
    List<String> scopes = new ArrayList<>();
    for (Element checkbox : form.select("input[type=checkbox][name=scope]")) {
      scopes.add(checkbox.val());
    }
    return scopes;
  }

  private List<String[]> consentFields(Element form) {
    List<String[]> fields = new ArrayList<>();
    for (Element input : form.select("input[name]")) {
      String type = input.attr("type").toLowerCase(Locale.ROOT);
      String name = input.attr("name");
      if (type.equals("checkbox")) {
        boolean scopeBox = name.equals("scope");
        boolean ticked = scopeBox ? consent == Consent.APPROVE_ALL : input.hasAttr("checked");
        if (ticked) {
          fields.add(new String[] {name, input.val()});
        }
      } else if (!type.equals("submit") && !type.equals("button") && !type.equals("reset")) {
        fields.add(new String[] {name, input.val()});
      }
    }
    addSubmitButton(form, fields);
    return fields;
  }

  private static void addSubmitButton(Element form, List<String[]> fields) {
    Element button = form.selectFirst("button[type=submit][name], input[type=submit][name]");
    if (button != null) {
      fields.add(new String[] {button.attr("name"), button.val()});
    }
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", ACCEPT_HTML).GET().build();
  }

  private static HttpRequest post(Element form, List<String[]> fields) {
    String action = form.absUrl("action");
    if (action.isEmpty()) {
      action = form.ownerDocument().location();
    }
    StringJoiner body = new StringJoiner("&");
    for (String[] field : fields) {
      body.add(
          URLEncoder.encode(field[0], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(field[1], StandardCharsets.UTF_8));
    }
    return HttpRequest.newBuilder(URI.create(action))
        .timeout(TIMEOUT)
        .header("Accept", ACCEPT_HTML)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  /** 301/302/303 turn into a GET (as browsers do); 307/308 repeat the request. */
  private static HttpRequest redirectRequest(HttpRequest previous, int status, URI location) {
    if (status == 307 || status == 308) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(location).timeout(TIMEOUT);
      previous
          .headers()
          .map()
          .forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
      return builder
          .method(
              previous.method(),
              previous.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()))
          .build();
    }
    return get(location);
  }

  private static URI redirectTarget(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 300 || status > 399 || status == 304) {
      return null;
    }
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        status + " from " + response.uri() + " has no Location"));
    return response.uri().resolve(location);
  }

  private static boolean sameEndpoint(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort()
        && Objects.equals(a.getRawPath(), b.getRawPath());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  /** A page the browser was shown: its status and HTML. */
  public record Page(int status, String body) {
    /** The visible text of the page, whitespace collapsed, for assertions and diagnostics. */
    public String text() {
      return Jsoup.parse(body).text();
    }
  }

  /**
   * Where the walk ended.
   *
   * @param trail every request made, with its status, for diagnostics
   * @param callbackOrNull the server's redirect to the redirect URI, or null if none came
   * @param stoppedAtOrNull the page the walk stopped at when no redirect came, or null
   * @param signedIn whether the login form was submitted
   * @param consentShown whether a consent page was answered
   * @param consentedScopes the scopes ticked on the consent page
   */
  public record Outcome(
      List<String> trail,
      URI callbackOrNull,
      Page stoppedAtOrNull,
      boolean signedIn,
      boolean consentShown,
      List<String> consentedScopes) {

    public Outcome {
      trail = List.copyOf(trail);
      consentedScopes = List.copyOf(consentedScopes);
    }

    /**
     * The server's redirect to the redirect URI.
     *
     * @throws AssertionError naming every step taken, if the server never redirected there
     */
    public URI callback() {
      if (callbackOrNull == null) {
        throw new AssertionError(
            "The server never redirected to the redirect URI; steps: "
                + trail
                + (stoppedAtOrNull == null ? "" : "; stopped at: " + stoppedAtOrNull.text()));
      }
      return callbackOrNull;
    }

    /** The callback's query parameters, decoded (first value of each). */
    public Map<String, String> callbackParameters() {
      return QueryString.parse(callback().getRawQuery());
    }
  }
}
