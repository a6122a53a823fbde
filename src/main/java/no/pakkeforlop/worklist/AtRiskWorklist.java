package no.pakkeforlop.worklist;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.worklist.IntervalDurations.Prediction;
import no.pakkeforlop.worklist.IntervalDurations.Scope;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The pathways at risk of breaching a standard time, before they do. For every running
 * interval of an active pathway: the days already used, and what finished pathways that
 * had used at least as many days of that interval went on to take
 * ({@link IntervalDurations}: median and 80th percentile, the hospital's own, else all
 * hospitals', else the standard time). The interval is <em>at risk</em> when the cautious
 * bound (interval start + the 80th percentile) lies past its due date, or when fewer than
 * {@code pakkeforlop.at-risk.days-left} days (default 2) remain: the interval is running,
 * so the step that ends it is not done. Listed are the intervals at risk and those due
 * within {@code withinDays}; each row says why, in Norwegian. An interval already
 * breached is not listed: its follow-up task (followUpBreach) is the coordinators' list
 * for that. Referral ids only: no names, no national ids. Every pathway's running
 * pathways are listed, each row judged by the rules of the version it runs on and
 * predicted from its own pathway's finished pathways, and naming its pathway; one
 * pathway's when the list is narrowed to it.
 */
@Service
public class AtRiskWorklist {

    public static final int DEFAULT_WITHIN_DAYS = 3;

    public static final int MAX_WITHIN_DAYS = 365;

    public static final String DAYS_LEFT_PROPERTY = "pakkeforlop.at-risk.days-left";

    public static final int DEFAULT_DAYS_LEFT = 2;

    /**
     * One running interval on the list. The contract's fields first; then what Cockpit
     * and Tasklist links need and why it is listed. {@code nextTask} is the task
     * definition key of the pathway's open milestone task (the task with the earliest due
     * date), {@code taskAssignee} the user holding it (null while unclaimed),
     * {@code taskCandidateGroup} the group it is offered to. {@code predictedEnd} is the
     * start + the median, {@code cautiousEnd} the start + the 80th percentile (the start
     * of {@code predictionInterval}, the interval the prediction comes from), both never
     * before today; {@code predictedBreach} says the median passes the due date,
     * {@code atRisk} the rule above; {@code explanation} the same in a sentence;
     * {@code pathway} the pathway ("A32"), {@code version} the version of its model it
     * runs on.
     */
    public record AtRiskPathway(String referralId, String interval, LocalDate due, long daysLeft,
            LocalDate predictedEnd, String nextTask, String hospital, String processInstanceId, String taskId,
            String taskName, String taskAssignee, String taskCandidateGroup, boolean dueSoon, boolean predictedBreach,
            String predictionBasis, long predictionKnownPathways, int daysUsed, boolean atRisk, LocalDate cautiousEnd,
            String predictionScope, int predictionMedianDays, int predictionP80Days, String predictionInterval,
            String explanation, String pathway, int version) {
    }

    /**
     * What the rule says about one running interval as of one day. {@code basis} is the
     * running interval whose finished durations the prediction comes from: the interval
     * itself, or a shorter one that started later and ends at the same step (see
     * {@link #assessAll}).
     */
    record Assessment(IntervalRule interval, IntervalTime time, IntervalTime basis, Prediction prediction,
            String hospital, long daysLeft, LocalDate predictedEnd, LocalDate cautiousEnd, boolean dueSoon,
            boolean predictedBreach, boolean fewDaysLeft, boolean atRisk) {

        boolean listed() {
            return dueSoon || atRisk;
        }

        int daysUsed(LocalDate today) {
            return (int) ChronoUnit.DAYS.between(time.start(), today);
        }

    }

    /**
     * The rule for every running interval (status PENDING, started) of one pathway at
     * {@code hospital} as of {@code today}; the worklist and the back-test ask it alike.
     * When a shorter running interval ends at the same step and started later (the 14
     * days from the decision inside the 43 days from the referral), the longer one is
     * predicted from it: the steps already taken are then known, not only the days used.
     */
    static List<Assessment> assessAll(PathwayRules rules, List<IntervalTime> times, String hospital,
            IntervalDurations durations, LocalDate today, int withinDays, int daysLeftLimit) {
        List<IntervalTime> running = times.stream()
            .filter(t -> t.status() == PathwayTimes.Status.PENDING && t.start() != null)
            .toList();
        List<Assessment> assessments = new ArrayList<>();
        for (IntervalTime time : running) {
            IntervalRule interval = rules.interval(time.interval());
            IntervalTime basis = running.stream()
                .filter(t -> rules.interval(t.interval()).to().equals(interval.to()))
                .filter(t -> t.start().isAfter(time.start()))
                .max(Comparator.comparing(IntervalTime::start))
                .orElse(time);
            assessments.add(assess(interval, time, rules.interval(basis.interval()), basis, hospital, durations, today,
                    withinDays, daysLeftLimit));
        }
        return assessments;
    }

    private static Assessment assess(IntervalRule interval, IntervalTime time, IntervalRule basisInterval,
            IntervalTime basis, String hospital, IntervalDurations durations, LocalDate today, int withinDays,
            int daysLeftLimit) {
        int used = (int) ChronoUnit.DAYS.between(basis.start(), today);
        Prediction prediction = durations.predict(basisInterval, hospital, used);
        long daysLeft = ChronoUnit.DAYS.between(today, time.due());
        LocalDate predictedEnd = latest(today, basis.start().plusDays(prediction.medianDays()));
        LocalDate cautiousEnd = latest(today, basis.start().plusDays(prediction.p80Days()));
        boolean fewDaysLeft = daysLeft < daysLeftLimit;
        return new Assessment(interval, time, basis, prediction, hospital, daysLeft, predictedEnd, cautiousEnd,
                daysLeft <= withinDays, predictedEnd.isAfter(time.due()), fewDaysLeft,
                cautiousEnd.isAfter(time.due()) || fewDaysLeft);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Why the row is on the list, for the coordinator to judge. */
    static String explain(Assessment a, LocalDate today, int daysLeftLimit) {
        Prediction p = a.prediction();
        StringBuilder text = new StringBuilder();
        text.append("Brukt ")
            .append(a.daysUsed(today))
            .append(" av ")
            .append(days(a.interval().days()))
            .append(", frist ")
            .append(PathwayDates.display(a.time().due()))
            .append(a.daysLeft() == 0 ? " (i dag). " : " (" + days(a.daysLeft()) + " igjen). ");
        if (a.basis() != a.time()) {
            text.append("Steget som gjenstår, avslutter også fristen på ")
                .append(days(a.basis().standardDays()))
                .append(" fra ")
                .append(PathwayDates.display(a.basis().start()))
                .append(" (brukt ")
                .append(days(p.daysUsed()))
                .append("); anslaget bygger på den. ");
        }
        String comparable = " fullførte forløp som hadde brukt minst " + days(p.daysUsed());
        switch (p.scope()) {
            case HOSPITAL ->
                text.append("Av ").append(p.known()).append(comparable).append(" ved ").append(a.hospital());
            case ALL -> text.append("For få ved ")
                .append(a.hospital() == null ? "sykehuset" : a.hospital())
                .append("; av ")
                .append(p.known())
                .append(comparable)
                .append(" ved alle sykehus");
            case STANDARD -> text.append(p.known() == 0 ? "Ingen" : "Bare " + p.known())
                .append(" fullførte forløp hadde brukt minst ")
                .append(days(p.daysUsed()))
                .append(p.known() == 0 ? "" : " (færre enn " + IntervalDurations.MIN_KNOWN + ")")
                .append(": normert tid brukt som anslag. ");
        }
        if (p.scope() != Scope.STANDARD) {
            text.append(" tok halvparten ")
                .append(days(p.medianDays()))
                .append(" eller kortere og 80 % ")
                .append(days(p.p80Days()))
                .append(" eller kortere. ");
        }
        text.append("Forsiktig anslag ")
            .append(PathwayDates.display(a.cautiousEnd()))
            .append(a.cautiousEnd().isAfter(a.time().due()) ? " er etter fristen." : " er innen fristen.");
        if (a.fewDaysLeft()) {
            text.append(" Under ")
                .append(days(daysLeftLimit))
                .append(" igjen, og steget som avslutter intervallet er ikke registrert.");
        }
        return text.toString();
    }

    private static String days(long n) {
        return n == 1 ? "1 dag" : n + " dager";
    }

    private record OpenTask(String id, String key, String name, String assignee, String candidateGroup, Timestamp due) {
    }

    /**
     * The task due first (then by id); of one task's rows, the one with the first
     * candidate group by name.
     */
    private static OpenTask earlier(OpenTask a, OpenTask b) {
        int byDue = a.due().compareTo(b.due());
        int byId = a.id().compareTo(b.id());
        if (byDue != 0 || byId != 0) {
            return byDue < 0 || byDue == 0 && byId < 0 ? a : b;
        }
        if (a.candidateGroup() == null) {
            return b;
        }
        return b.candidateGroup() == null || a.candidateGroup().compareTo(b.candidateGroup()) <= 0 ? a : b;
    }

    private final JdbcTemplate jdbc;

    private final PathwayCatalog catalog;

    private final RepositoryService repository;

    private final RemainingTimes remaining;

    private final CodeRegistry codes;

    private final int daysLeftLimit;

    public AtRiskWorklist(JdbcTemplate jdbc, PathwayCatalog catalog, RepositoryService repository,
            RemainingTimes remaining, CodeRegistry codes,
            @Value("${" + DAYS_LEFT_PROPERTY + ":" + DEFAULT_DAYS_LEFT + "}") String daysLeft) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.repository = repository;
        this.remaining = remaining;
        this.codes = codes;
        this.daysLeftLimit = daysLeftLimit(daysLeft);
    }

    /**
     * The configured limit, or a startup error that names the setting and what it takes.
     */
    static int daysLeftLimit(String configured) {
        try {
            int days = Integer.parseInt(configured.trim());
            if (days >= 0 && days <= MAX_WITHIN_DAYS) {
                return days;
            }
        }
        catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalStateException(DAYS_LEFT_PROPERTY + " must be a whole number of days from 0 to "
                + MAX_WITHIN_DAYS + " (default " + DEFAULT_DAYS_LEFT + "), not '" + configured + "'");
    }

    /**
     * {@code withinDays} as the query parameter gives it: absent for the default, else
     * 0-365; other values are 400.
     */
    public List<AtRiskPathway> atRisk(String withinDays) {
        return atRisk(withinDays, null);
    }

    /**
     * The same, of one pathway ({@code pathway} as the query parameter gives it: "A32";
     * absent or blank for every pathway, unknown is 400).
     */
    public List<AtRiskPathway> atRisk(String withinDays, String pathway) {
        PathwayRules narrowed = catalog.narrowedTo(pathway).orElse(null);
        int days = DEFAULT_WITHIN_DAYS;
        if (withinDays != null) {
            try {
                days = Integer.parseInt(withinDays.trim());
            }
            catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 0 || days > MAX_WITHIN_DAYS) {
                throw new InputRefusedException("withinDays",
                        "Antall dager (withinDays) må være et heltall fra 0 til " + MAX_WITHIN_DAYS + ".");
            }
        }
        return atRisk(days, narrowed);
    }

    public List<AtRiskPathway> atRisk(int withinDays) {
        return atRisk(withinDays, null);
    }

    /** Of one pathway, or (null) of every pathway. */
    public List<AtRiskPathway> atRisk(int withinDays, PathwayRules pathway) {
        LocalDate today = PathwayDates.today(catalog.zone());
        Map<String, IntervalDurations> durations = remaining.durations(today);
        List<String> processKeys = (pathway == null ? catalog.current() : List.of(pathway)).stream()
            .map(PathwayRules::processKey)
            .toList();
        Map<String, RunningVersion> definitions = runningDefinitions(processKeys);
        List<Candidate> candidates = new ArrayList<>();
        for (List<RegisteredCode> codes : activePathways(processKeys).values()) {
            RegisteredCode latest = codes.get(codes.size() - 1);
            RunningVersion definition = definitions.get(latest.processInstanceId());
            if (definition == null) {
                continue; // ended between the two queries
            }
            // the rules of the version the pathway runs on; learned from its own pathway
            PathwayRules rules = catalog.forDefinition(repository, definition.id());
            IntervalDurations learned = durations.get(rules.pathway());
            if (learned == null) {
                learned = IntervalDurations.learn(new PathwayTimes(rules), List.of(), today);
            }
            for (Assessment assessment : assessAll(rules, new PathwayTimes(rules).of(codes, today), latest.hospital(),
                    learned, today, withinDays, daysLeftLimit)) {
                if (assessment.listed()) {
                    candidates
                        .add(new Candidate(latest, codes.get(0).referralId(), rules.pathway(), definition.version(),
                                assessment, assessment.daysUsed(today), explain(assessment, today, daysLeftLimit)));
                }
            }
        }
        Map<String, OpenTask> tasks = candidates.isEmpty() ? Map.of() : openMilestoneTasks(processKeys);
        return candidates.stream()
            .map(c -> c.toItem(tasks.get(c.latest().processInstanceId())))
            .sorted(Comparator.comparingLong(AtRiskPathway::daysLeft)
                .thenComparing(AtRiskPathway::due)
                .thenComparing(AtRiskPathway::referralId)
                .thenComparing(AtRiskPathway::interval))
            .toList();
    }

    private record Candidate(RegisteredCode latest, String referralId, String pathway, int version, Assessment a,
            int daysUsed, String explanation) {
        AtRiskPathway toItem(OpenTask task) {
            Prediction p = a.prediction();
            return new AtRiskPathway(referralId, a.time().interval(), a.time().due(), a.daysLeft(), a.predictedEnd(),
                    task == null ? null : task.key(), latest.hospital(), latest.processInstanceId(),
                    task == null ? null : task.id(), task == null ? null : task.name(),
                    task == null ? null : task.assignee(), task == null ? null : task.candidateGroup(), a.dueSoon(),
                    a.predictedBreach(), p.scope() == Scope.STANDARD ? "STANDARD" : "LEARNED", p.known(), daysUsed,
                    a.atRisk(), a.cautiousEnd(), p.scope().name(), p.medianDays(), p.p80Days(), a.basis().interval(),
                    explanation, pathway, version);
        }
    }

    /**
     * The codes of every running pathway, in the order registered. A pathway is running
     * while its process instance is (Camunda's runtime table holds only running
     * instances; the instance's own execution has its id); an interval whose days are all
     * past is BREACHED by then and drops out below, so finished pathways cost nothing.
     * Only the running instances of the given process keys.
     */
    private Map<String, List<RegisteredCode>> activePathways(List<String> processKeys) {
        return codes.codesOfPathways("select e.ID_ from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d"
                + " on d.ID_ = e.PROC_DEF_ID_ where e.ID_ = e.PROC_INST_ID_ and d.KEY_ in (" + placeholders(processKeys)
                + ")", processKeys.toArray());
    }

    /** A process definition a running pathway runs on: its id and version. */
    private record RunningVersion(String id, int version) {
    }

    /** The process definition each running instance of these process keys runs on. */
    private Map<String, RunningVersion> runningDefinitions(List<String> processKeys) {
        Map<String, RunningVersion> definitions = new HashMap<>();
        jdbc.query("select e.ID_ as pi, e.PROC_DEF_ID_ as definition, d.VERSION_ as version from ACT_RU_EXECUTION e"
                + " join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_ where e.ID_ = e.PROC_INST_ID_ and d.KEY_ in ("
                + placeholders(processKeys) + ")", rs -> {
                    definitions.put(rs.getString("pi"),
                            new RunningVersion(rs.getString("definition"), rs.getInt("version")));
                }, processKeys.toArray());
        return definitions;
    }

    private static String placeholders(List<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    /**
     * Per running pathway its open milestone task: milestone tasks are the ones with a
     * due date (the deadline of their standard time); the earliest due first. Read
     * straight from the engine's runtime tables in one query, with who holds the task and
     * which group it is offered to.
     */
    private Map<String, OpenTask> openMilestoneTasks(List<String> processKeys) {
        Map<String, OpenTask> tasks = new HashMap<>();
        // a plain join (no correlated subquery: H2 ran that once per task without its
        // index); a task offered to several groups comes once per group, the first group
        // by name is kept
        jdbc.query("select t.ID_ as id, t.PROC_INST_ID_ as pi, t.TASK_DEF_KEY_ as task_key, t.NAME_ as name,"
                + " t.ASSIGNEE_ as assignee, t.DUE_DATE_ as due, i.GROUP_ID_ as candidate_group"
                + " from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_"
                + " left join ACT_RU_IDENTITYLINK i on i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate'"
                + " where d.KEY_ in (" + placeholders(processKeys) + ") and t.DUE_DATE_ is not null", rs -> {
                    OpenTask task = new OpenTask(rs.getString("id"), rs.getString("task_key"), rs.getString("name"),
                            rs.getString("assignee"), rs.getString("candidate_group"), rs.getTimestamp("due"));
                    tasks.merge(rs.getString("pi"), task, AtRiskWorklist::earlier);
                }, processKeys.toArray());
        return tasks;
    }

}
