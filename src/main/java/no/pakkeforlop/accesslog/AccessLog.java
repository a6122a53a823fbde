package no.pakkeforlop.accesslog;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The table {@code access_log}: rows are added and, once their retention has run out,
 * deleted; never changed.
 */
@Repository
public class AccessLog {

    /** One access: who, when, from where, which pathway, what. */
    public record Entry(Instant at, String userId, String groups, String referralId, String processInstanceId,
            String action, String resource, String client, int status) {
    }

    /** What the privacy officer asks for; any part may be null. */
    public record Query(String userId, Collection<String> referralIds, LocalDate from, LocalDate to) {
    }

    static final int MAX_ROWS = 100_000;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transaction;

    public AccessLog(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Writes the rows of one request, all or none. */
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> jdbc.batchUpdate("insert into access_log (accessed_at, user_id, "
                + "user_groups, referral_id, process_instance_id, action, resource, client, status) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", entries, entries.size(), (statement, entry) -> {
                    statement.setTimestamp(1, Timestamp.from(entry.at()));
                    statement.setString(2, cut(entry.userId(), 128));
                    statement.setString(3, cut(entry.groups(), 1000));
                    statement.setString(4, entry.referralId());
                    statement.setString(5, entry.processInstanceId());
                    statement.setString(6, entry.action());
                    statement.setString(7, cut(entry.resource(), 500));
                    statement.setString(8, cut(entry.client(), 100));
                    statement.setInt(9, entry.status());
                }));
    }

    /**
     * The rows asked for, oldest first. {@code referralIds} empty (not null) means: none
     * can match.
     */
    public List<Entry> find(Query query, ZoneId zone) {
        StringBuilder sql = new StringBuilder(
                "select accessed_at, user_id, user_groups, referral_id, process_instance_id, "
                        + "action, resource, client, status from access_log where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.userId() != null) {
            sql.append(" and user_id = ?");
            args.add(query.userId());
        }
        if (query.referralIds() != null) {
            if (query.referralIds().isEmpty()) {
                return List.of();
            }
            sql.append(" and referral_id in (")
                .append(query.referralIds().stream().map(id -> "?").collect(Collectors.joining(", ")))
                .append(')');
            args.addAll(query.referralIds());
        }
        if (query.from() != null) {
            sql.append(" and accessed_at >= ?");
            args.add(Timestamp.from(query.from().atStartOfDay(zone).toInstant()));
        }
        if (query.to() != null) {
            sql.append(" and accessed_at < ?");
            args.add(Timestamp.from(query.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        sql.append(" order by accessed_at, id");
        return jdbc.query(con -> {
            var statement = con.prepareStatement(sql.toString());
            statement.setMaxRows(MAX_ROWS);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, (rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9)));
    }

    /**
     * The referrals (referral id to process instance id) of the given process instances
     * or referral ids.
     */
    public Map<String, String> referrals(Collection<String> processInstanceIds, Collection<String> referralIds) {
        Map<String, String> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(processInstanceIds)) {
            // a process instance a pathway calls (a part every pathway shares) concerns
            // the pathway's patient: its root is the pathway
            List<Object> twice = new ArrayList<>(chunk);
            twice.addAll(chunk);
            jdbc.query("select referral_id, process_instance_id from referral where process_instance_id in ("
                    + placeholders(chunk) + ") or process_instance_id in (select ROOT_PROC_INST_ID_ from "
                    + "ACT_HI_PROCINST where ID_ in (" + placeholders(chunk) + "))", rs -> {
                        found.put(rs.getString(1), rs.getString(2));
                    }, twice.toArray());
        }
        for (List<String> chunk : chunks(referralIds)) {
            jdbc.query("select referral_id, process_instance_id from referral where referral_id in ("
                    + placeholders(chunk) + ")", rs -> {
                        found.put(rs.getString(1), rs.getString(2));
                    }, chunk.toArray());
        }
        return found;
    }

    /**
     * The referral ids of a patient (national id or D-number), from the referral table.
     */
    public List<String> referralsOfPatient(String nationalId) {
        return jdbc.queryForList("select referral_id from referral where national_id = ?", String.class, nationalId);
    }

    /**
     * Deletes what is kept no longer: rows older than the cut-off whose pathway ended
     * before it (or whose pathway's history is gone), and rows of no pathway older than
     * it. Returns how many.
     */
    public int deleteBefore(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        return jdbc
            .update("delete from access_log where accessed_at < ? and (process_instance_id is null or not exists "
                    + "(select 1 from ACT_HI_PROCINST p where p.ID_ = access_log.process_instance_id "
                    + "and (p.END_TIME_ is null or p.END_TIME_ >= ?)))", before, before);
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> all = new ArrayList<>(values);
        for (int i = 0; i < all.size(); i += 500) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return chunks;
    }

    private static String placeholders(List<String> values) {
        return values.stream().map(v -> "?").collect(Collectors.joining(", "));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

}
