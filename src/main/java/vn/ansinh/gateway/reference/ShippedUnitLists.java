package vn.ansinh.gateway.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the lists shipped under reference/admin-units (their SOURCES.md says where they come from)
 * once per dataset version, before the gateway serves: the legacy list until 2025-06-30, the 2025
 * list from 2025-07-01, and the mapping between them. Once loaded, a start costs one query. Two
 * instances starting together load it once (an advisory lock, then a second look).
 */
@Component
class ShippedUnitLists implements InitializingBean {

  static final String LEGACY = "VN-LEGACY";
  static final String LIST_2025 = "VN-2025-07-01";
  static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
  private static final long LOAD_LOCK = 0x41444D554E4954L;   // pg_advisory_xact_lock key for loading lists
  private static final String FOLDER = "reference/admin-units/";
  private static final String SOURCE = "GSO administrative-unit list (exported 2025-07-18) and the merger mapping of"
      + " tranngocminhhieu/vietnamadminunits (MIT), shipped in reference/admin-units";
  private static final Logger log = LoggerFactory.getLogger(ShippedUnitLists.class);
  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final TransactionTemplate tx;
  private final String dataset;

  ShippedUnitLists(JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate tx, AdminUnitProperties properties) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.tx = tx;
    this.dataset = properties.dataset();
  }

  @Override
  public void afterPropertiesSet() {
    long started = System.nanoTime();
    if (loaded()) {
      log.info("Administrative units {} in place ({} ms)", dataset, (System.nanoTime() - started) / 1_000_000);
      return;
    }
    tx.executeWithoutResult(s -> {
      jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOAD_LOCK);
      if (!loaded()) {
        load();
      }
    });
    log.info("Loaded administrative units {} in {} ms", dataset, (System.nanoTime() - started) / 1_000_000);
  }

  private boolean loaded() {
    Integer lists = jdbc.queryForObject("select count(*) from admin_unit_list where dataset = ? and list_id in (?, ?)",
        Integer.class, dataset, LEGACY, LIST_2025);
    return lists != null && lists == 2;
  }

  private void load() {
    // an older dataset's content goes; the lists' dates (a newer list may have ended the 2025 one) stay
    jdbc.update("delete from admin_unit_mapping where from_list in (?, ?) or to_list in (?, ?)", LEGACY, LIST_2025,
        LEGACY, LIST_2025);
    jdbc.update("delete from admin_unit where list_id in (?, ?)", LEGACY, LIST_2025);
    jdbc.update("delete from admin_province where list_id in (?, ?)", LEGACY, LIST_2025);
    list(LEGACY, null, REFORM.minusDays(1));
    list(LIST_2025, REFORM, null);
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      copy(connection, "admin_province", "list_id, province_code, name", "provinces-legacy.csv", LEGACY,
          new int[] {0, 1});
      copy(connection, "admin_province", "list_id, province_code, name", "provinces-2025.csv", LIST_2025,
          new int[] {0, 1});
      copy(connection, "admin_unit", "list_id, province_code, district_code, commune_code, name, type",
          "communes-legacy.csv", LEGACY, new int[] {0, 2, 4, 5, 6});
      copy(connection, "admin_unit", "list_id, province_code, commune_code, name, type", "communes-2025.csv", LIST_2025,
          new int[] {0, 1, 2, 3});
      copyMapping(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("the shipped administrative units could not be loaded", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
    jdbc.update("update admin_unit u set valid_from = l.valid_from, valid_to = l.valid_to from admin_unit_list l"
        + " where u.list_id = l.list_id and l.list_id in (?, ?)", LEGACY, LIST_2025);
  }

  private void list(String id, LocalDate from, LocalDate to) {
    Timestamp now = Timestamp.from(Instant.now());
    int updated = jdbc.update("update admin_unit_list set dataset = ?, source = ?, loaded_at = ? where list_id = ?",
        dataset, SOURCE, now, id);
    if (updated == 0) {
      jdbc.update("insert into admin_unit_list (list_id, valid_from, valid_to, source, dataset, loaded_by, loaded_at)"
          + " values (?, ?, ?, ?, ?, 'gateway', ?)", id, from, to, SOURCE, dataset, now);
    }
  }

  /** The file's columns at these positions, after the list id, in the table's columns' order. */
  private void copy(Connection connection, String table, String columns, String file, String listId, int[] picked)
      throws IOException, SQLException {
    UnitCopy copy = new UnitCopy(connection, table, columns);
    try (BufferedReader in = open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        copy.value(listId);
        for (int i : picked) {
          copy.value(cells[i].isEmpty() ? null : cells[i]);
        }
        copy.endRow();
      }
      copy.finish();
    } finally {
      copy.abandon();
    }
  }

  private void copyMapping(Connection connection) throws IOException, SQLException {
    UnitCopy copy = new UnitCopy(connection, "admin_unit_mapping",
        "from_list, from_province, from_district, from_commune, to_list, to_province, to_commune, divided");
    try (BufferedReader in = open("legacy-to-2025.csv")) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] c = line.split(",", -1);
        copy.value(LEGACY).value(c[0]).value(c[1]).value(c[2].isEmpty() ? null : c[2]).value(LIST_2025).value(c[3])
            .value(c[4]).value(Boolean.parseBoolean(c[5]));
        copy.endRow();
      }
      copy.finish();
    } finally {
      copy.abandon();
    }
  }

  /** The file without its header row (the shipped files hold no quotes or commas in names). */
  private static BufferedReader open(String file) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(new ClassPathResource(FOLDER + file).getInputStream(),
        StandardCharsets.UTF_8));
    in.readLine();
    return in;
  }
}
