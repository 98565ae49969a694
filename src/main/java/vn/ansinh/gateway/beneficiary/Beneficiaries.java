package vn.ansinh.gateway.beneficiary;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.events.DomainEvents;
import vn.ansinh.gateway.payment.WalletRules;

/** Beneficiaries, always read and written through their owner: no query crosses partners. */
@Repository
public class Beneficiaries {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DomainEvents events;

  public Beneficiaries(JdbcTemplate jdbc, Clock clock, DomainEvents events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /** Stores a new beneficiary; false when the owner already has one with this id (nothing changes). */
  public boolean insert(String owner, BeneficiaryRegistration r) {
    Timestamp now = Timestamp.from(clock.instant());
    boolean inserted = jdbc.update("insert into beneficiary (owner, beneficiary_id, program, personal_id, full_name, date_of_birth, gender,"
              + " province_code, commune_code, phone, preferred_bank_bin, social_insurance_number, household_id,"
              + " household_category, status, created_at, updated_at, wallet_provider, wallet_id)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (owner, beneficiary_id) do nothing",
          owner, r.beneficiaryId(), r.program().name(), r.personalId(), r.fullName(), Date.valueOf(r.dateOfBirth()),
          r.gender() == null ? null : r.gender().name(), r.provinceCode(), r.communeCode(), r.phone(),
          r.preferredBankBin(), r.socialInsuranceNumber(), r.householdId(),
          r.householdCategory() == null ? null : r.householdCategory().name(), BeneficiaryStatus.VERIFYING.name(), now, now,
          r.walletProvider(), WalletRules.normalized(r.walletId())) == 1;
    if (inserted) {
      events.beneficiary(owner, r.beneficiaryId(), "registered");
    }
    return inserted;
  }

  public Optional<Beneficiary> find(String owner, String beneficiaryId) {
    return jdbc.query("select * from beneficiary where owner = ? and beneficiary_id = ?", Beneficiaries::map,
        owner, beneficiaryId).stream().findFirst();
  }

  /** Onboarding's word on the beneficiary; a terminated one stays TERMINATED whatever work was still under way. */
  public void status(String owner, String beneficiaryId, BeneficiaryStatus status, String reason) {
    if (jdbc.update("update beneficiary set status = ?, status_reason = ?, updated_at = ? where owner = ? and beneficiary_id = ?"
        + " and terminated_from is null",
        status.name(), reason, Timestamp.from(clock.instant()), owner, beneficiaryId) == 1) {
      events.beneficiary(owner, beneficiaryId, "status-changed");
    }
  }

  /** Moves the beneficiary on only from {@code from}; false when it was elsewhere (nothing changes). */
  public boolean status(String owner, String beneficiaryId, BeneficiaryStatus from, BeneficiaryStatus status,
      String reason) {
    boolean moved = jdbc.update("update beneficiary set status = ?, status_reason = ?, updated_at = ?"
            + " where owner = ? and beneficiary_id = ? and status = ?",
        status.name(), reason, Timestamp.from(clock.instant()), owner, beneficiaryId, from.name()) == 1;
    if (moved) {
      events.beneficiary(owner, beneficiaryId, "status-changed");
    }
    return moved;
  }

  private static Beneficiary map(ResultSet rs, int row) throws SQLException {
    String gender = rs.getString("gender");
    String householdCategory = rs.getString("household_category");
    BeneficiaryRegistration r = new BeneficiaryRegistration(rs.getString("beneficiary_id"),
        Program.valueOf(rs.getString("program")), rs.getString("personal_id"), rs.getString("full_name"),
        rs.getDate("date_of_birth").toLocalDate(), gender == null ? null : Gender.valueOf(gender),
        rs.getString("province_code"), rs.getString("commune_code"), rs.getString("phone"),
        rs.getString("preferred_bank_bin"), rs.getString("social_insurance_number"),
        rs.getString("household_id"), householdCategory == null ? null : HouseholdCategory.valueOf(householdCategory),
        rs.getString("wallet_provider"), rs.getString("wallet_id"));
    return new Beneficiary(rs.getString("owner"), r, BeneficiaryStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
