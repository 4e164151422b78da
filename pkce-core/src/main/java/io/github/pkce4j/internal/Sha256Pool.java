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
 * nothing or close to it; a {@code ThreadLocal} would keep a digest for each of possibly 100,000
 * virtual threads and pin the provider's class loader to every pooled platform thread. A
 * per-carrier digest would be ideal for virtual threads but Java has no public API for it.
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
 *
 * <p>A slot's digest and buffers are made anew, by the thread giving it back, after every
 * {@value #RENEW_AFTER} uses. Objects that survive a garbage collection are copied next to each
 * other, so after one a thread's digest state, written on every call, can share a cache line
 * with another thread's, or with a table every thread reads; each write then takes the line from
 * the other core. That made S256 at 2 threads run at 0.5x to 0.9x of one thread's throughput,
 * varying from run to run and within a run (JDK 17, 2 cores). Made anew, the state is in the
 * writing thread's own allocation buffer again within about a millisecond of a collection; that
 * measured 1.86x, for 0.11 byte allocated per call on average (see the benchmarks README).
 */
public final class Sha256Pool {
  /** SHA-256 output size in bytes. */
  public static final int DIGEST_LENGTH = 32;

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
  /**
   * Uses after which a slot's digest and buffers are made anew: often enough that state a
   * collection moved next to another thread's is left behind within about a millisecond, rarely
   * enough that the new digest (a few hundred bytes) costs about 0.1 byte per call.
   */
  static final int RENEW_AFTER = 4096;
  /** Slots a thread looks at before it makes a digest for one call. */
  static final int PROBES = 4;

  private static final String ALGORITHM = "SHA-256";
  /** The home of a digest made for one call, which is not given back. */
  private static final int NO_HOME = -1;
  /** Marks a slot whose digest a thread is using now. */
  private static final Slot TAKEN = new Slot(null, NO_HOME);
  /**
   * Marks a slot no digest has been made for yet. Like {@link #TAKEN} it has no digest, so that
   * one test in {@link #take} finds both.
   */
  private static final Slot EMPTY = new Slot(null, NO_HOME);

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
    /** The array index this slot belongs to; {@link #NO_HOME} for a digest made for one call. */
    final int home;
    /** Calls since this slot's digest and buffers were made. */
    int uses;

    Slot(MessageDigest digest, int home) {
      this.digest = digest;
      this.home = home;
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
    // A stride of unused elements before the first slot and after the last, so that neither
    // shares a cache line with the array's header, which every call reads for the bounds check,
    // nor with whatever object the collector puts next to the array.
    this.slots = new AtomicReferenceArray<Slot>((size + 2) * STRIDE);
    for (int i = 0; i < size; i++) {
      slots.set(index(i), EMPTY);
    }
    MessageDigest first = newDigest(provider);
    if (first.getDigestLength() != DIGEST_LENGTH) {
      throw new IllegalStateException("SHA-256 from provider " + first.getProvider().getName()
          + " has a " + first.getDigestLength() + "-byte output; RFC 7636 §4.2 S256 needs 32");
    }
    // Later digests come from the provider that answered, not from a new provider-list search.
    this.provider = first.getProvider();
    // The digest made to check the provider is kept, in the slot of the thread that made it.
    int home = home();
    slots.set(home, new Slot(first, home));
  }

  /** The provider the digests actually come from. */
  public Provider provider() {
    return provider;
  }

  /**
   * What {@link #digestBase64Url(byte[], Digested)} makes of a digest: the caller's own object,
   * built from the values, so that hashing allocates nothing but that object and the string.
   *
   * @param <T> the result type
   */
  public interface Digested<T> {
    /**
     * Called once per digest, after the slot has been given back.
     *
     * @param base64Url the digest as unpadded base64url
     * @param w0 bytes 0 to 7 of the digest, big-endian
     * @param w1 bytes 8 to 15
     * @param w2 bytes 16 to 23
     * @param w3 bytes 24 to 31
     * @return the caller's result
     */
    T of(String base64Url, long w0, long w1, long w2, long w3);
  }

  /**
   * Hashes {@code input} and hands SHA-256({@code input}) to {@code result} as unpadded base64url
   * and as four words. The base64url is encoded in the slot's own buffer, so the only new arrays
   * are the string's and whatever {@code result} makes.
   */
  public <T> T digestBase64Url(byte[] input, Digested<T> result) {
    Slot slot = take();
    run(slot, input, slot.out);
    String encoded = Base64Url.encodeToString(slot.out, DIGEST_LENGTH, slot.ascii);
    ByteBuffer w = slot.words;
    long w0 = w.getLong(0);
    long w1 = w.getLong(8);
    long w2 = w.getLong(16);
    long w3 = w.getLong(24);
    give(slot);
    return result.of(encoded, w0, w1, w2, w3);
  }

  /**
   * Whether SHA-256({@code input}) equals the digest {@code e0..e3} (as {@link #words(byte[])}
   * gives it), compared in constant time: four 64-bit XORs, no early exit.
   */
  public boolean digestEquals(byte[] input, long e0, long e1, long e2, long e3) {
    Slot slot = take();
    run(slot, input, slot.out);
    ByteBuffer w = slot.words;
    long diff = (w.getLong(0) ^ e0) | (w.getLong(8) ^ e1) | (w.getLong(16) ^ e2)
        | (w.getLong(24) ^ e3);
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

  /**
   * This thread's home slot, if it holds an idle digest; otherwise {@link #takeUncommon}.
   *
   * <p>The common path has one branch, taken for every uncommon case together (home taken by
   * another thread, or never filled), and {@link #give} has one too. HotSpot compiles a branch
   * its profile has never seen taken into a trap; when it is taken after all, the compiled caller
   * is thrown away and compiled again from a new profile. On a JVM with 64 busy threads on 2
   * cores the compiler threads are starved, so that takes seconds, and meanwhile every thread
   * runs C1 code, which lacks the SHA-256 intrinsic. With the probing's four rare branches inline
   * in the caller, verification at 64 threads ran at 1 to 3 ops/µs instead of 25 for 5 to over
   * 50 seconds, one trap after another (JDK 17, ScalingBenchmark and a plain loop; the traps seen
   * with -XX:+LogCompilation). The uncommon cases are in methods of their own, which C2 does not
   * inline at a call site this rare, so a trap in them throws away only that method.
   */
  private Slot take() {
    int home = home();
    Slot slot = slots.getAndSet(home, TAKEN);
    if (slot.digest == null) {
      slot = takeUncommon(home, slot);
    }
    return slot;
  }

  /**
   * Takes a digest when the home slot held none: {@code found} is {@link #EMPTY} (this thread
   * now holds the home index and fills it) or {@link #TAKEN} (another thread with the same hash
   * is hashing now, so a few neighbours are probed, and if all of them are taken too a digest is
   * made for this one call).
   */
  private Slot takeUncommon(int home, Slot found) {
    if (found == EMPTY) {
      return fill(home);
    }
    int mask = capacity() - 1;
    int number = home / STRIDE - 1;
    for (int i = 1; i < PROBES; i++) {
      int index = index((number + i) & mask);
      // Read before swapping, so that probing never writes to a slot someone else is using.
      if (slots.get(index) != TAKEN) {
        Slot slot = slots.getAndSet(index, TAKEN);
        if (slot == EMPTY) {
          return fill(index);
        }
        if (slot != TAKEN) {
          return slot;
        }
      }
    }
    Slot once = new Slot(newDigest(provider), NO_HOME);
    // So that give() sends it down its one uncommon branch, which leaves it to the collector.
    once.uses = RENEW_AFTER - 1;
    return once;
  }

  /** A new slot, in this thread's allocation buffer, for an index this thread has marked taken. */
  private Slot fill(int index) {
    return new Slot(newDigest(provider), index);
  }

  /** Gives a slot back; its one branch is taken every {@value #RENEW_AFTER} uses. */
  private void give(Slot slot) {
    if (++slot.uses == RENEW_AFTER) {
      giveUncommon(slot);
      return;
    }
    // Release store: the digest's state is published with the slot. Only this thread holds
    // the index (it swapped TAKEN in), so nothing is overwritten.
    slots.lazySet(slot.home, slot);
  }

  /** Renews a pooled slot at {@value #RENEW_AFTER} uses; leaves a one-call digest to the GC. */
  private void giveUncommon(Slot slot) {
    if (slot.home != NO_HOME) {
      slots.lazySet(slot.home, renewed(slot));
    }
  }

  /**
   * A new slot for {@code old}'s index, made in this thread's allocation buffer; {@code old}
   * itself, counted from zero again, if the provider fails to make a digest now, however it
   * fails (the old digest is still good, and the hash the caller asked for has been done; letting
   * the failure out would also leave the slot taken for good).
   */
  private Slot renewed(Slot old) {
    try {
      return fill(old.home);
    } catch (RuntimeException e) {
      old.uses = 0;
      return old;
    }
  }

  private void drop(Slot slot) {
    if (slot.home != NO_HOME) {
      slots.set(slot.home, EMPTY);
    }
  }

  /** This thread's home index: the slot numbered by a Fibonacci hash of its id. */
  private int home() {
    long id = Thread.currentThread().getId();
    return index((int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - indexBits)));
  }

  /** The array index of slot {@code number}: after the leading stride, a stride apart. */
  private static int index(int number) {
    return (number + 1) * STRIDE;
  }

  /** Number of slots; a power of two from {@link #MIN_SLOTS} to {@link #MAX_SLOTS}. */
  int capacity() {
    return 1 << indexBits;
  }

  /** Number of slots holding an idle digest right now; for tests. */
  int idleSlots() {
    int idle = 0;
    for (int i = 0; i < capacity(); i++) {
      Slot slot = slots.get(index(i));
      if (slot != EMPTY && slot != TAKEN) {
        idle++;
      }
    }
    return idle;
  }

  /** Number of slots a thread is using right now; for tests (0 once every call has returned). */
  int takenSlots() {
    int taken = 0;
    for (int i = 0; i < capacity(); i++) {
      if (slots.get(index(i)) == TAKEN) {
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
    try {
      MessageDigest digest = from == null
          ? MessageDigest.getInstance(ALGORITHM)
          : MessageDigest.getInstance(ALGORITHM, from);
      made.incrementAndGet();
      return digest;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available"
          + (from == null ? "" : " from provider " + from.getName())
          + "; RFC 7636 §4.2 S256 needs it, and pkce4j never falls back to plain", e);
    }
  }
}
