package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.simulator.SimMqtt;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's map end to end, beside {@link ConsoleInBrowserTest} on the same {@link ConsoleFixture}: the simulated
 * example school on a real broker (Moquette; Mosquitto with {@code -Dlockstep.mqtt.broker=mosquitto}),
 * {@code lockstep console} in front of it, headless Chromium. Room 104 is found on the map in its place; a door opened
 * during the lockdown shows on its marker, in the alert and in the count with its grid cell; the retained site summary
 * counts it; the map greys when the broker is lost. Screenshots go to target/console-screenshots/.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleMapInBrowserTest {
    private ConsoleFixture site;
    private ConsolePage page;
    private TestBroker broker;
    private SimMqtt mqtt;
    private String prefix;
    private int doors;

    @BeforeEach
    void start() throws Exception {
        site = ConsoleFixture.start(11, c -> c);
        broker = site.broker;
        mqtt = site.mqtt;
        prefix = site.prefix;
        doors = site.doors;
        page = site.open("1280,1900", site.url("/"));
        waitFor("every door on the map, live", () -> markerStatuses().size() == doors && text("live").equals("LIVE")
                && markerStatuses().values().stream().allMatch("UNLOCKED"::equals));
    }

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void room_104_is_found_in_its_place_and_a_door_opened_in_the_lockdown_shows_with_its_grid_cell_everywhere()
            throws Exception {
        WebElement room104 = page.driver().findElement(By.cssSelector("button.marker[data-door='c104']"));
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
        watch.awaitMessage(0, x -> x.json().get("live").asBoolean(), ConsolePage.WAIT, "the retained summary");
        int before = watch.all().size();
        hold(page.button("lockdown"), 1_300);
        waitFor("32 of 32 and every marker SECURED", () -> text("count-text").startsWith(doors + " of " + doors)
                && markerStatuses().values().stream().allMatch("SECURED"::equals));
        TestClient.Msg all = watch.awaitMessage(before, x -> x.json().path("secured").asInt() == doors,
                ConsolePage.WAIT, "the summary with every door secured");
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
        // The README's picture (docs/images/console-lockdown.png is a copy): the same page on a 10" tablet, upright.
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        js("document.activeElement.blur(); window.scrollTo(0, 0)");
        waitFor("the page at the tablet's width", () -> ((Number) js("return window.innerWidth")).intValue() == 820);
        try {
            waitFor("every label readable at the tablet's width", () -> labelProblems().isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(List.of(), labelProblems(), "at 820 px no label may overlap another or be cut off");
        }
        assertEquals("✕ " + status, js("return document.querySelector(\"button.marker[data-door='c104'] .m-status\")"
                + ".textContent"), "Room 104's status word stays on its marker");
        screenshot("tablet-lockdown-room-104");
        page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1900));

        // The retained summary counts it, for any subscriber that comes later (Home Assistant, Node-RED).
        try (TestClient late = new TestClient(mqtt.url(), "map-test-summary").subscribe(prefix + "/site/summary")) {
            TestClient.Msg m = late.awaitMessage(0, x -> x.json().path("zones").path("east").path("notSecured")
                    .has("c104"), ConsolePage.WAIT, "a retained summary with c104 not secured");
            assertEquals(12, m.json().at("/zones/east/secured").asInt(), m.payload());
            assertEquals("LOCKDOWN", m.json().at("/zones/east/mode").asText(), m.payload());
            assertTrue(m.json().get("live").asBoolean(), m.payload());
            int seen = late.all().size();
            site.closeConsole(); // a clean stop leaves the not-live payload, as its last will would
            TestClient.Msg gone = late.awaitMessage(seen, x -> !x.json().get("live").asBoolean(), ConsolePage.WAIT,
                    "the summary marked not live when the console stops");
            assertTrue(!gone.json().has("zones"), gone.payload());
        }
    }

    @Test
    void the_list_is_one_press_away_and_the_map_greys_every_marker_when_the_broker_is_lost() throws Exception {
        page.driver().findElement(By.id("view-list")).click();
        waitFor("the list shown, the map hidden", () -> page.driver().findElement(By.id("zones")).isDisplayed()
                && !page.driver().findElement(By.id("map-view")).isDisplayed());
        assertEquals("true", page.driver().findElement(By.id("view-list")).getAttribute("aria-pressed"));
        page.driver().findElement(By.id("view-map")).click();
        waitFor("the map back", () -> page.driver().findElement(By.id("map-view")).isDisplayed());

        broker.kill();
        waitFor("every marker greyed and saying it is not current", () -> markerClasses().stream()
                .allMatch(c -> c.contains("stale")) && markerStatuses().values().stream()
                .allMatch("was UNLOCKED"::equals), Duration.ofSeconds(5));
        assertTrue(page.driver().findElement(By.cssSelector("button.marker[data-door='c104']")).getAccessibleName()
                .contains("last known UNLOCKED (not live)"));
        screenshot("map-4-broker-lost");
        ConsolePage phone = site.open("412,915", site.url("/"));
        try {
            phone.waitFor("the phone's map", () -> phone.markerStatuses().size() == doors);
            phone.screenshot("map-5-on-a-phone");
        } finally {
            phone.quit();
        }
    }

    // ---- helpers

    /**
     * What is wrong with the map's labels as the page shows them: two door markers whose boxes overlap, a marker
     * outside its floor's visible box, or a plan wider than the page (sideways scrolling). Empty when all is well.
     */
    @SuppressWarnings("unchecked")
    private List<String> labelProblems() {
        return (List<String>) js("""
                const out = [];
                const page = document.documentElement.clientWidth;
                document.querySelectorAll('#map-floors .plan-scroll').forEach((s) => {
                  if (s.scrollWidth > s.clientWidth) out.push('the plan scrolls sideways: ' + s.scrollWidth + ' > ' + s.clientWidth);
                  const box = s.getBoundingClientRect();
                  const ms = Array.from(s.querySelectorAll('button.marker'))
                      .map((b) => ({ id: b.dataset.door, r: b.getBoundingClientRect() }));
                  ms.forEach((m, i) => {
                    if (m.r.left < box.left || m.r.right > Math.min(box.right, page) || m.r.top < box.top
                        || m.r.bottom > box.bottom) out.push(m.id + ' outside the visible map');
                    ms.slice(i + 1).forEach((o) => {
                      if (m.r.left < o.r.right && o.r.left < m.r.right && m.r.top < o.r.bottom && o.r.top < m.r.bottom)
                        out.push(m.id + ' overlaps ' + o.id);
                    });
                  });
                });
                return out;""");
    }

    private void screenshot(String name) {
        page.screenshot(name);
    }

    private Object js(String script) {
        return page.js(script);
    }

    private void hold(WebElement b, long ms) {
        page.hold(b, ms);
    }

    private String text(String id) {
        return page.text(id);
    }

    private Map<String, String> markerStatuses() {
        return page.markerStatuses();
    }

    private List<String> markerClasses() {
        return page.markerClasses();
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok) {
        page.waitFor(what, ok);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok, Duration timeout) {
        page.waitFor(what, ok, timeout);
    }
}
