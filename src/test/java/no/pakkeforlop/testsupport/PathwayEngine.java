package no.pakkeforlop.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import no.pakkeforlop.checks.DeployedTaskVersions;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.deadlines.BreachFollowUpListener;
import no.pakkeforlop.deadlines.BreachRegistry;
import no.pakkeforlop.deadlines.BreachWithdrawal;
import no.pakkeforlop.deadlines.Deadlines;
import no.pakkeforlop.deadlines.RecordBreachDelegate;
import no.pakkeforlop.deployment.PathwayFolders;
import no.pakkeforlop.decisions.TreatmentGroupProposal;
import no.pakkeforlop.dialogue.DialogueCompletion;
import no.pakkeforlop.dialogue.FertilityInformation;
import no.pakkeforlop.dialogue.StagingOrder;
import no.pakkeforlop.dialogue.TerminationCare;
import no.pakkeforlop.intake.EarlierPathway;
import no.pakkeforlop.intake.ReferralIntake;
import no.pakkeforlop.intake.ReferralRegistry;
import no.pakkeforlop.milestones.FirstTreatmentSuggestion;
import no.pakkeforlop.milestones.MilestoneValidation;
import no.pakkeforlop.process.RegisterCodeDelegate;
import no.pakkeforlop.refusals.InputRefusalPlugin;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.security.SafeExpressionManager;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A process engine for fast engine tests, wired like the application: the project's
 * beans, its Flyway migrations, and Spring transactions over one DataSource, so a code
 * registration commits or rolls back together with the engine's step. No Spring context
 * is started.
 *
 * <p>
 * The database is an in-memory H2 by default; with {@code -Dtest.database=postgres} the
 * same tests run on a throwaway PostgreSQL server.
 */
public final class PathwayEngine {

    public final DataSource dataSource;

    public final JdbcTemplate jdbc;

    /**
     * Every pathway's rules table and data on the classpath, as the application builds
     * its catalog ({@code deployment.PathwayDeploymentConfiguration}); a pathway's
     * delegates and checks read the table and data deployed with its own definition.
     */
    public final PathwayCatalog catalog = catalogAsBuilt();

    public final PathwayRules rules = catalog.defaultPathway();

    /** Where the completion checks find a task's form and pathway: its deployment. */
    public final DeployedTaskVersions versions = new DeployedTaskVersions(catalog);

    public final CodeRegistry codes;

    public final BreachRegistry breaches;

    public final FlakyDeadlines deadlines;

    public final SpringProcessEngineConfiguration configuration;

    private PathwayEngine(DataSource dataSource, boolean coverage) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.codes = new CodeRegistry(jdbc);
        this.breaches = new BreachRegistry(jdbc);
        this.deadlines = new FlakyDeadlines(catalog);

        Map<Object, Object> beans = new HashMap<>();
        beans.put("registerCode",
                new RegisterCodeDelegate(catalog, codes, new BreachWithdrawal(catalog, codes, breaches)));
        beans.put("deadlines", deadlines);
        beans.put("recordBreach", new RecordBreachDelegate(catalog, codes, breaches, deadlines));
        beans.put("milestoneValidation", new MilestoneValidation(codes, new TreatmentGroupProposal(), versions));
        beans.put("firstTreatmentSuggestion", new FirstTreatmentSuggestion(catalog));
        beans.put("referralIntake", new ReferralIntake(catalog, new ReferralRegistry(jdbc)));
        beans.put("dialogueCompletion", new DialogueCompletion(versions));
        beans.put("terminationCare", new TerminationCare());
        beans.put("stagingOrder", new StagingOrder());
        beans.put("fertilityInformation", new FertilityInformation(catalog));
        beans.put("earlierPathway", new EarlierPathway());
        beans.put("breachFollowUpRecorder", new BreachFollowUpListener(breaches));

        SpringProcessEngineConfiguration cfg = new SpringProcessEngineConfiguration();
        cfg.setProcessEngineName("pathway-test-" + UUID.randomUUID());
        cfg.setDataSource(dataSource);
        cfg.setTransactionManager(new DataSourceTransactionManager(dataSource));
        cfg.setDatabaseSchemaUpdate("true");
        cfg.setJobExecutorActivate(false);
        cfg.setHistory("full");
        cfg.setEnforceHistoryTimeToLive(true);
        cfg.setBeans(beans);
        // as in the application (security.ExpressionSafety): no reflection in any
        // expression
        cfg.setExpressionManager(new SafeExpressionManager(null, beans));
        cfg.getProcessEnginePlugins().add(new InputRefusalPlugin());
        if (coverage) {
            // lets camunda-process-test-coverage see which flow nodes and sequence flows
            // a test passed
            ProcessCoverageConfigurator.initializeProcessCoverageExtensions(cfg);
        }
        this.configuration = cfg;
    }

    private static PathwayCatalog catalogAsBuilt() {
        List<PathwayFolders.Folder> folders = PathwayFolders.onClasspath();
        return new PathwayCatalog(folders.stream().map(PathwayFolders.Folder::rules).toList(),
                folders.stream()
                    .collect(Collectors.toMap(folder -> folder.rules().processKey(), PathwayFolders.Folder::data)),
                PathwayFolders.Folder.calledProcessKeys(folders));
    }

    /** An engine for a test class that uses ProcessEngineCoverageExtension. */
    public static PathwayEngine withCoverage() {
        return new PathwayEngine(dataSource(), true);
    }

    public static PathwayEngine create() {
        return new PathwayEngine(dataSource(), false);
    }

    private static DataSource dataSource() {
        String database = System.getProperty("test.database", "h2");
        HikariConfig hikari = new HikariConfig();
        hikari.setMaximumPoolSize(8);
        if ("postgres".equals(database)) {
            TestPostgres server = TestPostgres.shared();
            hikari.setJdbcUrl(server.createDatabase("engine_" + UUID.randomUUID().toString().replace("-", "")));
            hikari.setUsername(server.username());
            hikari.setPassword(server.password());
        }
        else {
            hikari.setJdbcUrl("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            hikari.setUsername("sa");
            hikari.setPassword("");
        }
        return new HikariDataSource(hikari);
    }

    /**
     * Deadlines that can be told to fail once, to test what a failed and retried job
     * leaves behind.
     */
    public static final class FlakyDeadlines extends Deadlines {

        private boolean failNext;

        FlakyDeadlines(PathwayCatalog rules) {
            super(rules);
        }

        public void failNextCall() {
            failNext = true;
        }

        @Override
        public Date due(VariableScope execution, String intervalName) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("Simulated failure while creating the timer for " + intervalName);
            }
            return super.due(execution, intervalName);
        }

    }

}
