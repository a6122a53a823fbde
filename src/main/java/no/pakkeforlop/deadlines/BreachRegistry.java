package no.pakkeforlop.deadlines;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Breached standard pathway times, one row per interval and pathway, for follow-up and
 * reports.
 */
@Repository
public class BreachRegistry {

    private final JdbcTemplate jdbc;

    public BreachRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a breach unless it already stands: a new row, or a row withdrawn earlier
     * (met after all, or not applicable) put back when a correction shows the interval
     * breached after all; its earlier follow-up no longer answers it.
     * @param pathway the pathway the breach belongs to ("A32"): that of the rules whose
     * standard time was breached
     * @return true when the breach stands now and did not before (it needs a follow-up)
     */
    public boolean record(String pathway, String referralId, String processInstanceId, String interval,
            Instant breachedAt) {
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        int reinstated = jdbc.update(
                """
                        update pathway_breach set withdrawn_at = null, withdrawn_reason = null, breached_at = ?, recorded_at = ?,
                            follow_up_cause = null, follow_up_note = null, followed_up_at = null, followed_up_by = null
                        where process_instance_id = ? and interval_name = ? and withdrawn_at is not null
                        """,
                Timestamp.from(breachedAt), now, processInstanceId, interval);
        return reinstated == 1 || jdbc.update("""
                insert into pathway_breach (referral_id, process_instance_id, interval_name, breached_at, recorded_at,
                                            pathway)
                select ?, ?, ?, ?, ?, ?
                where not exists (select 1 from pathway_breach where process_instance_id = ? and interval_name = ?)
                """, referralId, processInstanceId, interval, Timestamp.from(breachedAt), now, pathway,
                processInstanceId, interval) == 1;
    }

    /** The pathway's breaches belong to its new process instance (see CodeRegistry). */
    public void moveToProcessInstance(String from, String to) {
        jdbc.update("update pathway_breach set process_instance_id = ? where process_instance_id = ?", to, from);
    }

    /** Stores the coordinator's follow-up of a breach with the breach itself. */
    public void recordFollowUp(String processInstanceId, String interval, String cause, String note, String by) {
        jdbc.update(
                """
                        update pathway_breach set follow_up_cause = ?, follow_up_note = ?, followed_up_at = ?, followed_up_by = ?
                        where process_instance_id = ? and interval_name = ?
                        """,
                cause, note, new Timestamp(ClockUtil.getCurrentTime().getTime()), by, processInstanceId, interval);
    }

    /** The breaches of a pathway that are not withdrawn. */
    public List<String> openBreaches(String processInstanceId) {
        return jdbc.queryForList("select interval_name from pathway_breach where process_instance_id = ?"
                + " and withdrawn_at is null order by id", String.class, processInstanceId);
    }

    /**
     * Marks a breach withdrawn, with the reason; @return true when it was open until now.
     */
    public boolean withdraw(String processInstanceId, String interval, String reason) {
        return jdbc.update("""
                update pathway_breach set withdrawn_at = ?, withdrawn_reason = ?
                where process_instance_id = ? and interval_name = ? and withdrawn_at is null
                """, new Timestamp(ClockUtil.getCurrentTime().getTime()), reason, processInstanceId, interval) == 1;
    }

    /** Why a breach was withdrawn (MET, NOT_APPLICABLE), or null while it stands. */
    public String withdrawalReason(String processInstanceId, String interval) {
        return jdbc.query(
                "select withdrawn_reason from pathway_breach where process_instance_id = ? and interval_name = ?",
                rs -> rs.next() ? rs.getString(1) : null, processInstanceId, interval);
    }

    /**
     * Every breach ever recorded for the pathway, withdrawn or not, in the order
     * recorded.
     */
    public List<String> breachedIntervals(String processInstanceId) {
        return jdbc.queryForList("select interval_name from pathway_breach where process_instance_id = ? order by id",
                String.class, processInstanceId);
    }

}
