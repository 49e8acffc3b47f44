package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.store.ServiceAssumptions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium through its chromedriver, Debian's {@code chromium} and
 * {@code chromium-driver}) against a running server on a small generated dataset: every page loads without a
 * console error, its charts draw, the user page explains a list and a posted event changes it, changes without the
 * key are refused. Screenshots of every page go to {@code target/dashboard/}. Skipped when Chromium is missing,
 * unless {@code FUNNEL_REQUIRE_SERVICES=1}.
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of(ServiceAssumptions.env("FUNNEL_CHROMIUM", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(ServiceAssumptions.env("FUNNEL_CHROMEDRIVER", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target", "dashboard");
  /** The charts' first series colour (charts.js), looked for in their pixels. */
  private static final int[] FIRST_COLOUR = {0x2f, 0x6f, 0xdf};
  private static final int[] SECOND_COLOUR = {0xe8, 0x74, 0x3b};

  @TempDir static Path dir;
  static FunnelServer server;
  static ChromeDriver browser;
  static WebDriverWait wait;

  /** Why the browser cannot run, or null; each test reports it (a skip in @BeforeAll would report no test). */
  static FileNotFoundException missing;

  @BeforeAll
  static void start() throws Exception {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        missing = new FileNotFoundException(binary
            + " is missing: apt-get install chromium chromium-driver, or set FUNNEL_CHROMIUM / FUNNEL_CHROMEDRIVER");
        return;
      }
    }
    ServerTest.generate();
    server = FunnelServer.start(ServerTest.config(dir, "port: 0"), dir, ServerTest.data,
        new PrintStream(PrintStream.nullOutputStream()));
    seed();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
        options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class); // a page redraws its elements after an action
    Files.createDirectories(SCREENSHOTS);
  }

  @BeforeEach
  void requireTheBrowser() {
    if (missing != null) {
      ServiceAssumptions.unavailable("Chromium", missing);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Traffic the pages can show: a user and items in the catalogue and the feature store, a running experiment with clicks in both arms,
   * a draft one to start, and three points of metrics history (the test samples it on a clock of its own).
   */
  private static void seed() throws Exception {
    call("PUT", "/v1/users/u1", "{\"categorical\": {\"country\": \"fr\"}, \"numeric\": {\"age\": 31}}", true);
    for (int i = 1; i <= 5; i++) {
      call("PUT", "/v1/items/i" + i, "{\"categories\": [\"c" + i % 2 + "\"], \"tags\": [\"t\"]}", true);
    }
    // The test's dataset is read without its raw events: these make u1, i1 and i2 known to the feature store.
    call("POST", "/v1/events", "[{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"view\"},"
        + " {\"user\": \"u1\", \"item\": \"i2\", \"type\": \"view\"}]", true);
    call("POST", "/v1/experiments", """
        {"id": "live", "status": "running", "arms": [
          {"name": "control", "weight": 1, "spec": "merged"}, {"name": "popular", "weight": 1, "spec": "popular"}]}""",
        true);
    call("POST", "/v1/experiments", """
        {"id": "draft", "layer": "other", "arms": [
          {"name": "control", "weight": 1, "spec": "merged"}, {"name": "b", "weight": 1, "spec": "merged"}]}""", true);
    for (int i = 0; i < 100 && !call("GET", "/v1/experiments/live", null, true).get("ready").asBoolean(); i++) {
      Thread.sleep(100); // the arms' models build in the background
    }
    server.history().close(); // the test's samples, on its own clock, replace the server's every 10 s
    long now = System.currentTimeMillis() / 1000;
    server.history().sample(now - 30);
    for (int round = 1; round <= 3; round++) {
      for (int u = 1; u <= 60; u++) {
        JsonNode list = call("GET", "/v1/users/u" + u + "/recommendations?n=5", null, false);
        if (round == 1 && u % 3 == 0) {
          call("POST", "/v1/events", "{\"user\": \"u" + u + "\", \"item\": \"" + list.get("items").get(0).get("item")
              .asText() + "\", \"type\": \"click\", \"requestId\": \"" + list.get("requestId").asText() + "\"}", true);
        }
      }
      server.history().sample(now - 30 + 10 * round);
    }
  }

  /** A call that must succeed; its JSON body. */
  static JsonNode call(String method, String path, String body, boolean withKey) throws Exception {
    ServerTest.Reply reply = ServerTest.call(server, method, path, body, withKey);
    assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isLessThan(300);
    return reply.body();
  }

  /** Loads the dashboard afresh on {@code hash}, with or without the key, and waits until the page has drawn. */
  private static void load(String hash, boolean withKey) {
    browser.get("http://127.0.0.1:" + server.port() + "/ui/#" + hash);
    awaitPage(hash);
    consoleErrors(); // drawn with the previous test's key, or none: what matters is the page with the key below
    browser.findElement(By.id("key")).sendKeys(withKey ? server.apiKey() : "");
    browser.findElement(By.cssSelector("#key-form button")).click();
    awaitPage(hash);
  }

  /** Waits for the page to be drawn after a navigation or an action that redraws it. */
  private static void awaitPage(String hash) {
    wait.until(b -> "true".equals(js("return document.getElementById('page').dataset.ready"))
        && hash.startsWith(String.valueOf(js("return document.getElementById('page').dataset.page"))));
  }

  /** Switches to another page the way a click on a link does, and waits until it has drawn. */
  private static void go(String hash) {
    js("document.getElementById('page').dataset.ready = 'stale'; location.hash = arguments[0]", hash);
    awaitPage(hash);
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static List<String> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
  }

  private static void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** How many pixels of a canvas are near a colour: the proof that a series, not only the axes, was drawn. */
  private static long pixelsOf(WebElement canvas, int[] rgb) {
    return (Long) js("""
        const [canvas, r, g, b] = arguments;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 128 && Math.abs(data[i] - r) < 40 && Math.abs(data[i + 1] - g) < 40
              && Math.abs(data[i + 2] - b) < 40) n++;
        }
        return n;""", canvas, rgb[0], rgb[1], rgb[2]);
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  @Test
  void everyPageLoadsWithoutConsoleErrorsAndItsChartsDraw() throws Exception {
    load("overview", true);
    browser.navigate().refresh(); // a load with the key already in the session, as a returning person has it
    awaitPage("overview");
    double loadMs = ((Number) js("return performance.getEntriesByName('funnel:ready')[0].startTime")).doubleValue();
    System.out.printf("dashboard overview ready %.0f ms after navigation start%n", loadMs);
    List<WebElement> charts = browser.findElements(By.cssSelector(".chart canvas"));
    assertThat(charts).hasSizeGreaterThanOrEqualTo(6);
    assertThat(pixelsOf(charts.get(0), FIRST_COLOUR)).as("requests/s line").isGreaterThan(50);
    assertThat(pixelsOf(charts.get(0), SECOND_COLOUR)).as("events/s line").isGreaterThan(50);
    assertThat(text("#served")).contains(call("GET", "/v1/health", null, false).get("model").asText());
    assertThat(text("#latency-routes")).contains("/v1/users/{id}/recommendations");
    assertThat(text("#latency-stages")).contains("retrieve");
    screenshot("overview");
    assertThat(consoleErrors()).as("overview").isEmpty();

    for (String page : List.of("user/u1", "item/i1", "experiments/live")) {
      go(page);
      screenshot(page.substring(0, page.indexOf('/')));
      assertThat(browser.findElement(By.id("error")).isDisplayed())
          .as(page + ": " + js("return document.getElementById('error').textContent")).isFalse();
      assertThat(consoleErrors()).as(page).isEmpty();
    }
    assertThat(text("#arms")).contains("control", "popular");
    assertThat(browser.findElements(By.cssSelector("svg rect"))).as("lift interval bars").isNotEmpty();
    WebElement liftOverTime = browser.findElement(By.cssSelector("#lift-over-time canvas"));
    assertThat(pixelsOf(liftOverTime, FIRST_COLOUR)).as("the lift over time").isGreaterThan(20);
    go("item/i1");
    assertThat(text("#item-features")).as("item statistics").contains("events", "ctr_7d");

    go("evaluation");
    Path reports = Path.of("src", "test", "resources", "eval").toAbsolutePath();
    browser.findElement(By.id("eval-files"))
        .sendKeys(reports.resolve("itemcf.json") + "\n" + reports.resolve("popular.json"));
    wait.until(b -> !b.findElements(By.id("eval-table")).isEmpty());
    WebElement bars = browser.findElement(By.cssSelector("canvas.bars"));
    assertThat(pixelsOf(bars, FIRST_COLOUR)).as("itemcf bars").isGreaterThan(100);
    assertThat(pixelsOf(bars, SECOND_COLOUR)).as("popular bars").isGreaterThan(100);
    assertThat(text("#eval-table")).contains("itemcf", "popular");
    screenshot("evaluation");
    assertThat(consoleErrors()).as("evaluation").isEmpty();
    assertThat(loadMs).as("overview load time, ms").isLessThan(3000);
  }

  @Test
  void theUserPageExplainsTheListAndAPostedEventChangesIt() throws Exception {
    load("user", true);
    browser.findElement(By.id("user-id")).sendKeys("u1\n"); // u1 has a catalogue entry (seed): no 404 for its features
    wait.until(b -> !b.findElements(By.cssSelector("#recommendations tbody tr")).isEmpty());
    List<WebElement> rows = browser.findElements(By.cssSelector("#recommendations tbody tr"));
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0).getText()).contains("merge: score").containsPattern("(itemcf|swing|usercf) #\\d+");
    String first = rows.get(0).findElements(By.tagName("td")).get(1).getText();
    int historyBefore = browser.findElements(By.cssSelector("#history tbody tr")).size();

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("event-type"))).selectByValue("like");
    browser.findElement(By.id("event-item")).clear();
    browser.findElement(By.id("event-item")).sendKeys(first);
    browser.findElement(By.id("post-event")).click();
    wait.until(b -> text("#event-note").startsWith("accepted"));

    assertThat(text("#history tbody tr:first-child")).startsWith(first + " like");
    assertThat(text("#user-features")).contains("events", "recency");
    assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(historyBefore + 1);
    assertThat(browser.findElements(By.cssSelector("#recommendations tbody tr td:nth-child(2)")))
        .extracting(WebElement::getText).as("the liked item, now seen, leaves the list").doesNotContain(first);
    screenshot("user-after-event");
    assertThat(consoleErrors()).isEmpty();
  }

  /**
   * A running build's progress as the overview draws it. A build of the test's data ends within a second, before
   * the page would look, so the page reads a status where one runs: its fetch answers the snapshots' call with
   * the real body, its last build replaced.
   */
  @Test
  void theOverviewFollowsARunningBuild() throws Exception {
    load("overview", true);
    js("""
        const real = window.fetch;
        window.fetch = async (url, init) => {
          const response = await real(url, init);
          if (!String(url).endsWith('/v1/admin/snapshots') || (init?.method ?? 'GET') !== 'GET') return response;
          const body = await response.json();
          body.lastBuild = { state: 'building', started: new Date().toISOString(), progress: {
            pipeline: 'main', pipelineNumber: 1, pipelines: 2, step: 'swing', rowsDone: 30, rows: 120,
            stepSeconds: 1.5, finished: ['reading the data 0.40 s', 'main: itemcf 0.90 s'] } };
          return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
        };""");
    go("user");
    go("overview");
    assertThat(text("#build-progress")).contains("pipeline 1 of 2 (main)", "swing", "30 / 120 rows");
    assertThat(js("return document.querySelector('#build-progress progress').value")).isEqualTo(30L);
    browser.findElement(By.cssSelector("#build-progress summary")).click();
    assertThat(text("#build-progress ol")).contains("main: itemcf 0.90 s");
    screenshot("overview-building");
    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void changesWithoutTheKeyAreRefusedAndShowTheServersMessage() throws Exception {
    long events = call("GET", "/v1/health", null, false).get("events").asLong();
    load("user/u8", false);
    browser.findElement(By.id("post-event")).click();
    wait.until(b -> b.findElement(By.id("error")).isDisplayed());
    assertThat(text("#error")).contains("401", "needs an API key");
    assertThat(call("GET", "/v1/health", null, false).get("events").asLong()).isEqualTo(events);
    screenshot("refused");
    consoleErrors(); // the refused call's 401 is logged by the browser, as it should be
  }

  @Test
  void theItemAndExperimentPagesChangeWhatTheyShow() throws Exception {
    load("item/i2", true);
    assertThat(text("#hidden-state")).isEqualTo("no");
    browser.findElement(By.id("toggle-hidden")).click();
    wait.until(b -> text("#hidden-state").equals("yes"));
    assertThat(call("GET", "/v1/items/i2", null, false).get("hidden").asBoolean()).isTrue();
    browser.findElement(By.id("toggle-hidden")).click();
    wait.until(b -> text("#hidden-state").equals("no"));

    go("experiments/draft");
    browser.findElement(By.cssSelector("button[data-experiment=draft]")).click();
    wait.until(b -> text("#experiment-list").contains("draft running"));
    assertThat(call("GET", "/v1/experiments/draft", null, true).get("status").asText()).isEqualTo("running");
    assertThat(consoleErrors()).isEmpty();
  }
}
