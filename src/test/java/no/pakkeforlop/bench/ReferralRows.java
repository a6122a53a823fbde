package no.pakkeforlop.bench;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Referral rows for the benchmark's bulk data, so the code export can join them. */
final class ReferralRows {

    private ReferralRows() {
    }

    static boolean exists(JdbcTemplate jdbc) {
        return true;
    }

    static void insert(JdbcTemplate jdbc, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into referral (referral_id, process_instance_id, received_date, hospital, body_hash, "
                            + "national_id, patient_name, created_at, created_by) values (?, ?, ?, ?, 'bench', '31129956715', "
                            + "'Bench Pasient', current_timestamp, 'bench')",
                    rows);
        }
    }

}
