package vn.ansinh.gateway.reference;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.DatabaseUnavailableException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.CsvRecords;
import vn.ansinh.gateway.format.IntakeLimits;

/**
 * An operator loads a newer official list (SPEC §4.12) as CSV in the shape of communes-2025.csv,
 * read row by row into the database as it streams in. The list in force last ends the day before
 * the new one starts; a list is all or nothing: any invalid row refuses it, naming every row. A
 * province keeps its name from the list before unless a {@code province_name} column gives one.
 */
@Service
public class UnitListLoads {

  static final List<String> COLUMNS = List.of("province_code", "commune_code", "commune_name", "commune_type");
  private static final int MAX_ERRORS = 1000;
  private static final int MAX_NAME = 100;
  private static final int MAX_TYPE = 20;
  private static final long LOAD_LOCK = 0x41444D554E4954L;   // the same lock as the shipped lists' load
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");
  private static final Logger log = LoggerFactory.getLogger(UnitListLoads.class);
  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final IntakeLimits limits;
  private final int maxCommunes;

  public UnitListLoads(JdbcTemplate jdbc, DataSource dataSource, IntakeLimits limits, AdminUnitProperties properties) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.limits = limits;
    this.maxCommunes = properties.maxCommunes();
  }

  /** What was loaded, and the list it ended. */
  public record Loaded(String listId, LocalDate validFrom, int provinces, int communes, Ended ended) {}

  public record Ended(String listId, LocalDate validTo) {}

  /** The list in force last: the one without an end. */
  private record Last(String listId, LocalDate validFrom) {}

  @Transactional
  public Loaded load(String operator, LocalDate validFrom, InputStream body, Charset charset) {
    jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOAD_LOCK);
    Last last = jdbc.queryForObject("select list_id, valid_from from admin_unit_list where valid_to is null",
        (rs, i) -> new Last(rs.getString(1), rs.getObject(2, LocalDate.class)));
    String lastId = last.listId();
    LocalDate lastFrom = last.validFrom();
    if (lastFrom != null && !validFrom.isAfter(lastFrom)) {
      throw new ConflictException("validFrom must be after " + lastFrom + ", the first day of the list in force last ("
          + lastId + ")");
    }
    LocalDate dayBefore = validFrom.minusDays(1);
    Map<String, String> known = new HashMap<>();
    jdbc.query("select province_code, name from admin_province where list_id = ?", rs -> {
      known.put(rs.getString(1), rs.getString(2));
    }, lastId);
    jdbc.update("update admin_unit_list set valid_to = ? where list_id = ?", dayBefore, lastId);
    jdbc.update("update admin_unit set valid_to = ? where list_id = ?", dayBefore, lastId);
    String listId = "VN-" + validFrom;
    jdbc.update("insert into admin_unit_list (list_id, valid_from, valid_to, source, loaded_by, loaded_at)"
        + " values (?, ?, null, ?, ?, ?)", listId, validFrom, "loaded by an operator", operator, Timestamp.from(Instant.now()));

    Connection connection = DataSourceUtils.getConnection(dataSource);
    UnitCopy copy = null;
    try {
      copy = new UnitCopy(connection, "admin_unit", "list_id, valid_from, province_code, commune_code, name, type");
      Rows rows = read(new CsvRecords(body, charset, limits, COLUMNS), known, dayBefore, listId, validFrom, copy);
      if (!rows.errors.isEmpty()) {
        throw new InvalidRequestException(rows.errors);
      }
      if (rows.communes == 0) {
        throw new InvalidRequestException("body", "the list has no communes");
      }
      copy.finish();
      jdbc.batchUpdate("insert into admin_province (list_id, province_code, name) values (?, ?, ?)",
          rows.provinces.entrySet().stream().map(e -> new Object[] {listId, e.getKey(), e.getValue()}).toList());
      log.info("Administrative units: {} loaded list {} valid from {} ({} provinces, {} communes); {} ends {}",
          operator, listId, validFrom, rows.provinces.size(), rows.communes, lastId, dayBefore);
      return new Loaded(listId, validFrom, rows.provinces.size(), rows.communes, new Ended(lastId, dayBefore));
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    } finally {
      if (copy != null) {
        copy.abandon();
      }
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  private static final class Rows {
    final List<Violation> errors = new ArrayList<>();
    final Map<String, String> provinces = new TreeMap<>();
    final Map<String, Integer> rowOf = new HashMap<>();
    int communes;
  }

  private Rows read(CsvRecords csv, Map<String, String> known, LocalDate dayBefore, String listId, LocalDate validFrom,
      UnitCopy copy) throws SQLException {
    Rows rows = new Rows();
    Iterator<List<String>> records = csv.rows(r -> r);
    int row = 0;
    while (records.hasNext()) {
      List<String> r = records.next();
      row++;
      if (row > maxCommunes) {
        throw new InvalidRequestException(List.of(new Violation("body", row, "a list holds at most " + maxCommunes
            + " communes")));
      }
      String province = csv.cell(r, "province_code");
      String commune = csv.cell(r, "commune_code");
      String name = csv.cell(r, "commune_name");
      String type = csv.cell(r, "commune_type");
      String provinceName = csv.cell(r, "province_name");
      int before = rows.errors.size();
      if (province == null || !PROVINCE.matcher(province).matches()) {
        error(rows, "provinceCode", row, "must be a 2-digit province code");
      } else if (provinceName != null) {
        if (!text(provinceName, MAX_NAME)) {
          error(rows, "provinceName", row, "is at most " + MAX_NAME + " characters, no control characters");
        } else if (rows.provinces.containsKey(province) && !rows.provinces.get(province).equals(provinceName)) {
          error(rows, "provinceName", row, "differs from an earlier row's name for province " + province);
        } else {
          rows.provinces.put(province, provinceName);
        }
      } else if (!rows.provinces.containsKey(province)) {
        if (known.containsKey(province)) {
          rows.provinces.put(province, known.get(province));
        } else {
          error(rows, "provinceCode", row, "unknown province " + province + " in the list valid on " + dayBefore
              + ": give its name in a province_name column");
        }
      }
      if (commune == null || !COMMUNE.matcher(commune).matches()) {
        error(rows, "communeCode", row, "must be a 5-digit commune code");
      } else if (rows.rowOf.containsKey(commune)) {
        error(rows, "communeCode", row, "commune " + commune + " is listed already in row " + rows.rowOf.get(commune));
      } else {
        rows.rowOf.put(commune, row);
      }
      if (!text(name, MAX_NAME)) {
        error(rows, "communeName", row, "is required: at most " + MAX_NAME + " characters, no control characters");
      }
      if (!text(type, MAX_TYPE)) {
        error(rows, "communeType", row, "is required: at most " + MAX_TYPE + " characters, no control characters");
      }
      if (rows.errors.size() == before && rows.errors.isEmpty()) {
        copy.value(listId).value(validFrom).value(province).value(commune).value(name).value(type).endRow();
      }
      rows.communes++;
    }
    return rows;
  }

  private static void error(Rows rows, String field, int row, String reason) {
    if (rows.errors.size() < MAX_ERRORS) {
      rows.errors.add(new Violation(field, row, reason));
    }
  }

  private static boolean text(String v, int max) {
    return v != null && v.length() <= max && v.chars().noneMatch(Character::isISOControl);
  }
}
