package io.tokenjoule.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tokenjoule.simulate.DemoScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The status page at {@code /} of the demo agent, in a real headless Chromium (Debian's {@code
 * chromium} and {@code chromium-driver}, which .ci/run installs): it loads, lists the demo's
 * servers and GPUs, its script replaces the live part with newer ticks, and the browser logs no
 * error (a script the page's Content-Security-Policy blocked, a failed request, an exception).
 * Skipped, with the reason, where Chromium or its driver is not installed.
 */
@TestInstance(Lifecycle.PER_CLASS)
class StatusPageChromiumIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private DemoNode demo;
  private ChromeDriver browser;

  @BeforeAll
  void startDemoAndBrowser(@TempDir Path profile) {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        CHROMIUM
            + " or "
            + CHROMEDRIVER
            + " is not installed; .ci/run installs Debian's chromium and chromium-driver");
    demo = DemoNode.start(Duration.ofSeconds(1), Duration.ofSeconds(60));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The network is closed: no first-run, sync, component or background traffic.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath());
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void showsTheDemosServersAndGpusUpdatesAndLogsNoError() {
    waitFor(() -> demo.accounting(), "the demo's first tick");
    browser.get("http://" + demo.agentAddress() + "/");

    assertEquals("tokenjoule", browser.getTitle());
    List<String> servers = rowNames("servers");
    // The demo node runs the metering proxy's server beside the simulated ones.
    assertEquals(
        List.of(DemoScenario.SMALL_SERVER, DemoScenario.LARGE_SERVER, DemoNode.PROXY_SERVER),
        servers);
    assertEquals(List.of("0", "1", "2", "3"), rowNames("gpus"));
    String serverRow = rowText("#servers tr[data-name='sim-llama-8b']");
    assertTrue(serverRow.contains("simulated/llama-3.1-8b-instruct"), serverRow);
    assertTrue(serverRow.contains("up,"), "scrape health: " + serverRow);

    long firstTick = tick();
    waitFor(() -> tick() >= firstTick + 2, "the page's script to show two newer ticks");
    assertEquals("live", rowText("#state"));
    assertEquals(servers, rowNames("servers"));

    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    assertEquals(List.of(), errors.stream().map(LogEntry::toString).toList(), "console errors");
  }

  // The page's script replaces the live part every tick, so an element found in one WebDriver
  // call may be gone by the next: each read is one script that runs inside the page at once.
  private long tick() {
    Object tick =
        browser.executeScript(
            "return document.getElementById('summary').getAttribute('data-tick')");
    return Long.parseLong(String.valueOf(tick));
  }

  @SuppressWarnings("unchecked")
  private List<String> rowNames(String table) {
    return (List<String>)
        browser.executeScript(
            "return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(row => row.getAttribute('data-name'))",
            "#" + table + " tbody tr");
  }

  private String rowText(String selector) {
    return String.valueOf(
        browser.executeScript("return document.querySelector(arguments[0]).innerText", selector));
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 20 s for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
