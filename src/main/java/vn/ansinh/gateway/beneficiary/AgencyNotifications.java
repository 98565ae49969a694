package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.OutboxWorker;

/** Tells the owning agency, in its own format, how its beneficiary's account opening ended, or that the account stopped. */
@Component("agencyNotifications")
public class AgencyNotifications {

  static final String KIND = "agency-notification";
  private static final DateTimeFormatter VSS_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private final Beneficiaries beneficiaries;
  private final Accounts accounts;
  private final NotificationDirectory directory;
  private final ObjectMapper json;

  public AgencyNotifications(Beneficiaries beneficiaries, Accounts accounts, NotificationDirectory directory,
      ObjectMapper json) {
    this.beneficiaries = beneficiaries;
    this.accounts = accounts;
    this.directory = directory;
    this.json = json;
  }

  /** Body becomes the notification; its URL goes in {@code notificationUrl}; a stable Idempotency-Key. */
  public void build(Exchange exchange) throws JsonProcessingException {
    String owner = exchange.getProperty(OutboxWorker.OWNER, String.class);
    String id = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    Beneficiary b = beneficiaries.find(owner, id).orElseThrow(() -> new NotFoundException("beneficiary", id));
    NotificationDirectory.Endpoint endpoint = directory.find(owner)
        .orElseThrow(() -> new NotFoundException("notification endpoint of", owner));
    // an account the bank reported wrong, closed or blocked is named, so the agency knows which one stopped
    Accounts.FullAccount account = b.status() == BeneficiaryStatus.ACCOUNT_INACTIVE
        ? accounts.lastDeactivated(owner, id).orElse(null) : accounts.activeUnmasked(owner, id).orElse(null);
    Map<String, Object> message = endpoint.format() == NotificationDirectory.Format.VSS
        ? vss(b, account) : dolisa(b, account);
    exchange.setProperty("agency", owner);
    exchange.setProperty("notificationUrl", endpoint.url());
    exchange.getMessage().setBody(json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
    exchange.getMessage().setHeader("Idempotency-Key", "N-" + UUID.nameUUIDFromBytes(
        (owner + '|' + id + '|' + b.status() + '|' + (account == null ? "" : account.accountNumber()))
            .getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Object> dolisa(Beneficiary b, Accounts.FullAccount account) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("beneficiaryId", b.registration().beneficiaryId());
    m.put("program", b.registration().program());
    m.put("personalId", b.registration().personalId());
    m.put("status", b.status());
    m.put("reason", b.statusReason());
    if (account != null) {
      m.put("bankBin", account.bankBin());
      m.put("accountNumber", account.accountNumber());
      m.put("accountName", account.accountName());
    }
    m.put("updatedAt", b.updatedAt().toString());
    return m;
  }

  private static Map<String, Object> vss(Beneficiary b, Accounts.FullAccount account) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maSoBHXH", socialInsuranceNumber(b.registration().socialInsuranceNumber(), b.registration().personalId()));
    m.put("soDinhDanh", b.registration().personalId());
    m.put("hoTen", b.registration().fullName());
    m.put("ngaySinh", b.registration().dateOfBirth().format(VSS_DATE));
    m.put("soTaiKhoan", account == null ? null : account.accountNumber());
    m.put("maNganHang", account == null ? b.registration().preferredBankBin() : account.bankBin());
    m.put("trangThai", switch (b.status()) {
      case ACCOUNT_OPEN -> "DA_MO_TAI_KHOAN";
      case ACCOUNT_INACTIVE -> "TAI_KHOAN_NGUNG_SU_DUNG";
      default -> "TU_CHOI_MO_TAI_KHOAN";
    });
    m.put("lyDo", b.statusReason());
    return m;
  }

  /**
   * VSS knows a person by the social-insurance number; where the agency gave none, by the personal
   * id, which VSS is moving to as that number. Never by the gateway's beneficiary id.
   */
  public static String socialInsuranceNumber(String registered, String personalId) {
    return registered != null ? registered : personalId;
  }
}
