package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ansinh.gateway.support.HeadlessChromium;
import vn.ansinh.gateway.support.Json;

/**
 * The payment-point page in headless Chromium: a cashier signs in on the gateway's sign-in page,
 * lists a commune's cash payments of a period and records one paid and one not collected.
 */
class PayoutsPageTest extends PaymentCycleTest {

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
  void aCashierListsACommunesCashPaymentsAndRecordsThem() {
    String csv = "PAGE-1,B1," + newPerson() + ",Phạm Thị Lan,500000,,,40,16681,\n"
        + "PAGE-2,B2," + newPerson() + ",Lê Văn Bình,700000,,,40,16681,\n"
        + "PAGE-3,B3," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000003,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", "2035-01", csv, 3, 1_700_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    signIn("cashier-demo", "demo-password");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("payouts-form")));
    assertThat(browser.findElement(By.id("sign-in-status")).getText()).isEqualTo("Signed in as cashier-demo.");

    browser.findElement(By.id("period")).sendKeys("2035-01");
    browser.findElement(By.id("commune")).sendKeys("16681");
    browser.findElement(By.id("place")).sendKeys("Bưu điện xã Hưng Lộc");
    browser.findElement(By.id("payouts-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payouts-summary"), "2 payments, 2 to pay"));
    assertThat(browser.findElements(By.cssSelector("#payouts-table tr[data-payment='PAGE-3']"))).isEmpty();
    WebElement first = browser.findElement(By.cssSelector("#payouts-table tr[data-payment='PAGE-1']"));
    assertThat(first.getText()).contains("Phạm Thị Lan").contains("500.000").contains("Chờ chi / To pay");
    // nobody may collect for her: no button for a representative
    assertThat(first.findElements(By.cssSelector("button[data-outcome='PAID_TO_REPRESENTATIVE']"))).isEmpty();

    first.findElement(By.cssSelector("button[data-outcome='PAID_IN_CASH']")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#payouts-table tr[data-payment='PAGE-1'][data-status='PAID']")));
    browser.findElement(By.cssSelector("#payouts-table tr[data-payment='PAGE-2'] button[data-outcome='NOT_COLLECTED']"))
        .click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#payouts-table tr[data-payment='PAGE-2'][data-status='UNCOLLECTED']")));
    assertThat(browser.findElement(By.cssSelector("#payouts-table tr[data-payment='PAGE-1']")).getText())
        .contains("Đã chi / Paid").contains("Bưu điện xã Hưng Lộc");

    // the paying agency sees the payment paid in cash, and the other back as uncollected
    var payments = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body())
        .path("payments");
    assertThat(payments.get(0).path("status").asText()).isEqualTo("PAID");
    assertThat(payments.get(0).path("method").asText()).isEqualTo("CASH");
    assertThat(payments.get(1).path("status").asText()).isEqualTo("UNCOLLECTED");
  }

  @Test
  void aPersonWithoutTheCashRightIsNotShownThePayments() {
    signIn("operator-demo", "demo-password");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "Sign-in failed"));
    assertThat(browser.findElement(By.id("sign-in-status")).getText()).contains("does not hold cash.record");
    assertThat(browser.findElement(By.id("payouts")).isDisplayed()).isFalse();
  }

  private void signIn(String username, String password) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    browser.get("http://localhost:" + port + "/payouts");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
