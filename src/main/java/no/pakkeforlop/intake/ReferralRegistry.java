package no.pakkeforlop.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The referrals that started a pathway, one row each. The unique referral id, not a check
 * before the insert, is what keeps a referral from starting two pathways. Runs in the
 * caller's (the engine's) transaction.
 */
@Repository
public class ReferralRegistry {

    private static final RowMapper<StoredReferral> ROW = (rs, i) -> new StoredReferral(rs.getString("referral_id"),
            rs.getString("body_hash"), rs.getString("national_id"), rs.getString("patient_name"),
            rs.getString("hospital"), rs.getObject("received_date", LocalDate.class),
            rs.getString("process_instance_id"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));

    private final JdbcTemplate jdbc;

    public ReferralRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException when the referral id is
     * already stored
     */
    public void insert(Referral referral, String processInstanceId, Instant createdAt, String createdBy) {
        jdbc.update("""
                insert into referral (referral_id, body_hash, national_id, patient_name, hospital, received_date,
                                      process_instance_id, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, referral.referralId(), referral.contentHash(), referral.nationalId(), referral.patientName(),
                referral.hospital(), referral.receivedDate(), processInstanceId, Timestamp.from(createdAt), createdBy);
    }

    public Optional<StoredReferral> find(String referralId) {
        return jdbc.query("select * from referral where referral_id = ?", ROW, referralId).stream().findFirst();
    }

}
