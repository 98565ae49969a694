package vn.ansinh.gateway.relief;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.reference.AdministrativeUnits;

/**
 * Emergency relief decisions (SPEC §4.14): recorded by the deciding partner, read back with what
 * their lists have committed and paid, and reported per affected commune. Lists are payment batches
 * of program EMERGENCY_RELIEF naming the program.
 */
@RestController
public class ReliefProgramController {

  private final ReliefPrograms programs;
  private final ReliefFigures figures;
  private final ReliefProperties limits;
  private final AdministrativeUnits units;

  public ReliefProgramController(ReliefPrograms programs, ReliefFigures figures, ReliefProperties limits,
      AdministrativeUnits units) {
    this.programs = programs;
    this.figures = figures;
    this.limits = limits;
    this.units = units;
  }

  @PostMapping(path = "/api/v1/relief-programs", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ProgramView> create(@RequestBody ReliefProgramRequest request, Authentication partner) {
    List<Violation> violations = request.check(limits, units);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    ReliefProgram p = programs.create(partner.getName(), request);
    return ResponseEntity.created(URI.create("/api/v1/relief-programs/" + p.programId())).body(view(p));
  }

  @GetMapping(path = "/api/v1/relief-programs/{reliefProgramId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Transactional(readOnly = true)
  public ProgramView program(@PathVariable String reliefProgramId, Authentication partner) {
    return view(programs.find(partner.getName(), reliefProgramId));
  }

  @GetMapping(path = "/api/v1/reports/relief", produces = MediaType.APPLICATION_JSON_VALUE)
  @Transactional(readOnly = true)
  public ReliefReport report(@RequestParam(required = false) String reliefProgramId, Authentication partner) {
    if (reliefProgramId == null || reliefProgramId.isBlank()) {
      throw new InvalidRequestException("reliefProgramId", "is required");
    }
    ReliefProgram p = programs.find(partner.getName(), reliefProgramId);
    ReliefFigures.Progress total = figures.of(p);
    return new ReliefReport(p.programId(), p.decisionNumber(), p.provinceCode(), p.budgetVnd(), p.committedVnd(),
        total.paid().amountVnd(), p.budgetVnd() - p.committedVnd(), total.committed(), total.paid(),
        figures.perCommune(p));
  }

  private ProgramView view(ReliefProgram p) {
    ReliefFigures.Progress progress = figures.of(p);
    return new ProgramView(p.programId(), p.decisionNumber(), p.decidedOn(), p.hazard(), p.provinceCode(),
        p.communeCodes(), p.amountPerPersonVnd(), p.amountPerHouseholdVnd(), p.budgetVnd(), p.payUntil(), p.period(),
        p.createdAt(), new Totals(figures.lists(p), progress.committed(), progress.paid(), p.committedVnd(),
            p.budgetVnd() - p.committedVnd()));
  }

  /** A program as its partner reads it; {@code period} is what its lists' batches show as theirs. */
  public record ProgramView(String reliefProgramId, String decisionNumber, LocalDate decidedOn, Hazard hazard,
      String provinceCode, List<String> communeCodes, Long amountPerPersonVnd, Long amountPerHouseholdVnd,
      long budgetVnd, LocalDate payUntil, String period, Instant createdAt, Totals totals) {}

  /** Lists submitted; people, households and đồng committed and paid; the budget committed and what remains. */
  public record Totals(long lists, ReliefFigures.Figures committed, ReliefFigures.Figures paid, long committedVnd,
      long remainingBudgetVnd) {}

  /** Per affected commune; {@code remainingBudgetVnd} is the budget not committed to any list. */
  public record ReliefReport(String reliefProgramId, String decisionNumber, String provinceCode, long budgetVnd,
      long committedVnd, long paidVnd, long remainingBudgetVnd, ReliefFigures.Figures committed,
      ReliefFigures.Figures paid, List<ReliefFigures.Commune> communes) {}
}
