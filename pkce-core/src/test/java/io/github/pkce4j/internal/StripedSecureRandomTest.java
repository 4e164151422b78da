package io.github.pkce4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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

  @Test
  void serialization_deserializedCopyIsFreshlySeededAndWorks() throws Exception {
    // Security review finding 12: a deserialized copy had no stripes and threw NPE.
    StripedSecureRandom original = new StripedSecureRandom();
    original.nextBytes(new byte[32]);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    String serialized = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    assertFalse(serialized.contains("sun.security.provider"), "no stripe state is serialized");

    SecureRandom copy;
    try (ObjectInputStream in =
             new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SecureRandom) in.readObject();
    }

    assertTrue(copy instanceof StripedSecureRandom, copy.getClass().getName());
    assertNotSame(original, copy);
    assertEquals(1, ((StripedSecureRandom) copy).stripesInUse(), "a new instance");
    byte[] x = new byte[32];
    byte[] y = new byte[32];
    copy.nextBytes(x);
    original.nextBytes(y);
    assertFalse(Arrays.equals(x, y), "the copy does not continue the original's stream");
    assertEquals("DRBG (striped)", copy.getAlgorithm());
  }

  @Test
  void reseed_replacesEveryStripeMadeAndMakesNoOthers() throws Exception {
    StripedSecureRandom random = new StripedSecureRandom();
    SecureRandom before = random.currentStripe();
    assertSame(before, random.currentStripe());
    int inUse = random.stripesInUse();

    random.reseed();

    assertNotSame(before, random.currentStripe(), "the calling thread's stripe was replaced");
    assertEquals(inUse, random.stripesInUse(), "reseeding makes no new stripes");
    byte[] b = new byte[32];
    random.nextBytes(b);
    assertFalse(Arrays.equals(new byte[32], b));
  }

  @Test
  void reseed_neverMakesUnusedStripes() {
    StripedSecureRandom random = new StripedSecureRandom();
    assertEquals(1, random.stripesInUse());
    random.reseed();
    assertEquals(1, random.stripesInUse(), "only stripes already made are replaced");
  }

  @Test
  void reseed_throughSecureRandomType_reachesTheStripes() throws Exception {
    // SecureRandom.reseed() is Java 9+ (this test compiles for Java 8, hence reflection); a
    // caller holding a plain SecureRandom reaches this class's override.
    java.lang.reflect.Method jdkReseed;
    try {
      jdkReseed = SecureRandom.class.getMethod("reseed");
    } catch (NoSuchMethodException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "Java 8: SecureRandom has no reseed()");
      return;
    }
    StripedSecureRandom random = new StripedSecureRandom();
    SecureRandom before = random.currentStripe();
    jdkReseed.invoke(random);
    assertNotSame(before, random.currentStripe());
  }

  @Test
  void toString_namesTheAlgorithm() {
    assertEquals("DRBG (striped)", new StripedSecureRandom().toString());
  }
}
