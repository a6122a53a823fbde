package no.pakkeforlop.codes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The registered codes with their patient, for other systems (e.g. reporting to the
 * cancer registry).
 */
@Repository
public class CodeExport {

    /**
     * One exported registration. {@code status}: REGISTERED as registered, CORRECTED when
     * its date was corrected ({@code previousDate} is the date it had before the last
     * correction), WITHDRAWN when it was registered in error and withdrawn (its date is
     * the one it had), so a receiving system that has the code can follow.
     * {@code pathway} is the pathway the code belongs to ("A32").
     */
    public record ExportedCode(String referralId, String nationalId, String code, LocalDate date, String hospital,
            String status, LocalDate previousDate, String pathway) {
    }

    private final JdbcTemplate jdbc;

    public CodeExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every code with its date in the range (both included), by date and then in the
     * order registered; then, on the same date, the codes withdrawn with that date, in
     * the order withdrawn. A corrected code carries the date it had before its last
     * correction (the last correction of this registration is the one that gave it its
     * present date).
     */
    public List<ExportedCode> between(LocalDate from, LocalDate to) {
        return between(from, to, null);
    }

    /**
     * The same, of one pathway ("A32"), or of every pathway when {@code pathway} is null.
     */
    public List<ExportedCode> between(LocalDate from, LocalDate to, String pathway) {
        String ofCode = pathway == null ? "" : " and c.pathway = ?";
        String ofCorrection = pathway == null ? "" : " and x.pathway = ?";
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        if (pathway != null) {
            parameters.add(pathway);
        }
        parameters.addAll(List.of(from, to));
        if (pathway != null) {
            parameters.add(pathway);
        }
        return jdbc.query("""
                select * from (
                  select c.referral_id, r.national_id, c.code, c.code_date, c.hospital, c.pathway, 0 as kind,
                    c.id as ord,
                    (select x.old_date from pathway_code_correction x
                     where x.process_instance_id = c.process_instance_id and x.registration_key = c.registration_key
                       and x.withdrawn = false and x.new_date = c.code_date and x.corrected_at >= c.registered_at
                     order by x.id desc fetch first 1 rows only) as previous_date
                  from pathway_code c left join referral r on r.process_instance_id = c.process_instance_id
                  where c.code_date between ? and ?%s
                  union all
                  select x.referral_id, r.national_id, x.code, x.old_date, x.hospital, x.pathway, 1 as kind,
                    x.id as ord, cast(null as date) as previous_date
                  from pathway_code_correction x left join referral r on r.process_instance_id = x.process_instance_id
                  where x.withdrawn = true and x.old_date between ? and ?%s
                ) e
                order by code_date, kind, ord
                """.formatted(ofCode, ofCorrection), (rs, i) -> {
            LocalDate previous = rs.getObject("previous_date", LocalDate.class);
            String status = rs.getInt("kind") == 1 ? "WITHDRAWN" : previous == null ? "REGISTERED" : "CORRECTED";
            return new ExportedCode(rs.getString("referral_id"), rs.getString("national_id"), rs.getString("code"),
                    rs.getObject("code_date", LocalDate.class), rs.getString("hospital"), status, previous,
                    rs.getString("pathway"));
        }, parameters.toArray());
    }

}
