package no.pakkeforlop.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the machine's packages (Debian {@code chromium},
 * {@code chromium-driver}), driven by Selenium with the driver given explicitly, so
 * Selenium Manager never downloads anything. Without the packages the test class is
 * skipped with a loud message, unless {@code -Dbrowser.required=true} (CI), where it
 * fails. On a failed test a screenshot, the page source and the console go to
 * {@code <build directory>/browser/}. Helpers address Camunda Forms fields by their key
 * (form-js renders {@code id="fjs-form-<n>-Field_<key>"}).
 */
final class Browser implements ExecutionCondition, BeforeAllCallback, TestWatcher, AfterAllCallback {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    /**
     * Dates in Camunda Forms are typed dd.mm.åååå, whatever the browser's language
     * (app/pakkeforlop/dates.js).
     */
    static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private WebDriver driver;

    private WebDriverWait wait;

    private Path profile;

    /**
     * The browser's language (navigator.language and Accept-Language), e.g. nb-NO or
     * en-US.
     */
    private String language = "nb-NO";

    /** The browser's time zone: a hospital PC's, unless a test chooses another. */
    private String timeZone = "Europe/Oslo";

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static boolean required() {
        return Boolean.getBoolean("browser.required");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed() || required()) {
            return ConditionEvaluationResult
                .enabled("Chromium and chromedriver found, or the browser test is required");
        }
        String message = "BROWSER TEST SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing. Install them with `" + INSTALL
                + "` (CI sets -Dbrowser.required=true, which makes this a failure).";
        System.err
            .println("\n" + "*".repeat(message.length()) + "\n" + message + "\n" + "*".repeat(message.length()) + "\n");
        return ConditionEvaluationResult.disabled(message);
    }

    /**
     * Required but not installed: fails before the application is started for nothing.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (!installed()) {
            throw new IllegalStateException("The browser test is required (-Dbrowser.required=true) but " + CHROMIUM
                    + " or " + CHROMEDRIVER + " is missing: " + INSTALL);
        }
    }

    /** From now on a browser with this language (a new one if the language changes). */
    void language(String language) {
        if (!language.equals(this.language)) {
            quit();
            this.language = language;
        }
    }

    /**
     * From now on a browser in this time zone, e.g. UTC (a new one if the zone changes).
     */
    void timeZone(String timeZone) {
        if (!timeZone.equals(this.timeZone)) {
            quit();
            this.timeZone = timeZone;
        }
    }

    WebDriver driver() {
        if (driver == null) {
            try {
                profile = Files.createTempDirectory("chromium-profile-");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // --no-sandbox: Chromium refuses to run as root with its sandbox (CI
            // containers run as root)
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1400,1100", "--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            // the page's console, for the evidence of a failed test
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            // the clock of a hospital PC (or the zone a test chooses): Camunda's apps
            // show
            // times in the browser's time zone
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TZ", timeZone, "LANGUAGE", language.replace('-', '_')))
                .usingAnyFreePort()
                .build();
            driver = new ChromeDriver(service, options);
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class);
            // what the page showed when a wait ran out: the failure says why, not only
            // what
            wait.withMessage(this::pageState);
        }
        return driver;
    }

    /** Where the browser is and what the page says, for a failure message. */
    private String pageState() {
        try {
            Object text = ((JavascriptExecutor) driver)
                .executeScript("return document.body ? document.body.innerText : '(no body)'");
            String body = String.valueOf(text).replaceAll("\\s+", " ").trim();
            return "the page was " + driver.getCurrentUrl() + " («" + driver.getTitle() + "»), showing: "
                    + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
        catch (RuntimeException e) {
            return "the page could not be read: " + e;
        }
    }

    WebDriverWait await() {
        driver();
        return wait;
    }

    // ------------------------------------------------------------------ Tasklist and
    // Camunda Forms

    void logInToTasklist(String baseUrl, String user, String password) {
        logIn(baseUrl + "/camunda/app/tasklist/default/", user, password, By.cssSelector(".start-process-action"));
    }

    /**
     * Opens the app's address, logs in on its login page and waits for what the app then
     * shows.
     */
    void logIn(String url, String user, String password, By shown) {
        driver().get(url);
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")))
            .sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await().until(ExpectedConditions.elementToBeClickable(shown));
    }

    /** "Logg ut" in the user menu of the header; waits for the login page. */
    void logOut() {
        click(By.cssSelector("li.account > a.dropdown-toggle"));
        click(By.cssSelector("li.logout a"));
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
    }

    /** The input of the form field with this key (for a date, its text input). */
    WebElement field(String key) {
        return await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='-Field_" + key + "']")));
    }

    /**
     * Types into a field and leaves it (form-js passes a text on to the form debounced,
     * at the latest when the field loses focus; a re-render before that can empty the
     * field), until the field keeps the text.
     */
    void type(String key, String text) {
        await().until(d -> {
            WebElement input = field(key);
            scrollTo(input);
            if (!text.equals(input.getDomProperty("value"))) {
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                input.sendKeys(text, Keys.TAB);
            }
            return text.equals(field(key).getDomProperty("value"));
        });
    }

    /** Types a date into a form-js date field (dd.mm.yyyy) until the field shows it. */
    void date(String key, LocalDate date) {
        String typed = date.format(FORM_DATE);
        await().until(d -> {
            WebElement input = field(key + "-date");
            scrollTo(input);
            if (!typed.equals(input.getDomProperty("value"))) {
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                input.sendKeys(typed, Keys.ENTER);
            }
            return typed.equals(field(key + "-date").getDomProperty("value"));
        });
    }

    /** Types this text into a form-js date field and leaves the field (Tab), once. */
    void typeDate(String key, String text) {
        WebElement input = field(key + "-date");
        scrollTo(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.TAB);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(javascript, arguments);
    }

    /** The keys in the page's localStorage. */
    @SuppressWarnings("unchecked")
    List<String> localStorageKeys() {
        return (List<String>) script("return Object.keys(window.localStorage);");
    }

    /** Ticks the option with this index of a radio group or checklist. */
    void option(String key, int index) {
        click(field(key + "-" + index));
    }

    /**
     * Picks the option with this label in a form-js select (a dropdown list, not a native
     * select).
     */
    void select(String key, String label) {
        click(field(key).findElement(By.xpath("./..")));
        click(await().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + label + "']"))));
        await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-dropdownlist")));
    }

    void click(WebElement element) {
        scrollTo(element);
        await().until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    void click(By by) {
        click(await().until(ExpectedConditions.presenceOfElementLocated(by)));
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    /** The text of Tasklist's latest error notification. */
    String errorNotification() {
        return await()
            .until(ExpectedConditions
                .visibilityOfElementLocated(By.cssSelector(".page-notifications .alert-danger .message")))
            .getText();
    }

    // ------------------------------------------------------------------ evidence and
    // clean-up

    /** Writes a screenshot for review to the build directory's screenshots/ folder. */
    Path screenshot(String name) {
        try {
            Path dir = buildDirectory().resolve("screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a screenshot, the page source and the console under the build directory's
     * browser/ folder.
     */
    Path evidence(String name) {
        if (driver == null) {
            return null;
        }
        try {
            Path dir = buildDirectory().resolve("browser");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
            StringBuilder console = new StringBuilder();
            driver.manage()
                .logs()
                .get(LogType.BROWSER)
                .forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
            Files.writeString(dir.resolve(name + ".console.txt"), console);
            return dir;
        }
        catch (IOException | RuntimeException e) {
            System.err.println("Could not save the browser's screenshot: " + e);
            return null;
        }
    }

    /**
     * The build directory (-DbuildDirectory, target by default): where the test classes
     * were compiled to.
     */
    static Path buildDirectory() {
        try {
            return Path.of(Browser.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path dir = evidence(
                context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        if (dir != null) {
            System.err.println("Browser screenshot and page source of the failed test: " + dir);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        quit();
    }

    private void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
                for (Path file : all) {
                    Files.deleteIfExists(file);
                }
            }
            catch (IOException e) {
                // a leftover temporary profile is harmless
            }
            profile = null;
        }
    }

}
