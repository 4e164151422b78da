package io.github.pkce4j.client;

import io.github.pkce4j.internal.PrintableText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The client's one set of URI rules, for endpoint URLs, the issuer, redirect URIs and restored
 * sessions.
 *
 * <ul>
 *   <li>A URI has no space or control character (C0, DEL, C1, line separators, bidirectional
 *       controls; RFC 3986 section 2), parses as {@link URI}, is absolute, has no
 *       fragment and no userinfo (RFC 3986 section 3.2.1 deprecates it, and {@code
 *       https://trusted@evil.example} is a spoofing trick).
 *   <li>Endpoints and the issuer use https (RFC 6749 sections 3.1 and 3.2, RFC 8414 section 2),
 *       or http only on a loopback IP literal: an address in 127.0.0.0/8 written as exactly four
 *       decimal octets without leading zeros, or {@code [::1]}. A host that merely starts like
 *       one ({@code 127.attacker.example}, {@code 127.0.0.1.evil}) is a DNS name and remote;
 *       {@code 0177.0.0.1} and {@code 127.1} are refused, since resolvers read them differently.
 *   <li>Redirect URIs may also use http on {@code localhost} (RFC 8252 section 8.3 does not
 *       recommend it but allows it; the loopback receiver uses the IP literal), a claimed https URI
 *       (RFC 8252 section 7.2), or a private-use scheme in reverse domain name form such as
 *       {@code com.example.app:/cb} (section 7.1), which keeps out {@code javascript:}, {@code
 *       data:} and {@code file:}.
 * </ul>
 */
final class UriRules {
  private UriRules() {}

  /** Checks an endpoint URL (authorization or token endpoint). */
  static URI endpoint(String name, String url) {
    URI uri = parse(name, url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(name + " is not an absolute URL with a host");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || scheme.equals("http") && isLoopbackIpLiteral(uri.getHost())) {
      return uri;
    }
    throw new IllegalArgumentException(name + " uses " + scheme + " on host " + uri.getHost()
        + "; it must use https (RFC 6749 sections 3.1, 3.2; RFC 8414 section 2), or http only on"
        + " a loopback IP literal (127.x.y.z or [::1])");
  }

  /** Checks an issuer identifier: an endpoint URL without a query (RFC 8414 section 2). */
  static URI issuer(String issuer) {
    URI uri = endpoint("issuer", issuer);
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("issuer has a query; RFC 8414 section 2 forbids one");
    }
    return uri;
  }

  /** Checks a redirect URI (RFC 6749 section 3.1.2, RFC 8252 sections 7 and 8.3). */
  static URI redirectUri(String redirectUri) {
    URI uri = parse("redirect URI", redirectUri);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !isLoopbackRedirectHost(uri.getHost())) {
      throw new IllegalArgumentException("redirect URI uses http on a non-loopback host; use"
          + " https, a loopback IP literal (RFC 8252 section 7.3) or a private-use scheme"
          + " (section 7.1)");
    }
    if (scheme.equals("https") && uri.getHost() == null) {
      throw new IllegalArgumentException("redirect URI uses https without a host");
    }
    if (!scheme.equals("http") && !scheme.equals("https") && scheme.indexOf('.') < 0) {
      throw new IllegalArgumentException("redirect URI scheme " + scheme + " is not a private-use"
          + " scheme in reverse domain name form (such as com.example.app:/cb); RFC 8252 section"
          + " 7.1");
    }
    return uri;
  }

  private static URI parse(String name, String value) {
    if (value.indexOf(' ') >= 0 || !PrintableText.isPrintable(value)) {
      throw new IllegalArgumentException(name + " has a space or a control character (C0, DEL,"
          + " C1, a line separator or a bidirectional control); RFC 3986 section 2 allows none");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid URI (RFC 3986): "
          + e.getReason());
    }
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException(name + " is relative; an absolute URI is required (RFC"
          + " 6749 sections 3.1, 3.1.2)");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException(name + " has a fragment; RFC 6749 sections 3.1 and"
          + " 3.1.2 forbid one");
    }
    if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null
        && uri.getRawAuthority().indexOf('@') >= 0) {
      throw new IllegalArgumentException(name + " has userinfo (user@host); RFC 3986 section"
          + " 3.2.1 deprecates it and pkce4j refuses it");
    }
    return uri;
  }

  private static boolean isLoopbackRedirectHost(String host) {
    return host != null
        && (isLoopbackIpLiteral(host) || host.toLowerCase(Locale.ROOT).equals("localhost"));
  }

  /**
   * Whether {@code host} (as {@link URI#getHost()} gives it) is {@code [::1]} or an IPv4 address
   * in 127.0.0.0/8 spelled as four decimal octets 0–255 without leading zeros.
   */
  static boolean isLoopbackIpLiteral(String host) {
    if (host.equals("[::1]")) {
      return true;
    }
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || octet.length() > 1 && octet.charAt(0) == '0') {
        return false;
      }
      for (int i = 0; i < octet.length(); i++) {
        if (octet.charAt(i) < '0' || octet.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
