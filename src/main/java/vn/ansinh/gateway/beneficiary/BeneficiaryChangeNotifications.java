package vn.ansinh.gateway.beneficiary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;

/**
 * Tells the owning agency of one change of its beneficiary (SPEC §4.10, §6.5), in its own format:
 * DOLISA in plain JSON, VSS with Vietnamese field names and dd/MM/yyyy dates. One message per
 * change, with the Idempotency-Key {@code BC-<change>}.
 */
@Component("beneficiaryChangeNotifications")
public class BeneficiaryChangeNotifications {

  private static final DateTimeFormatter VSS_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final Map<String, String> VSS_KIND = Map.of("CHANGED", "DIEU_CHINH_THONG_TIN", "MOVED",
      "CHUYEN_DIA_BAN", "SUSPENDED", "TAM_DUNG", "RESUMED", "TIEP_TUC", "TERMINATED", "CHAM_DUT",
      "REPRESENTATIVE_SET", "UY_QUYEN_NHAN_THAY", "REPRESENTATIVE_ENDED", "CHAM_DUT_UY_QUYEN");
  private final LifecycleRecords records;
  private final BeneficiaryLifecycle lifecycle;
  private final NotificationDirectory directory;
  private final ObjectMapper json;

  public BeneficiaryChangeNotifications(LifecycleRecords records, BeneficiaryLifecycle lifecycle,
      NotificationDirectory directory, ObjectMapper json) {
    this.records = records;
    this.lifecycle = lifecycle;
    this.directory = directory;
    this.json = json;
  }

  /** Body becomes the message; the agency's URL goes in {@code notificationUrl}. */
  public void build(Exchange exchange) throws JsonProcessingException {
    String owner = exchange.getProperty(OutboxWorker.OWNER, String.class);
    String id = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    LifecycleRecords.Change change = records.change(Long.parseLong(id))
        .filter(c -> c.owner().equals(owner)).orElseThrow(() -> new NotFoundException("beneficiary change", id));
    Beneficiary b = lifecycle.find(owner, change.beneficiaryId()).beneficiary();
    NotificationDirectory.Endpoint endpoint = directory.find(owner)
        .orElseThrow(() -> new NotFoundException("notification endpoint of", owner));
    Map<String, Object> message = endpoint.format() == NotificationDirectory.Format.VSS ? vss(b, change) : dolisa(b, change);
    exchange.setProperty(AgencyCalls.AGENCY, owner);
    exchange.setProperty("notificationUrl", endpoint.url());
    exchange.getMessage().setBody(json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
    exchange.getMessage().setHeader("Idempotency-Key", "BC-" + change.id());
  }

  private static Map<String, Object> dolisa(Beneficiary b, LifecycleRecords.Change c) {
    BeneficiaryRegistration r = b.registration();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "BENEFICIARY_CHANGE");
    m.put("changeId", c.id());
    m.put("beneficiaryId", r.beneficiaryId());
    m.put("program", r.program());
    m.put("personalId", r.personalId());
    m.put("change", c.kind());
    m.put("fields", c.fields());
    putPresent(m, "effectiveFrom", c.effectiveFrom() == null ? null : c.effectiveFrom().toString());
    putPresent(m, "reason", c.reason());
    m.put("status", b.status());
    if (c.kind().equals("MOVED")) {
      putPresent(m, "provinceCode", r.provinceCode());
      putPresent(m, "communeCode", r.communeCode());
    }
    m.put("changedBy", c.changedBy());
    m.put("changedAt", c.changedAt().toString());
    return m;
  }

  private static Map<String, Object> vss(Beneficiary b, LifecycleRecords.Change c) {
    BeneficiaryRegistration r = b.registration();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loaiThongBao", "THAY_DOI_DOI_TUONG");
    m.put("maThayDoi", c.id());
    m.put("maSoBHXH", AgencyNotifications.socialInsuranceNumber(r.socialInsuranceNumber(), r.personalId()));
    m.put("soDinhDanh", r.personalId());
    m.put("hoTen", r.fullName());
    m.put("ngaySinh", r.dateOfBirth().format(VSS_DATE));
    m.put("loaiThayDoi", VSS_KIND.getOrDefault(c.kind(), c.kind()));
    m.put("truongThayDoi", List.copyOf(c.fields()));
    putPresent(m, "ngayHieuLuc", c.effectiveFrom() == null ? null : c.effectiveFrom().format(VSS_DATE));
    putPresent(m, "lyDo", c.reason());
    if (c.kind().equals("MOVED")) {
      putPresent(m, "maTinh", r.provinceCode());
      putPresent(m, "maXa", r.communeCode());
    }
    m.put("trangThai", b.status());
    return m;
  }

  /** The contract's optional fields are left out rather than sent as null. */
  private static void putPresent(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
