package io.github.pkce4j.interop.server;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The Spring configuration of the interop server: Spring Authorization Server with one in-memory
 * user and one public client that must use PKCE.
 *
 * <p>Values that differ per run (issuer, user password) come from the environment that
 * {@link SpringAuthorizationServer} builds; see its constants for the property names.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class AuthorizationServerConfig {

  /**
   * A protected resource on the same server, {@value SpringAuthorizationServer#API_PATH}: Spring
   * Security's resource server with the authorization server's own JWT decoder, which accepts a
   * DPoP-bound token only with a valid proof of its key (RFC 9449 section 7.1).
   */
  @Bean
  @Order(0)
  SecurityFilterChain resourceServerChain(HttpSecurity http) throws Exception {
    http.securityMatcher(SpringAuthorizationServer.API_PATH)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
    return http.build();
  }

  /**
   * What the protected resource answers: the token's subject. (A component member class of this
   * configuration, so Spring registers it without a scan.)
   */
  @org.springframework.web.bind.annotation.RestController
  static final class Api {
    @org.springframework.web.bind.annotation.GetMapping(SpringAuthorizationServer.API_PATH)
    java.util.Map<String, String> me(java.security.Principal principal) {
      return java.util.Map.of("sub", principal.getName());
    }
  }

  /** The authorization server's own endpoints; unauthenticated browsers are sent to the login. */
  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerChain(HttpSecurity http, Environment environment)
      throws Exception {
    boolean requirePar = environment.getProperty(
        SpringAuthorizationServer.REQUIRE_PAR_PROPERTY, Boolean.class, false);
    OAuth2AuthorizationServerConfigurer authorizationServer =
        OAuth2AuthorizationServerConfigurer.authorizationServer();
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(authorizationServer, server -> server
            .oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint -> endpoint
                .providerConfigurationCustomizer(metadata -> {
                  if (requirePar) {
                    metadata.claim("require_pushed_authorization_requests", true);
                  }
                })))
            .authorizationServerMetadataEndpoint(endpoint -> endpoint
                .authorizationServerMetadataCustomizer(metadata -> {
                  if (requirePar) {
                    metadata.claim("require_pushed_authorization_requests", true);
                  }
                }))
            .pushedAuthorizationRequestEndpoint(Customizer.withDefaults()))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  /**
   * With {@link SpringAuthorizationServer#REQUIRE_PAR_PROPERTY}: an authorization request without
   * {@code request_uri} is refused with 400 {@code invalid_request}, as RFC 9126 section 5
   * requires of a server that sets {@code require_pushed_authorization_requests}. Spring
   * Authorization Server 1.5 has no such setting of its own.
   */
  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> requirePushedRequests(Environment environment) {
    boolean required = environment.getProperty(
        SpringAuthorizationServer.REQUIRE_PAR_PROPERTY, Boolean.class, false);
    FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(
        (request, response, chain) -> {
          jakarta.servlet.http.HttpServletRequest http =
              (jakarta.servlet.http.HttpServletRequest) request;
          if (required && http.getMethod().equals("GET")
              && http.getRequestURI().equals("/oauth2/authorize")
              && http.getParameter("request_uri") == null) {
            jakarta.servlet.http.HttpServletResponse answer =
                (jakarta.servlet.http.HttpServletResponse) response;
            answer.setStatus(400);
            answer.setContentType("application/json");
            answer.getWriter().write("{\"error\":\"invalid_request\",\"error_description\":"
                + "\"pushed authorization requests are required (RFC 9126 section 5)\"}");
            return;
          }
          chain.doFilter(request, response);
        });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /**
   * Everything else: Spring Security's default form login page, with its CSRF token.
   *
   * <p>{@code /error} is open so that an error the authorization endpoint answers without a
   * redirect (RFC 6749 §4.1.2.1, e.g. an unregistered redirect URI) reaches the browser as an
   * error page instead of a detour through the login form.
   */
  @Bean
  @Order(2)
  SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  UserDetailsService users(Environment environment) {
    String username = environment.getRequiredProperty(SpringAuthorizationServer.USERNAME_PROPERTY);
    String password = environment.getRequiredProperty(SpringAuthorizationServer.PASSWORD_PROPERTY);
    return new InMemoryUserDetailsManager(
        User.withUsername(username)
            .password("{noop}" + password)
            .roles("USER")
            .build());
  }

  /**
   * The public client under test, and a confidential twin.
   *
   * <p>Its redirect URI is registered without a port: for a loopback IP literal, Spring
   * Authorization Server copies the port of the requested {@code redirect_uri} onto each registered
   * one before the exact comparison, as RFC 8252 §7.3 requires, so the receiver may bind any
   * ephemeral port. Everything else (scheme, host, path) must still match exactly.
   */
  @Bean
  RegisteredClientRepository clients(Environment environment) {
    RegisteredClient publicClient =
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(SpringAuthorizationServer.CLIENT_ID)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(SpringAuthorizationServer.REGISTERED_REDIRECT_URI)
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(SpringAuthorizationServer.API_SCOPE)
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(true)
                    .build())
            .tokenSettings(
                TokenSettings.builder().authorizationCodeTimeToLive(Duration.ofMinutes(1)).build())
            .build();
    RegisteredClient confidentialClient =
        RegisteredClient.from(publicClient)
            .id(UUID.randomUUID().toString())
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            // Refresh token rotation (RFC 6749 section 6, RFC 9700 section 4.14.2).
            .tokenSettings(
                TokenSettings.builder()
                    .authorizationCodeTimeToLive(Duration.ofMinutes(1))
                    .reuseRefreshTokens(false)
                    .build())
            .clientId(SpringAuthorizationServer.CONFIDENTIAL_CLIENT_ID)
            .clientSecret(
                "{noop}"
                    + environment.getRequiredProperty(
                        SpringAuthorizationServer.CLIENT_SECRET_PROPERTY))
            .clientAuthenticationMethods(
                methods -> {
                  methods.clear();
                  methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                  methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
                })
            .build();
    return new InMemoryRegisteredClientRepository(publicClient, confidentialClient);
  }

  /**
   * Remembers no consent, so every authorization request shows the consent page: tests share one
   * server and must not depend on which of them ran first.
   */
  @Bean
  OAuth2AuthorizationConsentService forgetfulConsents() {
    return new OAuth2AuthorizationConsentService() {
      @Override
      public void save(OAuth2AuthorizationConsent consent) {}

      @Override
      public void remove(OAuth2AuthorizationConsent consent) {}

      @Override
      public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return null;
      }
    };
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(Environment environment) {
    return AuthorizationServerSettings.builder()
        .issuer(environment.getRequiredProperty(SpringAuthorizationServer.ISSUER_PROPERTY))
        .build();
  }

  /** Records every request before Spring Security sees it: tests prove what reached the server. */
  @Bean
  FilterRegistrationBean<RequestLog.Filter> requestLogFilter(RequestLog requestLog) {
    FilterRegistrationBean<RequestLog.Filter> registration =
        new FilterRegistrationBean<>(requestLog.filter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
