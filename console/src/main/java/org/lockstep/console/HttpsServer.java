package org.lockstep.console;

import java.util.function.Consumer;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The console's Javalin app on Jetty, serving HTTPS only (no plain-HTTP connector) with the given certificate. */
final class HttpsServer {
    private HttpsServer() {}

    /** Starts the app on {@code host:port} (0: any free port) with {@code routes}. */
    static Javalin start(String host, int port, TlsCertificate cert, Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(cert.keyStore());
                ssl.setKeyStorePassword(cert.password());
                HttpConfiguration https = new HttpConfiguration(http);
                SecureRequestCustomizer src = new SecureRequestCustomizer();
                src.setSniHostCheck(false); // an office PC may reach the console by a name not in the certificate
                https.addCustomizer(src);
                ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
            routes.accept(c);
        });
        app.start();
        return app;
    }

    /** The port {@code app} listens on (the one asked for, or the one picked for 0). */
    static int port(Javalin app) {
        return java.util.Arrays.stream(app.jettyServer().server().getConnectors())
                .filter(ServerConnector.class::isInstance).map(ServerConnector.class::cast)
                .mapToInt(ServerConnector::getLocalPort).findFirst().orElse(-1);
    }
}
