package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.ClientProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges whether an app is a public or a confidential client from its own settings, following
 * the module README: public if any public signal is present; confidential if the secret is
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

  /** Evidence kept per app: the first signals, then one line saying how many more there were. */
  static final int MAX_EVIDENCE = 10;
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private Profiler() {}

  /**
   * @param prefix the element path holding the OAuth flags: {@code oauthConfig/} for a
   *     ConnectedApp, {@code ""} for an ExtlClntAppGlobalOauthSettings file
   * @param mobile mobile-settings element paths whose presence marks a native app
   */
  static Result judge(XmlDoc doc, String prefix, String... mobile) {
    Signals publicSignals = new Signals();
    if (Flag.of(doc, prefix + "isConsumerSecretOptional") == Flag.TRUE) {
      publicSignals.add(at(doc, prefix + "isConsumerSecretOptional", "is true")
          + ": the consumer secret is optional");
    }
    for (XmlDoc.Leaf callbacks : doc.all(prefix + "callbackUrl")) {
      // Several URLs may share the element, one per line (LF, CRLF or CR). The text is walked
      // in place: a 16 MiB list of millions of URLs costs no more memory than its one string.
      String text = callbacks.text();
      int start = 0;
      while (start <= text.length()) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        String url = text.substring(start, end).trim();
        String signal = callbackSignal(url);
        if (signal != null) {
          publicSignals.add(() -> prefix + "callbackUrl " + Printable.shortText(url)
              + " (line " + callbacks.line() + ") " + signal);
        }
        start = end + (end + 1 < text.length() && text.charAt(end) == '\r'
            && text.charAt(end + 1) == '\n' ? 2 : 1);
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
    if (publicSignals.count > 0) {
      return new Result(ClientProfile.PUBLIC, publicSignals.evidence());
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
   * The public-client signals of one app: the first {@link #MAX_EVIDENCE} are kept as text, the
   * rest only counted, so hostile metadata cannot grow the report with its input.
   */
  private static final class Signals {
    private final List<String> kept = new ArrayList<>();
    private int count;

    void add(String signal) {
      add(() -> signal);
    }

    void add(Supplier<String> signal) {
      if (count < MAX_EVIDENCE) {
        kept.add(signal.get());
      }
      count++;
    }

    List<String> evidence() {
      List<String> out = new ArrayList<>(kept);
      if (count > kept.size()) {
        out.add("and " + (count - kept.size()) + " more public-client signal"
            + (count - kept.size() == 1 ? "" : "s") + " like these");
      }
      return out;
    }
  }

  /**
   * Why a redirect URI marks a public client, or {@code null}: a custom scheme (RFC 8252 §7.1) or
   * a loopback host, over {@code http} or {@code https} (RFC 8252 §7.3: the code lands on the
   * user's own device). Loopback is {@code localhost} (and its subdomains), {@code [::1]}, or
   * 127.0.0.0/8 as four decimal octets; a host that merely starts with {@code 127.} is not.
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
    if (isLoopback(hostOf(url.substring(colon + 1)))) {
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
    if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")) {
      return true;
    }
    Matcher m = IPV4_LOOPBACK.matcher(host);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 3; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  private static String at(XmlDoc doc, String path, String what) {
    return path + " " + what + " (line " + doc.lineOf(path) + ")";
  }
}
