package io.github.pkce4j.policy;

import java.util.Objects;

/**
 * How one app is used in the org, from its OAuth tokens ({@code OauthToken} records): how many
 * tokens it holds, how often they were used, and when last. This is what an admin needs before
 * requiring PKCE: an app in use is an integration to test first.
 *
 * @since 0.1.0
 */
public final class AppUsage {
  private final String app;
  private final long tokens;
  private final long useCount;
  private final String lastUsed;

  private AppUsage(String app, long tokens, long useCount, String lastUsed) {
    this.app = Objects.requireNonNull(app, "app");
    this.tokens = tokens;
    this.useCount = useCount;
    this.lastUsed = lastUsed;
  }

  /**
   * {@return the usage of {@code app}}
   *
   * @param app the app's name as {@code OauthToken.AppName} gives it
   * @param tokens how many OAuth tokens the app holds
   * @param useCount the sum of the tokens' {@code UseCount}
   * @param lastUsed the latest {@code LastUsedDate} as Salesforce printed it (ISO 8601), or {@code
   *     null} when no token records one
   */
  public static AppUsage of(String app, long tokens, long useCount, String lastUsed) {
    if (tokens < 0 || useCount < 0) {
      throw new IllegalArgumentException("tokens and useCount must not be negative");
    }
    return new AppUsage(app, tokens, useCount, lastUsed);
  }

  /** {@return the app's name as the org's OAuth tokens give it} */
  public String app() {
    return app;
  }

  /** {@return how many OAuth tokens the app holds; 0 when it holds none} */
  public long tokens() {
    return tokens;
  }

  /** {@return how many times the app's tokens were used, summed over its tokens} */
  public long useCount() {
    return useCount;
  }

  /** {@return the latest use of any of the app's tokens (ISO 8601), or {@code null}} */
  public String lastUsedOrNull() {
    return lastUsed;
  }

  /** {@return true if the app holds at least one OAuth token: requiring PKCE may break it} */
  public boolean inUse() {
    return tokens > 0;
  }

  @Override
  public String toString() {
    return "AppUsage[" + tokens + " tokens, " + useCount + " uses, last " + lastUsed + "]";
  }
}
