package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an adapter gets and gives: {@link TransportRequest} and {@link TransportResponse}. */
class TransportValuesTest {
  private static final String URL = "https://as.example.com/token";

  @Test
  void get_acceptsJsonHasNoBodyAndTheDefaultLimit() {
    TransportRequest r = TransportRequest.get(URL);
    assertEquals("GET", r.method());
    assertEquals(URL, r.url());
    assertEquals(Collections.singletonMap("Accept", "application/json"), r.headers());
    assertNull(r.bodyOrNull());
    assertEquals(256 * 1024, r.maxResponseBytes());
    assertEquals("TransportRequest[GET " + URL + ", headers=[Accept]]", r.toString());
  }

  @Test
  void postForm_encodesTheFormInOrderAsUtf8() {
    Map<String, String> form = new LinkedHashMap<String, String>();
    form.put("a b", "x&y=z");
    form.put("c", "é");
    TransportRequest r = TransportRequest.postForm(URL, form);
    assertEquals("POST", r.method());
    assertEquals("application/x-www-form-urlencoded", r.headers().get("Content-Type"));
    assertEquals("application/json", r.headers().get("Accept"));
    assertEquals("a+b=x%26y%3Dz&c=%C3%A9", new String(r.bodyOrNull(), StandardCharsets.UTF_8));
    assertEquals("TransportRequest[POST " + URL + ", headers=[Accept, Content-Type], body=22"
        + " bytes]", r.toString());
  }

  @Test
  void postForm_nullValue_throwsNamingTheParameter() {
    Map<String, String> form = new LinkedHashMap<String, String>();
    form.put("code", null);
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> TransportRequest.postForm(URL, form));
    assertEquals("code", e.getMessage());
  }

  @Test
  void bodyOrNull_isACopy() {
    TransportRequest r = TransportRequest.postForm(URL, Collections.singletonMap("a", "b"));
    r.bodyOrNull()[0] = 'X';
    assertEquals("a=b", new String(r.bodyOrNull(), StandardCharsets.UTF_8));
  }

  @Test
  void withHeader_replacesCaseInsensitivelyAndKeepsTheRest() {
    TransportRequest r = TransportRequest.get(URL).withHeader("accept", "text/plain")
        .withHeader("X-Trace", "a\tb");
    Map<String, String> expected = new LinkedHashMap<String, String>();
    expected.put("accept", "text/plain");
    expected.put("X-Trace", "a\tb");
    assertEquals(expected, r.headers());
    assertThrows(UnsupportedOperationException.class, () -> r.headers().put("a", "b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a:b", "a\u007f", "\u00e9", " ", "a\u0000"})
  void withHeader_badName_throwsNamingTheIndex(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransportRequest.get(URL).withHeader(name, "v"));
    assertTrue(e.getMessage().startsWith("header name has a character not allowed by RFC 9110"
        + " §5.1 at index "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nb", "a\u0000", "\u007f", "\u00e9", "a\u001fb"})
  void withHeader_badValue_throws(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransportRequest.get(URL).withHeader("X", value));
    assertTrue(e.getMessage().startsWith("header X has a control or non-ASCII character"),
        e.getMessage());
  }

  @Test
  void withHeader_visibleAsciiSpaceAndTab_areAccepted() {
    String value = " !~\t";
    assertEquals(value, TransportRequest.get(URL).withHeader("!#~", value).headers().get("!#~"));
  }

  @Test
  void withMaxResponseBytes_keepsTheRestAndRefusesZero() {
    TransportRequest r = TransportRequest.postForm(URL, Collections.singletonMap("a", "b"))
        .withMaxResponseBytes(1);
    assertEquals(1, r.maxResponseBytes());
    assertEquals("POST", r.method());
    assertArrayEquals("a=b".getBytes(StandardCharsets.UTF_8), r.bodyOrNull());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.withMaxResponseBytes(0));
    assertEquals("maxResponseBytes is 0; it must be positive", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {99, 600, 0, -1})
  void response_statusOutside100To599_throws(int status) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransportResponse.of(status, Collections.<String, List<String>>emptyMap(),
            new byte[0]));
    assertEquals("HTTP status " + status + " is outside 100..599 (RFC 9110 §15)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 599})
  void response_statusAtTheBounds_isKept(int status) {
    assertEquals(status, TransportResponse.of(status,
        Collections.<String, List<String>>emptyMap(), new byte[0]).status());
  }

  @Test
  void response_headersCaseInsensitiveMergedAndNullNameDropped() {
    Map<String, List<String>> headers = new LinkedHashMap<String, List<String>>();
    headers.put(null, Arrays.asList("HTTP/1.1 200 OK"));
    headers.put("Set-Cookie", Arrays.asList("a"));
    headers.put("set-cookie", Arrays.asList("b"));
    headers.put("X-Empty", Collections.<String>emptyList());
    TransportResponse r = TransportResponse.of(200, headers, new byte[] {1, 2});

    assertEquals(Arrays.asList("a", "b"), r.headers().get("SET-COOKIE"));
    assertEquals("a", r.headerOrNull("set-cookie"));
    assertNull(r.headerOrNull("X-Empty"));
    assertNull(r.headerOrNull("Missing"));
    assertEquals(2, r.headers().size());
    assertThrows(UnsupportedOperationException.class, () -> r.headers().get("Set-Cookie").add("c"));
    assertEquals("TransportResponse[200, 2 bytes]", r.toString());
  }

  @Test
  void response_bodyIsCopiedInAndOut() {
    byte[] body = {1, 2, 3};
    TransportResponse r =
        TransportResponse.of(200, Collections.<String, List<String>>emptyMap(), body);
    body[0] = 9;
    r.body()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, r.body());
    assertEquals(3, r.bodyLength());
  }

  @Test
  void responseTooLarge_namesTheUrlAndTheLimit() {
    ResponseTooLargeException e = new ResponseTooLargeException(URL, 1000);
    assertEquals(1000, e.limit());
    assertEquals("response body from " + URL + " is larger than 1000 bytes"
        + " (TransportRequest.maxResponseBytes); refusing to read more", e.getMessage());
    assertSame(e, TransportFailures.describe(TransportRequest.get(URL), e));
  }
}
