package no.pakkeforlop.cluster;

import static no.pakkeforlop.testsupport.TestData.OSLO;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import no.pakkeforlop.testsupport.AppProcess;
import no.pakkeforlop.testsupport.ReferralBodies;
import no.pakkeforlop.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two nodes of the packaged application, separate JVMs on separate ports, on ONE
 * PostgreSQL database: profile {@code postgres} (Camunda's schema from Liquibase, the
 * engine never touching its schema), job executor on in both.
 *
 * <p>
 * A few hundred referrals received 30 days ago are registered over HTTP, half on each
 * node, some of them sent to both nodes at the same moment. Their 8-day deadline is long
 * past, so each pathway's timer is due at once; the timers are held back (their job
 * definition suspended through the REST API) until every pathway is registered, then
 * released together, so both job executors work through one backlog. While they do, node
 * B is killed with SIGKILL: the jobs it had locked stay locked until their lock expires
 * (10 s here, five minutes by default), then node A takes them over. Everything is
 * checked in the database: one A32A per pathway, one {@code pathway_breach} row and one
 * open {@code followUpBreach} task per pathway and interval, no job run to success twice,
 * nothing lost. Node B is then started again on the same database and finds everything in
 * place.
 */
class TwoNodeClusterIT {

    static final int PATHWAYS = Integer.getInteger("cluster.pathways", 300);

    /** Referrals sent to both nodes at the same moment: still one pathway each. */
    static final int SENT_TO_BOTH = 20;
    static final Duration LOCK_TIME = Duration.ofSeconds(10);
    static final String TIMER = "deadlineFirstAttendance";
    static final String INTERVAL = "REFERRAL_TO_FIRST_ATTENDANCE";
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<AppProcess> running = new ArrayList<>();

    private SingleConnectionDataSource connection;

    @AfterEach
    void stopNodes() {
        running.forEach(AppProcess::close);
        if (connection != null) {
            connection.destroy();
        }
    }

    @Test
    void twoNodesRegisterEveryCodeAndBreachOnceAndTheSurvivorFinishesTheJobsOfAKilledNode() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String url = server.createUniqueDatabase("cluster");
        connection = new SingleConnectionDataSource(url, server.username(), server.password(), true);
        JdbcTemplate db = new JdbcTemplate(connection);
        String admin = "clusteradmin";
        byte[] secret = new byte[9];
        new SecureRandom().nextBytes(secret);
        String password = "Cluster-" + HexFormat.of().formatHex(secret);
        AppProcess.Builder nodeA = node("node-a", url, server, admin, password);
        AppProcess.Builder nodeB = node("node-b", url, server, admin, password);

        // both nodes start together on the empty database: one of them creates the
        // schema, the other waits for it
        long t0 = System.nanoTime();
        AppProcess a = started(nodeA.launch());
        AppProcess b = started(nodeB.launch());
        a.awaitReady();
        b.awaitReady();
        double startSeconds = seconds(t0);
        assertThat(
                db.queryForObject("select count(*) from databasechangelog where id = '7.16.0-baseline'", Integer.class))
            .as("Camunda's Liquibase baseline ran once")
            .isOne();
        assertThat(db.queryForList("select version_ from act_ge_schema_log", String.class)).contains("7.24.0");
        assertThat(db.queryForList("select version from flyway_schema_history where success", String.class))
            .contains("0", "1");
        assertThat(db.queryForObject("select count(*) from act_re_procdef where key_ = ?", Integer.class, PROCESS_KEY))
            .as("the process is deployed once, not once per node")
            .isOne();
        int changesets = db.queryForObject("select count(*) from databasechangelog", Integer.class);

        // hold the deadline timers back until every pathway is registered
        String jobDefinition = timerJobDefinition(a);
        assertThat(a
            .put("/engine-rest/job-definition/" + jobDefinition + "/suspended",
                    "{\"suspended\": true, \"includeJobs\": true}")
            .statusCode()).isEqualTo(204);

        // register the referrals over HTTP, alternating between the nodes; some go to
        // both at once
        LocalDate received = LocalDate.now(OSLO).minusDays(30);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        t0 = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < PATHWAYS; i++) {
                String body = referral(String.format("KLYNGE-%04d", i), received);
                List<AppProcess> targets = i < SENT_TO_BOTH ? List.of(a, b) : List.of(i % 2 == 0 ? a : b);
                for (AppProcess target : targets) {
                    sent.add(clients.submit(() -> {
                        HttpResponse<String> response = target.post("/api/referrals", body);
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() >= 300) {
                            System.err
                                .println(target.name() + " answered " + response.statusCode() + ": " + response.body());
                        }
                    }));
                }
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        finally {
            clients.shutdownNow();
        }
        double registerSeconds = seconds(t0);
        assertThat(count(statuses, 201)).as("statuses %s", statuses).isEqualTo(PATHWAYS);
        assertThat(count(statuses, 200)).as("the second of two identical referrals: 200, statuses %s", statuses)
            .isEqualTo(SENT_TO_BOTH);
        // pathways: root process instances (the shared parts they call carry the
        // business key too)
        assertThat(db.queryForObject(
                "select count(*) from act_hi_procinst where business_key_ like 'KLYNGE-%' and id_ = root_proc_inst_id_",
                Integer.class))
            .as("one pathway per referral")
            .isEqualTo(PATHWAYS);
        assertThat(db.queryForObject("select count(*) from act_ru_job where job_def_id_ = ? and suspension_state_ = 2",
                Integer.class, jobDefinition))
            .as("held-back timers")
            .isEqualTo(PATHWAYS);

        // release the timers; kill node B while both nodes work through them
        assertThat(a
            .put("/engine-rest/job-definition/" + jobDefinition + "/suspended",
                    "{\"suspended\": false, \"includeJobs\": true}")
            .statusCode()).isEqualTo(204);
        t0 = System.nanoTime();
        awaitCondition("node-b to be in the middle of the backlog", Duration.ofMinutes(2), () -> {
            int doneByB = succeededTimerJobs(db, "node-b");
            int done = succeededTimerJobs(db, null);
            int lockOwners = db
                .queryForObject("select count(distinct lock_owner_) from act_ru_job where job_def_id_ = ? "
                        + "and lock_owner_ is not null", Integer.class, jobDefinition);
            if (done == PATHWAYS) {
                fail("The backlog of %d timers was done before node-b could be killed; raise -Dcluster.pathways",
                        PATHWAYS);
            }
            return doneByB >= 5 && lockOwners == 2;
        });
        b.kill();
        double killedAfter = seconds(t0);
        int doneAtKill = succeededTimerJobs(db, null);
        // node-b's locks stay as they were until they expire; node-a's own locks go as it
        // finishes those jobs
        List<Map<String, Object>> lockedAtKill = db.queryForList(
                "select id_, lock_exp_time_ from act_ru_job where job_def_id_ = ? and lock_owner_ is not null",
                jobDefinition);

        awaitCondition("node-a to finish every timer", LOCK_TIME.plus(Duration.ofMinutes(2)),
                () -> succeededTimerJobs(db, null) == PATHWAYS && dueTimers(db, jobDefinition) == 0);
        double drainSeconds = seconds(t0);

        // ---- everything once, nothing lost
        Map<String, Integer> breachTasks = new LinkedHashMap<>();
        db.query("""
                select e.root_proc_inst_id_, v.text_ as interval_name, count(*) as tasks
                from act_ru_task t
                join act_ru_execution e on e.id_ = t.proc_inst_id_
                join act_ru_execution r on r.id_ = e.root_proc_inst_id_
                join act_re_procdef d on d.id_ = r.proc_def_id_
                left join act_ru_variable v on v.execution_id_ = t.execution_id_ and v.name_ = 'breachedInterval'
                where t.task_def_key_ = 'followUpBreach' and d.key_ = ?
                group by e.root_proc_inst_id_, v.text_
                """, rs -> {
            // the follow-up runs in the shared part the pathway (root) calls
            breachTasks.put(rs.getString("root_proc_inst_id_") + "/" + rs.getString("interval_name"),
                    rs.getInt("tasks"));
        }, PROCESS_KEY);
        int breachTaskCount = breachTasks.values().stream().mapToInt(Integer::intValue).sum();
        int duplicateTasks = breachTaskCount - breachTasks.size();
        assertThat(breachTasks).as("pathways and intervals with a followUpBreach task").hasSize(PATHWAYS);
        assertThat(breachTasks.keySet()).allMatch(key -> key.endsWith("/" + INTERVAL));
        assertThat(breachTasks.values()).as("followUpBreach tasks per pathway and interval").allMatch(n -> n == 1);

        List<Map<String, Object>> pathways = db.queryForList("""
                select p.id_ as process_instance_id, p.business_key_ as referral_id,
                       (select count(*) from pathway_code c where c.process_instance_id = p.id_ and c.code = 'A32A'
                                                            and c.code_date = ?) as a32a,
                       (select count(*) from pathway_code c where c.process_instance_id = p.id_) as codes,
                       (select count(*) from pathway_breach r where r.process_instance_id = p.id_
                                                              and r.interval_name = ?) as breaches
                from act_hi_procinst p where p.business_key_ like 'KLYNGE-%' and p.id_ = p.root_proc_inst_id_
                """, received, INTERVAL);
        long lost = pathways.stream()
            .filter(p -> number(p, "breaches") == 0
                    || !breachTasks.containsKey(p.get("process_instance_id") + "/" + INTERVAL))
            .count();
        int codesRegistered = pathways.stream().mapToInt(p -> number(p, "codes")).sum();
        assertThat(pathways).hasSize(PATHWAYS);
        assertThat(pathways).as("one A32A on the received date, and no other code, per pathway")
            .allMatch(p -> number(p, "a32a") == 1 && number(p, "codes") == 1);
        assertThat(pathways).as("one pathway_breach row per pathway").allMatch(p -> number(p, "breaches") == 1);
        assertThat(lost).isZero();
        assertThat(duplicateTasks).isZero();
        assertThat(db.queryForObject("select count(*) from pathway_breach", Integer.class)).isEqualTo(PATHWAYS);
        assertThat(db.queryForObject("select count(*) from act_ru_incident", Integer.class)).isZero();
        assertThat(db.queryForList("select job_id_ from act_hi_job_log where job_state_ = 2 and act_id_ = ? "
                + "group by job_id_ having count(*) > 1", String.class, TIMER))
            .as("timer jobs that succeeded twice")
            .isEmpty();

        // ---- who did the work: both nodes, and node-a also what node-b had locked when
        // it died
        int byA = succeededTimerJobs(db, "node-a");
        int byB = succeededTimerJobs(db, "node-b");
        assertThat(byA + byB).isEqualTo(PATHWAYS);
        assertThat(byB).as("timers done by node-b before it was killed").isPositive();
        int takenOver = 0;
        for (Map<String, Object> job : lockedAtKill) {
            Map<String, Object> success = db.queryForMap(
                    "select hostname_, timestamp_ from act_hi_job_log where job_id_ = ? and job_state_ = 2",
                    job.get("id_"));
            assertThat(success.get("hostname_")).as("job %s, locked when node-b died", job.get("id_"))
                .isEqualTo("node-a");
            if (!((Timestamp) success.get("timestamp_")).before((Timestamp) job.get("lock_exp_time_"))) {
                takenOver++;
            }
        }
        assertThat(takenOver).as("jobs node-b had locked when it died, done by node-a once their lock expired")
            .isPositive();

        // ---- node-b comes back on the same database: nothing to migrate, nothing
        // redeployed, every pathway there
        t0 = System.nanoTime();
        AppProcess restarted = started(nodeB.launch()).awaitReady();
        double restartSeconds = seconds(t0);
        assertThat(db.queryForObject("select count(*) from databasechangelog", Integer.class)).isEqualTo(changesets);
        assertThat(db.queryForObject("select count(*) from act_re_procdef where key_ = ?", Integer.class, PROCESS_KEY))
            .isOne();
        HttpResponse<String> pathway = restarted.get("/api/pathways/KLYNGE-0007");
        assertThat(pathway.statusCode()).as(pathway.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(pathway.body());
        assertThat(status.path("codes").get(0).path("code").asText()).isEqualTo("A32A");
        assertThat(status.path("codes").get(0).path("date").asText()).isEqualTo(received.toString());
        Map<String, String> intervalStatus = new LinkedHashMap<>();
        status.path("intervals")
            .forEach(i -> intervalStatus.put(i.path("interval").asText(), i.path("status").asText()));
        assertThat(intervalStatus).containsEntry(INTERVAL, "BREACHED");

        Duration stopA = a.stop();
        Duration stopB = restarted.stop();
        assertThat(a.isAlive() || restarted.isAlive()).isFalse();

        System.out.printf("%nCLUSTER RESULT: pathways=%d (registered over HTTP on 2 nodes, %d sent to both at once: "
                + "statuses %s) codesRegistered=%d (A32A once per pathway) breachRows=%d breachTasks=%d duplicates=%d "
                + "lost=%d | timers done by node-a=%d node-b=%d; node-b SIGKILLed after %d/%d with %d jobs locked "
                + "in the cluster, node-b's taken over by node-a after lock expiry=%d | start 2 nodes %.1f s, register %.1f s (%.0f/s), "
                + "kill after %.1f s, all timers done %.1f s after release, restart %.1f s, graceful stop %d/%d ms%n%n",
                PATHWAYS, SENT_TO_BOTH, statuses, codesRegistered,
                pathways.stream().mapToInt(p -> number(p, "breaches")).sum(), breachTaskCount, duplicateTasks, lost,
                byA, byB, doneAtKill, PATHWAYS, lockedAtKill.size(), takenOver, startSeconds, registerSeconds,
                (PATHWAYS + SENT_TO_BOTH) / registerSeconds, killedAfter, drainSeconds, restartSeconds,
                stopA.toMillis(), stopB.toMillis());
    }

    // ------------------------------------------------------------------ the nodes

    private static AppProcess.Builder node(String name, String url, TestPostgres server, String admin,
            String password) {
        return AppProcess.builder(name)
            .jvmArgs("-Xmx512m", "-XX:+UseSerialGC", "-Duser.timezone=UTC")
            .env("SPRING_DATASOURCE_URL", url)
            .env("SPRING_DATASOURCE_USERNAME", server.username())
            .env("SPRING_DATASOURCE_PASSWORD", server.password())
            .args("--spring.profiles.active=postgres", "--camunda.bpm.admin-user.id=" + admin,
                    "--camunda.bpm.admin-user.password=" + password, "--camunda.bpm.job-execution.enabled=true",
                    // a dead node's jobs are free again after 10 s instead of 5 minutes
                    "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
                    // an idle executor looks for due jobs every 0.5-2 s instead of
                    // backing off to a minute
                    "--camunda.bpm.job-execution.wait-time-in-millis=500", "--camunda.bpm.job-execution.max-wait=2000",
                    // which node ran a job is recorded in the job log
                    // (ACT_HI_JOB_LOG.HOSTNAME_)
                    "--camunda.bpm.generic-properties.properties.hostname=" + name)
            .credentials(admin, password);
    }

    private AppProcess started(AppProcess process) {
        running.add(process);
        return process;
    }

    private static String timerJobDefinition(AppProcess node) throws Exception {
        HttpResponse<String> response = node
            .get("/engine-rest/job-definition?processDefinitionKey=" + PROCESS_KEY + "&activityIdIn=" + TIMER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode definitions = JSON.readTree(response.body());
        assertThat(definitions).hasSize(1);
        return definitions.get(0).path("id").asText();
    }

    private static String referral(String referralId, LocalDate received) throws Exception {
        Map<String, Object> body = ReferralBodies.referral(referralId, received, "Helse Nord HF");
        return JSON.writeValueAsString(body);
    }

    // ------------------------------------------------------------------ the database

    /**
     * Timer jobs of the 8-day deadline that ran to success, on one node (its hostname) or
     * on any.
     */
    private static int succeededTimerJobs(JdbcTemplate db, String hostname) {
        return hostname == null
                ? db.queryForObject("select count(*) from act_hi_job_log where job_state_ = 2 and act_id_ = ?",
                        Integer.class, TIMER)
                : db.queryForObject("select count(*) from act_hi_job_log where job_state_ = 2 and act_id_ = ? "
                        + "and hostname_ = ?", Integer.class, TIMER, hostname);
    }

    private static int dueTimers(JdbcTemplate db, String jobDefinition) {
        return db.queryForObject("select count(*) from act_ru_job where job_def_id_ = ?", Integer.class, jobDefinition);
    }

    private static int number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    /** Polls every 100 ms until the condition holds; fails after the timeout. */
    private static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after %d s waiting for %s", timeout.toSeconds(), what);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted while waiting for " + what);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

}
