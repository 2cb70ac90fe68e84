package dev.paperstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the service and one real server of the stack, and injects it into fields of
 * type {@code TcpProxy} of the test, so the test can take that server "down" and bring it back without touching
 * the shared server. Subclasses say which server and how the service's configuration points at the proxy.
 */
public abstract class OutageResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    /** {@code host:port} of the real server to put the proxy in front of. */
    protected abstract String target(StackEndpoints stack);

    /** The service's configuration: the stack's endpoints, with this server replaced by {@code proxyAddress}. */
    protected abstract Map<String, String> config(StackEndpoints stack, String proxyAddress);

    @Override
    public Map<String, String> start() {
        StackEndpoints stack = StackLocator.locate();
        try {
            proxy = TcpProxy.start(target(stack));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(config(stack, proxy.address()));
        config.putAll(TestTokens.quarkusConfig());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
