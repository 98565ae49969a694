package vn.ansinh.gateway.reference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Official administrative units (SPEC §4.12).
 *
 * @param dataset       the version of the lists shipped under reference/admin-units; a new version is loaded once at start
 * @param maxUploadSize the largest list an operator may load in one request
 * @param maxCommunes   the most communes one loaded list may hold
 */
@ConfigurationProperties("gateway.reference.admin-units")
public record AdminUnitProperties(String dataset, DataSize maxUploadSize, int maxCommunes) {

  public AdminUnitProperties {
    if (dataset == null || dataset.isBlank() || maxUploadSize == null || maxCommunes < 1) {
      throw new IllegalArgumentException("gateway.reference.admin-units: dataset, max-upload-size and max-communes must be set");
    }
  }
}
