package io.github.pkce4j;

import io.github.pkce4j.internal.Base64Url;
import java.nio.charset.Charset;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A PKCE {@code code_verifier} (RFC 7636 §4.1): a high-entropy secret the client keeps until it
 * redeems the authorization code.
 *
 * <p>Generated verifiers are the unpadded base64url encoding of 32 to 96 random bytes, so they use
 * only {@code [A-Za-z0-9_-]}; some servers (Salesforce among them) refuse {@code ~} and {@code .},
 * which RFC 7636 allows but pkce4j never generates.
 *
 * <p>Security: the value is secret until the token request. {@link #toString()} prints
 * {@code CodeVerifier[redacted]}; the value is read only through {@link #value()}. There is
 * deliberately no {@code equals}: compare verifiers through a {@link CodeChallenge}, which does it
 * in constant time.
 *
 * @since 0.1.0
 */
public final class CodeVerifier {
  /** RFC 7636 §4.1: a verifier has at least 43 characters. */
  public static final int MIN_LENGTH = 43;
  /** RFC 7636 §4.1: a verifier has at most 128 characters. */
  public static final int MAX_LENGTH = 128;
  /** Random bytes in a default verifier: 256 bits, 43 characters (RFC 7636 §4.1, §7.1). */
  public static final int DEFAULT_ENTROPY_BYTES = 32;
  /** Fewest random bytes accepted by {@link #generate(SecureRandom, int)}: 43 characters. */
  public static final int MIN_ENTROPY_BYTES = 32;
  /** Most random bytes accepted by {@link #generate(SecureRandom, int)}: 128 characters. */
  public static final int MAX_ENTROPY_BYTES = 96;

  private static final Charset US_ASCII = Charset.forName("US-ASCII");

  /** The verifier's characters as ASCII bytes; never leaves this package. */
  private final byte[] ascii;

  private CodeVerifier(byte[] ascii) {
    this.ascii = ascii;
  }

  /** Generates a 43-character verifier from 32 bytes of the default {@code SecureRandom}. */
  public static CodeVerifier generate() {
    return generate(PkceConfig.defaults().secureRandom(), DEFAULT_ENTROPY_BYTES);
  }

  /** Generates a 43-character verifier from 32 bytes of the config's {@code SecureRandom}. */
  public static CodeVerifier generate(PkceConfig config) {
    return generate(Objects.requireNonNull(config, "config").secureRandom(), DEFAULT_ENTROPY_BYTES);
  }

  /** Generates a 43-character verifier from 32 bytes of {@code random}. */
  public static CodeVerifier generate(SecureRandom random) {
    return generate(random, DEFAULT_ENTROPY_BYTES);
  }

  /**
   * Generates a verifier from {@code entropyBytes} random bytes, encoded as unpadded base64url.
   *
   * @param random the source of randomness
   * @param entropyBytes 32 to 96 bytes, giving 43 to 128 characters
   * @throws IllegalArgumentException if {@code entropyBytes} is outside 32..96
   */
  public static CodeVerifier generate(SecureRandom random, int entropyBytes) {
    Objects.requireNonNull(random, "random");
    if (entropyBytes < MIN_ENTROPY_BYTES || entropyBytes > MAX_ENTROPY_BYTES) {
      throw new IllegalArgumentException("entropyBytes is " + entropyBytes
          + "; RFC 7636 §4.1 and §7.1 need 32 to 96 random bytes (43 to 128 characters)");
    }
    byte[] raw = new byte[entropyBytes];
    random.nextBytes(raw);
    byte[] ascii = Base64Url.encodeToAscii(raw);
    Arrays.fill(raw, (byte) 0);
    return new CodeVerifier(ascii);
  }

  /**
   * Parses a verifier strictly: 43 to 128 characters of {@code [A-Za-z0-9-._~]}, RFC 7636 §4.1.
   * No trimming, no padding, no other characters.
   *
   * @throws PkceException with {@code invalid_request}, naming the rule but never the value
   */
  public static CodeVerifier parse(CharSequence value) {
    return parse(value, "code_verifier");
  }

  /**
   * As {@link #parse(CharSequence)}, with {@code name} as the subject of the message, so that a
   * plain {@code code_challenge} (which is a verifier, RFC 7636 section 4.2) is refused under its
   * own name.
   */
  static CodeVerifier parse(CharSequence value, String name) {
    Objects.requireNonNull(value, "value");
    int length = value.length();
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new PkceException(PkceException.INVALID_REQUEST, name + " has " + length
          + " characters; RFC 7636 section 4.1 requires 43 to 128");
    }
    byte[] ascii = new byte[length];
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (!isUnreserved(c)) {
        Arrays.fill(ascii, (byte) 0);
        throw new PkceException(PkceException.INVALID_REQUEST, name + " has a character"
            + " outside [A-Za-z0-9-._~] at index " + i
            + "; RFC 7636 section 4.1 allows only these");
      }
      ascii[i] = (byte) c;
    }
    return new CodeVerifier(ascii);
  }

  /** RFC 3986 §2.3 unreserved characters, the verifier alphabet of RFC 7636 §4.1. */
  static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  /**
   * The verifier's value, for the {@code code_verifier} parameter of the token request.
   *
   * <p>Security: this is the secret PKCE protects. Send it only to the token endpoint over TLS,
   * and do not log it.
   */
  public String value() {
    return new String(ascii, US_ASCII);
  }

  /** Number of characters, 43 to 128; not secret. */
  public int length() {
    return ascii.length;
  }

  /** The ASCII bytes, shared with {@link CodeChallenge}; callers must not modify them. */
  byte[] ascii() {
    return ascii;
  }

  /** Returns {@code CodeVerifier[redacted]}; the value is never printed. */
  @Override
  public String toString() {
    return "CodeVerifier[redacted]";
  }
}
