package io.github.pkce4j.client;

/**
 * Where {@link PkceLoginFlow} reads the time: when a token response arrived ({@link
 * TokenResponse#expiresAtMillisOrNull()}), when a pushed request expires ({@link
 * PushedAuthorization#expiresAtMillis()}) and the ID token's {@code exp} and {@code iat} checks
 * (OpenID Connect Core 1.0 section 3.1.3.7). Tests inject a fixed clock; {@code java.time.Clock}
 * is not used because Android API 21 lacks it.
 *
 * @since 0.1.0
 */
public interface EpochClock {
  /** The system clock, {@link System#currentTimeMillis()}: the flow's default. */
  EpochClock SYSTEM = new EpochClock() {
    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public String toString() {
      return "EpochClock.SYSTEM";
    }
  };

  /** Milliseconds since 1970-01-01T00:00:00Z. */
  long currentTimeMillis();
}
