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
import org.lockstep.console.Console;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.simulator.SimMqtt;
import org.lockstep.simulator.SimulatedSchool;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's map end to end, beside {@link ConsoleInBrowserTest} and built the same way: the simulated example
 * school on a real broker (Moquette; Mosquitto with {@code -Dlockstep.mqtt.broker=mosquitto}), {@code lockstep console}
 * in front of it, headless Chromium. Room 104 is found on the map in its place; a door opened during the lockdown
 * shows on its marker, in the alert and in the count with its grid cell; the retained site summary counts it; the
 * map greys when the broker is lost. Screenshots go to target/console-screenshots/.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleMapInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestBroker broker;
    private SimMqtt mqtt;
    private SimulatedSchool school;
    private Console console;
    private ChromeDriver browser;
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
        console = new Console(config, settings, Optional.of(MqttFixture.signer("front-desk"))).start("127.0.0.1", 0);
        browser = openBrowser("1280,1900");
        browser.get("https://127.0.0.1:" + console.port() + "/");
        waitFor("every door on the map, live", () -> markerStatuses().size() == doors && text("live").equals("LIVE")
                && markerStatuses().values().stream().allMatch("UNLOCKED"::equals));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
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

    @Test
    void room_104_is_found_in_its_place_and_a_door_opened_in_the_lockdown_shows_with_its_grid_cell_everywhere()
            throws Exception {
        WebElement room104 = browser.findElement(By.cssSelector("button.marker[data-door='c104']"));
        assertTrue(room104.isDisplayed());
        assertEquals("Room 104: UNLOCKED, East wing, grid C9", room104.getAccessibleName());
        // In its place: (86, 28) of the ground floor's 120 x 80, measured on the page against the drawn plan.
        Map<?, ?> at = (Map<?, ?>) js("""
                const m = document.querySelector("button.marker[data-door='c104']").getBoundingClientRect();
                const p = document.querySelector("figure[data-floor='ground'] .plan").getBoundingClientRect();
                const img = document.querySelector("figure[data-floor='ground'] img");
                return {x: (m.left + m.width / 2 - p.left) / p.width, y: (m.top + m.height / 2 - p.top) / p.height,
                        loaded: img.complete && img.naturalWidth > 0};""");
        assertEquals(86.0 / 120, ((Number) at.get("x")).doubleValue(), 0.01, at.toString());
        assertEquals(28.0 / 80, ((Number) at.get("y")).doubleValue(), 0.01, at.toString());
        assertEquals(Boolean.TRUE, at.get("loaded"), "the plan image is shown");
        js("document.querySelector(\"button.marker[data-door='c104']\").focus()");
        screenshot("map-1-normal");

        TestClient watch = new TestClient(mqtt.url(), "map-test-watch").subscribe(prefix + "/site/summary");
        watch.awaitMessage(0, x -> x.json().get("live").asBoolean(), WAIT, "the retained summary");
        int before = watch.all().size();
        hold(browser.findElement(By.cssSelector("button.hold[data-action='lockdown']")), 1_300);
        waitFor("32 of 32 and every marker SECURED", () -> text("count-text").startsWith(doors + " of " + doors)
                && markerStatuses().values().stream().allMatch("SECURED"::equals));
        TestClient.Msg all = watch.awaitMessage(before, x -> x.json().path("secured").asInt() == doors, WAIT,
                "the summary with every door secured");
        // A figure, not a benchmark: how many retained summaries a whole-site lockdown cost (coalesced at 250 ms).
        long span = (all.atNs() - watch.all().get(before).atNs()) / 1_000_000;
        System.out.println("console: site summary: " + (watch.all().indexOf(all) - before + 1) + " publishes from the"
                + " first change to all " + doors + " doors secured, over " + span + " ms");
        watch.close();
        assertEquals("c104", js("return document.activeElement.dataset.door"),
                "the focused marker keeps the focus while the picture changes (updated in place)");
        screenshot("map-2-lockdown-32-of-32");

        try (TestClient sim = new TestClient(mqtt.url(), "map-test-sim")) {
            sim.publish(prefix + "/sim/door/c104/prop", "");
        }
        waitFor("the count drops and names Room 104 with its grid cell", () -> text("count-text")
                .startsWith((doors - 1) + " of " + doors) && text("count-not").matches(
                        "Room 104 \\((FORCED|OPEN|PROPPED), East wing, grid C9\\)"));
        waitFor("the alert with room, zone and grid cell", () -> text("alerts").contains("Room 104 (East wing, grid C9)"));
        String status = markerStatuses().get("c104");
        assertTrue(List.of("FORCED", "OPEN", "PROPPED").contains(status), status);
        assertTrue(String.valueOf(js("return document.querySelector(\"button.marker[data-door='c104']\").className"))
                .contains(status), "colour follows the status");
        screenshot("map-3-room-104-opened");

        // The retained summary counts it, for any subscriber that comes later (Home Assistant, Node-RED).
        try (TestClient late = new TestClient(mqtt.url(), "map-test-summary").subscribe(prefix + "/site/summary")) {
            TestClient.Msg m = late.awaitMessage(0, x -> x.json().path("zones").path("east").path("notSecured")
                    .has("c104"), WAIT, "a retained summary with c104 not secured");
            assertEquals(12, m.json().at("/zones/east/secured").asInt(), m.payload());
            assertEquals("LOCKDOWN", m.json().at("/zones/east/mode").asText(), m.payload());
            assertTrue(m.json().get("live").asBoolean(), m.payload());
            int seen = late.all().size();
            console.close(); // a clean stop leaves the not-live payload, as its last will would
            console = null;
            TestClient.Msg gone = late.awaitMessage(seen, x -> !x.json().get("live").asBoolean(), WAIT,
                    "the summary marked not live when the console stops");
            assertTrue(!gone.json().has("zones"), gone.payload());
        }
    }

    @Test
    void the_list_is_one_press_away_and_the_map_greys_every_marker_when_the_broker_is_lost() throws Exception {
        browser.findElement(By.id("view-list")).click();
        waitFor("the list shown, the map hidden", () -> browser.findElement(By.id("zones")).isDisplayed()
                && !browser.findElement(By.id("map-view")).isDisplayed());
        assertEquals("true", browser.findElement(By.id("view-list")).getAttribute("aria-pressed"));
        browser.findElement(By.id("view-map")).click();
        waitFor("the map back", () -> browser.findElement(By.id("map-view")).isDisplayed());

        broker.kill();
        waitFor("every marker greyed and saying it is not current", () -> markerClasses().stream()
                .allMatch(c -> c.contains("stale")) && markerStatuses().values().stream()
                .allMatch("was UNLOCKED"::equals), Duration.ofSeconds(5));
        assertTrue(browser.findElement(By.cssSelector("button.marker[data-door='c104']")).getAccessibleName()
                .contains("last known UNLOCKED (not live)"));
        screenshot("map-4-broker-lost");
        ChromeDriver phone = openBrowser("412,915");
        try {
            phone.get(browser.getCurrentUrl());
            new WebDriverWait(phone, WAIT, Duration.ofMillis(50)).withMessage("the phone's map")
                    .until(d -> d.findElements(By.cssSelector("button.marker")).size() == doors);
            screenshot(phone, "map-5-on-a-phone");
        } finally {
            phone.quit();
        }
    }

    // ---- helpers

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
        screenshot(browser, name);
    }

    private static void screenshot(ChromeDriver page, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target/console-screenshots"));
            Files.write(dir.resolve(name + ".png"), page.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new AssertionError("screenshot " + name + ": " + e, e);
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void hold(WebElement b, long ms) {
        new Actions(browser).clickAndHold(b).pause(Duration.ofMillis(ms)).release().perform();
    }

    private String text(String id) {
        return String.valueOf(js("const e = document.getElementById('" + id + "'); return e ? e.innerText : ''"));
    }

    /** Door id → the status text on its marker, read in one script. */
    @SuppressWarnings("unchecked")
    private Map<String, String> markerStatuses() {
        return (Map<String, String>) js("return Object.fromEntries(Array.from(document.querySelectorAll('button.marker'))"
                + ".map(b => [b.dataset.door, b.querySelector('.m-status').textContent]))");
    }

    @SuppressWarnings("unchecked")
    private List<String> markerClasses() {
        return (List<String>) js("return Array.from(document.querySelectorAll('button.marker')).map(b => b.className)");
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok) {
        waitFor(what, ok, WAIT);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(50)).withMessage(() -> "waiting for " + what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> ok.getAsBoolean());
    }
}
