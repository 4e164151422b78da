package io.github.pkce4j.server;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.PkceException;
import java.util.Objects;

/**
 * The PKCE rules an authorization server applies, RFC 7636 §4.4–4.6 and RFC 9700 §2.1.1, §4.8.
 *
 * <p>At the authorization endpoint, {@link #validateAuthorizationRequest} turns the request's
 * {@code code_challenge} and {@code code_challenge_method} into a {@link PkceBinding} to store
 * with the code, or refuses with {@code invalid_request}. At the token endpoint,
 * {@link #validateTokenRequest} checks the {@code code_verifier} against that binding, refusing
 * with {@code invalid_grant} (or {@code invalid_request} for a malformed verifier):
 *
 * <pre>{@code
 * PkceServerRules rules = PkceServerRules.defaults();
 * // authorization endpoint
 * PkceBinding binding = rules.validateAuthorizationRequest(
 *     params.get("code_challenge"), params.get("code_challenge_method"), ClientType.PUBLIC);
 * store(code, binding.serialize());
 * // token endpoint
 * try {
 *   rules.validateTokenRequest(PkceBinding.parse(load(code)), form.get("code_verifier"));
 * } catch (PkceException e) {
 *   return error(400, e.errorCode(), e.description()); // and treat the code as used
 * }
 * }</pre>
 *
 * <p>Defaults are strict: PKCE is required for every client, only S256 is accepted, and a
 * verifier is refused for a code issued without a challenge (the downgrade of RFC 9700 §4.8).
 * Parameters sent with an empty value count as absent (RFC 6749 §3.1). Instances are immutable
 * and thread-safe.
 *
 * <p>Every {@link PkceException} these rules throw is meant for the wire: its
 * {@link PkceException#errorCode()} is the {@code error} and its
 * {@link PkceException#description()} the {@code error_description} to answer with. Descriptions are printable ASCII within RFC 6749
 * §5.2's {@code error_description} set (%x20-21 / %x23-5B / %x5D-7E; sections are written
 * "RFC 7636 section 4.6"), and never repeat a verifier or challenge.
 *
 * @since 0.1.0
 */
public final class PkceServerRules {
  private final boolean allowPlain;
  private final boolean confidentialWithoutPkce;
  private final PkceConfig config;

  private PkceServerRules(Builder builder) {
    this.allowPlain = builder.allowPlain;
    this.confidentialWithoutPkce = builder.confidentialWithoutPkce;
    this.config = builder.config;
  }

  /** PKCE required for every client, S256 only. */
  public static PkceServerRules defaults() {
    return Defaults.INSTANCE;
  }

  /** Starts from the strict defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates an authorization request's PKCE parameters, RFC 7636 §4.4.
   *
   * @param codeChallenge the {@code code_challenge} parameter, or {@code null} if absent
   * @param codeChallengeMethod the {@code code_challenge_method} parameter, or {@code null} if
   *     absent (which RFC 7636 §4.3 says means plain)
   * @param clientType whether the client is public or confidential
   * @return the binding to store with the authorization code
   * @throws PkceException with {@code invalid_request} if the request breaks a rule
   */
  public PkceBinding validateAuthorizationRequest(
      String codeChallenge, String codeChallengeMethod, ClientType clientType) {
    Objects.requireNonNull(clientType, "clientType");
    boolean hasChallenge = isPresent(codeChallenge);
    boolean hasMethod = isPresent(codeChallengeMethod);
    if (!hasChallenge) {
      if (hasMethod) {
        throw invalidRequest("code_challenge_method was sent without code_challenge;"
            + " RFC 7636 section 4.3 sends them together");
      }
      if (clientType == ClientType.PUBLIC) {
        throw invalidRequest("code challenge required: public clients must use PKCE"
            + " (RFC 7636 section 4.4.1, RFC 9700 section 2.1.1)");
      }
      if (!confidentialWithoutPkce) {
        throw invalidRequest("code challenge required: this server requires PKCE for every"
            + " client (RFC 7636 section 4.4.1, RFC 9700 section 2.1.1)");
      }
      return PkceBinding.none();
    }
    ChallengeMethod method;
    if (!hasMethod) {
      if (!allowPlain) {
        throw invalidRequest("code_challenge_method is missing, which means plain"
            + " (RFC 7636 section 4.3), and this server accepts only S256; send"
            + " code_challenge_method=S256");
      }
      method = ChallengeMethod.PLAIN;
    } else {
      try {
        method = ChallengeMethod.parse(codeChallengeMethod);
      } catch (PkceException e) {
        throw invalidRequest("transform algorithm not supported: code_challenge_method must be"
            + " S256" + (allowPlain ? " or plain" : "") + " (RFC 7636 section 4.4.1)");
      }
      if (method == ChallengeMethod.PLAIN && !allowPlain) {
        throw invalidRequest("transform algorithm not supported: this server accepts only S256,"
            + " not plain (RFC 7636 section 4.4.1, RFC 9700 section 2.1.1)");
      }
    }
    return PkceBinding.of(CodeChallenge.parse(codeChallenge, method));
  }

  /**
   * Validates a token request's {@code code_verifier} against the code's binding, RFC 7636 §4.6
   * and RFC 9700 §4.8.
   *
   * <p>The binding is checked against these rules too: unless
   * {@link Builder#allowPlainInsecurely()} was set, a {@code plain} binding is refused, so a binding stored before a policy change, or
   * altered where it is stored, cannot redeem a code (RFC 9700 §2.1.1).
   *
   * @param binding what {@link #validateAuthorizationRequest} returned for this code
   * @param codeVerifier the {@code code_verifier} parameter, or {@code null} if absent
   * @throws PkceException with {@code invalid_grant} if the verifier is missing, does not match,
   *     or was sent for a code issued without a challenge, or the binding is {@code plain} and
   *     plain is refused; {@code invalid_request} if the verifier is malformed
   */
  public void validateTokenRequest(PkceBinding binding, String codeVerifier) {
    Objects.requireNonNull(binding, "binding");
    boolean hasVerifier = isPresent(codeVerifier);
    if (!binding.hasChallenge()) {
      if (hasVerifier) {
        throw new PkceException(PkceException.INVALID_GRANT, "code_verifier sent, but the"
            + " authorization request had no code_challenge: refused as a PKCE downgrade"
            + " (RFC 9700 sections 2.1.1 and 4.8)");
      }
      return;
    }
    if (binding.challenge().method() == ChallengeMethod.PLAIN && !allowPlain) {
      throw new PkceException(PkceException.INVALID_GRANT, "the authorization code is bound to a"
          + " plain code_challenge, and this server accepts only S256 (RFC 9700 section 2.1.1)");
    }
    if (!hasVerifier) {
      throw new PkceException(PkceException.INVALID_GRANT, "code_verifier missing: the"
          + " authorization code was issued with a code_challenge (RFC 7636 sections 4.5 and 4.6)");
    }
    binding.challenge().verify(CodeVerifier.parse(codeVerifier), config);
  }

  /** Whether plain challenges are accepted. */
  public boolean allowsPlain() {
    return allowPlain;
  }

  /** Whether confidential clients may leave PKCE out. */
  public boolean allowsConfidentialClientsWithoutPkce() {
    return confidentialWithoutPkce;
  }

  private static boolean isPresent(String parameter) {
    return parameter != null && !parameter.isEmpty();
  }

  private static PkceException invalidRequest(String description) {
    return new PkceException(PkceException.INVALID_REQUEST, description);
  }

  @Override
  public String toString() {
    return "PkceServerRules[plain=" + (allowPlain ? "allowed" : "refused")
        + ", confidentialWithoutPkce=" + (confidentialWithoutPkce ? "allowed" : "refused") + "]";
  }

  private static final class Defaults {
    static final PkceServerRules INSTANCE = new Builder().build();
  }

  /**
   * Builds {@link PkceServerRules}. Each option loosens the strict defaults and says so in its
   * name.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private boolean allowPlain;
    private boolean confidentialWithoutPkce;
    private PkceConfig config = PkceConfig.defaults();

    private Builder() {}

    /**
     * Accepts {@code plain} challenges, and a missing method as plain (RFC 7636 §4.3).
     *
     * <p>Security: a plain challenge is the verifier itself, visible to anyone who sees the
     * authorization request. RFC 9700 §2.1.1 recommends S256; enable this only for clients that
     * cannot hash.
     */
    public Builder allowPlainInsecurely() {
      this.allowPlain = true;
      return this;
    }

    /**
     * Lets confidential clients send authorization requests without a challenge. Public clients
     * always need one. RFC 9700 §2.1.1 recommends PKCE for confidential clients too.
     */
    public Builder allowConfidentialClientsWithoutPkce() {
      this.confidentialWithoutPkce = true;
      return this;
    }

    /** Hashes verifiers with the config's SHA-256 provider. */
    public Builder config(PkceConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Builds the rules. */
    public PkceServerRules build() {
      return new PkceServerRules(this);
    }
  }
}
