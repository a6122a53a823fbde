package no.pakkeforlop.pathways;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.intake.EarlierPathway;
import no.pakkeforlop.intake.Referral;
import no.pakkeforlop.intake.ReferralRegistry;
import no.pakkeforlop.intake.StoredReferral;
import no.pakkeforlop.milestones.MilestoneValidation;
import no.pakkeforlop.pathways.PathwayStatus.State;
import no.pakkeforlop.refusals.PathwayNotFoundException;
import no.pakkeforlop.process.RegisterCodeDelegate;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.security.ApplicationCall;
import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Service;

/**
 * Finds pathways by referral id and tells their state, each by the rules of the version
 * it runs on (or ran on).
 */
@Service
public class Pathways {

    private static final String REFERRER_TYPE = "referrerType";

    private static final String REFERRER_NAME = "referrerName";

    private static final String OTHER_HEALTH_TRUST = "OTHER_HEALTH_TRUST";

    private final ReferralRegistry referrals;

    private final CodeRegistry codes;

    private final PathwayCatalog catalog;

    private final RuntimeService runtime;

    private final HistoryService history;

    private final ProcessEngineConfigurationImpl engine;

    public Pathways(ReferralRegistry referrals, CodeRegistry codes, PathwayCatalog catalog, RuntimeService runtime,
            HistoryService history, ProcessEngine engine) {
        this.history = history;
        this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.referrals = referrals;
        this.codes = codes;
        this.catalog = catalog;
        this.runtime = runtime;
    }

    /**
     * @throws PathwayNotFoundException when no pathway has this referral id
     */
    public StoredReferral referral(String referralId) {
        return referrals.find(referralId).orElseThrow(() -> notFound(referralId));
    }

    /**
     * The same answer for a pathway that does not exist and for one the user may not
     * read: the answer must not tell which it is.
     */
    private static PathwayNotFoundException notFound(String referralId) {
        return new PathwayNotFoundException("Det finnes ikke noe pakkeforløp for henvisning «"
                + (referralId.length() > 64 ? referralId.substring(0, 64) + "…" : referralId)
                + "» som du har tilgang til.");
    }

    /**
     * @throws PathwayNotFoundException also when the signed-in user may not read the
     * pathway (need-to-know: the engine's authorizations on its history, see
     * security.NeedToKnowAuthorizations)
     */
    public PathwayStatus status(String referralId) {
        StoredReferral referral = referral(referralId);
        if (history.createHistoricProcessInstanceQuery().processInstanceId(referral.processInstanceId()).count() == 0) {
            throw notFound(referralId);
        }
        ProcessDefinition definition = definitionOf(referral);
        PathwayRules rules = rulesOf(referral, definition);
        List<RegisteredCode> registered = codes.codesOf(referral.processInstanceId());
        Map<String, Object> variables = variables(referral.processInstanceId());
        Optional<PreviousCancer> previousCancer = PreviousCancer.of(variables::get);
        List<PathwayStatus.OtherPathway> others = new ArrayList<>();
        boolean earlier = true;
        for (StoredReferral other : referrals.allOf(referral.nationalId())) {
            if (other.referralId().equals(referral.referralId())) {
                earlier = false;
                continue;
            }
            others.add(new PathwayStatus.OtherPathway(
                    other.referralId(), other.receivedDate(), state(rulesOf(other), other,
                            codes.codesOf(other.processInstanceId()), variables(other.processInstanceId())),
                    earlier, other.pathway()));
        }
        List<IntervalTime> intervals = new PathwayTimes(rules).of(registered, PathwayDates.today(rules.zone()));
        if (!PreviousCancer.registersCodes(variables::get)) {
            // a recurrence (or a referral on to B01) has no pathway time: the steps'
            // due dates guide the care, but no standard time is measured
            intervals = intervals.stream()
                .map(i -> new IntervalTime(i.interval(), i.standardDays(), null, null, null, null,
                        PathwayTimes.Status.NOT_APPLICABLE))
                .toList();
        }
        return new PathwayStatus(referral.referralId(), referral.processInstanceId(), rules.pathway(), rules.name(),
                definition == null ? null : definition.getVersion(), deployedAt(definition),
                state(rules, referral, registered, variables),
                registered.stream().map(c -> new PathwayStatus.Code(c.code(), c.date())).toList(), intervals, others,
                referrals.additionalTo(referral.referralId())
                    .stream()
                    .map(a -> new PathwayStatus.AdditionalReferral(a.referralId(), a.receivedDate(), a.hospital()))
                    .toList(),
                interpreterLanguage(referral.processInstanceId()), reasons(referral.processInstanceId()),
                codes.correctionsOf(referral.processInstanceId()), previousCancer.map(Enum::name).orElse(null),
                variables.get(EarlierPathway.PREVIOUS_REFERRAL_ID) instanceof String id ? id : null,
                referredFrom(variables));
    }

    /**
     * The rules of the version the referral's pathway runs on, or ran on: those of its
     * process definition (read by the application: the caller's right to the pathway is
     * checked before, and another pathway of the patient is only named); when its history
     * is gone, the rules as built for the pathway the referral names.
     */
    private PathwayRules rulesOf(StoredReferral referral) {
        return rulesOf(referral, definitionOf(referral));
    }

    private PathwayRules rulesOf(StoredReferral referral, ProcessDefinition definition) {
        if (definition != null) {
            return catalog.forDefinition(engine.getRepositoryService(), definition.getId());
        }
        return catalog.pathway(referral.pathway()).orElseGet(catalog::defaultPathway);
    }

    /**
     * The process definition (the version) the referral's pathway runs on or ran on, read
     * by the application (staff have no right to read definitions and deployments); null
     * when its history is gone.
     */
    private ProcessDefinition definitionOf(StoredReferral referral) {
        return ApplicationCall
            .run(() -> engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
                HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(referral.processInstanceId())
                    .singleResult();
                return instance == null ? null
                        : engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId());
            })));
    }

    /** When the version was deployed. */
    private Instant deployedAt(ProcessDefinition definition) {
        if (definition == null) {
            return null;
        }
        return ApplicationCall.run(() -> engine.getCommandExecutorTxRequired()
            .execute(context -> context.runWithoutAuthorization(() -> engine.getRepositoryService()
                .createDeploymentQuery()
                .deploymentId(definition.getDeploymentId())
                .singleResult()
                .getDeploymentTime()
                .toInstant())));
    }

    /**
     * The health trust that referred the patient on (HF1 → HF2), with the day the pathway
     * started there when the referral gave it; null for any other referral.
     */
    private static PathwayStatus.ReferredFrom referredFrom(Map<String, Object> variables) {
        if (!OTHER_HEALTH_TRUST.equals(variables.get(REFERRER_TYPE))) {
            return null;
        }
        return new PathwayStatus.ReferredFrom((String) variables.get(REFERRER_NAME),
                PathwayDates.parseOrNull(variables.get(Referral.FIRST_TRUST_START_DATE)));
    }

    /**
     * The pathway's variables this view reads, from the history (the pathway may have
     * ended); the caller may read the pathway's history, checked before.
     */
    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        variables(processInstanceId, PreviousCancer.VARIABLE, EarlierPathway.PREVIOUS_REFERRAL_ID,
                RegisterCodeDelegate.OUTCOME_VARIABLE, REFERRER_TYPE, REFERRER_NAME, Referral.FIRST_TRUST_START_DATE)
            .stream()
            .filter(v -> v.getValue() != null)
            .forEach(v -> variables.put(v.getName(), v.getValue()));
        return variables;
    }

    /**
     * The reasons given, read from the history, so an ended pathway shows them too; in
     * the order of {@link MilestoneValidation#REASONS}, blank ones left out.
     */
    private List<PathwayStatus.Reason> reasons(String processInstanceId) {
        Map<String, String> given = new HashMap<>();
        variables(processInstanceId, MilestoneValidation.REASONS.toArray(String[]::new)).forEach(variable -> {
            if (variable.getValue() instanceof String text && !text.isBlank()) {
                given.put(variable.getName(), text);
            }
        });
        return MilestoneValidation.REASONS.stream()
            .filter(given::containsKey)
            .map(name -> new PathwayStatus.Reason(name, given.get(name)))
            .toList();
    }

    /** The language the patient needs an interpreter for, or null. */
    private String interpreterLanguage(String processInstanceId) {
        return variables(processInstanceId, Interpreter.LANGUAGE).stream()
            .map(variable -> variable.getValue() instanceof String language ? language : null)
            .filter(language -> language != null && !language.isBlank())
            .findFirst()
            .orElse(null);
    }

    /**
     * Variables of the pathway from its history (an ended pathway's too). Whoever may
     * read the pathway (checked before) reads them: physicians and the MDT book
     * conversations and read the clinicians' reasons too, though their groups have no
     * permission on the pathway's variables. A read of the application's own
     * ({@link ApplicationCall}), not a staff command.
     */
    private List<HistoricVariableInstance> variables(String processInstanceId, String... names) {
        return ApplicationCall.run(() -> engine.getCommandExecutorTxRequired()
            .execute(context -> context.runWithoutAuthorization(() -> history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableNameIn(names)
                .list())));
    }

    /**
     * TERMINATED after A32X, COMPLETED after the pathway's other final codes (F codes,
     * A32CM/CA/CI), otherwise ACTIVE while the process runs; a process ended without its
     * final code (cancelled in Cockpit) is TERMINATED. A pathway that registers no codes
     * (a recurrence, a referral on to B01) tells its end by the outcome its steps
     * reached: TERMINATED after a termination, COMPLETED after a treatment start or a
     * decision that ends it, and COMPLETED once a referral on to B01 has ended normally.
     */
    private State state(PathwayRules rules, StoredReferral referral, List<RegisteredCode> registered,
            Map<String, Object> variables) {
        if (!PreviousCancer.registersCodes(variables::get)) {
            Object outcome = variables.get(RegisterCodeDelegate.OUTCOME_VARIABLE);
            if (outcome != null) {
                return "TERMINATED".equals(outcome) ? State.TERMINATED : State.COMPLETED;
            }
            if (running(referral)) {
                return State.ACTIVE;
            }
            boolean endedNormally = PreviousCancer.of(variables::get).orElse(null) == PreviousCancer.UNCERTAIN_ORIGIN
                    && history.createHistoricProcessInstanceQuery()
                        .processInstanceId(referral.processInstanceId())
                        .completed()
                        .count() > 0;
            return endedNormally ? State.COMPLETED : State.TERMINATED;
        }
        for (RegisteredCode code : registered) {
            if (!code.code().startsWith(rules.codePrefix())) {
                continue;
            }
            var outcome = rules.outcomeOf(rules.suffix(code.code()));
            if (outcome.isPresent()) {
                return "TERMINATED".equals(outcome.get()) ? State.TERMINATED : State.COMPLETED;
            }
        }
        return running(referral) ? State.ACTIVE : State.TERMINATED;
    }

    private boolean running(StoredReferral referral) {
        return runtime.createProcessInstanceQuery().processInstanceId(referral.processInstanceId()).count() > 0;
    }

}
