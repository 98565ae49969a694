package vn.ansinh.gateway.reference;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.error.Violation;

/**
 * The official administrative units valid on a date (SPEC §4.12), and the check that a province and
 * commune code exist in that list. Which list is valid is asked of the database each time (an
 * operator may load a newer one on any instance); a list's content is read once and kept, keyed by
 * the list and its load time, since it never changes after that.
 */
@Component
public class AdministrativeUnits {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");
  private static final String VALID_ON = "select list_id, valid_from, valid_to, loaded_at from admin_unit_list"
      + " where daterange(valid_from, valid_to, '[]') @> ?::date";
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<String, UnitList> contents = new ConcurrentHashMap<>();

  public AdministrativeUnits(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Today in Vietnam, the day a registration's codes are read against. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(VIETNAM));
  }

  /** The list valid on the date; empty only when none is (the shipped lists cover every day). */
  public Optional<UnitList> on(LocalDate date) {
    return jdbc.query(VALID_ON, rs -> {
      if (!rs.next()) {
        return Optional.<UnitList>empty();
      }
      String id = rs.getString(1);
      LocalDate from = rs.getObject(2, LocalDate.class);
      LocalDate to = rs.getObject(3, LocalDate.class);
      Timestamp loaded = rs.getTimestamp(4);
      UnitList content = contents.computeIfAbsent(id + "@" + loaded.toInstant(), k -> read(id, from, to));
      // the content is the list's; its end may have been set since by a newer list
      return Optional.of(new UnitList(id, from, to, content.provinces(), content.communes()));
    }, date);
  }

  /** The codes' violations against the list valid on the date (codes not in the 2- and 5-digit forms are left to the caller's own rules). */
  public Codes codesOn(LocalDate date) {
    return new Codes(date, on(date).orElse(null));
  }

  /**
   * Checks codes against one list. Reasons name the code (an official code, no personal data) and the
   * list by the date it was asked for: "unknown commune 99999 in the list valid on 2026-11-01".
   */
  public static final class Codes {
    private final LocalDate date;
    private final UnitList list;

    Codes(LocalDate date, UnitList list) {
      this.date = date;
      this.list = list;
    }

    public List<Violation> check(String provinceCode, String communeCode) {
      List<Violation> v = new ArrayList<>(0);
      boolean province = provinceCode != null && PROVINCE.matcher(provinceCode).matches();
      boolean commune = communeCode != null && COMMUNE.matcher(communeCode).matches();
      if (list == null) {
        if (province || commune) {
          v.add(Violation.of(commune ? "communeCode" : "provinceCode",
              "cannot be checked: no list of administrative units is valid on " + date));
        }
        return v;
      }
      if (province && !list.provinces().containsKey(provinceCode)) {
        v.add(Violation.of("provinceCode", "unknown province " + provinceCode + " in the list valid on " + date));
      }
      if (commune) {
        UnitList.Commune c = list.communes().get(communeCode);
        if (c == null) {
          v.add(Violation.of("communeCode", "unknown commune " + communeCode + " in the list valid on " + date));
        } else if (province && list.provinces().containsKey(provinceCode) && !c.provinceCode().equals(provinceCode)) {
          v.add(Violation.of("communeCode", "commune " + communeCode + " is in province " + c.provinceCode()
              + ", not " + provinceCode + ", in the list valid on " + date));
        }
      }
      return v;
    }
  }

  private UnitList read(String id, LocalDate from, LocalDate to) {
    Map<String, String> provinces = new HashMap<>();
    jdbc.query("select province_code, name from admin_province where list_id = ?",
        rs -> {
          provinces.put(rs.getString(1), rs.getString(2));
        }, id);
    Map<String, UnitList.Commune> communes = new HashMap<>(8192);
    jdbc.query("select province_code, commune_code, name, type from admin_unit where list_id = ?",
        rs -> {
          communes.put(rs.getString(2), new UnitList.Commune(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4)));
        }, id);
    return new UnitList(id, from, to, provinces, communes);
  }
}
