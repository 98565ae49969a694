package vn.ansinh.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.HeadlessChromium;

/**
 * The review page in headless Chromium: the demo information-security user signs in on the
 * gateway's sign-in page (authorization code with PKCE), looks for a citizen by personal id, opens
 * an event, checks the chain's integrity and takes the signed export.
 */
class AuditPageTest extends GatewayHttpTest {

  private static final String CITIZEN = "040095000777";

  @Autowired
  AuditTrail trail;

  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void browser() throws Exception {
    browser = HeadlessChromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void signIn(String username, String password) {
    browser.get("http://localhost:" + port + "/audit");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#events-table tbody tr"));
  }

  @Test
  void theDemoAuditorSignsInSearchesOpensAnEventAndChecksIntegrity() {
    // another officer looked this citizen up through the API earlier
    assertThat(get("/api/v1/audit/events?personalId=" + CITIZEN, token("infosec-demo")).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> trail.pending() == 0);

    signIn("auditor-demo", "demo-password");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "Signed in as auditor-demo"));
    assertThat(browser.getCurrentUrl()).as("the code is not left in the address bar")
        .startsWith("http://127.0.0.1:" + port + "/audit/index.html").doesNotContain("code=");

    browser.findElement(By.id("personal-id")).sendKeys(CITIZEN);
    browser.findElement(By.id("search-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "Events 1–"));
    WebElement row = rows().get(0);
    List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertThat(cells.get(2)).isEqualTo("infosec-demo");
    assertThat(cells.get(4)).isEqualTo("searchAuditEvents");

    row.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("event-detail")));
    assertThat(browser.findElement(By.cssSelector("#event-detail dd[data-field='partner']")).getText())
        .isEqualTo("infosec-demo");
    assertThat(browser.findElement(By.cssSelector("#event-detail dd[data-field='subjectHash']")).getText())
        .hasSize(64);
    assertThat(browser.findElement(By.id("event-detail")).getText()).doesNotContain(CITIZEN);

    // this page's own search is on the record too, under the person who made it
    await().atMost(Duration.ofSeconds(5)).until(() -> trail.pending() == 0);
    browser.findElement(By.id("search-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "Events 1–2"));
    assertThat(rows().get(0).findElements(By.tagName("td")).get(2).getText()).isEqualTo("auditor-demo");

    browser.findElement(By.id("integrity-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("integrity-result"), "erified"));
    WebElement result = browser.findElement(By.id("integrity-result"));
    assertThat(result.getText()).startsWith("Verified: ").contains("signed checkpoints");
    assertThat(result.getAttribute("class")).isEqualTo("verified");

    browser.findElement(By.id("export-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export-status"), "Downloaded"));
    assertThat(browser.findElement(By.id("export-status")).getText()).matches("Downloaded audit-export.zip \\(\\d+ bytes\\)\\.");
  }

  @Test
  void aWrongPasswordShowsNothingOfTheTrail() {
    signIn("auditor-demo", "wrong-password");
    wait.until(ExpectedConditions.urlContains("/login?error"));
    assertThat(browser.getPageSource()).doesNotContain("events-table");
  }
}
