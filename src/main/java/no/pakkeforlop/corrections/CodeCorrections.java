package no.pakkeforlop.corrections;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Check.Bound;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.deadlines.BreachRegistry;
import no.pakkeforlop.deadlines.BreachWithdrawal;
import no.pakkeforlop.deadlines.Deadlines;
import no.pakkeforlop.intake.ReferralRegistry;
import no.pakkeforlop.intake.StoredReferral;
import no.pakkeforlop.process.RegisterCodeDelegate;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.refusals.PathwayConflictException;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes.Status;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.security.ApplicationCall;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Corrections of registered codes, the normal way to put a registration right (issue 30):
 * a code's date corrected, or a code registered in error withdrawn, always with a reason,
 * never by raw engine access. The same order of dates as at registration holds.
 * Everything that follows from the codes follows the corrected state, in the same
 * transaction: the intervals, the report and the export read the codes; the pathway's
 * dates move the running deadline timers and the milestone tasks' due dates; breaches no
 * longer borne out are withdrawn, and a breach the correction reveals on an interval that
 * has ended is recorded and followed up. Withdrawing the code that moved the pathway on
 * (first attendance, the decision, the treatment start) puts the pathway back to the task
 * that registered it: what followed that step is cancelled and the task is open again.
 */
@Service
public class CodeCorrections {

    /**
     * A correction as the coordinator asks for it (the body of {@code POST
     * /api/pathways/{referralId}/corrections}): a corrected date, or the code withdrawn;
     * a reason always.
     */
    public record Request(@Schema(example = "A32S") String code,
            @Schema(example = "2026-03-09",
                    description = "Riktig dato (ÅÅÅÅ-MM-DD); utelates når koden trekkes tilbake") String date,
            @Schema(description = "true: koden ble registrert ved en feil og trekkes tilbake") Boolean withdrawn,
            @Schema(example = "Feil dato tastet; pasienten møtte 9. mars") String reason,
            @Schema(description = "Datoen koden er registrert med; bare når koden er registrert flere ganger (A32O)") String currentDate) {
    }

    static final int MAX_REASON = 2000;

    private static final String ADMINISTRATION_LOOP = "adminLoop";

    private static final String ADMINISTRATION_TASK = "pathwayAdministration";

    private static final String ADMINISTRATION_PHASE = "pathwayPhase";

    /**
     * The call of the breach follow-up (the shared part's task followUpBreach runs in the
     * process it calls).
     */
    private static final String BREACH_FOLLOW_UP = "followUpBreachCall";

    private static final String PATHWAY_SCOPE = "pathwayScope";

    /**
     * The dates of the pathway in order: the events whose codes carry them, or the
     * variables of steps that register no code (the gastroscopy, the MDT, the end of
     * primary treatment), with the names staff know them by.
     */
    private record ChainDate(String event, String variable, String name) {
    }

    private static final List<ChainDate> CHAIN = List.of(
            new ChainDate("REFERRAL", "receivedDate", "mottaksdatoen for henvisningen (A32A)"),
            new ChainDate("FIRST_ATTENDANCE", "firstAttendanceDate", "datoen for første fremmøte (A32S)"),
            new ChainDate(null, "endoscopyDate", "datoen for gastroskopien"),
            new ChainDate(null, "mdtDate", "datoen for MDT-møtet"),
            new ChainDate("DECISION", "decisionDate", "beslutningsdatoen"),
            new ChainDate("TREATMENT_START", "treatmentStartDate", "datoen for behandlingsstart"),
            new ChainDate(null, "endOfTreatmentDate", "datoen for avsluttet primærbehandling"));

    /**
     * A gastroscopy done as the filter function may lie before the referral and the first
     * attendance: it bounds only the dates after it.
     */
    private static final String MAY_PRECEDE = "endoscopyDate";

    /**
     * Where a withdrawal puts the pathway back: the task whose completion registered the
     * event, and the step that registered it (what followed that step is undone).
     */
    private record Step(String task, String registeringStep, List<String> variables) {
    }

    private static final Map<String, Step> STEPS = Map.of("FIRST_ATTENDANCE",
            new Step("registerFirstAttendance", "registerFirstAttendanceCode",
                    List.of("firstAttendanceDate", "firstAttendanceType")),
            "DECISION",
            new Step("clinicalDecision", "registerDecisionCode",
                    List.of("decisionDate", "decisionCode", "plannedTreatment", "cancerRuledOutReason",
                            "planChangeReason")),
            "TREATMENT_START",
            new Step("registerTreatmentStart", "registerTreatmentStartCode",
                    List.of("treatmentStartDate", "treatmentStarted")),
            "TERMINATION", new Step(ADMINISTRATION_TASK, "registerTermination",
                    List.of("terminationDate", "terminationReason", "administrativeAction")));

    /** The later events a code cannot be withdrawn before, by event. */
    private static final Map<String, List<String>> LATER = Map.of("FIRST_ATTENDANCE",
            List.of("DECISION", "NO_TREATMENT", "TREATMENT_START", "TERMINATION"), "DECISION",
            List.of("TREATMENT_START", "TERMINATION"), "NO_TREATMENT", List.of("TERMINATION"), "TREATMENT_START",
            List.of("TERMINATION"));

    private static final Pattern TASK_DUE = Pattern.compile("deadlines\\.taskDue\\(execution,\\s*'([^']+)'\\)");

    private final CodeRegistry codes;

    private final BreachRegistry breaches;

    private final BreachWithdrawal withdrawal;

    private final PathwayCatalog catalog;

    private final Deadlines deadlines;

    private final ProcessEngine engine;

    private final ReferralRegistry referrals;

    private final TransactionTemplate transaction;

    public CodeCorrections(CodeRegistry codes, BreachRegistry breaches, BreachWithdrawal withdrawal,
            PathwayCatalog catalog, Deadlines deadlines, ReferralRegistry referrals, ProcessEngine engine,
            PlatformTransactionManager transactions) {
        this.referrals = referrals;
        this.codes = codes;
        this.breaches = breaches;
        this.withdrawal = withdrawal;
        this.catalog = catalog;
        this.deadlines = deadlines;
        this.engine = engine;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Corrects a code of the pathway, as the given user, or refuses with field errors
     * (nothing changed).
     * @throws InputRefusedException when the request is incomplete or breaks the order of
     * dates
     * @throws PathwayConflictException when the pathway's state does not allow it (a
     * later code first, another running pathway of the patient, a concurrent change)
     */
    public void correct(String processInstanceId, Request request, String userId) {
        Authentication caller = engine.getIdentityService().getCurrentAuthentication();
        // the application's own step, for the coordinator the door has let in: the
        // engine's authorizations and the staff rules are for doors from outside
        engine.getIdentityService().clearAuthentication();
        try {
            transaction.executeWithoutResult(status -> ApplicationCall.run(() -> {
                apply(processInstanceId, request, userId);
                return null;
            }));
        }
        catch (OptimisticLockingException | DataIntegrityViolationException e) {
            // a concurrent change of the same pathway (a job recording the same breach, a
            // registration): the whole correction is rolled back
            throw new PathwayConflictException(null,
                    "Forløpet ble endret av noen andre i samme øyeblikk; ingenting er rettet. Prøv igjen.");
        }
        finally {
            if (caller != null) {
                engine.getIdentityService().setAuthentication(caller);
            }
        }
    }

    private void apply(String processInstanceId, Request request, String userId) {
        // one correction of a patient's pathways at a time, and none beside an intake of
        // the patient (the intake's lock): what is checked below stays true until the
        // transaction ends
        referrals.ofProcessInstance(processInstanceId)
            .ifPresent(referral -> referrals.lockPatient(referral.nationalId()));
        List<RegisteredCode> registered = codes.codesOf(processInstanceId);
        LocalDate today = PathwayDates.today(rules(processInstanceId).zone());
        Map<String, Object> values = new HashMap<>();
        values.put("code", request.code());
        values.put("date", request.date());
        values.put("withdrawn", request.withdrawn());
        values.put("reason", request.reason());
        values.put("currentDate", request.currentDate());
        Checker checker = Checker.of(values, today)
            .check(List.of(new Field.Text("code", "Koden", 16, true),
                    Field.Text.lines("reason", "Begrunnelsen for rettingen", MAX_REASON, true),
                    new Field.YesNo("withdrawn", "Trekk tilbake", Field.YesNo.Need.OPTIONAL),
                    new Field.Date("date", "Riktig dato", false, true),
                    new Field.Date("currentDate", "Datoen koden er registrert med", false, false),
                    Check.when(c -> Boolean.TRUE.equals(c.accepted("withdrawn")) && c.accepted("date") != null,
                            c -> c.error("date",
                                    "Oppgi enten riktig dato eller at koden trekkes tilbake, ikke begge.")),
                    Check.when(c -> !Boolean.TRUE.equals(c.accepted("withdrawn")) && Field.blank(c.value("date")),
                            c -> c.error("date", "Riktig dato må fylles ut (ÅÅÅÅ-MM-DD), eller trekk koden tilbake."))))
            .refuseIfAny();
        RegisteredCode target = target(registered, checker.acceptedText("code"),
                (LocalDate) checker.accepted("currentDate"));
        String reason = checker.acceptedText("reason").strip();
        if (Boolean.TRUE.equals(checker.accepted("withdrawn"))) {
            withdraw(processInstanceId, registered, target, reason, userId);
        }
        else {
            correctDate(processInstanceId, registered, target, (LocalDate) checker.accepted("date"), reason, userId,
                    today);
        }
    }

    /** The registration the request names, by its code (and its date, when repeated). */
    private RegisteredCode target(List<RegisteredCode> registered, String code, LocalDate currentDate) {
        List<RegisteredCode> matching = registered.stream().filter(c -> c.code().equalsIgnoreCase(code)).toList();
        if (matching.isEmpty()) {
            throw new InputRefusedException("code", "Forløpet har ingen registrert kode «" + code + "». Registrert: "
                    + registered.stream().map(RegisteredCode::code).distinct().collect(Collectors.joining(", ")) + ".");
        }
        if (currentDate != null) {
            matching = matching.stream().filter(c -> c.date().equals(currentDate)).toList();
            if (matching.isEmpty()) {
                throw new InputRefusedException("currentDate", "Forløpet har ingen " + code.toUpperCase()
                        + " registrert med dato " + PathwayDates.display(currentDate) + ".");
            }
        }
        else if (matching.size() > 1) {
            throw new InputRefusedException("currentDate", "Forløpet har " + matching.size() + " registreringer av "
                    + code.toUpperCase() + " ("
                    + matching.stream().map(c -> PathwayDates.display(c.date())).collect(Collectors.joining(", "))
                    + "): oppgi datoen den som skal rettes er registrert med (currentDate).");
        }
        return matching.get(matching.size() - 1);
    }

    private static String event(RegisteredCode code) {
        String key = code.registrationKey();
        int occurrence = key.indexOf('#');
        return occurrence < 0 ? key : key.substring(0, occurrence);
    }

    // ---- a date corrected

    private void correctDate(String processInstanceId, List<RegisteredCode> registered, RegisteredCode target,
            LocalDate date, String reason, String userId, LocalDate today) {
        if (date.equals(target.date())) {
            throw new InputRefusedException("date", target.code() + " er allerede registrert med dato "
                    + PathwayDates.display(date) + "; ingenting å rette.");
        }
        String event = event(target);
        Map<String, Object> variables = variables(processInstanceId);
        checkOrder(registered, target, event, date, variables);
        changed(codes.correctDate(target, date, reason, userId));
        // the decision and the active surveillance / no treatment it decided are dated on
        // the same conversation: they move together
        if (event.equals("DECISION") || event.equals("NO_TREATMENT")) {
            for (RegisteredCode sibling : registered) {
                String other = event(sibling);
                if (sibling != target && (other.equals("DECISION") || other.equals("NO_TREATMENT"))
                        && sibling.date().equals(target.date())) {
                    changed(codes.correctDate(sibling, date, reason, userId));
                }
            }
        }
        ProcessInstance running = runningInstance(processInstanceId);
        if (running != null) {
            String variable = rules(processInstanceId).event(event).dateVariable();
            if (!event.equals("TRANSFER")) {
                engine.getRuntimeService().setVariable(processInstanceId, variable, PathwayDates.format(date));
            }
            moveDeadlines(processInstanceId, running.getProcessDefinitionId());
        }
        followTheCodes(processInstanceId, registered.get(0).referralId(), running != null);
    }

    /**
     * The same order as at registration: not before the dates before it in the pathway,
     * not after the dates after it (a gastroscopy as the filter function may lie before
     * the referral), a transfer not before the referral, a termination not before any
     * other code, and nothing after a termination.
     */
    private void checkOrder(List<RegisteredCode> registered, RegisteredCode target, String event, LocalDate date,
            Map<String, Object> variables) {
        List<Bound> before = new ArrayList<>();
        List<Bound> after = new ArrayList<>();
        Map<String, LocalDate> byEvent = new LinkedHashMap<>();
        for (RegisteredCode code : registered) {
            if (code != target) {
                byEvent.putIfAbsent(event(code), code.date());
            }
        }
        Optional<RegisteredCode> termination = registered.stream()
            .filter(c -> c != target && event(c).equals("TERMINATION"))
            .findFirst();
        String named = event.equals("NO_TREATMENT") ? "DECISION" : event;
        if (event.equals("TRANSFER")) {
            Optional.ofNullable(byEvent.get("REFERRAL")).ifPresent(d -> before.add(new Bound(d, CHAIN.get(0).name())));
            termination.ifPresent(x -> after.add(new Bound(x.date(), "avslutningen " + x.code())));
        }
        else if (event.equals("TERMINATION")) {
            registered.stream()
                .filter(c -> c != target)
                .forEach(c -> before.add(new Bound(c.date(), c.code() + " (" + PathwayDates.display(c.date()) + ")")));
        }
        else {
            int position = -1;
            for (int i = 0; i < CHAIN.size(); i++) {
                if (named.equals(CHAIN.get(i).event())) {
                    position = i;
                }
            }
            for (int i = 0; i < CHAIN.size(); i++) {
                ChainDate chained = CHAIN.get(i);
                if (i == position) {
                    continue;
                }
                LocalDate other = chained.event() != null ? byEvent.get(chained.event())
                        : PathwayDates.parseOrNull(variables.get(chained.variable()));
                if (other == null || (i > position && chained.variable().equals(MAY_PRECEDE))) {
                    continue;
                }
                (i < position ? before : after).add(new Bound(other, chained.name()));
            }
            if (event.equals("REFERRAL")) {
                registered.stream()
                    .filter(c -> event(c).equals("TRANSFER"))
                    .forEach(c -> after.add(new Bound(c.date(),
                            "overføringen " + c.code() + " (" + PathwayDates.display(c.date()) + ")")));
            }
            termination.ifPresent(x -> after.add(new Bound(x.date(), "avslutningen " + x.code())));
        }
        String subject = "Riktig dato for " + target.code();
        before.stream().filter(bound -> date.isBefore(bound.date())).findFirst().ifPresent(bound -> {
            throw new InputRefusedException("date", subject + " (" + PathwayDates.display(date) + ") kan ikke være før "
                    + bound.name() + " (" + PathwayDates.display(bound.date()) + ").");
        });
        after.stream().filter(bound -> date.isAfter(bound.date())).findFirst().ifPresent(bound -> {
            throw new InputRefusedException("date",
                    subject + " (" + PathwayDates.display(date) + ") kan ikke være etter " + bound.name() + " ("
                            + PathwayDates.display(bound.date()) + "). Rett den først.");
        });
    }

    // ---- a code withdrawn

    private void withdraw(String processInstanceId, List<RegisteredCode> registered, RegisteredCode target,
            String reason, String userId) {
        String event = event(target);
        if (event.equals("REFERRAL")) {
            throw new InputRefusedException("code", target.code() + " (pakkeforløp start) kan ikke trekkes tilbake: "
                    + "uten den er det ikke noe forløp. Er datoen feil, rett datoen; er forløpet startet i feil, "
                    + "avslutt det (A32X) med begrunnelse og meld det til systemforvalter.");
        }
        List<String> later = LATER.getOrDefault(event, List.of());
        List<RegisteredCode> blocking = registered.stream().filter(c -> later.contains(event(c))).toList();
        if (event.equals("DECISION")) {
            // a decision of active surveillance or no treatment is withdrawn together
            // with it
            blocking = blocking.stream().filter(c -> !event(c).equals("NO_TREATMENT")).toList();
        }
        if (!blocking.isEmpty()) {
            throw new PathwayConflictException("code",
                    target.code() + " kan ikke trekkes tilbake før de senere " + "kodene er trukket tilbake: "
                            + blocking.stream().map(RegisteredCode::code).collect(Collectors.joining(", ")) + ".");
        }
        if (event.equals("TRANSFER")) {
            withdrawTransfer(processInstanceId, registered, target, reason, userId);
            followTheCodes(processInstanceId, target.referralId(), runningInstance(processInstanceId) != null);
            return;
        }
        // back to a step, the pathway runs again: never beside another running pathway of
        // the patient of the same kind (one active pathway per patient per pathway)
        StoredReferral referral = referrals.find(target.referralId()).orElseThrow();
        referrals.activeOf(referral.nationalId(), rules(processInstanceId))
            .stream()
            .filter(other -> !other.referralId().equals(referral.referralId()))
            .findFirst()
            .ifPresent(other -> {
                throw new PathwayConflictException("code",
                        target.code() + " kan ikke trekkes tilbake nå: pasienten har "
                                + "et annet pakkeforløp som pågår (henvisning «" + other.referralId()
                                + "»), og forløpet ville "
                                + "pågå igjen ved siden av det. Avslutt eller rett det andre forløpet først.");
            });
        // the decision registers the code of active surveillance or no treatment with it:
        // the one step registered both, and both go
        List<RegisteredCode> withdrawn = new ArrayList<>();
        for (RegisteredCode code : registered) {
            String other = event(code);
            boolean sameStep = (event.equals("DECISION") || event.equals("NO_TREATMENT"))
                    && (other.equals("DECISION") || other.equals("NO_TREATMENT"));
            if (code == target || sameStep) {
                withdrawn.add(code);
            }
        }
        withdrawn.forEach(code -> changed(codes.withdraw(code, reason, userId)));
        Step step = STEPS.get(event.equals("NO_TREATMENT") ? "DECISION" : event);
        // after a termination the pathway's tasks are gone: those open when it was
        // registered come back, with the coordinator's standing task; otherwise the task
        // that registered the code
        List<String> tasks = event.equals("TERMINATION") ? openAtTermination(processInstanceId) : List.of(step.task());
        ProcessInstance running = runningInstance(processInstanceId);
        if (running == null) {
            // the pathway and all its follow-up had ended: it is started again at the
            // step, as a new process instance that carries on the pathway's records
            running = restart(processInstanceId, referral, step, tasks);
        }
        else {
            putBack(running, step, tasks);
        }
        followTheCodes(running.getId(), target.referralId(), true);
    }

    /**
     * Starts an ended pathway again at the tasks, as a new process instance of the same
     * definition and business key with the pathway's last variables (less those the
     * withdrawn step set, its dates as the codes have them), at the tasks, so the start
     * event and its intake are not reached (the referral is not taken in again); the
     * coordinator's standing task comes with it, and the pathway's records (referral,
     * codes, corrections, breaches) move to the new instance.
     */
    private ProcessInstance restart(String processInstanceId, StoredReferral referral, Step step, List<String> tasks) {
        var history = engine.getHistoryService();
        String definition = history.createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult()
            .getProcessDefinitionId();
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .list()) {
            // the process instance's own variables, as they were last
            if (processInstanceId.equals(variable.getActivityInstanceId())) {
                variables.put(variable.getName(), variable.getTypedValue());
            }
        }
        step.variables().forEach(variables::remove);
        // the dates as the codes now have them (a date corrected after the pathway had
        // ended is in the codes, not in the history's variables)
        for (RegisteredCode code : codes.codesOf(processInstanceId)) {
            String event = event(code);
            if (!event.equals("TRANSFER") && !event.equals("TERMINATION")) {
                variables.put(rules(processInstanceId).event(event).dateVariable(), PathwayDates.format(code.date()));
            }
        }
        variables.remove(RegisterCodeDelegate.OUTCOME_VARIABLE);
        variables.remove(RegisterCodeDelegate.END_CODE_VARIABLE);
        var start = engine.getRuntimeService()
            .createProcessInstanceById(definition)
            .businessKey(referral.referralId())
            .setVariables(variables);
        tasks.forEach(start::startBeforeActivity);
        if (!tasks.contains(ADMINISTRATION_TASK)) {
            start.startBeforeActivity(ADMINISTRATION_LOOP);
        }
        // the listeners of the tasks and phases run as in the pathway; the start event's
        // (the intake) is not reached
        ProcessInstance restarted = start.execute(false, false);
        codes.moveToProcessInstance(processInstanceId, restarted.getId());
        breaches.moveToProcessInstance(processInstanceId, restarted.getId());
        referrals.moveToProcessInstance(processInstanceId, restarted.getId());
        return restarted;
    }

    private void withdrawTransfer(String processInstanceId, List<RegisteredCode> registered, RegisteredCode target,
            String reason, String userId) {
        List<RegisteredCode> transfers = registered.stream().filter(c -> event(c).equals("TRANSFER")).toList();
        boolean latest = transfers.get(transfers.size() - 1) == target;
        changed(codes.withdraw(target, reason, userId));
        if (latest && runningInstance(processInstanceId) != null) {
            // the pathway stays at the hospital it was at before the transfer (the
            // hospital the withdrawn code was registered at)
            engine.getRuntimeService().setVariable(processInstanceId, "hospital", target.hospital());
        }
    }

    /**
     * Back to the task that registered the code: the task is started again where the
     * model has it (its enclosing phases made anew when they had ended, with their
     * deadline timers on the dates registered), what followed the step is cancelled, and
     * the values the step set are removed, so the pathway runs on as if the step had not
     * been taken. The coordinator's standing task comes back with the phase.
     */
    private void putBack(ProcessInstance running, Step step, List<String> tasks) {
        var runtime = engine.getRuntimeService();
        String processInstanceId = running.getId();
        BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(running.getProcessDefinitionId());
        Set<String> following = ModelReach.following(model, step.registeringStep());
        Set<String> active = new java.util.LinkedHashSet<>();
        collect(runtime.getActivityInstance(processInstanceId), active);
        boolean phaseWasActive = active.contains(ADMINISTRATION_PHASE);

        runtime.removeVariables(processInstanceId, step.variables());
        runtime.removeVariables(processInstanceId,
                List.of(RegisterCodeDelegate.OUTCOME_VARIABLE, RegisterCodeDelegate.END_CODE_VARIABLE));

        ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(processInstanceId);
        tasks.forEach(modification::startBeforeActivity);
        following.stream()
            .filter(active::contains)
            .filter(id -> !id.equals(BREACH_FOLLOW_UP))
            .forEach(modification::cancelAllForActivity);
        modification.execute();

        if (!phaseWasActive && !tasks.contains(ADMINISTRATION_TASK)) {
            ActivityInstance[] phases = runtime.getActivityInstance(processInstanceId)
                .getActivityInstances(ADMINISTRATION_PHASE);
            if (phases.length == 1) {
                runtime.createProcessInstanceModification(processInstanceId)
                    .startBeforeActivity(ADMINISTRATION_LOOP, phases[0].getId())
                    .execute();
            }
        }
    }

    /**
     * The user tasks of the pathway's scope that its termination ended (the open
     * milestone task, the patient talks and follow-ups beside it), milestone tasks first,
     * and the coordinator's standing task, whose completion registered the termination. A
     * breach's follow-up is not among them: it outlives the termination.
     */
    private List<String> openAtTermination(String processInstanceId) {
        var history = engine.getHistoryService();
        List<HistoricActivityInstance> all = history.createHistoricActivityInstanceQuery()
            .processInstanceId(processInstanceId)
            .list();
        Map<String, HistoricActivityInstance> byId = all.stream()
            .collect(Collectors.toMap(HistoricActivityInstance::getId, instance -> instance));
        HistoricActivityInstance scope = all.stream()
            .filter(instance -> instance.getActivityId().equals(PATHWAY_SCOPE) && instance.getEndTime() != null)
            .max(java.util.Comparator.comparing(HistoricActivityInstance::getEndTime))
            .orElseThrow(() -> new PathwayConflictException("code",
                    "Forløpet har ingen avsluttet forløpsdel å sette tilbake."));
        // the termination ends them in one step; a minute's margin for the clock
        Date since = new Date(scope.getEndTime().getTime() - 60_000);
        List<String> tasks = new ArrayList<>();
        for (HistoricActivityInstance instance : all) {
            if ("userTask".equals(instance.getActivityType()) && instance.isCanceled() && instance.getEndTime() != null
                    && !instance.getEndTime().before(since) && !instance.getActivityId().equals(BREACH_FOLLOW_UP)
                    && within(instance, scope, byId) && !tasks.contains(instance.getActivityId())) {
                tasks.add(instance.getActivityId());
            }
        }
        // the deepest first: the milestone task makes the phases it lies in anew
        tasks.sort(java.util.Comparator.comparingInt(id -> -depth(byId, all, id)));
        tasks.add(STEPS.get("TERMINATION").task());
        return tasks;
    }

    private static boolean within(HistoricActivityInstance instance, HistoricActivityInstance scope,
            Map<String, HistoricActivityInstance> byId) {
        for (String parent = instance.getParentActivityInstanceId(); parent != null;) {
            if (parent.equals(scope.getId())) {
                return true;
            }
            HistoricActivityInstance next = byId.get(parent);
            parent = next == null ? null : next.getParentActivityInstanceId();
        }
        return false;
    }

    private static int depth(Map<String, HistoricActivityInstance> byId, List<HistoricActivityInstance> all,
            String activityId) {
        HistoricActivityInstance instance = all.stream()
            .filter(candidate -> candidate.getActivityId().equals(activityId))
            .findFirst()
            .orElseThrow();
        int depth = 0;
        for (String parent = instance.getParentActivityInstanceId(); byId
            .containsKey(parent); parent = byId.get(parent).getParentActivityInstanceId()) {
            depth++;
        }
        return depth;
    }

    private static void collect(ActivityInstance instance, Set<String> active) {
        active.add(instance.getActivityId());
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
            active.add(transition.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, active);
        }
    }

    // ---- what follows from the codes

    /**
     * The running deadline timers evaluated again on the corrected dates (one already
     * past fires at once), and the open milestone tasks' due dates with them.
     */
    private void moveDeadlines(String processInstanceId, String processDefinitionId) {
        var management = engine.getManagementService();
        for (Job timer : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            management.recalculateJobDuedate(timer.getId(), false);
        }
        BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId);
        var tasks = engine.getTaskService();
        for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
            if (!(model.getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask userTask)
                    || userTask.getCamundaDueDate() == null) {
                continue;
            }
            Matcher due = TASK_DUE.matcher(userTask.getCamundaDueDate());
            if (due.find()) {
                Map<String, Object> variables = engine.getRuntimeService().getVariables(task.getExecutionId());
                task.setDueDate(
                        deadlines.taskDue(catalog.forDefinition(engine.getRepositoryService(), processDefinitionId),
                                variables::get, due.group(1)));
                tasks.saveTask(task);
            }
        }
    }

    /**
     * Breaches the corrected codes no longer bear out are withdrawn; a breach they show
     * on an interval that has ended (its timer gone) is recorded, and followed up while
     * the pathway runs. An interval still running has its timer for that.
     */
    private void followTheCodes(String processInstanceId, String referralId, boolean running) {
        PathwayRules rules = rules(processInstanceId);
        withdrawal.withdrawUnfounded(rules, processInstanceId, engine.getRuntimeService());
        for (IntervalTime interval : withdrawal.intervalsOf(rules, processInstanceId).values()) {
            if (interval.status() != Status.BREACHED || interval.end() == null) {
                continue;
            }
            // the first moment past the standard time of the code that ended it
            boolean fresh = breaches.record(rules.pathway(), referralId, processInstanceId, interval.interval(),
                    interval.due().plusDays(1).atStartOfDay(rules.zone()).toInstant());
            if (fresh && running) {
                engine.getRuntimeService()
                    .createProcessInstanceModification(processInstanceId)
                    .startBeforeActivity(BREACH_FOLLOW_UP)
                    .setVariable("breachedInterval", interval.interval())
                    .setVariable("breachApplies", true)
                    .execute();
            }
        }
    }

    /** A registration read a moment ago and gone now was changed by someone else. */
    private static void changed(boolean done) {
        if (!done) {
            throw new PathwayConflictException(null,
                    "Koden ble endret av noen andre i samme øyeblikk; ingenting er rettet. Prøv igjen.");
        }
    }

    private ProcessInstance runningInstance(String processInstanceId) {
        return engine.getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    }

    /**
     * The pathway's variables, from the running process or, once it has ended, its
     * history.
     */
    private Map<String, Object> variables(String processInstanceId) {
        if (runningInstance(processInstanceId) != null) {
            return engine.getRuntimeService().getVariables(processInstanceId);
        }
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : engine.getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .variableNameIn(CHAIN.stream().map(ChainDate::variable).toArray(String[]::new))
            .list()) {
            if (variable.getValue() != null) {
                variables.putIfAbsent(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    /**
     * The rules of the version the pathway runs on (or ran on, when it has ended).
     */
    private PathwayRules rules(String processInstanceId) {
        var instance = engine.getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
        if (instance == null) {
            throw new IllegalStateException("No pathway " + processInstanceId);
        }
        return catalog.forDefinition(engine.getRepositoryService(), instance.getProcessDefinitionId());
    }

}
