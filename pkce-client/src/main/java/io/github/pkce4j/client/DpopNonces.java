package io.github.pkce4j.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest {@code DPoP-Nonce} of each server (RFC 9449 sections 8 and 9), by origin, so the
 * next proof to that server carries it. Bounded: the {@value #MAX_SERVERS} servers used most
 * recently are kept. Thread-safe.
 */
final class DpopNonces {
  /** Servers remembered at most; the least recently used is forgotten first. */
  static final int MAX_SERVERS = 32;
  /** Longest nonce accepted, in characters. */
  static final int MAX_NONCE_CHARS = 1024;

  private final Map<String, String> byOrigin = new LinkedHashMap<String, String>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_SERVERS;
    }
  };

  synchronized String nonceOrNull(String origin) {
    return byOrigin.get(origin);
  }

  synchronized void remember(String origin, String nonce) {
    byOrigin.put(origin, nonce);
  }

  /**
   * RFC 9449 section 8.1: {@code nonce = 1*NQCHAR}, {@code NQCHAR = %x21 / %x23-5B / %x5D-7E};
   * here also at most {@value #MAX_NONCE_CHARS} characters.
   */
  static boolean isNonce(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_NONCE_CHARS) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
