package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.ClientProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Judges whether an app is a public or a confidential client from its own settings, following
 * salesforce-controls.md: public if any public signal is present; confidential if the secret is
 * required and no public signal is; unknown otherwise.
 */
final class Profiler {
  /** The verdict and the settings that decided it. */
  static final class Result {
    final ClientProfile profile;
    final List<String> evidence;

    Result(ClientProfile profile, List<String> evidence) {
      this.profile = profile;
      this.evidence = Collections.unmodifiableList(evidence);
    }
  }

  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private Profiler() {}

  /**
   * @param prefix the element path holding the OAuth flags: {@code oauthConfig/} for a
   *     ConnectedApp, {@code ""} for an ExtlClntAppGlobalOauthSettings file
   * @param mobile mobile-settings element paths whose presence marks a native app
   */
  static Result judge(XmlDoc doc, String prefix, String... mobile) {
    List<String> publicSignals = new ArrayList<>();
    if (Flag.of(doc, prefix + "isConsumerSecretOptional") == Flag.TRUE) {
      publicSignals.add(at(doc, prefix + "isConsumerSecretOptional", "is true")
          + ": the consumer secret is optional");
    }
    for (XmlDoc.Leaf callbacks : doc.all(prefix + "callbackUrl")) {
      // Several URLs may share the element, one per line.
      for (String url : LINE_BREAK.split(callbacks.text())) {
        String signal = callbackSignal(url.trim());
        if (signal != null) {
          publicSignals.add(prefix + "callbackUrl " + shorten(url.trim()) + " (line "
              + callbacks.line() + ") " + signal);
        }
      }
    }
    if (Flag.of(doc, prefix + "isSecretRequiredForRefreshToken") == Flag.FALSE) {
      publicSignals.add(at(doc, prefix + "isSecretRequiredForRefreshToken", "is false")
          + ": refresh tokens are accepted without the secret");
    }
    // Only meaningful when the flow is on: retrieves carry "false" for disabled flows too.
    if (Flag.of(doc, prefix + "isTokenExchangeEnabled") == Flag.TRUE
        && Flag.of(doc, prefix + "isSecretRequiredForTokenExchange") == Flag.FALSE) {
      publicSignals.add(at(doc, prefix + "isSecretRequiredForTokenExchange", "is false")
          + " with token exchange enabled: tokens are exchanged without the secret");
    }
    for (String path : mobile) {
      if (doc.has(path)) {
        publicSignals.add(path + " (line " + doc.lineOf(path) + ") is present: mobile app"
            + " settings");
      }
    }
    if (!publicSignals.isEmpty()) {
      return new Result(ClientProfile.PUBLIC, publicSignals);
    }
    if (Flag.of(doc, prefix + "isConsumerSecretOptional") == Flag.FALSE) {
      List<String> evidence = new ArrayList<>();
      evidence.add(at(doc, prefix + "isConsumerSecretOptional", "is false")
          + ": the consumer secret is required, and no public-client setting is present");
      return new Result(ClientProfile.CONFIDENTIAL, evidence);
    }
    List<String> evidence = new ArrayList<>();
    evidence.add("no " + prefix + "isConsumerSecretOptional element and no public-client"
        + " setting: the client type cannot be told from this metadata");
    return new Result(ClientProfile.UNKNOWN, evidence);
  }

  /**
   * Why a redirect URI marks a public client, or {@code null}: a custom scheme (RFC 8252 §7.1) or
   * an {@code http} loopback host (RFC 8252 §7.3). {@code https://localhost} is not counted: it is
   * the usual placeholder of server-side apps that never redirect.
   */
  static String callbackSignal(String url) {
    int colon = url.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!SCHEME.matcher(scheme).matches()) {
      return null;
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "uses the custom scheme " + scheme + ": a native app (RFC 8252 §7.1)";
    }
    if (scheme.equals("http") && isLoopback(hostOf(url.substring(colon + 1)))) {
      return "is a loopback redirect: a native or desktop app (RFC 8252 §7.3)";
    }
    return null;
  }

  private static String hostOf(String rest) {
    if (!rest.startsWith("//")) {
      return "";
    }
    String authority = rest.substring(2);
    int end = authority.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = authority.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    authority = authority.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return close > 0 ? authority.substring(0, close + 1) : authority;
    }
    int port = authority.indexOf(':');
    return (port >= 0 ? authority.substring(0, port) : authority).toLowerCase(Locale.ROOT);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
        || IPV4_LOOPBACK.matcher(host).matches();
  }

  private static String at(XmlDoc doc, String path, String what) {
    return path + " " + what + " (line " + doc.lineOf(path) + ")";
  }

  static String shorten(String s) {
    String clean = CONTROL.matcher(s).replaceAll("?");
    return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
  }
}
