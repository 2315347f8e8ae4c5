package org.lockstep.controller.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.broker.BrokerAccount;
import org.lockstep.controller.config.SiteConfigLoader;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): command → result round trip through the provisioned
 * broker over TLS, one real controller of the example site. Shows TCP_NODELAY survives TLS (Nagle would add ~40 ms):
 *
 * <pre>
 * mvn -q -B -pl controller -am verify -Dtest=TlsRoundTripBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class TlsRoundTripBenchmark {
    @Test
    void run() throws Exception {
        int runs = Integer.getInteger("bench.runs", 200);
        try (ProvisionedMosquitto broker = new ProvisionedMosquitto(
                SiteConfigLoader.load(Path.of("../deploy/site.example.yaml")),
                List.of(new BrokerAccount("office", BrokerAccount.Role.OFFICE)), true);
                MqttFixture fixture = new MqttFixture(broker.config.site(), broker.clientSettings());
                TestClient office = new TestClient(broker.tlsUrl(), "bench-office", broker.options("office"))) {
            String p = Topics.of(broker.config.mqtt()).prefix();
            office.subscribe(p + "/cmd/result/#", p + "/controller/east-lower/availability");
            fixture.start("east-lower");
            office.awaitMessage(0, m -> m.payload().equals("online"), Duration.ofSeconds(30), "online");
            long[] nanos = new long[runs];
            for (int i = -20; i < runs; i++) {
                String id = "rt" + (i + 20);
                int from = office.size();
                long t0 = System.nanoTime();
                office.publish(p + "/cmd/site", MqttFixture.command(p + "/cmd/site", id, i % 2 == 0 ? "LOCKDOWN" : "ALL_CLEAR",
                        "okafor"));
                TestClient.Msg r = office.awaitMessage(from, m -> m.topic().equals(p + "/cmd/result/" + id
                        + "/east-lower"), Duration.ofSeconds(10), id);
                if (i >= 0) {
                    nanos[i] = r.atNs() - t0;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%nTLS command -> result round trip, %d runs: p50 %.2f ms, p90 %.2f ms,"
                    + " p99 %.2f ms, max %.2f ms%n", runs, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6,
                    nanos[runs * 99 / 100] / 1e6, nanos[runs - 1] / 1e6);
        }
    }
}
