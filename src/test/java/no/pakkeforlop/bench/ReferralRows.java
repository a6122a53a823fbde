package no.pakkeforlop.bench;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Referral rows for the benchmark's bulk data, so the code export can join them. */
final class ReferralRows {

  private ReferralRows() {
  }

  static boolean exists(JdbcTemplate jdbc) {
    return false;
  }

  static void insert(JdbcTemplate jdbc, List<Object[]> rows) {
  }
}
