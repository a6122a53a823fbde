package no.pakkeforlop.bench;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Completed pathways written straight into the project's tables (driving 100,000 pathways
 * through the engine would take the benchmark an hour): codes A32A, A32S, A32C*, A32F*
 * with realistic intervals, spread evenly over ten years, so a year holds about a tenth
 * of them.
 */
final class BenchData {

    private BenchData() {
    }

    static int insertCompletedPathways(JdbcTemplate jdbc, int count) {
        Random random = new Random(42);
        LocalDate first = LocalDate.of(2016, 1, 1);
        int days = 3650;
        List<Object[]> codes = new ArrayList<>();
        List<Object[]> referrals = new ArrayList<>();
        boolean referralTable = ReferralRows.exists(jdbc);
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < count; i++) {
            String referralId = "BENCH-R-" + i;
            String pi = "bench-pi-" + i;
            String hospital = i % 3 == 0 ? "Helse Bergen HF"
                    : i % 3 == 1 ? "Oslo universitetssykehus HF" : "Helse Nord HF";
            LocalDate a = first.plusDays(random.nextInt(days));
            LocalDate s = a.plusDays(2 + random.nextInt(12));
            LocalDate c = s.plusDays(7 + random.nextInt(25));
            int outcome = random.nextInt(10);
            codes.add(row(referralId, pi, "REFERRAL", "A32A", a, hospital, now));
            codes.add(row(referralId, pi, "FIRST_ATTENDANCE", "A32S", s, hospital, now));
            if (outcome < 2) {
                codes.add(row(referralId, pi, "DECISION", outcome == 0 ? "A32CI" : "A32CA", c, hospital, now));
            }
            else {
                codes.add(row(referralId, pi, "DECISION", "A32CK", c, hospital, now));
                String f = new String[] { "A32FK", "A32FM", "A32FS", "A32FL", "A32FM", "A32FK", "A32FS",
                        "A32FO" }[outcome - 2];
                codes.add(row(referralId, pi, f.equals("A32FO") ? "NO_TREATMENT" : "TREATMENT_START", f,
                        f.equals("A32FO") ? c : c.plusDays(5 + random.nextInt(20)), hospital, now));
            }
            if (referralTable) {
                referrals.add(new Object[] { referralId, pi, Date.valueOf(a), hospital });
            }
            if (codes.size() >= 4000) {
                flush(jdbc, codes, referrals);
            }
        }
        flush(jdbc, codes, referrals);
        return count;
    }

    private static Object[] row(String referralId, String pi, String key, String code, LocalDate date, String hospital,
            Timestamp now) {
        return new Object[] { referralId, pi, key, code, Date.valueOf(date), hospital, now, "bench" };
    }

    private static void flush(JdbcTemplate jdbc, List<Object[]> codes, List<Object[]> referrals) {
        jdbc.batchUpdate(
                "insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date, "
                        + "hospital, registered_at, registered_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
                codes);
        ReferralRows.insert(jdbc, referrals);
        codes.clear();
        referrals.clear();
    }

}
