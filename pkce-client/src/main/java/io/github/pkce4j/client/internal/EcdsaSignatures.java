package io.github.pkce4j.client.internal;

/**
 * ECDSA signatures from JCA's DER form ({@code SEQUENCE { INTEGER r, INTEGER s }}, RFC 3279
 * section 2.2.3) to the JOSE form, {@code R || S} with each integer left-padded to the
 * curve's size (RFC 7518 section 3.4).
 */
public final class EcdsaSignatures {
  private EcdsaSignatures() {}

  /**
   * Converts a DER signature strictly: one SEQUENCE with short-form lengths holding exactly two
   * positive, minimally encoded INTEGERs of at most {@code size} bytes each, and nothing after
   * it.
   *
   * @param size bytes per integer: 32 for P-256
   * @throws IllegalArgumentException naming the rule the encoding broke (never its bytes)
   */
  public static byte[] derToJose(byte[] der, int size) {
    if (der.length < 8 || (der[0] & 0xff) != 0x30) {
      throw malformed("does not start with a DER SEQUENCE");
    }
    int sequenceLength = der[1] & 0xff;
    if (sequenceLength != der.length - 2) {
      throw malformed("SEQUENCE length " + sequenceLength + " does not match the "
          + (der.length - 2) + " bytes that follow (short-form lengths only)");
    }
    byte[] jose = new byte[2 * size];
    int next = readInteger(der, 2, jose, 0, size);
    next = readInteger(der, next, jose, size, size);
    if (next != der.length) {
      throw malformed("has " + (der.length - next) + " bytes after the two INTEGERs");
    }
    return jose;
  }

  /** Reads one INTEGER at {@code offset} into {@code out[at..at+size)}; returns the next offset. */
  private static int readInteger(byte[] der, int offset, byte[] out, int at, int size) {
    if (offset + 2 > der.length || (der[offset] & 0xff) != 0x02) {
      throw malformed("lacks an INTEGER at offset " + offset);
    }
    int length = der[offset + 1] & 0xff;
    int start = offset + 2;
    if (length == 0 || length > size + 1 || start + length > der.length) {
      throw malformed("has an INTEGER of length " + length + " at offset " + offset);
    }
    if ((der[start] & 0x80) != 0) {
      throw malformed("has a negative INTEGER at offset " + offset);
    }
    if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
      throw malformed("has a non-minimal INTEGER at offset " + offset);
    }
    int valueStart = der[start] == 0 ? start + 1 : start;
    int valueLength = start + length - valueStart;
    if (valueLength == 0 || valueLength > size) {
      throw malformed("has an INTEGER out of range at offset " + offset);
    }
    System.arraycopy(der, valueStart, out, at + size - valueLength, valueLength);
    return start + length;
  }

  private static IllegalArgumentException malformed(String problem) {
    return new IllegalArgumentException("ECDSA signature " + problem + " (RFC 3279 section"
        + " 2.2.3)");
  }
}
