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
            rs.getObject("code_date", LocalDate.class), rs.getString("hospital"), rs.getString("registered_by"));

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
                                          registered_at, registered_by)
                select ?, ?, ?, ?, cast(? as date), ?, ?, ?
                where not exists (select 1 from pathway_code where process_instance_id = ? and registration_key = ?)
                """, code.referralId(), code.processInstanceId(), code.registrationKey(), code.code(), code.date(),
                code.hospital(), new Timestamp(ClockUtil.getCurrentTime().getTime()), code.registeredBy(),
                code.processInstanceId(), code.registrationKey());
        return rows == 1;
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

    /** The latest code date of one pathway, if any code is registered. */
    public Optional<LocalDate> latestDate(String processInstanceId) {
        return Optional
            .ofNullable(jdbc.queryForObject("select max(code_date) from pathway_code where process_instance_id = ?",
                    LocalDate.class, processInstanceId));
    }

}
