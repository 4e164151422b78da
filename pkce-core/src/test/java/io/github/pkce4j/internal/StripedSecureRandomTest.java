package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class StripedSecureRandomTest {
  @Test
  void newInstance_isDrbgWithOneStripeMade() {
    StripedSecureRandom random = new StripedSecureRandom();
    assertEquals("DRBG (striped)", random.getAlgorithm(), "JDK 9+ has DRBG");
    assertEquals(1, random.stripesInUse());
    int capacity = random.capacity();
    assertEquals(capacity & -capacity, capacity, "a power of two");
    assertTrue(capacity >= 2 && capacity <= 16, "capacity " + capacity);
  }

  @Test
  void manyThreads_useSeveralStripes_andNeverRepeatOutput() throws Exception {
    StripedSecureRandom random = new StripedSecureRandom();
    Set<String> seen = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    int threads = 32;
    int draws = 500;
    Thread[] all = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      all[t] = new Thread(() -> {
        for (int i = 0; i < draws; i++) {
          byte[] b = new byte[16];
          random.nextBytes(b);
          seen.add(Arrays.toString(b));
        }
      });
      all[t].start();
    }
    for (Thread thread : all) {
      thread.join();
    }
    assertEquals(threads * draws, seen.size(), "128-bit draws never repeat");
    assertEquals(random.capacity(), random.stripesInUse(), "32 threads reach every stripe");
  }

  @Test
  void setSeed_supplementsAndNeverMakesOutputPredictable() {
    StripedSecureRandom a = new StripedSecureRandom();
    StripedSecureRandom b = new StripedSecureRandom();
    a.setSeed(42L);
    b.setSeed(42L);
    a.setSeed(new byte[] {1, 2, 3});
    b.setSeed(new byte[] {1, 2, 3});
    byte[] x = new byte[32];
    byte[] y = new byte[32];
    a.nextBytes(x);
    b.nextBytes(y);
    assertFalse(Arrays.equals(x, y), "each stripe keeps its operating-system seed");
    assertEquals(8, a.generateSeed(8).length);
    Set<Integer> ints = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ints.add(a.nextInt());
    }
    assertTrue(ints.size() > 95, "nextInt draws through the stripes");
  }
}
