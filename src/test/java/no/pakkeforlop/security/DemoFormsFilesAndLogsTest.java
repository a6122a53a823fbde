package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.NATIONAL_ID;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.logging.PatientDataMask;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.env.MockEnvironment;

/**
 * Issue 12, finding 8: the demo profile could run with {@code postgres} and its users
 * stayed after it was removed; a form text showed {@code referralId} unfiltered; the H2
 * file was world-readable; national ids appeared in the log inside SQL exception texts.
 * (The forms themselves: {@code hostile.FormsShowNoUserTextAsMarkupTest}.)
 */
class DemoFormsFilesAndLogsTest extends SecurityTestSupport {

    @Test
    void theDemoProfileRefusesToStartWithPostgres() throws Exception {
        // checked before anything starts: an EnvironmentPostProcessor registered in
        // spring.factories (a whole failed SpringApplication here would take the test
        // JVM's logging down with it)
        assertThat(new String(
                new org.springframework.core.io.ClassPathResource("META-INF/spring.factories").getInputStream()
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8))
            .contains("no.pakkeforlop.tasklist.DemoProfileGuard");
        MockEnvironment both = new MockEnvironment();
        both.setActiveProfiles("demo", "postgres");
        assertThatThrownBy(() -> new no.pakkeforlop.tasklist.DemoProfileGuard().postProcessEnvironment(both,
                new SpringApplication()))
            .hasMessageContaining("demo profile cannot run together with the postgres profile");
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        new no.pakkeforlop.tasklist.DemoProfileGuard().postProcessEnvironment(demo, new SpringApplication());
    }

    @Test
    void demoUsersAreRemovedWhenTheProfileIsOff() {
        User marked = identity.newUser("demomerket");
        marked.setEmail("demomerket" + no.pakkeforlop.tasklist.DemoUsers.EMAIL_DOMAIN);
        marked.setPassword("Demo-only-Merk-1");
        identity.saveUser(marked);
        User earlier = identity.newUser("demoadmin");
        earlier.setFirstName("Demo");
        earlier.setLastName("Administrator");
        earlier.setPassword("Gammelt-Passord-9");
        identity.saveUser(earlier);

        // a demo user whose profile someone edited since: recorded by id, so removed all
        // the same
        User edited = identity.newUser("demoredigert");
        edited.setFirstName("Ekte");
        edited.setLastName("Navn");
        edited.setEmail("ekte@sykehus.example");
        edited.setPassword("Demo-only-Redig-1");
        identity.saveUser(edited);
        jdbc.update("insert into demo_user (user_id, created_at) values (?, ?)", "demoredigert",
                new java.sql.Timestamp(System.currentTimeMillis()));

        no.pakkeforlop.tasklist.DemoUsersRemovalAccess.remove(identity, jdbc);

        assertThat(identity.createUserQuery().userIdIn("demomerket", "demoadmin", "demoredigert").count()).isZero();
        assertThat(count("select count(*) from demo_user")).isZero();
        // real users with a demo user's id but their own name stay
        assertThat(identity.createUserQuery().userIdIn(PHYSICIAN, MANAGER).count()).isEqualTo(2);
    }

    @Test
    void aReferralIdThatCouldCarryMarkupIsRefusedAtIntake() {
        long before = count("select count(*) from referral");
        ResponseEntity<String> answer = post(COORDINATOR, "/api/referrals",
                referral("[klikk](http://example.invalid)", "2026-05-04"));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(count("select count(*) from referral")).isEqualTo(before);
    }

    @Test
    void theH2FolderAndFilesAreTheApplicationUsersOnly(@TempDir Path temp) throws Exception {
        Path folder = temp.resolve("data");
        String url = "jdbc:h2:file:" + folder.resolve("pakkeforlop") + ";TRACE_LEVEL_FILE=0";
        new no.pakkeforlop.database.H2FilePermissions().postProcessEnvironment(
                new MockEnvironment().withProperty("spring.datasource.url", url), new SpringApplication());
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("create table t (x int)");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        // the file of a new database, as H2 leaves it on the first start (whatever the
        // umask), and again after the next start
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("pakkeforlop.mv.db");
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
            }
        }
        new no.pakkeforlop.database.H2FilePermissions().postProcessEnvironment(
                new MockEnvironment().withProperty("spring.datasource.url", url), new SpringApplication());
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void everyFormOfH2FileUrlIsCoveredAndASharedFolderIsRefusedNotChanged(@TempDir Path temp) throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String url : List.of("jdbc:h2:file:" + shared.resolve("db"), "jdbc:h2:" + shared.resolve("db"))) {
            assertThatThrownBy(() -> new no.pakkeforlop.database.H2FilePermissions().postProcessEnvironment(
                    new MockEnvironment().withProperty("spring.datasource.url", url), new SpringApplication()))
                .as(url)
                .hasMessageContaining("a folder everyone may write to");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");

        Path own = temp.resolve("own");
        new no.pakkeforlop.database.H2FilePermissions().postProcessEnvironment(
                new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:" + own.resolve("db")),
                new SpringApplication());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
    }

    @Test
    void theConsoleLogMasksMessagesAndStackTraces() throws Exception {
        String config = new String(
                new org.springframework.core.io.ClassPathResource("logback-spring.xml").getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        for (String word : List.of("m", "msg", "message")) {
            assertThat(config)
                .contains("conversionWord=\"" + word + "\" class=\"no.pakkeforlop.logging.MaskedMessageConverter\"");
        }
        for (String word : List.of("wEx", "wex", "ex")) {
            assertThat(config)
                .contains("conversionWord=\"" + word + "\" class=\"no.pakkeforlop.logging.MaskedThrowableConverter\"");
        }
    }

    @Test
    void noNationalIdReachesTheLog() {
        try (LogCapture log = new LogCapture()) {
            runWhatUsedToLogNationalIds();
            for (String nationalId : List.of(NATIONAL_ID, "311299 56715", "01010112345",
                    nationalIdFor("HEN-SEC8-LOG"))) {
                assertThat(log.text()).as("the log").doesNotContain(nationalId);
            }
            assertThat(log.text()).doesNotContain(PATIENT_NAME).contains("textValue=" + PatientDataMask.MASK);
            assertThat(log.text()).contains(PatientDataMask.MASK).contains("HEN-SEC8-LOG");
        }
    }

    private void runWhatUsedToLogNationalIds() {
        String pi = startPathway("HEN-SEC8-LOG", "2026-05-04");
        // what used to put national ids into the log: database and engine exception texts
        LoggerFactory.getLogger("org.camunda.bpm.engine.context")
            .error("ENGINE-16004 Exception while closing command "
                    + "context: Unique index or primary key violation: VALUES ('HEN-SEC8-LOG', '31129956715', 'Kari')",
                    new IllegalStateException("duplicate key 311299 56715 in referral; VariableInstanceEntity[id=1, "
                            + "name=patientName, type=string, textValue=Kari Nordmann, textValue2=null]"));
        post(COORDINATOR, "/api/referrals", referral("HEN-SEC8-LOG", "2026-05-04").put("hospital", "Annet HF"));
        put(COORDINATOR, "/engine-rest/process-instance/" + pi + "/variables/nationalId",
                Map.of("value", "01010112345", "type", "String"));
        assertThat(runtime.getVariable(pi, "nationalId")).isEqualTo(nationalIdFor("HEN-SEC8-LOG"));
    }

}
