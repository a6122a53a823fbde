package no.pakkeforlop.codes;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The table of registered pathway codes. Runs in the engine's transaction (same
 * DataSource and transaction manager), so a registration is committed together with the
 * step that made it.
 */
@Repository
public class CodeRegistry {

    private static final RowMapper<RegisteredCode> ROW = (rs, i) -> new RegisteredCode(rs.getString("referral_id"),
            rs.getString("process_instance_id"), rs.getString("registration_key"), rs.getString("code"),
            rs.getObject("code_date", LocalDate.class), rs.getString("hospital"), rs.getString("registered_by"),
            rs.getString("pathway"));

    private final JdbcTemplate jdbc;

    public CodeRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers a code unless this pathway already has a registration with the same key.
     * The insert checks and writes in one statement; the unique constraint is the last
     * word.
     * @return true when a row was written
     */
    public boolean register(RegisteredCode code) {
        int rows = jdbc.update("""
                insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date, hospital,
                                          registered_at, registered_by, pathway)
                select ?, ?, ?, ?, cast(? as date), ?, ?, ?, ?
                where not exists (select 1 from pathway_code where process_instance_id = ? and registration_key = ?)
                """, code.referralId(), code.processInstanceId(), code.registrationKey(), code.code(), code.date(),
                code.hospital(), new Timestamp(ClockUtil.getCurrentTime().getTime()), code.registeredBy(),
                pathway(code), code.processInstanceId(), code.registrationKey());
        return rows == 1;
    }

    private static String pathway(RegisteredCode code) {
        if (code.pathway() == null || code.pathway().isBlank()) {
            throw new IllegalArgumentException("Code " + code.code() + " names no pathway");
        }
        return code.pathway();
    }

    /** The codes of one pathway in the order registered. */
    public List<RegisteredCode> codesOf(String processInstanceId) {
        return jdbc.query("select * from pathway_code where process_instance_id = ? order by id", ROW,
                processInstanceId);
    }

    /**
     * The codes of many pathways in one query, per pathway in the order registered: the
     * pathways are those whose process instance id the subquery selects (with its
     * arguments).
     */
    public Map<String, List<RegisteredCode>> codesOfPathways(String processInstanceIdsQuery, Object... args) {
        Map<String, List<RegisteredCode>> pathways = new LinkedHashMap<>();
        jdbc.query("select * from pathway_code where process_instance_id in (" + processInstanceIdsQuery
                + ") order by process_instance_id, id", rs -> {
                    RegisteredCode code = ROW.mapRow(rs, 0);
                    pathways.computeIfAbsent(code.processInstanceId(), id -> new ArrayList<>()).add(code);
                }, args);
        return pathways;
    }

    /**
     * Corrects the date of one registration, and keeps the correction (the date it had,
     * the new one, why, who and when).
     * @return true when the registration was there to correct
     */
    public boolean correctDate(RegisteredCode code, LocalDate newDate, String reason, String by) {
        if (!keepCorrection(code, newDate, reason, by)) {
            return false;
        }
        return jdbc.update("update pathway_code set code_date = cast(? as date) where process_instance_id = ?"
                + " and registration_key = ?", newDate, code.processInstanceId(), code.registrationKey()) == 1;
    }

    /**
     * Withdraws a registration made in error: it leaves the table of codes as they stand,
     * so every interval, report and export reads the pathway without it, and the
     * correction keeps it (with its original registration) for good. The same event may
     * be registered again afterwards.
     * @return true when the registration was there to withdraw
     */
    public boolean withdraw(RegisteredCode code, String reason, String by) {
        if (!keepCorrection(code, null, reason, by)) {
            return false;
        }
        return jdbc.update("delete from pathway_code where process_instance_id = ? and registration_key = ?",
                code.processInstanceId(), code.registrationKey()) == 1;
    }

    private boolean keepCorrection(RegisteredCode code, LocalDate newDate, String reason, String by) {
        return jdbc.update("""
                insert into pathway_code_correction (referral_id, process_instance_id, registration_key, code, old_date,
                    new_date, withdrawn, reason, hospital, registered_at, registered_by, corrected_at, corrected_by,
                    pathway)
                select referral_id, process_instance_id, registration_key, code, code_date, cast(? as date), ?, ?,
                    hospital, registered_at, registered_by, ?, ?, pathway
                from pathway_code where process_instance_id = ? and registration_key = ?
                """, newDate, newDate == null, reason, new Timestamp(ClockUtil.getCurrentTime().getTime()), by,
                code.processInstanceId(), code.registrationKey()) == 1;
    }

    /**
     * The pathway's codes and corrections belong to its new process instance (a pathway
     * started again after all of it had ended, when a code is withdrawn).
     */
    public void moveToProcessInstance(String from, String to) {
        jdbc.update("update pathway_code set process_instance_id = ? where process_instance_id = ?", to, from);
        jdbc.update("update pathway_code_correction set process_instance_id = ? where process_instance_id = ?", to,
                from);
    }

    /** The corrections of one pathway, oldest first. */
    public List<CodeCorrection> correctionsOf(String processInstanceId) {
        return jdbc.query("select * from pathway_code_correction where process_instance_id = ? order by id",
                (rs, i) -> new CodeCorrection(rs.getString("code"), rs.getObject("old_date", LocalDate.class),
                        rs.getObject("new_date", LocalDate.class), rs.getBoolean("withdrawn"), rs.getString("reason"),
                        rs.getString("corrected_by"), rs.getTimestamp("corrected_at").toInstant()),
                processInstanceId);
    }

    /**
     * Something that changes what the codes say: the highest registration and correction
     * so far (a correction may change a date or remove a row without a new registration).
     */
    public String changeMark() {
        return jdbc.queryForObject(
                "select cast((select coalesce(max(id), 0) from pathway_code) as varchar(20)) || ':' || "
                        + "cast((select coalesce(max(id), 0) from pathway_code_correction) as varchar(20))",
                String.class);
    }

    /** The latest code date of one pathway, if any code is registered. */
    public Optional<LocalDate> latestDate(String processInstanceId) {
        return Optional
            .ofNullable(jdbc.queryForObject("select max(code_date) from pathway_code where process_instance_id = ?",
                    LocalDate.class, processInstanceId));
    }

}
