package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.beneficiary.Program;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.ContentTypes;
import vn.ansinh.gateway.format.IntakeLimits;
import vn.ansinh.gateway.relief.ReliefProgram;
import vn.ansinh.gateway.relief.ReliefPrograms;

/** Payment batches (SPEC §4.4): submitted by a paying agency, approved by the treasury, read by both. */
@RestController
public class PaymentBatchController {

  private static final int MAX_PAGE = 1000;
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");    // fits a long
  private static final Pattern SUM = Pattern.compile("[0-9]{1,100}");     // exact, far beyond any real total
  private final PaymentSubmission submission;
  private final PaymentBatchService service;
  private final PaymentLimits limits;
  private final ObjectMapper json;
  private final IntakeLimits intake;
  private final ReliefPrograms reliefPrograms;

  public PaymentBatchController(PaymentSubmission submission, PaymentBatchService service, PaymentLimits limits,
      ObjectMapper json, IntakeLimits intake, ReliefPrograms reliefPrograms) {
    this.reliefPrograms = reliefPrograms;
    this.submission = submission;
    this.service = service;
    this.limits = limits;
    this.json = json;
    this.intake = intake;
  }

  /**
   * A list as CSV (UTF-8; windows-1258, TCVN3 or VNI as provincial and commune exports come) or JSON
   * (UTF-8), decoded strictly as it streams in.
   */
  @PostMapping(path = "/api/v1/payment-batches", consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE},
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<BatchView> submit(@RequestParam(required = false) String program,
      @RequestParam(required = false) String period, @RequestParam(required = false) String reliefProgramId,
      @RequestHeader(name = "X-Control-Count", required = false) String controlCount,
      @RequestHeader(name = "X-Control-Sum", required = false) String controlSum, HttpServletRequest request,
      Authentication partner) throws IOException {
    PaymentSubmission.Declaration declared = ReliefProgram.PROGRAM.equalsIgnoreCase(program) || reliefProgramId != null
        ? reliefDeclaration(partner.getName(), program, period, reliefProgramId, controlCount, controlSum)
        : declaration(program, period, controlCount, controlSum);
    Iterator<PaymentRow> rows;
    if (MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON)) {
      rows = PaymentLists.json(request.getInputStream(), json);
    } else {
      rows = PaymentLists.csv(request.getInputStream(), ContentTypes.charsetOf(request), intake);
    }
    String batchId = submission.submit(partner.getName(), declared, rows);
    PaymentBatch b = service.find(partner.getName(), batchId);
    return ResponseEntity.accepted().location(URI.create("/api/v1/payment-batches/" + batchId))
        .body(BatchView.of(b, List.of(), List.of(), service.eligibility(b), service.cash(b)));
  }

  @GetMapping(path = "/api/v1/payment-batches/{batchId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public BatchView batch(@PathVariable String batchId, Authentication partner) {
    PaymentBatch b = service.find(partner.getName(), batchId);
    return BatchView.of(b, service.banks(b), service.wallets(b), service.eligibility(b), service.cash(b));
  }

  @PostMapping(path = "/api/v1/payment-batches/{batchId}/approval", produces = MediaType.APPLICATION_JSON_VALUE)
  public BatchView approve(@PathVariable String batchId,
      @RequestBody(required = false) PaymentBatchService.Decision decision, Authentication partner) {
    PaymentBatch b = service.decide(partner.getName(), batchId,
        decision != null ? decision : new PaymentBatchService.Decision(true, null));
    return BatchView.of(b, service.banks(b), service.wallets(b), service.eligibility(b), service.cash(b));
  }

  @GetMapping(path = "/api/v1/payment-batches/{batchId}/errors", produces = MediaType.APPLICATION_JSON_VALUE)
  public ErrorPage errors(@PathVariable String batchId, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size, Authentication partner) {
    checkPage(page, size);
    PaymentBatch b = service.find(partner.getName(), batchId);
    return new ErrorPage(page, size, b.invalidCount(), service.errors(b, page, size));
  }

  @GetMapping(path = "/api/v1/payment-batches/{batchId}/payments", produces = MediaType.APPLICATION_JSON_VALUE)
  public PaymentPage payments(@PathVariable String batchId, @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
      Authentication partner) {
    checkPage(page, size);
    PaymentStatus wanted = status == null ? null : parse(PaymentStatus.class, "status", status);
    PaymentBatch b = service.find(partner.getName(), batchId);
    return new PaymentPage(page, size, service.payments(b, wanted, page, size));
  }

  /** Invalid rows, a page of rows at a time; {@code invalidRows} counts them all. */
  public record ErrorPage(int page, int size, long invalidRows, List<Violation> errors) {}

  public record PaymentPage(int page, int size, List<PaymentBatchService.PaymentView> payments) {}

  private static void checkPage(int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE) {
      throw new InvalidRequestException("size", "page must be 0 or more and size between 1 and " + MAX_PAGE);
    }
  }

  private PaymentSubmission.Declaration declaration(String program, String period, String count, String sum) {
    if (program == null) {
      throw new InvalidRequestException("program", "is required: one of SOCIAL_ALLOWANCE, PENSION, "
          + "SOCIAL_INSURANCE_BENEFIT, MERITORIOUS, POOR_HOUSEHOLD, EMERGENCY_RELIEF");
    }
    Program p = parse(Program.class, "program", program);
    if (period == null) {
      throw new InvalidRequestException("period", "is required, as yyyy-MM");
    }
    limits.period(period);
    return new PaymentSubmission.Declaration(p.name(), period,
        Long.parseLong(whole("X-Control-Count", count, COUNT, "a whole number, 0 or more, at most 18 digits")),
        new BigInteger(whole("X-Control-Sum", sum, SUM, "a whole number of đồng, 0 or more, at most 100 digits")));
  }

  /**
   * A relief list (SPEC §4.14) names its program instead of a month: the partner's own, still payable.
   * Its period is the month of the decision; a period sent with it must be that month.
   */
  private PaymentSubmission.Declaration reliefDeclaration(String owner, String program, String period,
      String reliefProgramId, String count, String sum) {
    if (!ReliefProgram.PROGRAM.equalsIgnoreCase(program)) {
      throw new InvalidRequestException("reliefProgramId", "goes with program EMERGENCY_RELIEF only");
    }
    if (reliefProgramId == null || reliefProgramId.isBlank()) {
      throw new InvalidRequestException("reliefProgramId", "is required for program EMERGENCY_RELIEF");
    }
    long controlCount = Long.parseLong(whole("X-Control-Count", count, COUNT, "a whole number, 0 or more, at most 18 digits"));
    BigInteger controlSum = new BigInteger(whole("X-Control-Sum", sum, SUM,
        "a whole number of đồng, 0 or more, at most 100 digits"));
    ReliefProgram relief = reliefPrograms.openForList(owner, reliefProgramId);
    if (period != null && !period.equals(relief.period())) {
      throw new InvalidRequestException("period", "a relief list's period is the month of its decision, "
          + relief.period() + ": leave it out or send that");
    }
    return new PaymentSubmission.Declaration(ReliefProgram.PROGRAM, relief.period(), controlCount, controlSum, relief);
  }

  private static String whole(String header, String value, Pattern digits, String rule) {
    String v = value == null ? "" : value.trim();
    if (!digits.matcher(v).matches()) {
      throw new InvalidRequestException(header, "is required: " + rule);
    }
    return v;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, "is not one of the known values");
    }
  }

  /** A batch as partners see it: totals and progress, never the rows' personal data. */
  public record BatchView(String batchId, String program, String period, BatchStatus status, String statusReason,
      Totals declared, Counts counts, Sums sums, List<PaymentBatchService.BankTotals> banks,
      List<WalletOrders.ProviderTotals> wallets, Verification verification,
      int progressPercent, String approvedBy, Instant approvedAt, Instant submittedAt, Instant updatedAt) {

    static BatchView of(PaymentBatch b, List<PaymentBatchService.BankTotals> banks,
        List<WalletOrders.ProviderTotals> wallets, PaymentBatches.Eligibility e, PaymentBatchService.CashOutcomes cash) {
      return new BatchView(b.batchId(), b.program(), b.period(), b.status(), b.statusReason(),
          new Totals(b.declaredCount(), b.declaredSum()),
          new Counts(b.receivedCount(), b.receivedCount() - b.invalidCount(), b.invalidCount(), b.duplicateCount(),
              b.deceasedCount(), e.unverified(), e.identityMismatch(), e.ineligible(), b.cashCount(), b.bankCount(),
              cash.paid(), cash.uncollected()),
          new Sums(b.receivedSum(), b.cashSum(), b.bankSum()), banks, wallets,
          new Verification(e.peopleToVerify(), e.peopleVerified()), progress(b, banks, e), b.approvedBy(),
          b.approvedAt(), b.createdAt(), b.updatedAt());
    }

    private static int progress(PaymentBatch b, List<PaymentBatchService.BankTotals> banks, PaymentBatches.Eligibility e) {
      return switch (b.status()) {
        case RECEIVED -> 10;
        case VALIDATING -> e.peopleToVerify() == null || e.peopleToVerify() == 0 ? 20
            : 20 + (int) (25 * Math.min(e.peopleVerified(), e.peopleToVerify()) / e.peopleToVerify());
        case AWAITING_APPROVAL -> 50;
        case APPROVED, DISPATCHING -> {
          int files = banks.stream().mapToInt(PaymentBatchService.BankTotals::files).sum();
          int delivered = banks.stream().mapToInt(PaymentBatchService.BankTotals::filesDelivered).sum();
          yield 60 + (files == 0 ? 0 : 40 * delivered / files);
        }
        default -> 100;
      };
    }
  }

  public record Totals(long count, BigInteger sumVnd) {}

  /**
   * {@code valid} passed the row checks; duplicates, unknown ids, other names, the deceased and the
   * ineligible (suspended or terminated for the period) are among them, and stopped. Of the
   * {@code cash} payments, {@code cashPaid} were recorded paid at the payment point and
   * {@code uncollected} were not collected (recorded so, or not recorded in time).
   */
  public record Counts(long received, long valid, long invalid, Long duplicate, Long deceased, Long unverified,
      Long identityMismatch, Long ineligible, Long cash, Long toBanks, long cashPaid, long uncollected) {}

  /** The eligibility gate's progress: people of the list to look up live in the population database, and done. */
  public record Verification(Long people, Long verified) {}

  /** In whole đồng, exact: JSON numbers of any size. */
  public record Sums(BigInteger received, BigInteger cash, BigInteger toBanks) {}
}
