package io.github.pkce4j.client.internal;

import io.github.pkce4j.internal.Base64Url;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** JSON Web Key thumbprints (RFC 7638), for any key type: the caller names the required members. */
public final class Jwk {
  /** Orders member names by Unicode code point, as RFC 7638 section 3.3 requires. */
  private static final Comparator<String> CODE_POINT_ORDER = new Comparator<String>() {
    @Override
    public int compare(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        int ca = a.codePointAt(i);
        int cb = b.codePointAt(j);
        if (ca != cb) {
          return ca < cb ? -1 : 1;
        }
        i += Character.charCount(ca);
        j += Character.charCount(cb);
      }
      return (a.length() - i) - (b.length() - j);
    }
  };

  private Jwk() {}

  /**
   * The canonical JSON of a JWK's required members (RFC 7638 section 3.2): the members sorted by
   * code point, no whitespace, each value a JSON string.
   */
  public static String canonical(Map<String, String> requiredMembers) {
    List<String> names = new ArrayList<String>(requiredMembers.keySet());
    Collections.sort(names, CODE_POINT_ORDER);
    JsonWriter json = JsonWriter.object();
    for (String name : names) {
      json.string(name, requiredMembers.get(name));
    }
    return json.end();
  }

  /**
   * The base64url SHA-256 thumbprint of the canonical JSON (RFC 7638 section 3.1), with SHA-256
   * from {@code sha256Provider}.
   */
  public static String thumbprint(Map<String, String> requiredMembers, Provider sha256Provider) {
    return Base64Url.encode(sha256(
        canonical(requiredMembers).getBytes(UrlEncoding.UTF_8), sha256Provider));
  }

  /** SHA-256 of {@code input} from {@code provider}; no fallback to another provider. */
  public static byte[] sha256(byte[] input, Provider provider) {
    try {
      return MessageDigest.getInstance("SHA-256", provider).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available from " + provider.getName(), e);
    }
  }
}
