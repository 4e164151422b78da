package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Sha256PoolTest {
  private static byte[] jdkSha256(byte[] in) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(in);
  }

  @Test
  void digest_matchesJdk_forEveryLengthTo200() throws Exception {
    Sha256Pool pool = new Sha256Pool(null);
    byte[] out = new byte[32];
    for (int len = 0; len <= 200; len++) {
      byte[] in = new byte[len];
      for (int i = 0; i < len; i++) {
        in[i] = (byte) (i * 31 + len);
      }
      pool.digest(in, out);
      assertArrayEquals(jdkSha256(in), out, "length " + len);
      assertTrue(pool.digestEquals(in, jdkSha256(in)));
      byte[] wrong = jdkSha256(in);
      wrong[31] ^= 1;
      assertFalse(pool.digestEquals(in, wrong));
    }
  }

  @Test
  void moreThreadsThanSlots_allStillCorrect() throws Exception {
    // Far more threads than slots, all released at once, so the pool runs empty and overflows.
    Sha256Pool pool = new Sha256Pool(null);
    int threads = 200;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger wrong = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      byte[] in = ("input-" + t).getBytes(StandardCharsets.US_ASCII);
      byte[] expected = jdkSha256(in);
      Thread thread = new Thread(() -> {
        byte[] out = new byte[32];
        try {
          start.await();
          for (int i = 0; i < 200; i++) {
            pool.digest(in, out);
            if (!MessageDigest.isEqual(expected, out) || !pool.digestEquals(in, expected)) {
              wrong.incrementAndGet();
            }
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
  }

  @Test
  void digests_areReturnedToThePoolAndReused() {
    Sha256Pool pool = new Sha256Pool(null);
    int capacity = pool.capacity();
    assertEquals(capacity & -capacity, capacity, "a power of two");
    assertTrue(capacity >= 8 && capacity <= 64, "capacity " + capacity);
    assertEquals(1, pool.idleSlots(), "the digest made to check the provider is kept");
    byte[] out = new byte[32];
    for (int i = 0; i < 10; i++) {
      pool.digest(new byte[] {(byte) i}, out);
      pool.digestEquals(new byte[] {(byte) i}, out);
    }
    assertEquals(1, pool.idleSlots(), "one thread reuses one digest");
    assertEquals(1, pool.digestsMade(), "no digest is lost or made again");
  }

  @Test
  void provider_isTheOneDigestsComeFrom() throws Exception {
    Sha256Pool pool = new Sha256Pool(null);
    assertEquals(MessageDigest.getInstance("SHA-256").getProvider(), pool.provider());
  }
}
