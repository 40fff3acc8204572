package org.gpupoor.arena.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A {@link Browser} for each test, opened on first use and closed after the test whether it passed
 * or not, with the helpers the page tests share:
 * <pre>
 * &#64;RegisterExtension
 * final ArenaExtension arena = new ArenaExtension().startedByTest();
 *
 * &#64;RegisterExtension
 * final BrowserExtension browser = new BrowserExtension(arena);
 * </pre>
 * Given an arena, Chromium keeps its profile in the test's folder and {@link #open} loads the
 * arena's page; without one the profile goes in a temporary folder of its own.
 */
public final class BrowserExtension implements AfterTestExecutionCallback, AfterEachCallback {
    private final ArenaExtension arena;

    private Browser browser;
    private Path tempDir;

    /** A browser whose profile lives in a temporary folder; {@link #open} is not available. */
    public BrowserExtension() {
        this(null);
    }

    public BrowserExtension(ArenaExtension arena) {
        this.arena = arena;
    }

    /** This test's browser, opened now if the test has not used it yet. */
    public Browser browser() {
        if (browser == null) {
            browser = Browser.open(profileDir());
        }
        return browser;
    }

    public ChromeDriver driver() {
        return browser().driver;
    }

    /** Loads the arena's page at {@code fragment} ("" or "#bt", say) and waits until its script has run. */
    public void open(String fragment) {
        if (arena == null) {
            throw new IllegalStateException("open() needs the arena: new BrowserExtension(arena)");
        }
        driver().get(arena.url() + "/" + fragment);
        String name = arena.config().name();
        await(d -> d.findElement(By.id("arena-name")).getText().equals(name));
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return browser().await(condition);
    }

    public Object js(String script, Object... args) {
        return browser().js(script, args);
    }

    public void size(int width, int height) {
        browser().size(width, height);
    }

    /** Makes the page see {@code prefers-color-scheme: dark} (or light). */
    public void colorScheme(String scheme) {
        browser().colorScheme(scheme);
    }

    /** Saves what the window shows as target/screenshots/{@code name}.png. */
    public void screenshot(String name) {
        browser().screenshot(name);
    }

    public WebElement byId(String id) {
        return driver().findElement(By.id(id));
    }

    public void click(String id) {
        byId(id).click();
    }

    public String text(String id) {
        return byId(id).getText();
    }

    /** What a form field holds now, as typed, not as the page first gave it. */
    public String value(String id) {
        return byId(id).getDomProperty("value");
    }

    /** Types a prompt into the battle's box and sends it with Ctrl+Enter, as a voter does. */
    public void typePrompt(String prompt) {
        WebElement box = byId("prompt");
        box.clear();
        box.sendKeys(prompt);
        box.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    /** Waits until the ECharts chart in element {@code id} has drawn a series with data. */
    public void awaitChart(String id) {
        await(d -> Boolean.TRUE.equals(js(
                "const c = window.echarts && echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                        + "return !!c && c.getOption().series.some(s => s.data && s.data.length > 0);",
                id)));
    }

    /**
     * Right after the test method, before any {@code @AfterEach} and before the arena closes and its
     * folder (which holds the profile) goes: whatever order JUnit runs the extensions' after-each in.
     */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        close();
    }

    /** For a browser opened in {@code @BeforeEach} by a test that then never ran. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private Path profileDir() {
        if (arena != null) {
            return arena.dir().resolve("chrome");
        }
        try {
            tempDir = Files.createTempDirectory("browser-test-");
            return tempDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            ArenaExtension.deleteAll(tempDir);
            tempDir = null;
        }
    }
}
