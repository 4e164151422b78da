package io.github.pkce4j.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of SHA-256 digests with their output buffers.
 *
 * <p>Why a pool: {@code MessageDigest.getInstance} walks the provider list on every call, and a
 * {@code ThreadLocal} would build a digest for each of possibly millions of virtual threads. A
 * fixed array of slots costs neither. Taking a slot is one atomic swap; giving it back is a
 * release store into the index it came from, which on x86 is a plain store (no locked
 * instruction): if another thread has parked a slot there meanwhile, that idle slot is simply
 * dropped, which is safe because only a swap ever hands a slot out. When every slot is busy a
 * fresh digest is made and dropped afterwards, so there is never a wait.
 */
public final class Sha256Pool {
  /** SHA-256 output size in bytes. */
  public static final int DIGEST_LENGTH = 32;

  private static final String ALGORITHM = "SHA-256";

  private final Provider provider; // null: the platform's provider list
  private final Provider resolvedProvider;
  private final AtomicReferenceArray<Slot> slots;
  private final int mask;
  /** Digests made so far: once per slot, and again only when every slot is busy. */
  private final AtomicInteger made = new AtomicInteger();

  /** One digest and the buffer it writes into; owned by one thread between take and give. */
  static final class Slot {
    final MessageDigest digest;
    final byte[] out = new byte[DIGEST_LENGTH];
    /** The index this slot was taken from; -1 for a slot made because every index was empty. */
    int home = -1;

    Slot(MessageDigest digest) {
      this.digest = digest;
    }
  }

  /**
   * Creates a pool, failing at once if SHA-256 cannot be had: pkce4j never downgrades to plain.
   *
   * @param provider the JCA provider to take SHA-256 from, or {@code null} for the platform's
   * @throws IllegalStateException if the provider has no SHA-256 or gives a digest of another size
   */
  public Sha256Pool(Provider provider) {
    this.provider = provider;
    int size = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 4);
    if (size > 64) {
      size = 64;
    }
    this.slots = new AtomicReferenceArray<Slot>(size);
    this.mask = size - 1;
    Slot first = newSlot();
    if (first.digest.getDigestLength() != DIGEST_LENGTH) {
      throw new IllegalStateException("SHA-256 from provider " + first.digest.getProvider().getName()
          + " has a " + first.digest.getDigestLength() + "-byte output; RFC 7636 §4.2 S256 needs 32");
    }
    this.resolvedProvider = first.digest.getProvider();
    slots.set(0, first);
  }

  /** The provider the digests actually come from. */
  public Provider provider() {
    return resolvedProvider;
  }

  /** Writes SHA-256({@code input}) into {@code out[0..32)}. */
  public void digest(byte[] input, byte[] out) {
    if (out.length < DIGEST_LENGTH) {
      throw new IllegalArgumentException("out has " + out.length + " bytes; SHA-256 needs 32");
    }
    Slot slot = take();
    run(slot, input, out);
    give(slot);
  }

  /** Whether SHA-256({@code input}) equals {@code expected}, compared in constant time. */
  public boolean digestEquals(byte[] input, byte[] expected) {
    Slot slot = take();
    run(slot, input, slot.out);
    boolean equal = ConstantTime.equals(slot.out, expected);
    give(slot);
    return equal;
  }

  /**
   * Hashes into {@code out}. {@code digest(out, off, len)} leaves the digest reset; if anything
   * throws midway, the slot is reset and not returned to the pool, so a half-fed digest is never
   * handed out again.
   */
  private static void run(Slot slot, byte[] input, byte[] out) {
    try {
      slot.digest.update(input, 0, input.length);
      slot.digest.digest(out, 0, DIGEST_LENGTH);
    } catch (DigestException e) {
      slot.digest.reset();
      throw new IllegalStateException("SHA-256 digest failed", e);
    } catch (RuntimeException e) {
      slot.digest.reset();
      throw e;
    }
  }

  /** Number of slots; a power of two from 8 to 64. */
  int capacity() {
    return mask + 1;
  }

  /** Number of slots holding an idle digest right now; for tests. */
  int idleSlots() {
    int idle = 0;
    for (int i = 0; i <= mask; i++) {
      if (slots.get(i) != null) {
        idle++;
      }
    }
    return idle;
  }

  private Slot take() {
    int start = (int) Thread.currentThread().getId();
    for (int i = 0; i <= mask; i++) {
      int index = (start + i) & mask;
      Slot slot = slots.getAndSet(index, null);
      if (slot != null) {
        slot.home = index;
        return slot;
      }
    }
    return newSlot();
  }

  private void give(Slot slot) {
    int home = slot.home;
    if (home >= 0) {
      // Release store: the digest's state is published with the slot. See the class comment.
      slots.lazySet(home, slot);
      return;
    }
    // A slot made because every index was empty: park it in a free index if there is one.
    int start = (int) Thread.currentThread().getId();
    for (int i = 0; i <= mask; i++) {
      int index = (start + i) & mask;
      if (slots.compareAndSet(index, null, slot)) {
        return;
      }
    }
    // Every index is full: drop this one for the garbage collector.
  }

  /** Number of digests made since the pool was created; for tests. */
  int digestsMade() {
    return made.get();
  }

  private Slot newSlot() {
    made.incrementAndGet();
    try {
      MessageDigest md = provider == null
          ? MessageDigest.getInstance(ALGORITHM)
          : MessageDigest.getInstance(ALGORITHM, provider);
      return new Slot(md);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available"
          + (provider == null ? "" : " from provider " + provider.getName())
          + "; RFC 7636 §4.2 S256 needs it, and pkce4j never falls back to plain", e);
    }
  }
}
