package no.pakkeforlop.bench;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.OSLO;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.REFERRAL_DETAILS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import no.pakkeforlop.rules.PathwayInstances;
import no.pakkeforlop.PathwayApplication;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.TestPostgres;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one pathway costs, against the engine's own floor, up to national scale. Run
 * through Maven: {@code mvn -B -P bench verify} (both databases; see README). One JVM per
 * database: {@code PathwayBenchmark h2|postgres <output dir>} writes
 * {@code bench-<db>.json}; {@link BenchReport} prints the table.
 */
public final class PathwayBenchmark {

    static final String USER = "benchadmin";
    static final String PASSWORD = "Bench-only-1-" + Long.toHexString(System.nanoTime()); // meets
                                                                                          // the
                                                                                          // password
                                                                                          // policy

    private final ProcessEngine engine;

    private final RuntimeService runtime;

    private final TaskService tasks;

    private final ManagementService management;

    private final JdbcTemplate jdbc;

    private final int port;

    /** h2 or postgres. */
    private final String database;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final AtomicInteger sequence = new AtomicInteger();

    /** The last pathway a journey finished: what one pathway leaves in the history. */
    private volatile String lastPathway;

    private final String run = Long.toString(System.currentTimeMillis(), 36);

    PathwayBenchmark(ConfigurableApplicationContext context, String database) {
        this.database = database;
        this.engine = context.getBean(ProcessEngine.class);
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.management = engine.getManagementService();
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.port = context.getEnvironment().getProperty("local.server.port", Integer.class);
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench");
        Files.createDirectories(out);
        int threads = Integer.getInteger("bench.threads", 4);
        int journeys = Integer.getInteger("bench.journeys", 400);
        int reportPathways = Integer.getInteger("bench.reportPathways", 100_000);
        int backlog = Integer.getInteger("bench.timerBacklog", 10_000);

        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.camunda.bpm.engine.jobexecutor", "ERROR");
        props.put("camunda.bpm.admin-user.id", USER);
        props.put("camunda.bpm.admin-user.password", PASSWORD);
        props.put("spring.datasource.hikari.maximum-pool-size", "20");
        // any -Dbench.prop.NAME=VALUE is passed to the application as NAME=VALUE (what-if
        // runs of settings)
        System.getProperties()
            .stringPropertyNames()
            .stream()
            .filter(n -> n.startsWith("bench.prop."))
            .forEach(n -> props.put(n.substring("bench.prop.".length()), System.getProperty(n)));
        // what-if runs: -Dbench.history=audit, -Dbench.authorization=false
        props.put("camunda.bpm.history-level", System.getProperty("bench.history", "full"));
        props.put("camunda.bpm.authorization.enabled", System.getProperty("bench.authorization", "true"));
        if (database.equals("postgres")) {
            TestPostgres server = TestPostgres.shared();
            props.put("spring.profiles.active", "postgres");
            // the load driver speaks plain HTTP on loopback: the production profile's
            // Secure cookies would never come back
            props.put("server.servlet.session.cookie.secure", "false");
            props.put("camunda.bpm.webapp.csrf.enable-secure-cookie", "false");
            props.put("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "false");
            props.put("spring.datasource.url", server.createUniqueDatabase("bench"));
            props.put("spring.datasource.username", server.username());
            props.put("spring.datasource.password", server.password());
        }
        else {
            Path dir = out.resolve("h2-" + System.currentTimeMillis());
            // the same settings as the default URL in application.yaml; -Dbench.h2Options
            // for what-if runs
            props.put("spring.datasource.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/bench"
                    + System.getProperty("bench.h2Options", ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("database", database);
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB max heap, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
        long bootStart = System.nanoTime();
        // as command-line arguments: they must win over application-<profile>.yaml
        // (properties() are only defaults)
        String[] arguments = props.entrySet()
            .stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PathwayApplication.class)
            .run(arguments)) {
            result.put("startupSeconds", round((System.nanoTime() - bootStart) / 1e9));
            PathwayBenchmark bench = new PathwayBenchmark(context, database);
            bench.stopJobExecutor();
            if (Boolean.getBoolean("bench.timerOnly")) {
                result.put("timerBacklog", bench.timerBacklog(backlog));
            }
            else if (Boolean.getBoolean("bench.intakeOnly")) {
                result.put("intake", bench.intakeLatency());
            }
            else if (Boolean.getBoolean("bench.atRiskOnly")) {
                result.put("atRisk", bench.atRiskLatency(reportPathways, true));
            }
            else {
                result.put("journeys", bench.journeys(threads, journeys));
            }
            if (!Boolean.getBoolean("bench.journeysOnly") && !Boolean.getBoolean("bench.timerOnly")
                    && !Boolean.getBoolean("bench.intakeOnly") && !Boolean.getBoolean("bench.atRiskOnly")) {
                result.put("intake", bench.intakeLatency());
                result.put("reports", bench.reportLatency(reportPathways));
                result.put("atRisk", bench.atRiskLatency(reportPathways, false));
                result.put("timerBacklog", bench.timerBacklog(backlog));
            }
            result.put("databaseSizeMb", bench.databaseSizeMb());
            result.put("peakRssMb", peakRssMb());
        }
        Path file = out.resolve("bench-" + database + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
        System.out.println("BENCH " + database + " written to " + file);
        System.exit(0);
    }

    // ------------------------------------------------------------------ journeys against
    // the floor

    private JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    void stopJobExecutor() {
        if (jobExecutor() != null && jobExecutor().isActive()) {
            jobExecutor().shutdown();
        }
    }

    /** The same number of wait states as one pathway journey, and nothing else. */
    static final int WAIT_STATES = 19; // 16 user tasks and 3 code registrations (see
                                       // pathwayJourney)

    Map<String, Object> journeys(int threads, int count) throws Exception {
        BpmnModelInstance floor = floorModel();
        engine.getRepositoryService()
            .createDeployment()
            .name("bench-floor")
            .addModelInstance("bench-floor.bpmn", floor)
            .deploy();
        // warm up both, then measure in rounds that take turns, so that what the machine
        // and the database do in the background (a checkpoint, autovacuum after the
        // pathways' writes, another process) falls on both alike, not on whichever ran
        // second
        runJourneys(threads, Math.max(40, count / 10), this::pathwayJourney);
        runJourneys(threads, Math.max(40, count / 10), this::floorJourney);
        int rounds = Math.max(1, Math.min(count / 20, Integer.getInteger("bench.rounds", 5)));
        Phase pathway = new Phase();
        Phase floorPhase = new Phase();
        List<Double> roundRatios = new ArrayList<>();
        counters = readCounters();
        for (int round = 0; round < rounds; round++) {
            int journeys = count / rounds + (round < count % rounds ? 1 : 0);
            double pathwaySeconds = pathway.run(threads, journeys, this::pathwayJourney);
            double floorSeconds = floorPhase.run(threads, journeys, this::floorJourney);
            roundRatios.add(pathwaySeconds / floorSeconds);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("threads", threads);
        r.put("count", count);
        r.put("rounds", rounds);
        r.put("waitStates", WAIT_STATES);
        r.put("pathwayPerSecond", round(count / pathway.seconds));
        r.put("floorPerSecond", round(count / floorPhase.seconds));
        r.put("ratio", round(pathway.seconds / floorPhase.seconds));
        roundRatios.sort(null);
        r.put("ratioOfRounds", roundRatios.stream().map(PathwayBenchmark::round).toList());
        // the processor time both journeys cost (this JVM and the database's processes):
        // steadier than the rates when the machine is shared, as it is in CI
        r.put("cpuMsPerPathwayJourney", round(pathway.cpuMillis / (double) count));
        r.put("cpuMsPerFloorJourney", round(floorPhase.cpuMillis / (double) count));
        r.put("cpuRatio", round(pathway.cpuMillis / (double) Math.max(1, floorPhase.cpuMillis)));
        r.put("jvmCpuMsPerPathwayJourney", round(pathway.jvmMillis / (double) count));
        r.put("jvmCpuMsPerFloorJourney", round(floorPhase.jvmMillis / (double) count));
        var history = engine.getHistoryService();
        r.put("historyOfOnePathway", Map.of("variables",
                history.createHistoricVariableInstanceQuery().processInstanceId(lastPathway).count(), "variableUpdates",
                history.createHistoricDetailQuery().processInstanceId(lastPathway).variableUpdates().count(),
                "activities", history.createHistoricActivityInstanceQuery().processInstanceId(lastPathway).count(),
                "tasks", history.createHistoricTaskInstanceQuery().processInstanceId(lastPathway).count(),
                "jobLogEntries", history.createHistoricJobLogQuery().processInstanceId(lastPathway).count(),
                "decisions", history.createHistoricDecisionInstanceQuery().processInstanceId(lastPathway).count()));
        if (database.equals("postgres")) {
            r.put("databaseWorkPerPathwayJourney", perJourney(pathway.databaseWork, count));
            r.put("databaseWorkPerFloorJourney", perJourney(floorPhase.databaseWork, count));
            r.put("tablesPerPathwayJourney", perTable(pathway.tables, count));
        }
        return r;
    }

    /**
     * The database's counters as last read (PostgreSQL only; each reading waits for the
     * statistics to settle): the end of one phase is the start of the next.
     */
    private Counters counters;

    record Counters(Map<String, Long> work, Map<String, long[]> tables) {
    }

    private Counters readCounters() throws InterruptedException {
        return new Counters(databaseWork(), tableWork());
    }

    /**
     * One kind of journey over the rounds: its time, processor time and database work.
     */
    private final class Phase {

        double seconds;

        long cpuMillis;

        long jvmMillis;

        final Map<String, Long> databaseWork = new LinkedHashMap<>();

        final Map<String, long[]> tables = new LinkedHashMap<>();

        /** Runs the journeys; returns the seconds they took. */
        double run(int threads, int count, Journey journey) throws Exception {
            Counters before = counters;
            long cpuBefore = cpuMillis();
            long jvmBefore = jvmCpuMillis();
            double elapsed = count / runJourneys(threads, count, journey);
            cpuMillis += cpuMillis() - cpuBefore;
            jvmMillis += jvmCpuMillis() - jvmBefore;
            seconds += elapsed;
            counters = readCounters();
            counters.work().forEach((k, v) -> databaseWork.merge(k, v - before.work().get(k), Long::sum));
            counters.tables().forEach((table, after) -> {
                long[] start = before.tables().getOrDefault(table, new long[after.length]);
                long[] sum = tables.computeIfAbsent(table, t -> new long[after.length]);
                for (int i = 0; i < after.length; i++) {
                    sum[i] += after[i] - start[i];
                }
            });
            return elapsed;
        }

    }

    /**
     * PostgreSQL's own counters of the benchmark database (transactions, rows written,
     * rows read): what a journey costs the database, whatever the engine does to get
     * there. Empty on H2, which keeps no such counters.
     */
    private Map<String, Long> databaseWork() throws InterruptedException {
        if (!database.equals("postgres")) {
            return Map.of();
        }
        // other sessions' counters reach the statistics when they are idle, at most a
        // second later
        Thread.sleep(1500);
        return jdbc.queryForMap("select xact_commit as commits, tup_inserted as inserted, tup_updated as updated,"
                + " tup_deleted as deleted, tup_fetched as fetched from pg_stat_database where datname = current_database()")
            .entrySet()
            .stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).longValue(),
                    (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Processor time so far in milliseconds: this JVM's, plus the embedded PostgreSQL's
     * processes' (their own and their reaped children's, read from /proc) when the
     * benchmark runs on PostgreSQL.
     */
    private static long jvmCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    private long cpuMillis() {
        long jvm = jvmCpuMillis();
        if (!database.equals("postgres")) {
            return jvm;
        }
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) processes::iterator) {
                if (!dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    if (!stat.contains("(postgres)")) {
                        continue;
                    }
                    // fields after the command's closing parenthesis: state is field 3;
                    // utime 14, stime 15, cutime 16, cstime 17
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
                }
                catch (java.io.IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return jvm + ticks * 10; // USER_HZ is 100 on Linux
    }

    /**
     * Per table: rows inserted, updated, deleted and index or sequential scans (where the
     * writes and reads go).
     */
    private Map<String, long[]> tableWork() {
        Map<String, long[]> r = new LinkedHashMap<>();
        if (database.equals("postgres")) {
            jdbc.query("select relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(idx_scan, 0) + coalesce(seq_scan, 0)"
                    + " from pg_stat_user_tables", rs -> {
                        r.put(rs.getString(1),
                                new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) });
                    });
        }
        return r;
    }

    /**
     * The tables a journey touches most, as "inserted/updated/deleted/scans" per journey.
     */
    private static Map<String, Object> perTable(Map<String, long[]> work, int count) {
        Map<String, Object> r = new LinkedHashMap<>();
        work.entrySet()
            .stream()
            .filter(e -> Arrays.stream(e.getValue()).sum() >= count / 2)
            .sorted((x, y) -> Long.compare(Arrays.stream(y.getValue()).sum(), Arrays.stream(x.getValue()).sum()))
            .forEach(e -> r.put(e.getKey(),
                    Arrays.stream(e.getValue())
                        .mapToObj(v -> String.valueOf(round(v / (double) count)))
                        .collect(java.util.stream.Collectors.joining("/"))));
        return r;
    }

    private static Map<String, Object> perJourney(Map<String, Long> work, int count) {
        Map<String, Object> r = new LinkedHashMap<>();
        work.forEach((k, v) -> r.put(k, round(v / (double) count)));
        return r;
    }

    static BpmnModelInstance floorModel() {
        AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("bench-floor")
            .camundaHistoryTimeToLive(1)
            .startEvent();
        for (int i = 1; i <= WAIT_STATES; i++) {
            builder = builder.userTask("wait" + i);
        }
        return builder.endEvent().done();
    }

    interface Journey {

        void run() throws Exception;

    }

    private double runJourneys(int threads, int count, Journey journey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(count);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    journey.run();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private void floorJourney() {
        String pi = runtime.startProcessInstanceByKey("bench-floor").getId();
        for (int i = 0; i < WAIT_STATES; i++) {
            Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            tasks.complete(task.getId());
        }
    }

    /**
     * A whole pathway: intake, every milestone, the dialogue and the follow-up, codes
     * registered.
     */
    private void pathwayJourney() {
        LocalDate day = LocalDate.now(OSLO).minusDays(20);
        String referralId = "BENCH-" + run + "-" + sequence.incrementAndGet();
        Map<String, Object> start = new HashMap<>();
        start.put("referralId", referralId);
        start.put("receivedDate", day.toString());
        start.put("startBasis", "MARKED_REFERRAL");
        start.put("hospital", "Helse Bergen HF");
        start.putAll(REFERRAL_DETAILS);
        start.put("nationalId", nationalIdFor(referralId));
        String pi = runtime.startProcessInstanceByKey(PROCESS_KEY, referralId, start).getId();
        complete(pi, "informPatientAtReferral", Map.of());
        complete(pi, "registerFirstAttendance",
                Map.of("firstAttendanceDate", day.plusDays(2).toString(), "firstAttendanceType", "OUTPATIENT"));
        job(pi, "registerFirstAttendanceCode");
        complete(pi, "nutritionScreening", Map.of());
        complete(pi, "registerEndoscopyResult", Map.of("endoscopyDate", day.plusDays(4).toString(), "endoscopyResult",
                "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        complete(pi, "orderStagingWorkup", Map.of());
        Map<String, Object> mdt = new HashMap<>(Map.of("mdtDate", day.plusDays(7).toString(), "tumourSite", "STOMACH",
                "histology", "ADENOCARCINOMA", "tStage", "T3", "nStage", "N1", "mStage", "M0", "ecog", 1,
                "medicallyOperable", true, "technicallyResectable", true));
        mdt.putAll(Map.of("supplementaryWorkupNeeded", false, "mdtOncologistPresent", true, "mdtSurgeonPresent", true,
                "mdtRadiologistPresent", true, "mdtCoordinatorPresent", true, "treatmentGroup",
                "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION", "mdtRecommendation",
                "Perioperativ kjemoterapi, deretter kirurgi."));
        complete(pi, "mdtAssessment", mdt);
        complete(pi, "clinicalDecision", Map.of("decisionDate", day.plusDays(9).toString(), "decisionCode", "CK",
                "plannedTreatment", "SURGERY"));
        job(pi, "registerDecisionCode");
        complete(pi, "informGpOfDecision", Map.of());
        complete(pi, "informBeforeTreatment", Map.of());
        complete(pi, "offerNeedsAssessment", Map.of());
        // perioperative chemotherapy before surgery: the first treatment given, A32FM
        complete(pi, "registerTreatmentStart",
                Map.of("treatmentStartDate", day.plusDays(15).toString(), "treatmentStarted", "DRUG"));
        job(pi, "registerTreatmentStartCode");
        complete(pi, "rehabilitationAssessment", Map.of());
        complete(pi, "registerEndOfTreatment", Map.of("endOfTreatmentDate", day.plusDays(18).toString()));
        for (String followUp : List.of("dischargeConversation", "firstNutritionControl", "informGeneralPractitioner")) {
            complete(pi, followUp, Map.of());
        }
        if (runtime.createProcessInstanceQuery().processInstanceId(pi).count() != 0) {
            throw new IllegalStateException("Pathway " + referralId + " did not end");
        }
        lastPathway = pi;
    }

    /**
     * Completes a task with what its form would submit; dialogue forms get their
     * checklist from {@link FormAnswers}.
     */
    private void complete(String pi, String key, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery()
            .processInstanceIdIn(PathwayInstances.of(runtime, pi).toArray(String[]::new))
            .taskDefinitionKey(key)
            .singleResult();
        if (task == null) {
            throw new IllegalStateException("No task " + key + " in " + pi);
        }
        Map<String, Object> all = new HashMap<>(FormAnswers.complete(key));
        all.putAll(variables);
        tasks.complete(task.getId(), all);
    }

    private void job(String pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi).activityId(activityId).singleResult();
        management.executeJob(job.getId());
    }

    // ------------------------------------------------------------------ intake over HTTP

    Map<String, Object> intakeLatency() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int clients : new int[] { 1, 8, 32 }) {
            int perClient = Math.max(10, 320 / clients);
            intakeRound(clients, Math.max(2, perClient / 5), 201, this::referralRequest); // warm-up
            r.put(clients + "clients", intakeRound(clients, perClient, 201, this::referralRequest));
        }
        // the engine's own floor over HTTP: Camunda's REST start of the floor process
        // (one user task, no variables), same clients, same authentication, same JVM
        if (engine.getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey("bench-floor")
            .count() == 0) {
            engine.getRepositoryService()
                .createDeployment()
                .name("bench-floor")
                .addModelInstance("bench-floor.bpmn", floorModel())
                .deploy();
        }
        intakeRound(8, 8, 200, id -> post("/engine-rest/process-definition/key/bench-floor/start", "{}"));
        r.put("floor8clients",
                intakeRound(8, 40, 200, id -> post("/engine-rest/process-definition/key/bench-floor/start", "{}")));
        return r;
    }

    private HttpRequest referralRequest(String referralId) {
        return post("/api/referrals", referralJson(referralId));
    }

    private Map<String, Object> intakeRound(int clients, int perClient, int expectedStatus,
            java.util.function.Function<String, HttpRequest> request) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstError = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    HttpRequest next = request.apply("BENCH-HTTP-" + run + "-" + sequence.incrementAndGet());
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t0);
                    if (response.statusCode() != expectedStatus) {
                        if (errors.incrementAndGet() == 1) {
                            System.err.println("intake error " + response.statusCode() + ": " + response.body());
                            firstError.set(response.statusCode());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Map<String, Object> r = percentiles(latencies);
        r.put("requests", latencies.size());
        r.put("perSecond", round(latencies.size() / seconds));
        r.put("errors", errors.get());
        return r;
    }

    static String referralJson(String referralId) {
        return """
                {"referralId":"%s","patient":{"nationalId":"%s","name":"%s"},
                 "receivedDate":"%s","startBasis":"MARKED_REFERRAL",
                 "suspicionCriteria":["DYSPHAGIA_OVER_2_WEEKS","WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN"],
                 "medications":"Ingen faste","comorbidity":"Hypertensjon","frailty":{"scale":"CFS","score":3},
                 "referrer":{"type":"GP","name":"Dr. Fastlege"},"hospital":"Helse Bergen HF"}
                """.formatted(referralId, nationalIdFor(referralId), PATIENT_NAME, LocalDate.now(OSLO).minusDays(1));
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", basic())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    }

    private HttpRequest get(String path, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", basic())
            .header("Accept", accept)
            .GET()
            .build();
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ reports at
    // 100,000 pathways

    Map<String, Object> reportLatency(int pathways) throws Exception {
        long t0 = System.nanoTime();
        int inserted = BenchData.insertCompletedPathways(jdbc, pathways);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("pathwaysInDatabase", inserted);
        r.put("loadSeconds", round((System.nanoTime() - t0) / 1e9));
        String year = "from=2025-01-01&to=2025-12-31";
        r.put("pathwayTimes", timeGet("/api/reports/pathway-times?" + year, "application/json", 20));
        r.put("codesYearJson", timeGet("/api/codes?" + year, "application/json", 10));
        r.put("codesYearCsv", timeGet("/api/codes?" + year, "text/csv", 10));
        return r;
    }

    private Map<String, Object> timeGet(String path, String accept, int times) throws Exception {
        List<Long> latencies = new ArrayList<>();
        int status = 0;
        long bytes = 0;
        for (int i = 0; i < times + 2; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = http.send(get(path, accept), HttpResponse.BodyHandlers.ofByteArray());
            if (i >= 2) {
                latencies.add(System.nanoTime() - t0);
            }
            status = response.statusCode();
            bytes = response.body().length;
        }
        Map<String, Object> r = percentiles(latencies);
        r.put("status", status);
        r.put("bytes", bytes);
        return r;
    }

    // ------------------------------------------------------------------ at-risk list and
    // the Cockpit plugin's data

    /**
     * The at-risk list and the plugin's data with the 100,000 completed pathways of
     * {@link BenchData} (2016-2025) and {@code bench.atRiskActive} (2,000) running
     * pathways referred in December 2025, half of them past their first attendance. The
     * engine clock stands on 2025-12-31, so the prediction learns from a full year (about
     * 10,000 completed pathways) and the monthly chart covers 2025. Timed through /api
     * (HTTP Basic) and through the plugin's Cockpit resource (a Cockpit session), which
     * call the same services.
     */
    Map<String, Object> atRiskLatency(int pathways, boolean insert) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        if (insert) {
            long t0 = System.nanoTime();
            r.put("pathwaysInDatabase", BenchData.insertCompletedPathways(jdbc, pathways));
            r.put("loadSeconds", round((System.nanoTime() - t0) / 1e9));
        }
        LocalDate today = LocalDate.of(2025, 12, 31);
        ClockUtil.setCurrentTime(java.util.Date.from(today.atTime(12, 0).atZone(OSLO).toInstant()));
        try {
            int active = Integer.getInteger("bench.atRiskActive", 2000);
            long t0 = System.nanoTime();
            startActivePathways(active, today);
            r.put("activePathways", active);
            r.put("activeCreateSeconds", round((System.nanoTime() - t0) / 1e9));
            HttpResponse<String> first = http.send(get("/api/worklist/at-risk", "application/json"),
                    HttpResponse.BodyHandlers.ofString());
            r.put("listed", new ObjectMapper().readTree(first.body()).size());
            r.put("atRisk", timeGet("/api/worklist/at-risk", "application/json", 20));
            r.put("atRiskWithin14Days", timeGet("/api/worklist/at-risk?withinDays=14", "application/json", 20));
            // a code registered since the last call: the medians are learned again from
            // the year's pathways
            AtomicInteger extra = new AtomicInteger();
            r.put("atRiskAfterNewCode", time(20, () -> {
                jdbc.update(
                        "insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date,"
                                + " hospital, registered_at, registered_by) values (?, ?, 'REFERRAL', 'A32A', ?, 'Helse Nord HF', ?, 'bench')",
                        "BENCH-NEWCODE-" + run + "-" + extra.get(),
                        "bench-newcode-" + run + "-" + extra.incrementAndGet(), java.sql.Date.valueOf("2015-01-01"),
                        new java.sql.Timestamp(System.currentTimeMillis()));
                return http.send(get("/api/worklist/at-risk", "application/json"), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            }));
            r.put("monthly", timeGet("/api/reports/pathway-times/monthly", "application/json", 20));
            r.put("monthlyOneHospital",
                    timeGet("/api/reports/pathway-times/monthly?hospital=Helse+Bergen+HF", "application/json", 20));
            r.put("periodOneHospital",
                    timeGet("/api/reports/pathway-times?from=2025-01-01&to=2025-12-31&hospital=Helse+Bergen+HF",
                            "application/json", 20));
            r.put("hospitals", timeGet("/api/reports/hospitals", "application/json", 20));
            no.pakkeforlop.cockpit.CockpitSession cockpit = no.pakkeforlop.cockpit.CockpitSession.login(port, "cockpit",
                    USER, PASSWORD);
            String plugin = "/camunda/api/cockpit/plugin/pakkeforlop/default/";
            r.put("pluginAtRisk", time(20, () -> cockpit.get(plugin + "at-risk").statusCode()));
            r.put("pluginMonthly", time(20, () -> cockpit.get(plugin + "pathway-times/monthly").statusCode()));
            r.put("pluginPeriod",
                    time(20, () -> cockpit.get(plugin + "pathway-times?from=2025-01-01&to=2025-12-31").statusCode()));
            r.put("pluginHospitals", time(20, () -> cockpit.get(plugin + "hospitals").statusCode()));
        }
        finally {
            ClockUtil.reset();
        }
        return r;
    }

    private void startActivePathways(int count, LocalDate today) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        String prefix = "BENCH-ACTIVE-" + run + "-";
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.incrementAndGet()) <= count) {
                    LocalDate received = today.minusDays(i % 31);
                    String referralId = prefix + i;
                    Map<String, Object> variables = new HashMap<>(REFERRAL_DETAILS);
                    variables.put("nationalId", nationalIdFor(referralId));
                    variables.putAll(Map.of("referralId", referralId, "receivedDate", received.toString(), "startBasis",
                            "MARKED_REFERRAL", "hospital", i % 2 == 0 ? "Helse Bergen HF" : "Helse Nord HF"));
                    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY, referralId, variables).getId();
                    LocalDate attended = received.plusDays(3);
                    if (i % 2 == 1 && !attended.isAfter(today)) {
                        String task = tasks.createTaskQuery()
                            .processInstanceId(pi)
                            .taskDefinitionKey("registerFirstAttendance")
                            .singleResult()
                            .getId();
                        tasks.complete(task, Map.of("firstAttendanceDate", attended.toString(), "firstAttendanceType",
                                "OUTPATIENT"));
                        management.executeJob(management.createJobQuery()
                            .processInstanceId(pi)
                            .activityId("registerFirstAttendanceCode")
                            .singleResult()
                            .getId());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** Latencies of a call, two warm-up calls first; the status of the last call. */
    private static Map<String, Object> time(int times, java.util.concurrent.Callable<Integer> call) throws Exception {
        List<Long> latencies = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < times + 2; i++) {
            long t0 = System.nanoTime();
            status = call.call();
            if (i >= 2) {
                latencies.add(System.nanoTime() - t0);
            }
        }
        Map<String, Object> r = percentiles(latencies);
        r.put("status", status);
        return r;
    }

    // ------------------------------------------------------------------ timer backlog

    Map<String, Object> timerBacklog(int count) throws Exception {
        LocalDate received = LocalDate.now(OSLO).minusDays(30);
        String prefix = "BENCH-TIMER-" + run + "-";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        long createStart = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.incrementAndGet()) <= count) {
                    String referralId = prefix + i;
                    Map<String, Object> variables = new HashMap<>(REFERRAL_DETAILS);
                    variables.put("nationalId", nationalIdFor(referralId));
                    variables.putAll(Map.of("referralId", referralId, "receivedDate", received.toString(), "startBasis",
                            "MARKED_REFERRAL", "hospital", "Helse Bergen HF"));
                    runtime.startProcessInstanceByKey(PROCESS_KEY, referralId, variables);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double createSeconds = (System.nanoTime() - createStart) / 1e9;

        long start = System.nanoTime();
        jobExecutor().start();
        long deadline = start + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.timerTimeoutSeconds", 600));
        long breaches = 0;
        while (System.nanoTime() < deadline) {
            breaches = tasks.createTaskQuery()
                .taskDefinitionKey("followUpBreach")
                .processInstanceBusinessKeyLike(prefix + "%")
                .count();
            if (breaches >= count) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        jobExecutor().shutdown();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("pathways", count);
        r.put("createSeconds", round(createSeconds));
        r.put("breachTasks", breaches);
        r.put("secondsUntilAllBreachTasks", breaches >= count ? round(seconds) : null);
        r.put("perSecond", round(breaches / seconds));
        return r;
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("p50ms", round(at(sorted, 0.50) / 1e6));
        r.put("p95ms", round(at(sorted, 0.95) / 1e6));
        r.put("p99ms", round(at(sorted, 0.99) / 1e6));
        r.put("maxMs", round(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6));
        return r;
    }

    private static double at(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** What the run left on disk: H2's file, or PostgreSQL's database. */
    long databaseSizeMb() throws Exception {
        if (database.equals("postgres")) {
            return jdbc.queryForObject("select pg_database_size(current_database())", Long.class) / (1024 * 1024);
        }
        String url;
        try (var connection = jdbc.getDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
        }
        String file = url.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db";
        return Files.size(Path.of(file)) / (1024 * 1024);
    }

    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

}
