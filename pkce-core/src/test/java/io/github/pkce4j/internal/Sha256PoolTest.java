package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class Sha256PoolTest {
  /** The independent reference: a fresh JDK digest and java.util.Base64 for every answer. */
  private static byte[] jdkSha256(byte[] in) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(in);
  }

  private static String jdkS256(byte[] in) throws NoSuchAlgorithmException {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(jdkSha256(in));
  }

  /** The pool's answer in both forms: the base64url string and the four words. */
  private static final Sha256Pool.Digested<Object[]> BOTH =
      (text, w0, w1, w2, w3) -> new Object[] {text, new long[] {w0, w1, w2, w3}};
  /** The pool's answer as base64url only. */
  private static final Sha256Pool.Digested<String> TEXT = (text, w0, w1, w2, w3) -> text;

  /** The pool's constant-time comparison of SHA-256(in) with {@code digest}. */
  private static boolean digestEquals(Sha256Pool pool, byte[] in, byte[] digest) {
    long[] w = Sha256Pool.words(digest);
    return pool.digestEquals(in, w[0], w[1], w[2], w[3]);
  }

  private static byte[] input(String label, int i) {
    return (label + "-" + i + "-dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void everyOperation_matchesJdk_forEveryLengthTo200() throws Exception {
    Sha256Pool pool = new Sha256Pool(null);
    for (int len = 0; len <= 200; len++) {
      byte[] in = new byte[len];
      for (int i = 0; i < len; i++) {
        in[i] = (byte) (i * 31 + len);
      }
      Object[] both = pool.digestBase64Url(in, BOTH);
      assertEquals(jdkS256(in), both[0], "length " + len);
      assertArrayEquals(Sha256Pool.words(jdkSha256(in)), (long[]) both[1], "length " + len);
      assertTrue(digestEquals(pool, in, jdkSha256(in)));
      for (int bit = 0; bit < 256; bit++) {
        byte[] wrong = jdkSha256(in);
        wrong[bit / 8] ^= (byte) (1 << (bit % 8));
        assertFalse(digestEquals(pool, in, wrong), "bit " + bit);
      }
    }
    assertEquals(0, pool.takenSlots());
  }

  @Test
  void wordsOfAnotherLength_throw() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sha256Pool.words(new byte[31]));
    assertEquals("digest has 31 bytes; SHA-256 has 32", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Sha256Pool.words(new byte[33]));
  }

  @Test
  void words_areBigEndianLongs() {
    byte[] digest = new byte[32];
    for (int i = 0; i < 32; i++) {
      digest[i] = (byte) i;
    }
    assertArrayEquals(new long[] {0x0001020304050607L, 0x08090a0b0c0d0e0fL, 0x1011121314151617L,
        0x18191a1b1c1d1e1fL}, Sha256Pool.words(digest));
  }

  /** Checks every operation on {@code in} against the JDK; returns the number of wrong answers. */
  private static int wrongAnswers(Sha256Pool pool, byte[] in, byte[] expected, String s256) {
    Object[] both = pool.digestBase64Url(in, BOTH);
    int wrong = s256.equals(both[0]) ? 0 : 1;
    wrong += java.util.Arrays.equals(Sha256Pool.words(expected), (long[]) both[1]) ? 0 : 1;
    wrong += digestEquals(pool, in, expected) ? 0 : 1;
    byte[] other = expected.clone();
    other[0] ^= 1;
    wrong += digestEquals(pool, in, other) ? 1 : 0;
    return wrong;
  }

  @Test
  void sixtyFourPlatformThreads_allAnswersMatchJdk_andNoSlotIsLost() throws Exception {
    // Far more threads than slots, all released at once, so homes collide, probes run and
    // some calls find every probed slot taken.
    Sha256Pool pool = new Sha256Pool(null);
    int threads = 64;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      byte[] in = input("platform", t);
      byte[] expected = jdkSha256(in);
      String s256 = jdkS256(in);
      // 4 calls a round. A quarter of the threads make more calls than RENEW_AFTER, so slots
      // are made anew while other threads probe, take and give back around them; the rest stop
      // sooner, which keeps this test cheap enough to run for every mutant.
      int rounds = t % 4 == 0 ? Sha256Pool.RENEW_AFTER / 4 + 100 : 500;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < rounds; i++) {
            wrong.addAndGet(wrongAnswers(pool, in, expected, s256));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          wrong.incrementAndGet();
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    assertEquals(0, wrong.get());
    assertEquals(0, pool.takenSlots(), "every slot taken was given back");
    assertTrue(pool.idleSlots() <= pool.capacity());
  }

  @Test
  void hundredThousandVirtualThreads_allAnswersMatchJdk_andShareAFewDigests() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      Assumptions.abort("virtual threads need JDK 21+; this test runs on Java "
          + System.getProperty("java.specification.version"));
      return;
    }
    Sha256Pool pool = new Sha256Pool(null);
    int tasks = 100_000;
    byte[][] inputs = new byte[64][];
    byte[][] expected = new byte[64][];
    String[] s256 = new String[64];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = input("virtual", i);
      expected[i] = jdkSha256(inputs[i]);
      s256[i] = jdkS256(inputs[i]);
    }
    AtomicInteger wrong = new AtomicInteger();
    ExecutorService executor = (ExecutorService) factory.invoke(null);
    for (int t = 0; t < tasks; t++) {
      int i = t % inputs.length;
      executor.execute(() -> {
        int w = wrongAnswers(pool, inputs[i], expected[i], s256[i]);
        // Unmount between hashes, so the virtual threads are alive at the same time and
        // interleave on the carriers.
        Thread.yield();
        w += wrongAnswers(pool, inputs[i], expected[i], s256[i]);
        if (w != 0) {
          wrong.addAndGet(w);
        }
      });
    }
    executor.shutdown();
    assertTrue(executor.awaitTermination(5, TimeUnit.MINUTES));
    assertEquals(0, wrong.get());
    assertEquals(0, pool.takenSlots(), "every slot taken was given back");
    // Nothing per virtual thread: the digests made are a handful for the slots, plus the rare
    // call that found every probed slot taken, never one per virtual thread.
    assertTrue(pool.digestsMade() < tasks / 100, pool.digestsMade() + " digests made");
  }

  @Test
  void oneThread_reusesOneDigest() {
    Sha256Pool pool = new Sha256Pool(null);
    int capacity = pool.capacity();
    assertEquals(capacity & -capacity, capacity, "a power of two");
    assertTrue(capacity >= Sha256Pool.MIN_SLOTS && capacity <= Sha256Pool.MAX_SLOTS,
        "capacity " + capacity);
    assertEquals(1, pool.idleSlots(), "the digest made to check the provider is kept");
    for (int i = 0; i < 10; i++) {
      pool.digestEquals(new byte[] {(byte) i}, 0, 0, 0, 0);
      pool.digestBase64Url(new byte[] {(byte) i}, TEXT);
    }
    assertEquals(1, pool.idleSlots(), "one thread reuses one digest");
    assertEquals(1, pool.digestsMade(), "no digest is lost or made again");
  }

  @Test
  void slot_isMadeAnewAfterRenewAfterUses_andAnswersStayRight() throws Exception {
    Sha256Pool pool = new Sha256Pool(null);
    byte[] in = input("renew", 0);
    String s256 = jdkS256(in);
    byte[] expected = jdkSha256(in);
    // The constructor's check used the first digest once; it counts as made, not as used.
    for (int i = 1; i < Sha256Pool.RENEW_AFTER; i++) {
      int wrong = wrongAnswers(pool, in, expected, s256);
      if (wrong != 0) {
        assertEquals(0, wrong, "round " + i);
      }
    }
    // wrongAnswers makes three calls; 3 * (RENEW_AFTER - 1) calls renewed the slot twice.
    int calls = 3 * (Sha256Pool.RENEW_AFTER - 1);
    assertEquals(1 + calls / Sha256Pool.RENEW_AFTER, pool.digestsMade());
    int untilNext = Sha256Pool.RENEW_AFTER - calls % Sha256Pool.RENEW_AFTER;
    for (int i = 1; i < untilNext; i++) {
      assertTrue(digestEquals(pool, in, expected));
    }
    int made = pool.digestsMade();
    assertTrue(digestEquals(pool, in, expected), "the call that renews still answers");
    assertEquals(made + 1, pool.digestsMade(), "renewed at exactly RENEW_AFTER uses");
    assertEquals(s256, pool.digestBase64Url(in, TEXT), "the new digest starts clean");
    assertEquals(1, pool.idleSlots(), "the new digest replaces the old in the same slot");
    assertEquals(0, pool.takenSlots());
  }

  @Test
  void providerThatCannotMakeTheRenewal_keepsTheOldDigest() throws Exception {
    TestProvider provider = new TestProvider(null);
    Sha256Pool pool = new Sha256Pool(provider);
    byte[] in = input("renew-fails", 0);
    for (int i = 1; i < Sha256Pool.RENEW_AFTER; i++) {
      pool.digestEquals(in, 0, 0, 0, 0);
    }
    provider.refuseNewDigests = true;
    assertEquals(jdkS256(in), pool.digestBase64Url(in, TEXT), "the hash asked for is done");
    assertEquals(1, pool.digestsMade(), "the refused renewal made nothing");
    assertEquals(1, pool.idleSlots(), "the old digest is kept, not lost");
    assertEquals(0, pool.takenSlots());
    assertTrue(digestEquals(pool, in, jdkSha256(in)));
    provider.refuseNewDigests = false;
    for (int i = 1; i < Sha256Pool.RENEW_AFTER; i++) {
      pool.digestEquals(in, 0, 0, 0, 0);
    }
    assertEquals(2, pool.digestsMade(), "counted from zero again, renewed RENEW_AFTER uses later");
    assertEquals(1, pool.idleSlots());
    // A provider that fails with a runtime exception of its own, not "no such algorithm".
    provider.failNewDigests = new java.security.ProviderException("test provider is broken");
    for (int i = 1; i < Sha256Pool.RENEW_AFTER; i++) {
      pool.digestEquals(in, 0, 0, 0, 0);
    }
    assertTrue(digestEquals(pool, in, jdkSha256(in)), "the renewal's failure does not escape");
    assertEquals(2, pool.digestsMade());
    assertEquals(1, pool.idleSlots(), "the slot is given back, not left taken");
    assertEquals(0, pool.takenSlots());
  }

  @Test
  void anotherThread_fillsItsOwnSlotOnce() throws Exception {
    Sha256Pool pool = new Sha256Pool(null);
    Thread other = new Thread(() -> {
      for (int i = 0; i < 10; i++) {
        pool.digestEquals(new byte[] {(byte) i}, 0, 0, 0, 0);
      }
    });
    other.start();
    other.join();
    assertTrue(pool.digestsMade() <= 2, pool.digestsMade() + " made");
    assertEquals(pool.digestsMade(), pool.idleSlots(), "every digest made is kept in a slot");
  }

  @Test
  void provider_isTheOneDigestsComeFrom() throws Exception {
    Sha256Pool pool = new Sha256Pool(null);
    assertEquals(MessageDigest.getInstance("SHA-256").getProvider(), pool.provider());
    TestProvider test = new TestProvider(null);
    assertSame(test, new Sha256Pool(test).provider());
  }

  @Test
  void providerWithWrongDigestLength_failsAtConstruction() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Sha256Pool(new TestProvider("SHA-1")));
    assertEquals("SHA-256 from provider Sha256PoolTest has a 20-byte output; RFC 7636 §4.2 S256"
        + " needs 32", e.getMessage());
  }

  @Test
  void digestThatThrowsMidway_isDroppedNotReused() throws Exception {
    TestProvider provider = new TestProvider(null);
    Sha256Pool pool = new Sha256Pool(provider);
    byte[] poison = "!poison".getBytes(StandardCharsets.US_ASCII);
    assertThrows(IllegalStateException.class, () -> pool.digestBase64Url(poison, TEXT));
    assertEquals(0, pool.takenSlots(), "the slot is emptied, not left taken");
    assertEquals(0, pool.idleSlots(), "the half-fed digest is not kept");
    byte[] in = input("after", 0);
    assertEquals(jdkS256(in), pool.digestBase64Url(in, TEXT),
        "a fresh digest, not the half-fed one");
    assertEquals(2, pool.digestsMade());
    assertEquals(1, pool.idleSlots());
    assertThrows(IllegalStateException.class, () -> pool.digestEquals(poison, 0, 0, 0, 0));
    assertEquals(0, pool.takenSlots());
  }

  @Test
  void allProbedSlotsTaken_makesADigestForThatCallAndKeepsNone() throws Exception {
    // The test provider's digest hashes its input again through the same pool when the input
    // starts with a digit: the same thread nests, so each level finds the slots above it taken.
    TestProvider provider = new TestProvider(null);
    Sha256Pool pool = new Sha256Pool(provider);
    provider.pool = pool;
    int depth = Sha256Pool.PROBES + 1; // one level more than a thread probes
    byte[] in = (depth + "-nested").getBytes(StandardCharsets.US_ASCII);
    assertEquals(jdkS256(in), pool.digestBase64Url(in, TEXT));
    assertEquals(Sha256Pool.PROBES, pool.idleSlots(), "one slot per probe, in the probed slots");
    int made = pool.digestsMade();
    assertEquals(Sha256Pool.PROBES + 1, made, "the probed slots, and one for the deepest call");
    assertTrue(digestEquals(pool, in, jdkSha256(in)));
    assertEquals(Sha256Pool.PROBES, pool.idleSlots(), "the one-call digest is not kept");
    assertEquals(made + 1, pool.digestsMade(), "only the deepest call makes a digest again");
    assertEquals(0, pool.takenSlots());
  }

  @Test
  void providerFailingInAOneCallDigest_failsTheCallAndFreesEveryLevelsSlot() throws Exception {
    TestProvider provider = new TestProvider(null);
    Sha256Pool pool = new Sha256Pool(provider);
    provider.pool = pool;
    // Each level hashes the input with its first digit one lower; the deepest, "1!nested", finds
    // every probed slot taken, so it runs on a digest made for that one call, which fails midway.
    byte[] in = (Sha256Pool.PROBES + 1 + "!nested").getBytes(StandardCharsets.US_ASCII);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> pool.digestBase64Url(in, TEXT));
    assertEquals("test provider fails midway", e.getMessage(), "the provider's own failure");
    assertEquals(Sha256Pool.PROBES + 1, pool.digestsMade(), "home, probed slots, one-call");
    assertEquals(0, pool.takenSlots(), "no level's slot is left taken");
    assertEquals(0, pool.idleSlots(), "no half-fed digest is kept");
    byte[] after = "after".getBytes(StandardCharsets.US_ASCII);
    assertEquals(jdkS256(after), pool.digestBase64Url(after, TEXT));
  }

  /**
   * A provider whose "SHA-256" is the JDK's digest named by {@code algorithm} (SHA-256 if null),
   * which throws after feeding half of an input that starts with {@code '!'} (or with
   * {@code "1!"}, the deepest level of a nesting), and re-enters
   * {@link #pool} for an input that starts with a digit (nesting that many levels).
   */
  static final class TestProvider extends Provider {
    private static final long serialVersionUID = 1L;
    transient Sha256Pool pool;
    /** When set, the provider has no SHA-256 to give. */
    transient volatile boolean refuseNewDigests;
    /** When set, making a digest throws this. */
    transient volatile RuntimeException failNewDigests;

    @SuppressWarnings("deprecation") // Provider(String, double, String): Java 8 has no other.
    TestProvider(String algorithm) {
      super("Sha256PoolTest", 1.0, "SHA-256 that can fail or nest, for tests");
      putService(new Service(this, "MessageDigest", "SHA-256", Spi.class.getName(), null, null) {
        @Override
        public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
          if (refuseNewDigests) {
            throw new NoSuchAlgorithmException("test provider refuses new digests");
          }
          if (failNewDigests != null) {
            throw failNewDigests;
          }
          return new Spi(MessageDigest.getInstance(algorithm == null ? "SHA-256" : algorithm),
              TestProvider.this);
        }
      });
    }
  }

  static final class Spi extends MessageDigestSpi {
    private final MessageDigest delegate;
    private final TestProvider provider;

    Spi(MessageDigest delegate, TestProvider provider) {
      this.delegate = delegate;
      this.provider = provider;
    }

    @Override
    protected int engineGetDigestLength() {
      return delegate.getDigestLength();
    }

    @Override
    protected void engineUpdate(byte input) {
      delegate.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      boolean fails = len > 0 && input[offset] == '!'
          || len > 1 && input[offset] == '1' && input[offset + 1] == '!';
      if (fails) {
        delegate.update(input, offset, len / 2);
        throw new IllegalStateException("test provider fails midway");
      }
      if (len > 0 && input[offset] > '1' && input[offset] <= '9' && provider.pool != null) {
        byte[] nested = input.clone();
        nested[offset]--;
        provider.pool.digestEquals(nested, 0, 0, 0, 0);
      }
      delegate.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      return delegate.digest();
    }

    @Override
    protected void engineReset() {
      delegate.reset();
    }
  }
}
