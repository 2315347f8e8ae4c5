package org.lockstep.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.cli.ExtensionCommand;
import org.lockstep.controller.cli.Main;
import org.lockstep.simulator.SimMqtt;

/**
 * The responder view end to end, on the same {@link ConsoleFixture} as {@link ConsoleMapInBrowserTest} (the simulated
 * example school on a real broker, the console in front, headless Chromium at a phone's size): the link made by
 * {@code lockstep console responder add} shows every door on the map, live, with no button that acts and no sign-in;
 * a lockdown from the panic button and a door propped in it show in the count and the alerts; revoking the link turns
 * the open page NOT LIVE. Screenshots go to target/console-screenshots/responder-*.png.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ResponderInBrowserTest {
    @TempDir
    Path links;
    private ConsoleFixture site;
    private ConsolePage phone;
    private SimMqtt mqtt;
    private String prefix;
    private int doors;

    @BeforeEach
    void start() throws Exception {
        site = ConsoleFixture.start(11, c -> c.withResponders(links));
        mqtt = site.mqtt;
        prefix = site.prefix;
        doors = site.doors;
    }

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
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
                "--host", "127.0.0.1:" + site.console().port());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https://\\S+/r/[A-Za-z0-9_-]{43}").matcher(printed);
        assertTrue(m.find(), printed);
        phone = site.open("412,915", m.group());
        waitFor("every door on the map, live", () -> markerStatuses().size() == doors && text("live").equals("LIVE")
                && markerStatuses().values().stream().allMatch("UNLOCKED"::equals));
        assertEquals(List.of(), js("return Array.from(document.querySelectorAll('button, input, select, form'))"
                + ".filter(e => !e.matches('button.marker, #view-map, #view-list')).map(e => e.outerHTML)"),
                "nothing to press but the map's markers and the map/list switch");
        assertEquals(0L, js("return document.querySelectorAll('[data-action], #sign-in-form').length"));
        String title = phone.driver().getTitle();
        assertTrue(text("site-name").length() > 0 && title.contains("responder"), title);
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
        phone.driver().navigate().refresh();
        waitFor("a reload is the plain 404", () -> phone.driver().getPageSource().contains("Not found"));
    }

    // ---- helpers

    private void screenshot(String name) {
        phone.screenshot(name);
    }

    private Object js(String script) {
        return phone.js(script);
    }

    private String text(String id) {
        return phone.text(id);
    }

    private Map<String, String> markerStatuses() {
        return phone.markerStatuses();
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok) {
        phone.waitFor(what, ok);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier ok, Duration timeout) {
        phone.waitFor(what, ok, timeout);
    }
}
