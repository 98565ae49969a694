package vn.ansinh.gateway.register;

import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.beneficiary.BeneficiaryLifecycle;

/**
 * A death the population database reports ends every registration of the person (SPEC §4.11): the
 * beneficiaries are terminated with reason DECEASED from the first day of the next month and each
 * owning agency is told. A death without a date counts from the day it was learnt.
 */
@Component
public class DeathTerminations {

  private static final Logger log = LoggerFactory.getLogger(DeathTerminations.class);
  private final BeneficiaryLifecycle lifecycle;

  public DeathTerminations(BeneficiaryLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @EventListener
  public void died(PersonDied death) {
    LocalDate date = death.dateOfDeath() != null ? death.dateOfDeath() : lifecycle.today();
    int ended = lifecycle.terminateDeceased(death.personalId(), date, death.source());
    if (ended > 0) {
      log.info("A death reported by {} terminated {} registration(s)", death.source(), ended);
    }
  }
}
