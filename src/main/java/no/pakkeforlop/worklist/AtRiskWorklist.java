package no.pakkeforlop.worklist;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.worklist.MilestoneChain.Milestone;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The pathways at risk of breaching a standard time, before they do: every running
 * interval of an active pathway that is due within N days, or whose predicted end (today
 * + the time the milestones still ahead usually take, see {@link RemainingTimes}) lies
 * past its due date. An interval already breached is not listed: its follow-up task
 * (followUpBreach) is the coordinators' list for that. Referral ids only: no names, no
 * national ids.
 */
@Service
public class AtRiskWorklist {

    public static final int DEFAULT_WITHIN_DAYS = 3;

    public static final int MAX_WITHIN_DAYS = 365;

    /**
     * One running interval at risk. The contract's fields first; then what Cockpit and
     * Tasklist links need and why it is listed. {@code nextTask} is the task definition
     * key of the pathway's open milestone task (the task with the earliest due date),
     * {@code taskAssignee} the user holding it (null while unclaimed),
     * {@code taskCandidateGroup} the group it is offered to.
     */
    public record AtRiskPathway(String referralId, String interval, LocalDate due, long daysLeft,
            LocalDate predictedEnd, String nextTask, String hospital, String processInstanceId, String taskId,
            String taskName, String taskAssignee, String taskCandidateGroup, boolean dueSoon, boolean predictedBreach,
            String predictionBasis, long predictionKnownPathways) {
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

    private final PathwayRules rules;

    private final PathwayTimes times;

    private final RemainingTimes remaining;

    public AtRiskWorklist(JdbcTemplate jdbc, PathwayRules rules, PathwayTimes times, RemainingTimes remaining) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.times = times;
        this.remaining = remaining;
    }

    /**
     * {@code withinDays} as the query parameter gives it: absent for the default, else
     * 0-365; other values are 400.
     */
    public List<AtRiskPathway> atRisk(String withinDays) {
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
        return atRisk(days);
    }

    public List<AtRiskPathway> atRisk(int withinDays) {
        LocalDate today = PathwayDates.today(rules.zone());
        MilestoneChain chain = remaining.chain();
        RemainingTimes.Forecast forecast = remaining.forecast(today);
        List<Candidate> candidates = new ArrayList<>();
        for (List<RegisteredCode> codes : activePathways().values()) {
            Set<String> registered = codes.stream().map(c -> rules.suffix(c.code())).collect(Collectors.toSet());
            for (IntervalTime time : times.of(codes, today)) {
                if (time.status() != PathwayTimes.Status.PENDING || time.start() == null) {
                    continue;
                }
                IntervalRule interval = rules.interval(time.interval());
                Milestone reached = chain.reached(interval, registered);
                RemainingTimes.Estimate estimate = forecast.estimate(reached, chain.of(interval.to()));
                LocalDate predictedEnd = today.plusDays(estimate.days());
                long daysLeft = ChronoUnit.DAYS.between(today, time.due());
                boolean dueSoon = daysLeft <= withinDays;
                boolean predictedBreach = predictedEnd.isAfter(time.due());
                if (dueSoon || predictedBreach) {
                    candidates.add(new Candidate(codes.get(codes.size() - 1), codes.get(0).referralId(), time, daysLeft,
                            predictedEnd, dueSoon, predictedBreach, estimate));
                }
            }
        }
        Map<String, OpenTask> tasks = candidates.isEmpty() ? Map.of() : openMilestoneTasks();
        return candidates.stream()
            .map(c -> c.toItem(tasks.get(c.latest().processInstanceId())))
            .sorted(Comparator.comparingLong(AtRiskPathway::daysLeft)
                .thenComparing(AtRiskPathway::due)
                .thenComparing(AtRiskPathway::referralId)
                .thenComparing(AtRiskPathway::interval))
            .toList();
    }

    private record Candidate(RegisteredCode latest, String referralId, IntervalTime time, long daysLeft,
            LocalDate predictedEnd, boolean dueSoon, boolean predictedBreach, RemainingTimes.Estimate estimate) {
        AtRiskPathway toItem(OpenTask task) {
            return new AtRiskPathway(referralId, time.interval(), time.due(), daysLeft, predictedEnd,
                    task == null ? null : task.key(), latest.hospital(), latest.processInstanceId(),
                    task == null ? null : task.id(), task == null ? null : task.name(),
                    task == null ? null : task.assignee(), task == null ? null : task.candidateGroup(), dueSoon,
                    predictedBreach, estimate.basis().name(), estimate.known());
        }
    }

    /**
     * The codes of every running pathway, in the order registered. A pathway is running
     * while its process instance is (Camunda's runtime table holds only running
     * instances; the instance's own execution has its id); an interval whose days are all
     * past is BREACHED by then and drops out below, so finished pathways cost nothing.
     */
    private Map<String, List<RegisteredCode>> activePathways() {
        Map<String, List<RegisteredCode>> pathways = new LinkedHashMap<>();
        jdbc.query("select c.referral_id, c.process_instance_id, c.registration_key, c.code, c.code_date, c.hospital,"
                + " c.registered_by from pathway_code c where c.process_instance_id in"
                + " (select e.ID_ from ACT_RU_EXECUTION e where e.ID_ = e.PROC_INST_ID_)"
                + " order by c.process_instance_id, c.id", rs -> {
                    RegisteredCode code = new RegisteredCode(rs.getString("referral_id"),
                            rs.getString("process_instance_id"), rs.getString("registration_key"), rs.getString("code"),
                            rs.getObject("code_date", LocalDate.class), rs.getString("hospital"),
                            rs.getString("registered_by"));
                    pathways.computeIfAbsent(code.processInstanceId(), id -> new ArrayList<>()).add(code);
                });
        return pathways;
    }

    /**
     * Per running pathway its open milestone task: milestone tasks are the ones with a
     * due date (the deadline of their standard time); the earliest due first. Read
     * straight from the engine's runtime tables in one query, with who holds the task and
     * which group it is offered to.
     */
    private Map<String, OpenTask> openMilestoneTasks() {
        Map<String, OpenTask> tasks = new HashMap<>();
        // a plain join (no correlated subquery: H2 ran that once per task without its
        // index); a task offered to several groups comes once per group, the first group
        // by name is kept
        jdbc.query("select t.ID_ as id, t.PROC_INST_ID_ as pi, t.TASK_DEF_KEY_ as task_key, t.NAME_ as name,"
                + " t.ASSIGNEE_ as assignee, t.DUE_DATE_ as due, i.GROUP_ID_ as candidate_group"
                + " from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_"
                + " left join ACT_RU_IDENTITYLINK i on i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate'"
                + " where d.KEY_ = ? and t.DUE_DATE_ is not null", rs -> {
                    OpenTask task = new OpenTask(rs.getString("id"), rs.getString("task_key"), rs.getString("name"),
                            rs.getString("assignee"), rs.getString("candidate_group"), rs.getTimestamp("due"));
                    tasks.merge(rs.getString("pi"), task, AtRiskWorklist::earlier);
                }, rules.processKey());
        return tasks;
    }

}
