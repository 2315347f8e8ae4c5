package org.lockstep.controller.mqtt;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh, running broker of the kind {@code -Dlockstep.mqtt.broker} names (embedded Moquette by
 * default, {@code mosquitto} in CI), so the same test classes run against both. Inject it as a {@link TestBroker}
 * parameter.
 */
final class BrokerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BrokerExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        TestBroker broker = TestBroker.fromProperty();
        context.getStore(NS).put("broker", broker);
        broker.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestBroker broker = context.getStore(NS).remove("broker", TestBroker.class);
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(NS).get("broker", TestBroker.class);
    }
}
