package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.beneficiary.IdempotentRequests;
import vn.ansinh.gateway.error.InvalidRequestException;

/** Cash payouts at the commune payment points (SPEC §4.16): the list to hand over, and what happened. */
@RestController
public class CashPayoutController {

  private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");
  private static final int MAX_PAGE = 1000;
  private final CashPayouts payouts;
  private final PaymentLimits limits;

  public CashPayoutController(CashPayouts payouts, PaymentLimits limits) {
    this.payouts = payouts;
    this.limits = limits;
  }

  @PostMapping(path = "/api/v1/cash-payouts", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> record(@RequestBody CashPayouts.Payout payout,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller)
      throws JsonProcessingException {
    IdempotentRequests.Answer answer = payouts.record(caller.getName(), idempotencyKey, payout);
    return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.response());
  }

  public record HandOverPage(String period, String communeCode, int page, int size,
      List<CashPayouts.ToHandOver> payments) {}

  @GetMapping(path = "/api/v1/cash-payouts", produces = MediaType.APPLICATION_JSON_VALUE)
  public HandOverPage toHandOver(@RequestParam(required = false) String period,
      @RequestParam(required = false) String communeCode, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size, Authentication caller) {
    if (period == null) {
      throw new InvalidRequestException("period", "is required, as yyyy-MM");
    }
    limits.period(period);
    if (communeCode == null || !COMMUNE.matcher(communeCode).matches()) {
      throw new InvalidRequestException("communeCode", "is required: a 5-digit commune code");
    }
    if (page < 0 || size < 1 || size > MAX_PAGE) {
      throw new InvalidRequestException("size", "page must be 0 or more and size between 1 and " + MAX_PAGE);
    }
    return new HandOverPage(period, communeCode, page, size,
        payouts.toHandOver(caller.getName(), period, communeCode, page, size));
  }
}
