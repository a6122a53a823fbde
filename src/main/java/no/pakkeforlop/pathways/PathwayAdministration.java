package no.pakkeforlop.pathways;

import java.util.Map;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.intake.StoredReferral;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.refusals.PathwayConflictException;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.rules.PreviousCancer;
import no.pakkeforlop.security.ApplicationCall;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Transfers and terminations through the API do what the coordinator does in Tasklist:
 * complete the pathway's standing task {@code pathwayAdministration}, whose completion
 * rules check the values. The code registration then waits as a job; it is run at once,
 * in its own transaction, so the code is there when the caller gets the answer. If it
 * fails, the job executor retries it, and the caller is told the registration is pending;
 * whether it is registered is read from the codes, so a registration the job executor
 * made a moment earlier answers 200.
 */
@Service
public class PathwayAdministration {

    static final String TASK = "pathwayAdministration";

    private static final Logger LOG = LoggerFactory.getLogger(PathwayAdministration.class);

    /** The pathway after the action, and whether its code is registered yet. */
    public record Outcome(PathwayStatus pathway, boolean registered) {
    }

    private final Pathways pathways;

    private final TaskService tasks;

    private final ManagementService management;

    private final CodeRegistry codes;

    private final PathwayCatalog catalog;

    private final RepositoryService repository;

    public PathwayAdministration(Pathways pathways, TaskService tasks, ManagementService management, CodeRegistry codes,
            PathwayCatalog catalog, RepositoryService repository) {
        this.pathways = pathways;
        this.tasks = tasks;
        this.management = management;
        this.codes = codes;
        this.catalog = catalog;
        this.repository = repository;
    }

    public Outcome transfer(String referralId, String date, String toHospital) {
        return act(referralId, "registerTransfer", "TRANSFER",
                Map.of("date", "transferDate", "toHospital", "toHospital"),
                Variables.createVariables()
                    .putValue("administrativeAction", "TRANSFER")
                    .putValue("transferDate", date)
                    .putValue("toHospital", toHospital));
    }

    public Outcome terminate(String referralId, String date, String reason) {
        return act(referralId, "registerTermination", "TERMINATION",
                Map.of("date", "terminationDate", "reason", "terminationReason"),
                Variables.createVariables()
                    .putValue("administrativeAction", "TERMINATE")
                    .putValue("terminationDate", date)
                    .putValue("terminationReason", reason));
    }

    private Outcome act(String referralId, String registrationActivity, String event,
            Map<String, String> fieldToVariable, Map<String, Object> variables) {
        StoredReferral referral = pathways.referral(referralId);
        String processInstanceId = referral.processInstanceId();
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(TASK).singleResult();
        if (task == null) {
            throw notOpen(referralId);
        }
        // the codes of the version the pathway runs on (A32O, A32X)
        PathwayRules rules = catalog.forDefinition(repository, task.getProcessDefinitionId());
        long before = registrations(rules, processInstanceId, event);
        try {
            tasks.complete(task.getId(), variables);
        }
        catch (InputRefusedException e) {
            throw e.renamed(variable -> fieldToVariable.entrySet()
                .stream()
                .filter(f -> f.getValue().equals(variable))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(variable));
        }
        catch (NullValueException | NotFoundException e) {
            throw notOpen(referralId); // completed or ended by someone else a moment ago
        }

        Job job = management.createJobQuery()
            .processInstanceId(processInstanceId)
            .activityId(registrationActivity)
            .singleResult();
        if (job != null) {
            try {
                // the code registration the completion just queued, run at once for the
                // caller: the application's own step (staff may not run jobs themselves,
                // security.PathwayGuard)
                ApplicationCall.run(() -> {
                    management.executeJob(job.getId());
                    return null;
                });
            }
            catch (RuntimeException e) {
                // also when the job executor took the job a moment earlier (locked or
                // already gone): the count below tells
                LOG.warn("Pathway {}: {} failed at once; the job executor will retry it", referralId,
                        registrationActivity, e);
            }
        }
        // registered is what the database says now, whoever ran the job: 202 only while
        // it is really pending
        PathwayStatus status = pathways.status(referralId);
        boolean registered = PreviousCancer.of(status.previousCancer()).orElse(null) == PreviousCancer.RECURRENCE
                // a recurrence registers no code: its step is done once its job has run
                ? management.createJobQuery()
                    .processInstanceId(processInstanceId)
                    .activityId(registrationActivity)
                    .count() == 0
                : registrations(rules, processInstanceId, event) > before;
        return new Outcome(status, registered);
    }

    /** How many codes of the event (A32O, A32X) the pathway has registered. */
    private long registrations(PathwayRules rules, String processInstanceId, String event) {
        String code = rules.code(rules.event(event).suffixFor(null).orElseThrow());
        return codes.codesOf(processInstanceId).stream().filter(c -> c.code().equals(code)).count();
    }

    private PathwayConflictException notOpen(String referralId) {
        PathwayStatus status = pathways.status(referralId);
        if (status.state() != PathwayStatus.State.ACTIVE) {
            return new PathwayConflictException(null, "Pakkeforløpet for henvisning «" + referralId + "» er avsluttet ("
                    + status.state() + "); ingenting kan registreres etter det.");
        }
        return new PathwayConflictException(null, "Pakkeforløpet for henvisning «" + referralId + "» har en overføring "
                + "eller avslutning som ikke er ferdig registrert ennå. Prøv igjen om litt.");
    }

}
