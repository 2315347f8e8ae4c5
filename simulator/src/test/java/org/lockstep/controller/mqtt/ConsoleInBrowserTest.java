package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.console.OperatorCredential;
import org.lockstep.simulator.SimMqtt;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console end to end ({@link ConsoleFixture}): the simulated school on a real broker (embedded Moquette; Mosquitto
 * with {@code -Dlockstep.mqtt.broker=mosquitto}, as {@code .ci/run} runs it too), {@code lockstep console} in front of
 * it, and a real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}, which {@code .ci/run} installs)
 * holding the buttons. The school runs on its own thread in real time (20 ms steps), as {@code lockstep sim} does; the
 * browser sees only what the console pushes. Skipped, with the reason, only where Chromium is not installed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleInBrowserTest {
    private ConsoleFixture site;
    private ConsolePage page;
    private TestBroker broker;
    private SimMqtt mqtt;
    private String prefix;
    private int doors;
    private Path credentials;

    @BeforeEach
    void start() throws Exception {
        ConsoleFixture.assumeChromium();
        // Each operator's fixture key (the one the controllers trust here) sealed in a credential file, as
        // 'lockstep console operator add' does; the cheapest Argon2 cost the console reads, to keep the test quick.
        credentials = Files.createTempDirectory("lockstep-creds-");
        for (String op : List.of("okafor", "rivera")) {
            OperatorCredential.write(credentials, op, org.lockstep.controller.trust.TrustFixture.key(op),
                    ("example-" + op).toCharArray(), new OperatorCredential.Params(8 * 1024, 1, 1),
                    new java.security.SecureRandom());
        }
        site = ConsoleFixture.start(7, c -> c.withSignIn(credentials, 10 * 60_000L));
        broker = site.broker;
        mqtt = site.mqtt;
        prefix = site.prefix;
        doors = site.doors;
        page = site.open("1280,2000", site.url("/"));
        waitFor("the page shows every door, live", () -> statuses().size() == doors && text("live").equals("LIVE") && statuses().stream().allMatch("UNLOCKED"::equals));
    }

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (credentials != null) {
            try (var files = Files.list(credentials)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(credentials);
        }
    }

    @Test
    void holding_LOCKDOWN_secures_every_door_on_both_pages_and_a_propped_door_drops_the_count_with_an_alert() {
        hold(button("lockdown"), 1_300);
        long released = System.nanoTime();
        waitFor("32 of 32 on the page", () -> text("count-text").startsWith(doors + " of " + doors + " doors secured"));
        // Not a benchmark (the sim's bolts take their time, the poll is 50 ms): a figure to notice a regression by.
        System.out.println("console: hold released -> '" + doors + " of " + doors + "' on the page in "
                + (System.nanoTime() - released) / 1_000_000 + " ms");
        assertTrue(statuses().stream().allMatch("SECURED"::equals), statuses().toString());
        assertEquals(doors, statuses().size());
        waitFor("every controller's answer", () -> text("action-list").contains("5 of 5 controllers accepted"));
        assertTrue(text("zones").contains("LOCKDOWN"), "zone banners show the mode");
        screenshot("1-lockdown-32-of-32");
        ConsolePage phone = site.open("412,915", site.url("/")); // a second page at once, phone-sized: the same picture
        try {
            phone.waitFor("the phone showing 32 of 32", () -> phone.text("count-text")
                    .startsWith(doors + " of " + doors + " doors secured"));
            assertEquals(text("count-text"), phone.text("count-text"));
            phone.screenshot("1-lockdown-on-a-phone");
        } finally {
            phone.quit();
        }

        new TestClientPublisher(mqtt.url()).publish(prefix + "/sim/door/c104/prop", "");
        waitFor("the count drops", () -> text("count-text").startsWith((doors - 1) + " of " + doors));
        assertTrue(text("count-not").contains("Room 104"), text("count-not"));
        waitFor("an alert naming the room and zone", () -> text("alerts").contains("Room 104")
                && text("alerts").contains("East wing"));
        screenshot("2-room-104-forced");

        // A forged all clear, unsigned and retained, on a zone in LOCKDOWN: the page keeps LOCKDOWN and says so.
        try (TestClient c = new TestClient(broker.url(), "console-test-forger")) {
            c.publish(prefix + "/zone/east/mode", ("{\"zone\":\"east\",\"mode\":\"NORMAL\",\"drill\":false,"
                    + "\"version\":99,\"controller\":\"east-lower\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    true);
        } catch (Exception e) {
            throw new AssertionError("publish the forged zone mode: " + e, e);
        }
        waitFor("the problem under East wing", () -> String.valueOf(page.js("return document.querySelector("
                + "'.zone[data-zone=\"east\"] .zone-problem')?.innerText || ''")).contains("failed its check (unsigned)"));
        assertEquals("LOCKDOWN", page.js("return document.querySelector('.zone[data-zone=\"east\"] .zone-mode').innerText"),
                "the forged NORMAL is not shown");
        screenshot("3-forged-all-clear-refused");
    }

    @Test
    void a_short_press_sends_nothing_and_ALL_CLEAR_or_a_POST_without_the_token_is_refused() {
        hold(button("lockdown"), 200);
        waitFor("the page says the press was cancelled", () -> text("action-status").contains("Cancelled"));
        assertTrue(page.driver().findElements(By.xpath("//button[contains(., 'ALL CLEAR') or contains(., 'All clear')]"))
                .stream().noneMatch(WebElement::isDisplayed), "no ALL CLEAR button shown without sign-in");
        String noToken = post("{\"action\":\"lockdown\"}", false);
        assertTrue(noToken.startsWith("403 ") && noToken.contains("X-CSRF-Token"), noToken);
        String allClear = post("{\"action\":\"all-clear\"}", true);
        assertTrue(allClear.startsWith("403 ") && allClear.contains("signed in"), allClear);
        String withToken = post("{\"action\":\"secure\",\"zone\":\"east\"}", true);
        assertTrue(withToken.startsWith("202 "), "the same request with the token is accepted: " + withToken);
        waitFor("only the SECURE reached the controllers", () -> text("action-list").contains("SECURE (zone east)"));
        assertEquals(1, text("action-list").lines().filter(l -> !l.isBlank()).count(), text("action-list"));
    }

    @Test
    void the_buttons_work_from_the_keyboard_and_DRILL_without_sign_in_is_refused_by_the_console() {
        WebElement drill = button("drill");
        page.js("arguments[0].focus()", drill);
        new Actions(page.driver()).keyDown(org.openqa.selenium.Keys.SPACE).pause(Duration.ofMillis(1_300))
                .keyUp(org.openqa.selenium.Keys.SPACE).perform();
        // A drill is signed as an operator (docs/CONSOLE.md): with nobody signed in the console sends nothing.
        waitFor("the console's refusal", () -> text("action-status").contains("REFUSED")
                && text("action-status").contains("needs an operator who has signed in"));
        assertEquals("", text("action-list").strip(), "nothing was sent");
        screenshot("4-drill-refused");
    }

    @Test
    void the_principal_signs_in_and_gives_ALL_CLEAR_for_one_zone_after_a_lockdown_and_a_wrong_password_is_refused() {
        assertTrue(!button("all-clear").isDisplayed(), "no ALL CLEAR before sign-in");
        signIn("okafor", "not-the-password");
        waitFor("the refusal", () -> text("sign-in-status").contains("wrong operator or password"));
        assertTrue(!button("all-clear").isDisplayed(), "still no ALL CLEAR");
        hold(button("lockdown"), 1_300);
        waitFor("every door SECURED", () -> statuses().stream().allMatch("SECURED"::equals));
        signIn("okafor", "example-okafor");
        waitFor("signed in", () -> text("signed-in-text").contains("okafor") && button("all-clear").isDisplayed());
        new Select(page.driver().findElement(By.id("scope"))).selectByValue("east");
        hold(button("all-clear"), 1_300);
        waitFor("the east wing UNLOCKED and every other door still SECURED", () -> zoneStatuses("east").stream()
                .allMatch("UNLOCKED"::equals) && statuses().stream().filter("SECURED"::equals).count()
                        == doors - zoneStatuses("east").size());
        waitFor("the controllers' answers", () -> text("action-list").contains("ALL CLEAR (zone east) as okafor")
                && text("action-list").matches("(?s).*ALL CLEAR \\(zone east\\) as okafor: (\\d+) of \\1 controllers"
                        + " accepted.*"));
        screenshot("5-all-clear-east-by-okafor");
        page.driver().findElement(By.id("sign-out")).click();
        waitFor("signed out", () -> !button("all-clear").isDisplayed()
                && page.driver().findElement(By.id("sign-in-form")).isDisplayed());
        String forged = post("{\"action\":\"all-clear\"}", true);
        assertTrue(forged.startsWith("403 ") && forged.contains("needs an operator who has signed in"), forged);
    }

    @Test
    void an_operator_without_the_permission_gets_no_ALL_CLEAR_but_her_DRILL_is_signed_as_her_and_accepted() {
        signIn("rivera", "example-rivera");
        waitFor("signed in", () -> text("signed-in-text").contains("rivera"));
        assertTrue(!button("all-clear").isDisplayed(), "no ALL CLEAR button for rivera");
        String forged = post("{\"action\":\"all-clear\"}", true);
        assertTrue(forged.startsWith("403 ") && forged.contains("rivera may not give the ALL CLEAR"), forged);
        hold(button("drill"), 1_300);
        waitFor("every controller accepts the drill signed as rivera", () -> text("action-list").contains(
                "DRILL (site) as rivera: 5 of 5 controllers accepted"));
        waitFor("the drill banner", () -> page.driver().findElement(By.id("drill-banner")).isDisplayed());
    }

    @Test
    void after_a_drill_and_its_ALL_CLEAR_the_drill_log_has_the_entry_and_its_after_action_report_downloads() {
        signIn("okafor", "example-okafor");
        waitFor("signed in", () -> text("signed-in-text").contains("okafor") && button("all-clear").isDisplayed());
        hold(button("drill"), 1_300);
        waitFor("every door SECURED", () -> statuses().stream().allMatch("SECURED"::equals));
        waitFor("the drill in the log, still in effect", () -> text("incident-list").contains("DRILL LOCKDOWN")
                && text("incident-list").contains("STILL IN EFFECT")
                && text("incident-list").contains("every door SECURED after"));
        hold(button("all-clear"), 1_300);
        waitFor("the ALL CLEAR by okafor in the log", () -> text("incident-list").contains("ALL CLEAR")
                && text("incident-list").contains("by operator okafor, lasted"));
        String report = String.valueOf(page.jsAsync("""
                const done = arguments[arguments.length - 1];
                const a = document.querySelector('#incident-list a.report');
                fetch(a.href).then(r => r.text().then(t => done(r.status + ' ' + a.getAttribute('download') + ' ' + t)))
                  .catch(e => done('error ' + e));
                """));
        assertTrue(report.startsWith("200 lockstep-i"), report);
        assertTrue(report.contains("After-action report: DRILL LOCKDOWN") && report.contains("operator okafor")
                && report.contains("this console observed"), report);
        page.js("document.getElementById('incidents').scrollIntoView()");
        screenshot("6-drill-log");
    }

    @Test
    void the_controllers_panel_shows_every_controller_online_with_its_health_and_a_failed_lock_audit_is_named() throws Exception {
        int controllers = 5; // the example site's
        waitFor("5 of 5 controllers online", () -> text("fleet-summary").startsWith(controllers + " of " + controllers
                + " controllers online"));
        waitFor("each controller's uplink in words and its journal", () -> text("fleet-list").contains("uplink: reconnected")
                && text("fleet-list").contains("journal"));
        String list = text("fleet-list");
        assertTrue(list.contains("ONLINE"), list);
        assertTrue(text("fleet-summary").contains("same site file"), text("fleet-summary"));
        // A finding as lockstep audit publishes it (retained), with markup in its detail: shown as text, inert.
        try (TestClient c = new TestClient(broker.url(), "console-test-audit")) {
            c.publish(prefix + "/audit/door/c104", ("{\"door\":\"c104\",\"room\":\"Room 104\",\"zone\":\"east\","
                    + "\"passed\":false,\"detail\":\"<img src=x onerror=alert(1)> bolt not seen\","
                    + "\"at\":\"2026-12-05T07:00:00Z\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
            c.publish(prefix + "/audit/door/c999", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        }
        waitFor("the failing door listed", () -> text("audit-list").contains("FAILED · Room 104 (c104)")
                && text("audit-list").contains("<img src=x onerror=alert(1)> bolt not seen"));
        assertTrue(text("audit-summary").contains("1 door FAILED"), text("audit-summary"));
        waitFor("the finding on the door's tile", () -> String.valueOf(page.js(
                "return document.querySelector('.door[data-door=\"c104\"]').innerText")).contains("audit FAILED"));
        assertEquals(0L, page.js("return document.querySelectorAll('#fleet img').length"),
                "markup from MQTT is text, never elements");
        page.js("document.getElementById('fleet').scrollIntoView()");
        screenshot("fleet-and-audit");
    }

    @Test
    void losing_the_broker_turns_the_page_red_and_grey_within_5_seconds_until_it_returns_and_so_does_losing_the_console() throws Exception {
        long t0 = System.nanoTime();
        broker.kill(); // the broker alone (Mosquitto: SIGKILL): the controllers keep running, never say "offline" first
        long stopMs = (System.nanoTime() - t0) / 1_000_000;
        waitFor("the stale banner", () -> page.driver().findElement(By.id("stale-banner")).isDisplayed()
                && text("stale-banner").contains("lost the MQTT broker"), Duration.ofSeconds(5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("console: stale banner " + ms + " ms after the " + broker.name() + " broker was killed (the"
                + " kill itself took " + stopMs + " ms)");
        assertEquals("NOT LIVE", text("live"));
        assertTrue(text("zones").contains("last known: NORMAL"), "zone modes are stale too: " + text("zones"));
        List<String> tiles = tileClasses();
        assertEquals(doors, tiles.size());
        assertTrue(tiles.stream().allMatch(c -> c.contains("stale")), "every door greyed: " + tiles);
        assertTrue(statuses().stream().allMatch(s -> s.startsWith("last known: ")), statuses().toString());
        screenshot("3-broker-lost");

        long t1 = System.nanoTime();
        broker.start(); // back, empty: the controllers republish their retained picture and the console resubscribes
        waitFor("the page live again with every door current", () -> text("live").equals("LIVE")
                && tileClasses().stream().noneMatch(c -> c.contains("stale"))
                && statuses().stream().allMatch("UNLOCKED"::equals), Duration.ofSeconds(30));
        System.out.println("console: live again " + (System.nanoTime() - t1) / 1_000_000 + " ms after the broker returned");

        site.closeConsole(); // now the browser loses the console itself: the page must say so on its own
        waitFor("the page noticing the stream is gone", () -> text("stale-banner").contains(
                "lost the connection to the console"), Duration.ofSeconds(5));
        assertTrue(tileClasses().stream().allMatch(c -> c.contains("stale")), "every door still greyed");
    }

    // ---- helpers

    private void screenshot(String name) {
        page.screenshot(name);
    }

    private WebElement button(String action) {
        return page.button(action);
    }

    private void hold(WebElement b, long ms) {
        page.hold(b, ms);
    }

    private String text(String id) {
        return page.text(id);
    }

    /** Every door tile's status text, read in one script (the page re-renders every second: no stale elements). */
    @SuppressWarnings("unchecked")
    private List<String> statuses() {
        return (List<String>) page.js(
                "return Array.from(document.querySelectorAll('.door .status')).map(e => e.textContent)");
    }

    /** The status texts of one zone's door tiles. */
    @SuppressWarnings("unchecked")
    private List<String> zoneStatuses(String zone) {
        return (List<String>) page.js("return Array.from(document.querySelectorAll("
                + "'section.zone[data-zone=\"' + arguments[0] + '\"] .door .status')).map(e => e.textContent)", zone);
    }

    private void signIn(String operator, String password) {
        WebElement id = page.driver().findElement(By.id("sign-in-operator"));
        id.clear();
        id.sendKeys(operator);
        page.driver().findElement(By.id("sign-in-password")).sendKeys(password);
        page.driver().findElement(By.id("sign-in-button")).click();
    }

    /** Every door tile's classes, read in one script. */
    @SuppressWarnings("unchecked")
    private List<String> tileClasses() {
        return (List<String>) page.js(
                "return Array.from(document.querySelectorAll('.door')).map(e => e.className)");
    }

    /** POSTs from inside the page (its cookie, its origin), with or without the page's CSRF token: "status body". */
    private String post(String body, boolean withToken) {
        Object r = page.jsAsync("""
                const done = arguments[arguments.length - 1];
                const body = arguments[0], withToken = arguments[1];
                fetch('/api/session').then(r => r.json()).then(s => fetch('/api/action', {method: 'POST',
                    headers: Object.assign({'Content-Type': 'application/json'}, withToken ? {'X-CSRF-Token': s.csrf} : {}),
                    body: body}))
                  .then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('error ' + e));
                """, body, withToken);
        return String.valueOf(r);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok) {
        page.waitFor(what, ok);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok, Duration timeout) {
        page.waitFor(what, ok, timeout);
    }

    /** One publish to the sim's control topics, as a person with mosquitto_pub would. */
    private record TestClientPublisher(String url) {
        void publish(String topic, String payload) {
            try (TestClient c = new TestClient(url, "console-test-sim")) {
                c.publish(topic, payload);
            } catch (Exception e) {
                throw new AssertionError("publish to " + topic + ": " + e, e);
            }
        }
    }
}
