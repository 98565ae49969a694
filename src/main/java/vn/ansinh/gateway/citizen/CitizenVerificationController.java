package vn.ansinh.gateway.citizen;

import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** REST face of citizen verification (SPEC §4.1); the flow itself is the citizen-verification route. */
@RestController
public class CitizenVerificationController {

  private final ProducerTemplate flows;

  public CitizenVerificationController(ProducerTemplate flows) {
    this.flows = flows;
  }

  @PostMapping(path = "/api/v1/citizens/verifications", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public CitizenVerificationResult verify(@RequestBody CitizenVerificationRequest request) {
    return flows.requestBody("direct:verify-citizen", request, CitizenVerificationResult.class);
  }
}
