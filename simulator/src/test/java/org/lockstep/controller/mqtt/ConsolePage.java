package org.lockstep.controller.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Chromium page on the console ({@link ConsoleFixture#open}), with what the browser tests read and do on it. The
 * page redraws on every push, so reads are one script each (no element kept across a redraw) and waits ignore an
 * element that went stale.
 */
record ConsolePage(ChromeDriver driver) {
    static final Duration WAIT = Duration.ofSeconds(20);
    /** Where screenshots go: a build artifact (and where docs/images/ takes its picture from). */
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an async script (its last argument is the callback) and returns what it called back with. */
    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The element's innerText, or "" when there is none. */
    String text(String id) {
        return String.valueOf(js("const e = document.getElementById(arguments[0]); return e ? e.innerText : ''", id));
    }

    /** A press-and-hold action button (lockdown, secure, drill, all-clear). */
    WebElement button(String action) {
        return driver.findElement(By.cssSelector("button.hold[data-action='" + action + "']"));
    }

    /** Holds the button down for {@code ms}, then lets go. */
    void hold(WebElement b, long ms) {
        new Actions(driver).clickAndHold(b).pause(Duration.ofMillis(ms)).release().perform();
    }

    /** Door id → the status on its map marker ("SECURED", "was UNLOCKED"; the marker shows it short), in one script. */
    @SuppressWarnings("unchecked")
    Map<String, String> markerStatuses() {
        return (Map<String, String>) js("return Object.fromEntries(Array.from(document.querySelectorAll('button.marker'))"
                + ".map(b => [b.dataset.door, b.dataset.status]))");
    }

    /** Every map marker's classes, read in one script. */
    @SuppressWarnings("unchecked")
    List<String> markerClasses() {
        return (List<String>) js("return Array.from(document.querySelectorAll('button.marker')).map(b => b.className)");
    }

    void waitFor(String what, BooleanSupplier ok) {
        waitFor(what, ok, WAIT);
    }

    /** Checks every 50 ms until {@code ok} or the timeout (then fails naming {@code what}). */
    void waitFor(String what, BooleanSupplier ok, Duration timeout) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(() -> "waiting for " + what)
                .ignoring(StaleElementReferenceException.class).until(d -> ok.getAsBoolean());
    }

    /** Saves what the page shows to target/console-screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (java.io.IOException e) {
            throw new AssertionError("screenshot " + name + ": " + e, e);
        }
    }

    /** Closes the browser; a second call does nothing. */
    void quit() {
        try {
            driver.quit();
        } catch (RuntimeException alreadyGone) {
            // quit twice (a test's own, then the fixture's): nothing left to close
        }
    }
}
