package vn.ansinh.gateway.register;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.beneficiary.IdempotentRequests;

/** The population database pushes deaths and identity changes here (SPEC §4.11): signed, idempotent by event id. */
@RestController
public class PopulationEventController {

  private final PopulationEvents events;

  public PopulationEventController(PopulationEvents events) {
    this.events = events;
  }

  @PostMapping(path = "/api/v1/population-events", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> receive(@RequestBody byte[] body, Authentication registry,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature) {
    // the raw bytes: the signature covers exactly what the registry sent
    IdempotentRequests.Answer answer = events.receive(registry.getName(), signature, body);
    return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.response());
  }
}
