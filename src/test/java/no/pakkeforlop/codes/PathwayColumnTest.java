package no.pakkeforlop.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import no.pakkeforlop.deadlines.BreachRegistry;
import no.pakkeforlop.intake.Referral;
import no.pakkeforlop.intake.ReferralRegistry;
import no.pakkeforlop.testsupport.TestDatabase;
import no.pakkeforlop.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Flyway V10 and the writes after it, on H2 or (with -Dtest.database=postgres)
 * PostgreSQL: the rows written before belong to A32, and every code, breach, referral,
 * additional referral and correction is written with the pathway of the rules that wrote
 * it. The export narrows to one pathway. No engine: a second pathway's rows are written
 * as its rules would (pathway "A12"), without a second pathway.
 */
class PathwayColumnTest {

    static final String[] TABLES = { "pathway_code", "pathway_breach", "referral", "additional_referral",
            "pathway_code_correction" };

    private static DataSource database(String name) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource();
        if (TestDatabase.postgres()) {
            TestPostgres server = TestPostgres.shared();
            dataSource.setUrl(server.createUniqueDatabase(name));
            dataSource.setUsername(server.username());
            dataSource.setPassword(server.password());
        }
        else {
            dataSource.setUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUsername("sa");
        }
        return dataSource;
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void theRowsWrittenBeforeTheColumnBelongToA32() throws Exception {
        DataSource dataSource = database("pathway_column_before");
        flyway(dataSource, "9").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Timestamp now = Timestamp.from(Instant.parse("2026-03-02T10:00:00Z"));
        jdbc.update("insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date,"
                + " hospital, registered_at, registered_by) values ('HEN-OLD', 'pi-old', 'REFERRAL', 'A32A',"
                + " date '2026-03-02', 'Helse Bergen HF', ?, 'old')", now);
        jdbc.update("insert into pathway_breach (referral_id, process_instance_id, interval_name, breached_at,"
                + " recorded_at) values ('HEN-OLD', 'pi-old', 'REFERRAL_TO_FIRST_ATTENDANCE', ?, ?)", now, now);
        jdbc.update("insert into referral (referral_id, body_hash, national_id, patient_name, hospital, received_date,"
                + " process_instance_id, created_at, created_by) values ('HEN-OLD', 'h', '31129956715', 'Kari',"
                + " 'Helse Bergen HF', date '2026-03-02', 'pi-old', ?, 'old')", now);
        jdbc.update("insert into additional_referral (referral_id, active_referral_id, national_id, received_date,"
                + " hospital, created_at, created_by) values ('HEN-OLD-2', 'HEN-OLD', '31129956715',"
                + " date '2026-03-04', 'Helse Bergen HF', ?, 'old')", now);
        jdbc.update("insert into pathway_code_correction (referral_id, process_instance_id, registration_key, code,"
                + " old_date, new_date, withdrawn, reason, hospital, registered_at, registered_by, corrected_at,"
                + " corrected_by) values ('HEN-OLD', 'pi-old', 'REFERRAL', 'A32A', date '2026-03-01',"
                + " date '2026-03-02', false, 'feil dato', 'Helse Bergen HF', ?, 'old', ?, 'old')", now, now);

        flyway(dataSource, "latest").migrate();

        for (String table : TABLES) {
            assertThat(jdbc.queryForList("select pathway from " + table, String.class)).as(table)
                .containsExactly("A32");
        }
        // a writer that names no pathway still writes A32's rows
        jdbc.update("insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date,"
                + " hospital, registered_at, registered_by) values ('HEN-OLD', 'pi-old', 'FIRST_ATTENDANCE',"
                + " 'A32S', date '2026-03-09', 'Helse Bergen HF', ?, 'old')", now);
        assertThat(jdbc.queryForList("select pathway from pathway_code order by id", String.class))
            .containsExactly("A32", "A32");
        assertThat(indexes(dataSource, "pathway_code")).contains("ix_pathway_code_pathway_date");
        assertThat(indexes(dataSource, "pathway_code_correction")).contains("ix_code_correction_pathway_old_date");
        assertThat(indexes(dataSource, "referral")).contains("ix_referral_national_id_pathway")
            .doesNotContain("ix_referral_national_id");
    }

    @Test
    void everyWriteCarriesThePathwayOfItsRulesAndTheExportNarrowsToOne() {
        DataSource dataSource = database("pathway_column_writes");
        flyway(dataSource, "latest").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        CodeRegistry codes = new CodeRegistry(jdbc);
        BreachRegistry breaches = new BreachRegistry(jdbc);
        ReferralRegistry referrals = new ReferralRegistry(jdbc);
        CodeExport export = new CodeExport(jdbc);
        Instant at = Instant.parse("2026-03-02T10:00:00Z");

        // one patient in both pathways
        referrals.insert(referral("HEN-A32", "A32"), "pi-a32", at, "koordinator");
        referrals.insert(referral("HEN-A12", "A12"), "pi-a12", at, "koordinator");
        assertThat(referrals.recordAdditional(referral("HEN-A12-2", "A12"), "HEN-A12", at, "koordinator")).isTrue();
        assertThat(referrals.find("HEN-A12").orElseThrow().pathway()).isEqualTo("A12");
        assertThat(referrals.findAdditional("HEN-A12-2").orElseThrow().pathway()).isEqualTo("A12");
        assertThat(jdbc.queryForList("select referral_id || ' ' || pathway from referral order by id", String.class))
            .containsExactly("HEN-A32 A32", "HEN-A12 A12");

        RegisteredCode a32 = code("HEN-A32", "pi-a32", "A32A", "2026-03-02", "A32");
        RegisteredCode a12 = code("HEN-A12", "pi-a12", "A12A", "2026-03-02", "A12");
        RegisteredCode a12Attendance = code("HEN-A12", "pi-a12", "A12S", "2026-03-05", "A12");
        assertThat(codes.register(a32)).isTrue();
        assertThat(codes.register(a12)).isTrue();
        assertThat(codes.register(a12Attendance)).isTrue();
        assertThat(codes.codesOf("pi-a12")).extracting(RegisteredCode::pathway).containsExactly("A12", "A12");
        assertThatThrownBy(() -> codes.register(code("HEN-A12", "pi-a12", "A12O", "2026-03-06", null)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("names no pathway");

        assertThat(breaches.record("A12", "HEN-A12", "pi-a12", "REFERRAL_TO_FIRST_ATTENDANCE", at)).isTrue();
        assertThat(breaches.record("A32", "HEN-A32", "pi-a32", "REFERRAL_TO_FIRST_ATTENDANCE", at)).isTrue();
        assertThat(
                jdbc.queryForList("select referral_id || ' ' || pathway from pathway_breach order by id", String.class))
            .containsExactly("HEN-A12 A12", "HEN-A32 A32");

        // corrections keep the pathway of the code corrected
        assertThat(codes.correctDate(a12, LocalDate.parse("2026-03-03"), "feil dato", "koordinator")).isTrue();
        assertThat(codes.withdraw(a12Attendance, "registrert i feil", "koordinator")).isTrue();
        assertThat(jdbc.queryForList("select code || ' ' || pathway from pathway_code_correction order by id",
                String.class))
            .containsExactly("A12A A12", "A12S A12");

        LocalDate from = LocalDate.parse("2026-03-01");
        LocalDate to = LocalDate.parse("2026-03-31");
        assertThat(export.between(from, to).stream().map(PathwayColumnTest::line)).containsExactly(
                "HEN-A32 A32A 2026-03-02 REGISTERED A32", "HEN-A12 A12A 2026-03-03 CORRECTED A12",
                "HEN-A12 A12S 2026-03-05 WITHDRAWN A12");
        assertThat(export.between(from, to, "A12").stream().map(PathwayColumnTest::line))
            .containsExactly("HEN-A12 A12A 2026-03-03 CORRECTED A12", "HEN-A12 A12S 2026-03-05 WITHDRAWN A12");
        assertThat(export.between(from, to, "A32").stream().map(PathwayColumnTest::line))
            .containsExactly("HEN-A32 A32A 2026-03-02 REGISTERED A32");
        assertThat(export.between(from, to, "A12").get(0).nationalId()).isEqualTo("31129956715");
    }

    private static String line(CodeExport.ExportedCode code) {
        return code.referralId() + " " + code.code() + " " + code.date() + " " + code.status() + " " + code.pathway();
    }

    private static RegisteredCode code(String referralId, String pi, String code, String date, String pathway) {
        return new RegisteredCode(referralId, pi, code.substring(3), code, LocalDate.parse(date), "Helse Bergen HF",
                "koordinator", pathway);
    }

    private static Referral referral(String referralId, String pathway) {
        return new Referral(referralId, "31129956715", "Kari Nordmann", LocalDate.parse("2026-03-02"),
                "MARKED_REFERRAL", List.of("DYSPHAGIA_OVER_2_WEEKS"), null, null, null, null, "GP", "Fastlege",
                "Helse Bergen HF", null, null, null, null, pathway);
    }

    /** The table's index names, lower case, whatever the database. */
    private static List<String> indexes(DataSource dataSource, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, name, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null) {
                            names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return names;
    }

}
