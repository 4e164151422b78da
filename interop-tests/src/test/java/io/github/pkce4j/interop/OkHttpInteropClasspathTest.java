package io.github.pkce4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Keeps the two OkHttp interop runs honest: the default run must load OkHttp 4, the {@code okhttp5}
 * surefire execution OkHttp 5, each from one jar of that version.
 */
class OkHttpInteropClasspathTest {

  @Test
  void classpath_loadsTheOkHttpVersionThisRunTargets() throws Exception {
    String expected = System.getProperty("pkce4j.expectedOkHttpVersion");
    assertTrue(expected != null && !expected.isEmpty(), "set by the Maven build");

    // A Kotlin const: read reflectively, or javac inlines the compile-time value.
    Object loaded = Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
    String jar = OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString();

    assertEquals(expected, loaded);
    assertTrue(jar.endsWith("-" + expected + ".jar"), jar);
    for (String resource : List.of(
        "okhttp3/OkHttpClient.class", "okio/Buffer.class", "kotlin/Unit.class")) {
      List<URL> copies = Collections.list(getClass().getClassLoader().getResources(resource));
      assertEquals(1, copies.size(), resource + " found in " + copies);
    }
  }
}
