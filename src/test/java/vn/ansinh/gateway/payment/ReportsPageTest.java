package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

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
import vn.ansinh.gateway.simulator.BankReportMessages;
import vn.ansinh.gateway.support.HeadlessChromium;
import vn.ansinh.gateway.support.Json;

/**
 * The reports page in headless Chromium: an operator signs in on the gateway's sign-in page, reads
 * the demo province's coverage and reconciles a batch they did not submit.
 */
class ReportsPageTest extends PaymentCycleTest {

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
  void anOperatorSignsInAndReadsTheCoverageAndTheReconciliation() throws Exception {
    String csv = "WEB-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
        + "WEB-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,40,16681,\n"
        + "WEB-3,B3," + newPerson() + ",Phạm Thị Lan,500000,,,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", "2029-07", csv, 3, 1_500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    String file = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=DISPATCHED",
        token("dolisa-demo")).body()).path("payments").get(0).path("fileId").asText();
    assertThat(report("bank-970405-demo", "970405", BankReportMessages.pain002("WEB-PSR", file, List.of(
        new BankReportMessages.Status("WEB-1", "ACSC", null), new BankReportMessages.Status("WEB-2", "ACSC", null))))
        .statusCode()).isEqualTo(200);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    signIn("operator-demo", "demo-password");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("coverage-form")));
    assertThat(browser.findElement(By.id("sign-in-status")).getText()).isEqualTo("Signed in as operator-demo.");

    browser.findElement(By.id("period")).sendKeys("2029-07");
    browser.findElement(By.id("province")).sendKeys("40");
    browser.findElement(By.id("coverage-button")).click();
    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#coverage-table tr[data-commune='16681']")));
    List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    // the cash payment is not recorded by the payment point yet: not counted as paid in cash
    assertThat(cells).containsExactly("16681", "3", "2", "0", "66.67");
    assertThat(browser.findElement(By.id("coverage-summary")).getText()).contains("2 of 3 = 66.67%");
    assertThat(browser.findElement(By.cssSelector("#coverage-chart rect[data-commune='16681']")).getAttribute("width"))
        .isEqualTo("400.02");

    browser.findElement(By.id("batch-id")).sendKeys(batchId);
    browser.findElement(By.id("reconciliation-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reconciliation-summary"), "balanced"));
    assertThat(browser.findElement(By.id("reconciliation-summary")).getText()).isEqualTo("Batch SETTLED: balanced.");
    assertThat(browser.findElement(By.cssSelector("#reconciliation-table tr[data-line='paid']")).getText())
        .contains("Paid").contains("2");

    // sums past 2^64 are shown to the last đồng, not rounded as JavaScript numbers would be
    String huge = "WEB-4,B4," + newPerson() + ",Lê Thị Mai,9223372036854775806,970405,1500205000004,40,16681,\n"
        + "WEB-5,B5," + newPerson() + ",Hoàng Văn Nam,9223372036854775805,970405,1500205000005,40,16681,\n"
        + "WEB-6,B6," + newPerson() + ",Trần Văn Bảo,500000,970405,1500205000006,40,16681,\n";
    String hugeBatch = batchIdOf(submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2029-08", huge, 3,
        "18446744073710051611"));
    awaitStatus(hugeBatch, "AWAITING_APPROVAL");
    browser.findElement(By.id("batch-id")).clear();
    browser.findElement(By.id("batch-id")).sendKeys(hugeBatch);
    browser.findElement(By.id("reconciliation-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reconciliation-summary"), "AWAITING_APPROVAL"));
    assertThat(browser.findElement(By.id("reconciliation-summary")).getText())
        .isEqualTo("Batch AWAITING_APPROVAL: balanced.");
    assertThat(browser.findElement(By.cssSelector("#reconciliation-table tr[data-line='invalid']")).getText())
        .contains("18.446.744.073.709.551.611");
    assertThat(browser.findElement(By.cssSelector("#reconciliation-table tr[data-line='declared']")).getText())
        .contains("18.446.744.073.710.051.611");
  }

  @Test
  void wrongCredentialsAreRefusedAndNoReportShows() {
    signIn("operator-demo", "wrong");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login?error"));
    assertThat(browser.getPageSource()).doesNotContain("coverage-table");
  }

  @Test
  void aPersonWithoutTheReportRightIsNotShownReports() {
    signIn("auditor-demo", "demo-password");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "Sign-in failed"));
    assertThat(browser.findElement(By.id("sign-in-status")).getText()).contains("does not hold report.read");
    assertThat(browser.findElement(By.id("coverage")).isDisplayed()).isFalse();
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
