package no.pakkeforlop.rules;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A pathway is one root process instance: its codes, breaches, referral and access log
 * rows name that instance. The parts every pathway shares ({@code processes/shared/}) run
 * as process instances it calls (call activities), so a task or an execution may belong
 * to such a called instance; these find the pathway it belongs to, and the instances a
 * pathway has.
 */
public final class PathwayInstances {

    private PathwayInstances() {
    }

    /** The pathway (root process instance) the execution belongs to. */
    public static String rootOf(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance.getId();
    }

    /** The pathway (root process instance) the task belongs to. */
    public static String rootOf(DelegateTask task) {
        return rootOf(task.getExecution());
    }

    /**
     * The pathway's running process instances: the pathway itself first, then those it
     * calls (the engine keeps the root of each: {@code ROOT_PROC_INST_ID_}).
     */
    public static List<String> of(RuntimeService runtime, String pathway) {
        List<String> ids = new ArrayList<>();
        ids.add(pathway);
        for (ProcessInstance called : runtime.createProcessInstanceQuery().rootProcessInstanceId(pathway).list()) {
            if (!called.getId().equals(pathway)) {
                ids.add(called.getId());
            }
        }
        return ids;
    }

}
