package vn.ansinh.gateway.register;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators see how current the register is (SPEC §4.11, scope ops.manage). */
@RestController
public class SyncStatusController {

  private final SyncStatus status;

  public SyncStatusController(SyncStatus status) {
    this.status = status;
  }

  @GetMapping(path = "/api/v1/register/sync-status", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> syncStatus() {
    return status.now();
  }
}
