package no.pakkeforlop.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import no.pakkeforlop.process.RegisterCodeDelegate;
import no.pakkeforlop.rules.PathwayRules;
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
            rs.getString("process_instance_id"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
            rs.getString("pathway"));

    /**
     * A referral attached to a running pathway of the same patient (and the same pathway)
     * instead of starting one.
     */
    public record AdditionalReferral(String referralId, String activeReferralId, LocalDate receivedDate,
            String hospital, Instant createdAt, String createdBy, String pathway) {
    }

    private static final RowMapper<AdditionalReferral> ADDITIONAL = (rs, i) -> new AdditionalReferral(
            rs.getString("referral_id"), rs.getString("active_referral_id"),
            rs.getObject("received_date", LocalDate.class), rs.getString("hospital"),
            rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getString("pathway"));

    private final JdbcTemplate jdbc;

    public ReferralRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the patient's intake lock until the transaction ends: two referrals of one
     * patient are decided one after the other. The first referral of a patient creates
     * the row; two first referrals at the same moment make one of them fail on the
     * primary key, a concurrency failure the caller retries.
     */
    public void lockPatient(String nationalId) {
        if (jdbc
            .queryForList("select national_id from patient_intake_lock where national_id = ? for update", String.class,
                    nationalId)
            .isEmpty()) {
            jdbc.update("insert into patient_intake_lock (national_id) values (?)", nationalId);
        }
    }

    /**
     * The patient's pathways of the kind {@code rules} is for (one active pathway per
     * patient per pathway: a patient in A32 may be referred to A12) whose process runs
     * and that have no final code of that pathway yet (the oldest first): the pathway's
     * clock is still running. A recurrence registers no codes: its end is the outcome its
     * steps reached (the variable the final step sets, with the final code when there is
     * one).
     */
    public List<StoredReferral> activeOf(String nationalId, PathwayRules rules) {
        List<String> finals = rules.finalCodes();
        List<Object> parameters = new ArrayList<>();
        parameters.add(nationalId);
        parameters.add(rules.pathway());
        parameters.addAll(finals);
        parameters.add(RegisterCodeDelegate.END_CODE_VARIABLE);
        return jdbc.query("select r.* from referral r where r.national_id = ? and r.pathway = ?"
                + " and r.process_instance_id in"
                + " (select e.ID_ from ACT_RU_EXECUTION e where e.ID_ = e.PROC_INST_ID_) and not exists"
                + " (select 1 from pathway_code c where c.process_instance_id = r.process_instance_id and c.code in ("
                + String.join(", ", Collections.nCopies(finals.size(), "?")) + ")) and not exists"
                + " (select 1 from ACT_RU_VARIABLE v where v.PROC_INST_ID_ = r.process_instance_id and v.NAME_ = ?)"
                + " order by r.created_at, r.id", ROW, parameters.toArray());
    }

    /** The referral's pathway runs on as a new process instance (see CodeRegistry). */
    public void moveToProcessInstance(String from, String to) {
        jdbc.update("update referral set process_instance_id = ? where process_instance_id = ?", to, from);
    }

    /** Every pathway of the patient, of every kind, the oldest first. */
    public List<StoredReferral> allOf(String nationalId) {
        return jdbc.query("select * from referral where national_id = ? order by created_at, id", ROW, nationalId);
    }

    /**
     * Records a referral attached to a running pathway (of the referral's pathway); false
     * when it was recorded before (the same referral sent again).
     */
    public boolean recordAdditional(Referral referral, String activeReferralId, Instant createdAt, String createdBy) {
        if (findAdditional(referral.referralId()).isPresent()) {
            return false;
        }
        jdbc.update("""
                insert into additional_referral (referral_id, active_referral_id, national_id, received_date, hospital,
                                                 created_at, created_by, pathway)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, referral.referralId(), activeReferralId, referral.nationalId(), referral.receivedDate(),
                referral.hospital(), Timestamp.from(createdAt), createdBy, referral.pathway());
        return true;
    }

    public Optional<AdditionalReferral> findAdditional(String referralId) {
        return jdbc.query("select * from additional_referral where referral_id = ?", ADDITIONAL, referralId)
            .stream()
            .findFirst();
    }

    /** The referrals attached to a running pathway, in the order received. */
    public List<AdditionalReferral> additionalTo(String activeReferralId) {
        return jdbc.query("select * from additional_referral where active_referral_id = ? order by created_at, id",
                ADDITIONAL, activeReferralId);
    }

    /**
     * Stores the referral with the pathway it names ({@link Referral#pathway()}).
     * @throws org.springframework.dao.DuplicateKeyException when the referral id is
     * already stored
     */
    public void insert(Referral referral, String processInstanceId, Instant createdAt, String createdBy) {
        jdbc.update("""
                insert into referral (referral_id, body_hash, national_id, patient_name, hospital, received_date,
                                      process_instance_id, created_at, created_by, pathway)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, referral.referralId(), referral.contentHash(), referral.nationalId(), referral.patientName(),
                referral.hospital(), referral.receivedDate(), processInstanceId, Timestamp.from(createdAt), createdBy,
                referral.pathway());
    }

    public Optional<StoredReferral> ofProcessInstance(String processInstanceId) {
        return jdbc.query("select * from referral where process_instance_id = ?", ROW, processInstanceId)
            .stream()
            .findFirst();
    }

    public Optional<StoredReferral> find(String referralId) {
        return jdbc.query("select * from referral where referral_id = ?", ROW, referralId).stream().findFirst();
    }

}
