package vn.ansinh.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver, headless, for the page tests. Outside CI a machine without
 * them skips the test; under CI=true a missing browser fails it (.ci/run installs both).
 */
public final class HeadlessChromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  public static WebDriver start() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (System.getenv("CI") != null) {
      assertThat(installed).as(".ci/run installs Debian's chromium and chromium-driver").isTrue();
    }
    Assumptions.assumeTrue(installed, "no chromium and chromium-driver on this machine");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + Files.createTempDirectory("chromium-"));
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }
}
