package vn.ansinh.gateway.beneficiary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ansinh.gateway.support.HeadlessChromium;

/**
 * The reports page's second chart in headless Chromium: an operator signs in and reads how far the
 * account-opening campaign has come in Thanh Hóa (province 38, used by no other test).
 */
class AccountOpeningProgressPageTest extends HouseholdCampaignTest {

  private static final String PROVINCE = "38";
  private static final String HALFWAY = "14758";
  private static final String DONE = "14797";
  private WebDriver browser;

  @BeforeEach
  void browser() throws Exception {
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anOperatorSeesTheHouseholdsPerCommuneTheProvinceTotalAndTheDaysLeft() {
    String h = "W" + UUID.randomUUID().toString().substring(0, 8);
    opened("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, HALFWAY, h + "-1", "POOR"));
    register("dolisa-demo", NAME, PROVINCE, HALFWAY, h + "-2", "POOR");
    rejected("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, HALFWAY, h + "-3", "NEAR_POOR"));
    register("dolisa-demo", OTHER_NAME, PROVINCE, HALFWAY, h + "-4", "NEAR_POOR");
    opened("vss-demo", register("vss-demo", NAME, PROVINCE, DONE, h + "-5", "NEAR_POOR"));
    LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    signIn("operator-demo", "demo-password");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-opening-form")));
    assertThat(browser.findElement(By.id("coverage")).isDisplayed()).isTrue();
    browser.findElement(By.id("ao-province")).sendKeys(PROVINCE);
    browser.findElement(By.id("ao-deadline")).sendKeys(deadline.toString());
    browser.findElement(By.id("account-opening-button")).click();

    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#account-opening-table tr[data-commune='" + HALFWAY + "']")));
    assertThat(cells(row)).containsExactly(HALFWAY, "2", "2", "1", "1", "1", "1", "25.00");
    assertThat(cells(browser.findElement(By.cssSelector("#account-opening-table tr[data-commune='" + DONE + "']"))))
        .containsExactly(DONE, "0", "1", "1", "0", "0", "0", "100.00");
    assertThat(browser.findElement(By.id("account-opening-summary")).getText())
        .startsWith("Province 38: 2 of 5 households = 40.00% with an open account (poor 1 of 2, near-poor 1 of 3)")
        .contains("1 requested, 1 rejected, 1 none yet")
        .endsWith("30 days left to " + deadline + ".");
    // the bars: each state's share of the commune's households, of 600 units
    for (String state : List.of("open", "requested", "rejected", "none")) {
      assertThat(bar(HALFWAY, state).getAttribute("width")).as(state).isEqualTo("150.00");
    }
    assertThat(bar(DONE, "open").getAttribute("width")).isEqualTo("600.00");
    assertThat(bar(DONE, "none").getAttribute("width")).isEqualTo("0.00");

    browser.findElement(By.id("ao-deadline")).clear();
    browser.findElement(By.id("ao-deadline")).sendKeys("2025-12-31");
    browser.findElement(By.id("account-opening-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-opening-summary"), "passed"));
    assertThat(browser.findElement(By.id("account-opening-summary")).getText())
        .contains("the deadline 2025-12-31 passed");

    browser.findElement(By.id("ao-deadline")).clear();
    browser.findElement(By.id("ao-deadline")).sendKeys("2026-02-30");
    browser.findElement(By.id("account-opening-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-opening-summary"), "No report"));
    assertThat(browser.findElement(By.id("account-opening-summary")).getText()).contains("deadline");
  }

  private WebElement bar(String commune, String state) {
    return browser.findElement(By.cssSelector(
        "#account-opening-chart rect[data-commune='" + commune + "'][data-state='" + state + "']"));
  }

  private static List<String> cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  /** The page sends the person to the gateway's sign-in page, which sends them back with a code. */
  private void signIn(String username, String password) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    browser.get("http://localhost:" + port + "/reports");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
