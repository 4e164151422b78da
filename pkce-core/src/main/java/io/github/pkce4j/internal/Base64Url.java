package io.github.pkce4j.internal;

/**
 * Unpadded base64url (RFC 4648 §5) as RFC 7636 Appendix A uses it. Works on small arrays without
 * {@code java.util.Base64}, which Android API 21 lacks.
 */
public final class Base64Url {
  private static final String CHARACTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /**
   * Bytes of unused array around each table, so that no other object shares a cache line (64
   * bytes, or 128 with adjacent-line prefetch) with it. Every thread that encodes or decodes reads
   * these tables; without the margin the garbage collector can move a table next to an object
   * that a thread writes on every call, such as a pooled digest's buffer, and each write then
   * takes the line from every reader. Measured on 2 cores (JDK 17, a thread-confined digest and
   * this encoder, M ops/s at 1 and 2 threads): 9.5 and 5 to 9.6 with the table bare, 8.5 and 18
   * with the margin (see the benchmarks README).
   */
  static final int MARGIN = 128;

  /** The 64 characters as ASCII bytes, at {@code ENCODE[MARGIN + value]}. */
  private static final byte[] ENCODE = new byte[MARGIN + 64 + MARGIN];

  /**
   * Decoding table for chars 0..127 at {@code DECODE[MARGIN + c]}; -1 marks a char outside the
   * alphabet.
   */
  private static final byte[] DECODE = new byte[MARGIN + 128 + MARGIN];

  /** {@link #MARGIN} in {@code short}s. */
  private static final int PAIR_MARGIN = MARGIN / 2;

  /**
   * The two characters of every 12-bit value, first one in the high byte, at {@code
   * PAIRS[PAIR_MARGIN + value]}: half the table reads of one character at a time (8 KiB).
   */
  private static final short[] PAIRS = new short[PAIR_MARGIN + 4096 + PAIR_MARGIN];

  static {
    java.util.Arrays.fill(DECODE, MARGIN, MARGIN + 128, (byte) -1);
    for (int i = 0; i < CHARACTERS.length(); i++) {
      ENCODE[MARGIN + i] = (byte) CHARACTERS.charAt(i);
      DECODE[MARGIN + CHARACTERS.charAt(i)] = (byte) i;
    }
    for (int v = 0; v < 4096; v++) {
      PAIRS[PAIR_MARGIN + v] =
          (short) (ENCODE[MARGIN + (v >>> 6)] << 8 | ENCODE[MARGIN + (v & 0x3f)]);
    }
  }

  private Base64Url() {}

  /** Number of unpadded base64url characters that encode {@code byteCount} bytes. */
  public static int encodedLength(int byteCount) {
    return (byteCount * 4 + 2) / 3;
  }

  /** Encodes {@code in} as unpadded base64url and returns the characters as ASCII bytes. */
  public static byte[] encodeToAscii(byte[] in) {
    byte[] out = new byte[encodedLength(in.length)];
    encode(in, in.length, out);
    return out;
  }

  /**
   * Encodes {@code in[0..length)} as an unpadded base64url string, using {@code scratch} (at
   * least {@link #encodedLength(int) encodedLength(length)} bytes) for the characters, so the
   * string's own array is the only one allocated.
   */
  @SuppressWarnings("deprecation") // String(byte[], int, int, int) copies ASCII without a decoder.
  public static String encodeToString(byte[] in, int length, byte[] scratch) {
    return new String(scratch, 0, 0, encode(in, length, scratch));
  }

  /** Writes the unpadded base64url of {@code in[0..length)} into {@code out}; returns its length. */
  private static int encode(byte[] in, int length, byte[] out) {
    int o = 0;
    int i = 0;
    int full = length - length % 3;
    for (; i < full; i += 3) {
      int b = (in[i] & 0xff) << 16 | (in[i + 1] & 0xff) << 8 | (in[i + 2] & 0xff);
      int high = PAIRS[PAIR_MARGIN + (b >>> 12)];
      int low = PAIRS[PAIR_MARGIN + (b & 0xfff)];
      out[o] = (byte) (high >>> 8);
      out[o + 1] = (byte) high;
      out[o + 2] = (byte) (low >>> 8);
      out[o + 3] = (byte) low;
      o += 4;
    }
    int rest = length - full;
    if (rest == 1) {
      int b = (in[i] & 0xff) << 16;
      out[o++] = ENCODE[MARGIN + (b >>> 18)];
      out[o++] = ENCODE[MARGIN + ((b >>> 12) & 0x3f)];
    } else if (rest == 2) {
      int b = (in[i] & 0xff) << 16 | (in[i + 1] & 0xff) << 8;
      out[o++] = ENCODE[MARGIN + (b >>> 18)];
      out[o++] = ENCODE[MARGIN + ((b >>> 12) & 0x3f)];
      out[o++] = ENCODE[MARGIN + ((b >>> 6) & 0x3f)];
    }
    return o;
  }

  /** Encodes {@code in} as an unpadded base64url string. */
  @SuppressWarnings("deprecation") // String(byte[], int, int, int) copies ASCII without a decoder.
  public static String encode(byte[] in) {
    byte[] ascii = encodeToAscii(in);
    return new String(ascii, 0, 0, ascii.length);
  }

  /**
   * Encodes {@code in} as padded standard base64 (RFC 4648 §4), as HTTP Basic authentication
   * needs (RFC 7617 §2). Derived from the base64url form: the alphabets differ only in two chars.
   */
  @SuppressWarnings("deprecation") // String(byte[], int, int, int) copies ASCII without a decoder.
  public static String encodeStandardPadded(byte[] in) {
    byte[] url = encodeToAscii(in);
    int padded = (url.length + 3) / 4 * 4;
    byte[] out = java.util.Arrays.copyOf(url, padded);
    for (int i = 0; i < padded; i++) {
      if (i >= url.length) {
        out[i] = '=';
      } else if (out[i] == '-') {
        out[i] = '+';
      } else if (out[i] == '_') {
        out[i] = '/';
      }
    }
    return new String(out, 0, 0, out.length);
  }

  /**
   * Decodes unpadded base64url strictly: only the 64 alphabet characters, no padding or white
   * space, a length that is not 1 modulo 4, and zero bits in the last character's unused
   * positions, so that every byte string has exactly one accepted encoding.
   *
   * @return the decoded bytes, or {@code null} if {@code s} is not canonical unpadded base64url
   */
  public static byte[] decodeOrNull(CharSequence s) {
    int len = s.length();
    if (len % 4 == 1) {
      return null;
    }
    byte[] out = new byte[len * 3 / 4];
    int o = 0;
    int acc = 0;
    int bits = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      int v = c < 128 ? DECODE[MARGIN + c] : -1;
      if (v < 0) {
        return null;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >>> bits);
        acc &= (1 << bits) - 1;
      }
    }
    if (acc != 0) {
      return null; // non-zero unused bits: a second spelling of the same bytes
    }
    return out;
  }
}
