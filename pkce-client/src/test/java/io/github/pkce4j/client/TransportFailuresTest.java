package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** {@link TransportFailures#describe}: the request named, the kind kept, the causes printable. */
class TransportFailuresTest {
  private static final TransportRequest REQUEST = TransportRequest.get("https://as.example.com/x");

  @Test
  void describe_everyCommonKind_keepsItsTypeNamesTheRequestAndKeepsTheCause() {
    List<IOException> failures = Arrays.asList(new ConnectException("refused"),
        new NoRouteToHostException("no route"), new UnknownHostException("as.example.com"),
        new ProtocolException("bad"), new SocketTimeoutException("slow"),
        new InterruptedIOException("stopped"), new SSLException("handshake"),
        new IOException("other"));
    for (IOException failure : failures) {
      IOException described = TransportFailures.describe(REQUEST, failure);
      assertEquals(failure.getClass(), described.getClass());
      assertSame(failure, described.getCause());
      assertEquals("GET https://as.example.com/x failed: " + failure.getClass().getSimpleName()
          + ": " + failure.getMessage(), described.getMessage());
    }
  }

  @Test
  void describe_subclassOfAnUncommonKind_becomesAPlainIoException() {
    IOException failure = new java.io.EOFException("eof");
    assertEquals(IOException.class, TransportFailures.describe(REQUEST, failure).getClass());
  }

  @Test
  void causes_threeLevelsAtMost_controlCharactersEscaped_noMessageNoColon() {
    IOException deepest = new IOException("four");
    IOException third = new IOException("three\r\nInjected: yes", deepest);
    IOException second = new IOException((String) null, third);
    IOException first = new IOException("one", second);

    assertEquals("IOException: one <- IOException <- IOException: three\\u000d\\u000aInjected: yes",
        TransportFailures.causes(first));
  }

  @Test
  void causes_longText_isCutAtTheLimit() {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < TransportFailures.MAX_CAUSE_CHARS + 10; i++) {
      longText.append('a');
    }
    String causes = TransportFailures.causes(new IOException(longText.toString()));
    assertEquals("IOException: ".length() + TransportFailures.MAX_CAUSE_CHARS + 1,
        causes.length());
  }
}
