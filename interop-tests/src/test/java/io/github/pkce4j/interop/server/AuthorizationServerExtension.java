package io.github.pkce4j.interop.server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one {@link SpringAuthorizationServer} shared by every test class of the run.
 *
 * <p>The server is started on first use and stored in the root extension context, so JUnit closes
 * it (and releases its port) when the whole run ends; test classes pay Spring Boot's startup once.
 * Tests that share it must not depend on its state: each starts its own authorization attempt.
 */
public final class AuthorizationServerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AuthorizationServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SpringAuthorizationServer.class;
  }

  @Override
  public SpringAuthorizationServer resolveParameter(
      ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SpringAuthorizationServer.class,
            key -> new Running(SpringAuthorizationServer.start()),
            Running.class)
        .server;
  }

  /** Lets JUnit close the server at the end of the run. */
  private record Running(SpringAuthorizationServer server)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
    }
  }
}
