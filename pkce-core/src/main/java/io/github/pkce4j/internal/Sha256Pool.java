package io.github.pkce4j.internal;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * SHA-256 digests for any number of threads, striped so that threads do not share what they
 * write: each thread has a home slot, picked by a hash of its id, and in the steady state takes
 * and returns only that slot's digest.
 *
 * <p>Why not the alternatives (measured by {@code DigestMechanismBenchmark} in the benchmarks
 * module): a new {@code MessageDigest} per call, by {@code getInstance} or by
 * {@code clone()}, allocates a few hundred bytes per hash, where verification should allocate
 * nothing; a {@code ThreadLocal} would keep a digest for each of possibly 100,000 virtual threads
 * and pin the provider's class loader to every pooled platform thread. A per-carrier digest
 * would be ideal for virtual threads but Java has no public API for it.
 *
 * <p>Slots are {@value #STRIDE} array elements apart (128 bytes or more), so two threads'
 * slots never share a cache line, and each slot's digest is made lazily by the first thread that
 * needs it, in that thread's allocation buffer. Taking a slot is one atomic swap that leaves a
 * {@code TAKEN} marker; giving it back is a release store, a plain store on x86. A thread that
 * finds its home taken (another thread with the same hash is hashing right now) reads the next
 * few slots and swaps only one that holds a digest or was never filled. Only when all of those
 * are taken (more threads hashing at this instant than slots probed, e.g. with many preempted
 * platform threads) does it make a digest for this one call; there is never a wait and no lock.
 * With virtual threads at most one slot per carrier is taken at any time, so 100,000 virtual
 * threads share the same few digests.
 */
public final class Sha256Pool {
  /** SHA-256 output size in bytes. */
  public static final int DIGEST_LENGTH = 32;
  /** SHA-256 output size in longs. */
  public static final int WORDS = 4;

  /** Array elements between two slots: 128 bytes with compressed references, 256 without. */
  static final int STRIDE = 32;
  /**
   * Fewest slots, whatever the core count. A platform thread preempted mid-hash keeps its slot
   * for its whole time slice, so with 64 threads on 2 cores and 8 slots most calls found every
   * probed slot taken and made a digest for one call: total throughput fell to 0.7x of one
   * thread's (ScalingBenchmark, 64 threads). An unfilled slot costs only its share of the
   * array, 128 bytes, so 64 slots cost 8 KiB and hold digests only where threads hashed.
   */
  static final int MIN_SLOTS = 64;
  /** Most slots: 256, for machines with 32 or more cores. */
  static final int MAX_SLOTS = 256;
  /** Slots a thread looks at before it makes a digest for one call. */
  static final int PROBES = 4;

  private static final String ALGORITHM = "SHA-256";
  /** Marks a slot whose digest a thread is using now. */
  private static final Slot TAKEN = new Slot(null);

  private final Provider provider;
  private final AtomicReferenceArray<Slot> slots;
  private final int indexBits;
  /** Digests made so far: once per slot filled, and once per call that found all probes taken. */
  private final AtomicInteger made = new AtomicInteger();

  /** One digest and the buffers it writes into; owned by one thread between take and give. */
  static final class Slot {
    final MessageDigest digest;
    final byte[] out = new byte[DIGEST_LENGTH];
    /** {@link #out} read as four big-endian longs, for a compare in four steps. */
    final ByteBuffer words = ByteBuffer.wrap(out);
    final byte[] ascii = new byte[Base64Url.encodedLength(DIGEST_LENGTH)];
    /** The array index this slot belongs to; -1 for a digest made for one call. */
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
    int size = Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 8);
    size = Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, size));
    this.indexBits = Integer.numberOfTrailingZeros(size);
    this.slots = new AtomicReferenceArray<Slot>(size * STRIDE);
    MessageDigest first = newDigest(provider);
    if (first.getDigestLength() != DIGEST_LENGTH) {
      throw new IllegalStateException("SHA-256 from provider " + first.getProvider().getName()
          + " has a " + first.getDigestLength() + "-byte output; RFC 7636 §4.2 S256 needs 32");
    }
    // Later digests come from the provider that answered, not from a new provider-list search.
    this.provider = first.getProvider();
    // The digest made to check the provider is kept, in the slot of the thread that made it.
    int home = home();
    Slot slot = new Slot(first);
    slot.home = home;
    slots.set(home, slot);
  }

  /** The provider the digests actually come from. */
  public Provider provider() {
    return provider;
  }

  /**
   * Returns SHA-256({@code input}) as unpadded base64url, encoded in the slot's own buffer so the
   * only new array is the string's, and writes the digest as four words into {@code words}.
   */
  public String digestBase64Url(byte[] input, long[] words) {
    if (words.length != WORDS) {
      throw new IllegalArgumentException("words has " + words.length + " longs; SHA-256 needs 4");
    }
    Slot slot = take();
    run(slot, input, slot.out);
    String encoded = Base64Url.encodeToString(slot.out, DIGEST_LENGTH, slot.ascii);
    for (int i = 0; i < WORDS; i++) {
      words[i] = slot.words.getLong(i * 8);
    }
    give(slot);
    return encoded;
  }

  /**
   * Whether SHA-256({@code input}) equals the digest {@code expected} (as {@link #words(byte[])}
   * gives it), compared in constant time: four 64-bit XORs, no early exit.
   */
  public boolean digestEquals(byte[] input, long[] expected) {
    Slot slot = take();
    run(slot, input, slot.out);
    ByteBuffer w = slot.words;
    long diff = (w.getLong(0) ^ expected[0]) | (w.getLong(8) ^ expected[1])
        | (w.getLong(16) ^ expected[2]) | (w.getLong(24) ^ expected[3]);
    give(slot);
    return diff == 0;
  }

  /** A 32-byte digest as four big-endian longs, the form {@link #digestEquals} compares. */
  public static long[] words(byte[] digest) {
    if (digest.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException("digest has " + digest.length + " bytes; SHA-256 has 32");
    }
    ByteBuffer buffer = ByteBuffer.wrap(digest);
    return new long[] {buffer.getLong(0), buffer.getLong(8), buffer.getLong(16), buffer.getLong(24)};
  }

  /**
   * Hashes into {@code out}; {@code digest(out, off, len)} leaves the digest reset. If the
   * provider throws midway, the half-fed digest is dropped and its slot emptied, so it is never
   * handed out again and the next thread there makes a fresh one.
   */
  private void run(Slot slot, byte[] input, byte[] out) {
    try {
      slot.digest.update(input, 0, input.length);
      slot.digest.digest(out, 0, DIGEST_LENGTH);
    } catch (DigestException e) {
      drop(slot);
      throw new IllegalStateException("SHA-256 digest failed", e);
    } catch (RuntimeException e) {
      drop(slot);
      throw e;
    }
  }

  private Slot take() {
    int home = home();
    Slot slot = slots.getAndSet(home, TAKEN);
    if (slot != TAKEN) {
      return slot != null ? slot : fill(home);
    }
    // Another thread with the same hash is hashing now. Read before swapping, so that probing
    // never writes to a slot that someone else is using.
    int mask = slots.length() - 1;
    for (int i = 1; i < PROBES; i++) {
      int index = (home + i * STRIDE) & mask;
      if (slots.get(index) != TAKEN) {
        slot = slots.getAndSet(index, TAKEN);
        if (slot != TAKEN) {
          return slot != null ? slot : fill(index);
        }
      }
    }
    return new Slot(newDigest(provider));
  }

  /** Fills an index this thread has just marked taken but which held no digest yet. */
  private Slot fill(int index) {
    Slot slot = new Slot(newDigest(provider));
    slot.home = index;
    return slot;
  }

  private void give(Slot slot) {
    if (slot.home >= 0) {
      // Release store: the digest's state is published with the slot. Only this thread holds
      // the index (it swapped TAKEN in), so nothing is overwritten.
      slots.lazySet(slot.home, slot);
    }
    // A digest made for one call is left for the garbage collector.
  }

  private void drop(Slot slot) {
    if (slot.home >= 0) {
      slots.set(slot.home, null);
    }
  }

  /** This thread's home index: a Fibonacci hash of its id, times the stride. */
  private int home() {
    long id = Thread.currentThread().getId();
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - indexBits)) * STRIDE;
  }

  /** Number of slots; a power of two from {@link #MIN_SLOTS} to {@link #MAX_SLOTS}. */
  int capacity() {
    return slots.length() / STRIDE;
  }

  /** Number of slots holding an idle digest right now; for tests. */
  int idleSlots() {
    int idle = 0;
    for (int i = 0; i < slots.length(); i += STRIDE) {
      Slot slot = slots.get(i);
      if (slot != null && slot != TAKEN) {
        idle++;
      }
    }
    return idle;
  }

  /** Number of slots a thread is using right now; for tests (0 once every call has returned). */
  int takenSlots() {
    int taken = 0;
    for (int i = 0; i < slots.length(); i += STRIDE) {
      if (slots.get(i) == TAKEN) {
        taken++;
      }
    }
    return taken;
  }

  /** Number of digests made since the pool was created; for tests. */
  int digestsMade() {
    return made.get();
  }

  private MessageDigest newDigest(Provider from) {
    made.incrementAndGet();
    try {
      return from == null
          ? MessageDigest.getInstance(ALGORITHM)
          : MessageDigest.getInstance(ALGORITHM, from);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available"
          + (from == null ? "" : " from provider " + from.getName())
          + "; RFC 7636 §4.2 S256 needs it, and pkce4j never falls back to plain", e);
    }
  }
}
