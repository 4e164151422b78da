package io.github.pkce4j;

import java.security.SecureRandom;

/** A SecureRandom that returns given bytes, then fails: proves which source a method used. */
final class FixedBytesRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte[] bytes;
  private int used;

  FixedBytesRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (used + out.length > bytes.length) {
      throw new IllegalStateException("FixedBytesRandom has no more bytes");
    }
    System.arraycopy(bytes, used, out, 0, out.length);
    used += out.length;
  }

  int used() {
    return used;
  }
}
