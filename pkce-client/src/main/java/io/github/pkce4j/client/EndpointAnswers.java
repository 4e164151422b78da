package io.github.pkce4j.client;

import io.github.pkce4j.PkceException;
import java.util.Map;

/**
 * Reads what an authorization server endpoint answered (token, pushed authorization request,
 * revocation): a redirect is refused, a success must be a JSON object, and an error becomes an
 * {@link OAuthErrorException} (RFC 6749 section 5.2 and the sections that reuse it). One place
 * for the rules all three endpoints share.
 */
final class EndpointAnswers {
  /** The token endpoint (RFC 6749 sections 3.2, 5.1, 5.2). */
  static final EndpointAnswers TOKEN = new EndpointAnswers("token endpoint", "token response",
      200, "RFC 6749 §5.1", "RFC 6749 §5.2");
  /** The pushed authorization request endpoint (RFC 9126 sections 2.2, 2.3). */
  static final EndpointAnswers PUSHED_AUTHORIZATION = new EndpointAnswers(
      "pushed authorization request endpoint", "pushed authorization response", 201,
      "RFC 9126 section 2.2", "RFC 9126 section 2.3");
  /** The revocation endpoint (RFC 7009 sections 2.2, 2.2.1). */
  static final EndpointAnswers REVOCATION = new EndpointAnswers("revocation endpoint",
      "revocation response", 200, "RFC 7009 section 2.2", "RFC 7009 section 2.2.1");

  /** A parsed JSON answer: the text as sent and its members. */
  static final class Answer {
    final String json;
    final Map<String, Object> members;

    Answer(String json, Map<String, Object> members) {
      this.json = json;
      this.members = members;
    }
  }

  final String endpoint;
  final String what;
  private final int successStatus;
  private final String successSection;
  private final String errorSection;

  private EndpointAnswers(String endpoint, String what, int successStatus, String successSection,
      String errorSection) {
    this.endpoint = endpoint;
    this.what = what;
    this.successStatus = successStatus;
    this.successSection = successSection;
    this.errorSection = errorSection;
  }

  /**
   * The members of a success answer.
   *
   * @throws OAuthErrorException for an error object (also one sent with the success status)
   * @throws ResponseRejectedException for a redirect, another 2xx status, or a body that is not
   *     a JSON object
   */
  Answer readJson(TransportResponse response) {
    int status = response.status();
    checkStatus(response);
    String contentType = response.headerOrNull("Content-Type");
    JsonMembers.checkJsonMediaType(what, status, contentType);
    String json = JsonMembers.decode(response.bodyNoCopy(), what, status, contentType);
    Map<String, Object> members = JsonMembers.parseObject(json, what, status, contentType);
    if (members.containsKey("error")) {
      throw error(members, what, status);
    }
    return new Answer(json, members);
  }

  /**
   * Checks that the answer has the success status, whatever its body (RFC 7009 section 2.2: the
   * revocation endpoint's content is ignored).
   *
   * @throws OAuthErrorException for an error answer
   * @throws ResponseRejectedException for a redirect, another 2xx status or a malformed error
   */
  void checkStatus(TransportResponse response) {
    int status = response.status();
    refuseRedirect(status);
    if (status == successStatus) {
      return;
    }
    if (status >= 200 && status < 300) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          endpoint + " answered HTTP " + status + "; " + successSection + " requires "
              + successStatus + " for a success");
    }
    throw errorAnswer(response);
  }

  /** RFC 6749 sections 3.2 and 5: the verifier and credentials go to the endpoint only. */
  private void refuseRedirect(int status) {
    if (status >= 300 && status < 400) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          endpoint + " answered HTTP " + status + " (a redirect); pkce4j does not follow"
              + " redirects of its requests to the authorization server, so the code_verifier,"
              + " tokens and credentials are sent to the " + endpoint + " only (RFC 6749 §3.2,"
              + " §5)");
    }
  }

  private PkceException errorAnswer(TransportResponse response) {
    int status = response.status();
    String contentType = response.headerOrNull("Content-Type");
    byte[] body = response.bodyNoCopy();
    String errorWhat = endpoint + " error response";
    Map<String, Object> members;
    try {
      members = JsonMembers.parseObject(body, errorWhat, status, contentType);
    } catch (ResponseRejectedException e) {
      return notAnErrorObject(status, body.length, contentType, e);
    }
    return error(members, errorWhat, status);
  }

  private ResponseRejectedException notAnErrorObject(int status, int bodyLength,
      String contentType, ResponseRejectedException cause) {
    String body = bodyLength == 0 ? "an empty body"
        : "a body that is not a JSON error object (Content-Type "
            + JsonMembers.printableContentType(contentType) + ", " + bodyLength + " bytes)";
    return new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
        endpoint + " answered HTTP " + status + " with " + body + "; " + errorSection
            + " error responses are JSON with an error member", cause);
  }

  /** The endpoint's error object (RFC 6749 section 5.2) as the exception to throw. */
  private PkceException error(Map<String, Object> members, String errorWhat, int status) {
    String error = JsonMembers.stringOrNull(members, "error", errorWhat);
    if (error == null || error.isEmpty() || !OAuthErrorException.isErrorText(error)) {
      return new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          endpoint + " answered HTTP " + status + " without a valid error member; "
              + errorSection + " requires one");
    }
    return new OAuthErrorException(error,
        JsonMembers.stringOrNull(members, "error_description", errorWhat),
        JsonMembers.stringOrNull(members, "error_uri", errorWhat), status, endpoint,
        errorSection);
  }
}
