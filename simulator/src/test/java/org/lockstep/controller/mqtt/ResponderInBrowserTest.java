package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.console.Console;
import org.lockstep.controller.cli.ExtensionCommand;
import org.lockstep.controller.cli.Main;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The responder view end to end, beside {@link ConsoleMapInBrowserTest} and built the same way (the simulated example
 * school on a real broker, the console in front, headless Chromium at a phone's size): the link made by
 * {@code lockstep console responder add} shows every door on the map, live, with no button that acts and no sign-in;
 * a lockdown from the panic button and a door propped in it show in the count and the alerts; revoking the link turns
 * the open page NOT LIVE. Screenshots go to target/console-screenshots/responder-*.png.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResponderInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path links;
    private TestBroker broker;
    private SimMqtt mqtt;
    private SimulatedSchool school;
    private Console console;
    private ChromeDriver phone;
    private Thread stepper;
    private volatile boolean stepping = true;
    private String prefix;
    private int doors;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        SiteConfig loaded = SiteConfigLoader.load(Path.of("../deploy/site.example.yaml"));
        SiteConfig keyed = loaded.withKeys(MqttFixture.keys(loaded.site()));
        broker = TestBroker.fromProperty();
        broker.start();
        MqttSettings settings = MqttSettings.external(keyed.siteId(), java.net.URI.create(broker.url()));
        SiteConfig config = keyed.withMqtt(settings);
        doors = config.site().doors().size();
        mqtt = SimMqtt.start(config, -1, MqttFixture.controllerKeys(config.site()));
        school = SimulatedSchool.create(config, 11, mqtt);
        mqtt.attach(school);
        prefix = mqtt.topics().prefix();
        stepper = new Thread(() -> {
            while (stepping) {
                mqtt.runPending();
                school.advanceBy(20);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "school-stepper");
        stepper.start();
        console = new Console(config, settings, Optional.of(MqttFixture.signer("front-desk")))
                .withResponders(links).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (phone != null) {
            phone.quit();
        }
        stepping = false;
        if (stepper != null) {
            stepper.join(5_000);
        }
        if (console != null) {
            console.close();
        }
        if (school != null) {
            school.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Runs {@code lockstep console responder ...} as a user would; its standard output. */
    private static String cli(String... argv) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = ExtensionCommand.find("console").orElseThrow().run(List.of(argv).subList(1, argv.length),
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals(Main.OK, rc, err.toString());
        return out.toString();
    }

    @Test
    void the_sro_phone_sees_every_door_live_with_nothing_to_press_and_loses_the_picture_when_revoked()
            throws Exception {
        String printed = cli("console", "responder", "add", "--dir", links.toString(), "--name", "sro-phone",
                "--host", "127.0.0.1:" + console.port());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https://\\S+/r/[A-Za-z0-9_-]{43}").matcher(printed);
        assertTrue(m.find(), printed);
        phone = openBrowser("412,915");
        phone.get(m.group());
        waitFor("every door on the map, live", () -> markerStatuses().size() == doors && text("live").equals("LIVE")
                && markerStatuses().values().stream().allMatch("UNLOCKED"::equals));
        assertEquals(List.of(), js("return Array.from(document.querySelectorAll('button, input, select, form'))"
                + ".filter(e => !e.matches('button.marker, #view-map, #view-list')).map(e => e.outerHTML)"),
                "nothing to press but the map's markers and the map/list switch");
        assertEquals(0L, js("return document.querySelectorAll('[data-action], #sign-in-form').length"));
        assertTrue(text("site-name").length() > 0 && phone.getTitle().contains("responder"), phone.getTitle());
        screenshot("responder-1-phone-normal");

        try (TestClient sim = new TestClient(mqtt.url(), "responder-test-sim")) {
            sim.publish(prefix + "/sim/panic/panic-office", "");
            waitFor("the lockdown's count, every door secured", () -> text("count-text").startsWith(doors + " of "
                    + doors) && markerStatuses().values().stream().allMatch("SECURED"::equals));
            sim.publish(prefix + "/sim/door/c104/prop", "");
        }
        waitFor("the count drops and names Room 104 with its grid cell", () -> text("count-text")
                .startsWith((doors - 1) + " of " + doors) && text("count-not").contains("Room 104"));
        waitFor("the alert with room, zone and grid cell", () -> text("alerts").contains("Room 104 (East wing, grid C9)"));
        screenshot("responder-2-phone-lockdown-room-104");

        cli("console", "responder", "revoke", "--dir", links.toString(), "--name", "sro-phone");
        waitFor("NOT LIVE once the link is revoked", () -> text("live").equals("NOT LIVE")
                && text("stale-banner").contains("NOT LIVE"), Duration.ofSeconds(8));
        screenshot("responder-3-phone-revoked");
        phone.navigate().refresh();
        waitFor("a reload is the plain 404", () -> phone.getPageSource().contains("Not found"));
    }

    // ---- helpers (as in ConsoleMapInBrowserTest)

    private static ChromeDriver openBrowser(String size) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + size);
        o.setAcceptInsecureCerts(true);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), o);
    }

    private void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target/console-screenshots"));
            Files.write(dir.resolve(name + ".png"), phone.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new AssertionError("screenshot " + name + ": " + e, e);
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) phone).executeScript(script);
    }

    private String text(String id) {
        return String.valueOf(js("const e = document.getElementById('" + id + "'); return e ? e.innerText : ''"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> markerStatuses() {
        return (Map<String, String>) js("return Object.fromEntries(Array.from(document.querySelectorAll('button.marker'))"
                + ".map(b => [b.dataset.door, b.querySelector('.m-status').textContent]))");
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok) {
        waitFor(what, ok, WAIT);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok, Duration timeout) {
        new WebDriverWait(phone, timeout, Duration.ofMillis(50)).withMessage(() -> "waiting for " + what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> ok.getAsBoolean());
    }
}
