package io.github.pkce4j.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link HttpTransport} without a network, for the flow's own tests: each URL answers with the
 * response given for it (404 with an empty body otherwise), and every request is recorded.
 */
final class InMemoryTransport implements HttpTransport {
  private final Map<String, TransportResponse> answers =
      new LinkedHashMap<String, TransportResponse>();
  private final List<TransportRequest> requests = new ArrayList<TransportRequest>();

  /** Answers {@code url} with {@code response} from now on. */
  InMemoryTransport on(String url, TransportResponse response) {
    answers.put(url, response);
    return this;
  }

  /** Every request executed, in order. */
  List<TransportRequest> requests() {
    return Collections.unmodifiableList(requests);
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    requests.add(request);
    TransportResponse answer = answers.get(request.url());
    return answer != null ? answer : Fixtures.response(404, null, "");
  }
}
