package org.lockstep.controller.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.lockstep.console.Console;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What every console browser test and the page latency benchmark stand on: a broker (embedded Moquette, or Mosquitto
 * with {@code -Dlockstep.mqtt.broker=mosquitto}, as {@code .ci/run} runs it), the simulated school on it stepped in
 * real time on a thread of its own (as {@code lockstep sim} does), {@code lockstep console} in front of it with the
 * front desk's key, and headless Chromium pages (Debian's {@code chromium} + {@code chromium-driver}) opened on it.
 * The browser sees only what the console pushes. Every key is the fixture key the controllers trust
 * ({@link MqttFixture#keys}). Close it after each test: pages, stepper, console, school, broker, in that order.
 */
final class ConsoleFixture implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path EXAMPLE_SITE = Path.of("../deploy/site.example.yaml");
    /** The tests' step: the school advances this much virtual time, then sleeps as long. */
    static final long STEP_MS = 20;

    final TestBroker broker;
    final SiteConfig config;
    final SimMqtt mqtt;
    final SimulatedSchool school;
    final String prefix;
    final int doors;
    private Console console;
    /** The console in a JVM of its own instead ({@link #startInOwnJvm}); null otherwise. */
    private ConsoleProcess child;
    private Thread stepper;
    private volatile boolean stepping = true;
    private final List<ConsolePage> pages = new ArrayList<>();

    /** What the console gets before it starts, e.g. {@code c -> c.withSignIn(dir, ms)}. */
    @FunctionalInterface
    interface SetUp {
        Console apply(Console console) throws Exception;
    }

    /** Skips the calling test, with the reason, where Chromium is not installed. */
    static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
    }

    /** The example school (deploy/site.example.yaml), seed {@code seed}, 20 ms steps; {@code setUp} before start. */
    static ConsoleFixture start(long seed, SetUp setUp) throws Exception {
        return start(SiteConfigLoader.load(EXAMPLE_SITE), TestBroker.fromProperty(), seed, STEP_MS, setUp);
    }

    /**
     * @param site the site as loaded from its file (its keys are replaced by the fixture keys)
     * @param broker not started yet: started here, closed by {@link #close()}
     */
    static ConsoleFixture start(SiteConfig site, TestBroker broker, long seed, long stepMs,
            SetUp setUp) throws Exception {
        return start(site, broker, seed, stepMs, setUp, null);
    }

    /**
     * The same, with the console in a JVM of its own ({@link ConsoleProcess}: as shipped), its output in {@code log};
     * {@link #console()} is then not available.
     */
    static ConsoleFixture startInOwnJvm(SiteConfig site, TestBroker broker, long seed, long stepMs, Path log)
            throws Exception {
        return start(site, broker, seed, stepMs, null, log);
    }

    private static ConsoleFixture start(SiteConfig site, TestBroker broker, long seed, long stepMs,
            SetUp setUp, Path childLog) throws Exception {
        assumeChromium();
        broker.start();
        SiteConfig keyed = site.withKeys(MqttFixture.keys(site.site()));
        SiteConfig config = keyed.withMqtt(MqttSettings.external(keyed.siteId(), java.net.URI.create(broker.url())));
        SimMqtt mqtt = null;
        ConsoleFixture f = null;
        try {
            mqtt = SimMqtt.start(config, -1, MqttFixture.controllerKeys(config.site()));
            f = new ConsoleFixture(broker, config, mqtt, SimulatedSchool.create(config, seed, mqtt));
            f.run(stepMs, setUp, childLog);
            return f;
        } catch (Exception | Error e) { // a half-started fixture must not leave a broker or a stepper behind
            if (f != null) {
                f.close();
            } else {
                if (mqtt != null) {
                    mqtt.close();
                }
                broker.close();
            }
            throw e;
        }
    }

    private ConsoleFixture(TestBroker broker, SiteConfig config, SimMqtt mqtt, SimulatedSchool school) {
        this.broker = broker;
        this.config = config;
        this.mqtt = mqtt;
        this.school = school;
        mqtt.attach(school);
        prefix = mqtt.topics().prefix();
        doors = config.site().doors().size();
    }

    private void run(long stepMs, SetUp setUp, Path childLog) throws Exception {
        stepper = new Thread(() -> {
            while (stepping) {
                mqtt.runPending();
                school.advanceBy(stepMs);
                try {
                    Thread.sleep(stepMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "school-stepper");
        stepper.start();
        if (childLog != null) {
            child = ConsoleProcess.start(config, broker.url(), childLog);
            return;
        }
        console = setUp.apply(new Console(config, config.mqtt(), Optional.of(MqttFixture.signer("front-desk"))))
                .start("127.0.0.1", 0);
    }

    Console console() {
        if (console == null) {
            throw new IllegalStateException("the console was closed by the test");
        }
        return console;
    }

    /** https://127.0.0.1:PORT + path. */
    String url(String path) {
        return "https://127.0.0.1:" + (child != null ? child.port() : console().port()) + path;
    }

    /** A headless Chromium page of this window size ("W,H") on {@code url}; quit by {@link #close()} if not before. */
    ConsolePage open(String size, String url) {
        ConsolePage page = new ConsolePage(chromium(size));
        pages.add(page);
        page.driver().get(url);
        return page;
    }

    /** Takes the console away (the browser then loses its stream); {@link #close()} does not close it again. */
    void closeConsole() {
        console().close();
        console = null;
    }

    /** Chromium that accepts the console's self-signed certificate. */
    private static ChromeDriver chromium(String size) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + size);
        o.setAcceptInsecureCerts(true);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), o);
    }

    @Override
    public void close() throws Exception {
        pages.forEach(ConsolePage::quit);
        stepping = false;
        if (stepper != null) {
            stepper.join(5_000);
        }
        if (console != null) {
            console.close();
        }
        if (child != null) {
            child.close();
        }
        school.close();
        mqtt.close();
        broker.close();
    }
}
