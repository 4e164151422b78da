package io.github.pkce4j.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redirect URIs that mark a public client (RFC 8252 §7.1, §7.3) and those that do not. */
class ProfilerTest {
  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "myapp://callback, custom",
      "com.example.app:/oauth2redirect, custom",
      "MyApp://Callback, custom",
      "http://localhost, loopback",
      "http://localhost:1717/OauthRedirect, loopback",
      "http://LOCALHOST/cb, loopback",
      "http://127.0.0.1:8080/cb, loopback",
      "http://127.1.2.3/cb, loopback",
      "http://[::1]:9000/cb, loopback",
      "http://user@localhost/cb, loopback",
      "http://app.localhost/cb, loopback",
      // RFC 8252 section 7.3: any loopback redirect, http or https, lands on the user's device.
      "https://localhost, loopback",
      "https://localhost:8443/cb, loopback",
      "https://127.0.0.1/cb, loopback",
      "https://[::1]/cb, loopback",
      "http://127.255.255.254:1/cb, loopback",
      // Loopback is 127.0.0.0/8 as four decimal octets: a host that starts with "127." is not.
      "http://127.attacker.example/cb, none",
      "http://127.0.0.1.attacker.example/cb, none",
      "http://127.0.0.256/cb, none",
      "http://127.999.0.1/cb, none",
      "http://127.0.1/cb, none",
      "http://[::2]/cb, none",
      "https://app.example.com/callback, none",
      "http://localhost.example.com/cb, none",
      "http://example.com/?next=http://localhost, none",
      "http://128.0.0.1/cb, none",
      "not a url, none",
      "'', none",
      "/relative/path, none",
  })
  void callbackSignal(String url, String expected) {
    String signal = Profiler.callbackSignal(url);
    String kind = signal == null ? null
        : signal.startsWith("uses the custom scheme") ? "custom"
        : signal.startsWith("is a loopback redirect") ? "loopback" : signal;
    assertEquals(expected, kind, url);
  }
}
