package vn.ansinh.gateway.reference;

import java.time.LocalDate;
import java.util.Map;

/**
 * One official list of administrative units and the days it is valid (validFrom null: since before
 * any list the gateway knows; validTo null: still in force). Its content never changes once loaded.
 *
 * @param provinces province code → name
 * @param communes  commune code → the commune
 */
public record UnitList(String listId, LocalDate validFrom, LocalDate validTo, Map<String, String> provinces,
    Map<String, Commune> communes) {

  /** A commune, ward or special zone of the list. */
  public record Commune(String provinceCode, String communeCode, String name, String type) {}

  public UnitList {
    provinces = Map.copyOf(provinces);
    communes = Map.copyOf(communes);
  }
}
