package no.pakkeforlop.codes;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The registered codes with their patient, for other systems (e.g. reporting to the
 * cancer registry).
 */
@Repository
public class CodeExport {

    /** One exported registration. */
    public record ExportedCode(String referralId, String nationalId, String code, LocalDate date, String hospital) {
    }

    private final JdbcTemplate jdbc;

    public CodeExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every code with its date in the range (both included), by date and then in the
     * order registered.
     */
    public List<ExportedCode> between(LocalDate from, LocalDate to) {
        return jdbc.query("""
                select c.referral_id, r.national_id, c.code, c.code_date, c.hospital
                from pathway_code c left join referral r on r.process_instance_id = c.process_instance_id
                where c.code_date between ? and ?
                order by c.code_date, c.id
                """,
                (rs, i) -> new ExportedCode(rs.getString("referral_id"), rs.getString("national_id"),
                        rs.getString("code"), rs.getObject("code_date", LocalDate.class), rs.getString("hospital")),
                from, to);
    }

}
