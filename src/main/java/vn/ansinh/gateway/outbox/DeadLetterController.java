package vn.ansinh.gateway.outbox;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;

/** Operators see work that could not be done, and put it back in line (scope ops.manage). */
@RestController
@RequestMapping(path = "/api/v1/dead-letters", produces = "application/json")
public class DeadLetterController {

  private static final int MAX_PAGE_SIZE = 500;
  private final Outbox outbox;

  public DeadLetterController(Outbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping
  public DeadLetterPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidRequestException("size", "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
    }
    return new DeadLetterPage(page, size, outbox.deadLetters(page, size));
  }

  @PostMapping("/{id}/replay")
  public ResponseEntity<Replayed> replay(@PathVariable long id) {
    if (!outbox.replay(id)) {
      throw new NotFoundException("dead letter", Long.toString(id));
    }
    return ResponseEntity.accepted().body(new Replayed(id, "PENDING"));
  }

  public record DeadLetterPage(int page, int size, List<OutboxItem> deadLetters) {}

  public record Replayed(long id, String status) {}
}
