package io.github.pkce4j.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Keeps the two test runs honest: the build runs this module's tests once on OkHttp 4 and once on
 * OkHttp 5 (see the {@code okhttp5} surefire execution), and each run must really have loaded the
 * OkHttp, MockWebServer and logging-interceptor classes of the version it claims.
 */
class OkHttpVersionTest {
  private static final String PROPERTY = "pkce4j.expectedOkHttpVersion";

  @Test
  void classpath_loadsTheOkHttpVersionThisRunTargets() throws Exception {
    String expected = System.getProperty(PROPERTY);
    assumeTrue(expected != null, PROPERTY + " is set by the Maven build; run the tests with mvn");

    // OkHttp.VERSION is a Kotlin const: read it reflectively, or javac inlines the compile-time one.
    Object loaded = Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);

    assertEquals(expected, loaded);
    assertLoadedFromJarOfVersion(OkHttpClient.class, expected);
    assertLoadedFromJarOfVersion(MockWebServer.class, expected);
    assertLoadedFromJarOfVersion(HttpLoggingInterceptor.class, expected);
  }

  @Test
  void classpath_holdsOneCopyOfOkHttpOkioAndKotlin() throws IOException {
    for (String resource : new String[] {"okhttp3/OkHttpClient.class", "okio/Buffer.class",
        "kotlin/Unit.class", "okhttp3/mockwebserver/MockWebServer.class",
        "okhttp3/logging/HttpLoggingInterceptor.class"}) {
      List<URL> copies =
          Collections.list(getClass().getClassLoader().getResources(resource));

      assertEquals(1, copies.size(), resource + " found in " + copies);
    }
  }

  private static void assertLoadedFromJarOfVersion(Class<?> type, String version) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(location.endsWith("-" + version + ".jar"), type.getName() + " came from " + location);
  }
}
