/**
 * PKCE primitives (RFC 7636): {@link io.github.pkce4j.CodeVerifier},
 * {@link io.github.pkce4j.CodeChallenge}, {@link io.github.pkce4j.ChallengeMethod} and
 * {@link io.github.pkce4j.PkceConfig} for injecting a JCA provider and a {@code SecureRandom}.
 */
package io.github.pkce4j;
