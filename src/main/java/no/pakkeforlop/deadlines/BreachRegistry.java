package no.pakkeforlop.deadlines;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Breached standard pathway times, one row per interval and pathway, for follow-up and reports. */
@Repository
public class BreachRegistry {

  private final JdbcTemplate jdbc;

  public BreachRegistry(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a breach unless it is already recorded; @return true when a row was written. */
  public boolean record(String referralId, String processInstanceId, String interval, Instant breachedAt) {
    return jdbc.update("""
        insert into pathway_breach (referral_id, process_instance_id, interval_name, breached_at, recorded_at)
        select ?, ?, ?, ?, ?
        where not exists (select 1 from pathway_breach where process_instance_id = ? and interval_name = ?)
        """, referralId, processInstanceId, interval, Timestamp.from(breachedAt),
        new Timestamp(ClockUtil.getCurrentTime().getTime()), processInstanceId, interval) == 1;
  }

  /** Stores the coordinator's follow-up of a breach with the breach itself. */
  public void recordFollowUp(String processInstanceId, String interval, String cause, String note, String by) {
    jdbc.update("""
        update pathway_breach set follow_up_cause = ?, follow_up_note = ?, followed_up_at = ?, followed_up_by = ?
        where process_instance_id = ? and interval_name = ?
        """, cause, note, new Timestamp(ClockUtil.getCurrentTime().getTime()), by, processInstanceId, interval);
  }

  public List<String> breachedIntervals(String processInstanceId) {
    return jdbc.queryForList("select interval_name from pathway_breach where process_instance_id = ? order by id",
        String.class, processInstanceId);
  }
}
