package no.pakkeforlop.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The security tests (one class per finding of issue 12): requests as a given user, and a
 * pathway's whole state, to show that a refused attempt changed nothing.
 */
abstract class SecurityTestSupport extends ApiTestSupport {

    @Autowired
    protected HistoryService history;

    protected ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return as(user).exchange(path, method, new HttpEntity<>(body == null ? null : text(body), headers),
                String.class);
    }

    protected ResponseEntity<String> put(String user, String path, Object body) {
        return send(user, HttpMethod.PUT, path, body);
    }

    protected Task task(String pi, String key) {
        return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
    }

    /**
     * Runs as a signed-in user through the engine's Java API (the third door besides REST
     * and the web apps).
     */
    protected void asUser(String user, List<String> groups, Runnable action) {
        identity.setAuthentication(user, groups);
        try {
            action.run();
        }
        finally {
            identity.clearAuthentication();
        }
    }

    /**
     * Everything a pathway is: its activities, variables, suspension, jobs and due dates,
     * tasks with their assignee and identity links, its codes and referral row, the
     * operator audit's size.
     */
    protected Map<String, Object> state(String pi) {
        Map<String, Object> state = new LinkedHashMap<>();
        var instance = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult();
        state.put("running", instance != null);
        if (instance != null) {
            state.put("suspended", instance.isSuspended());
            state.put("activities", new ArrayList<>(runtime.getActiveActivityIds(pi)).stream().sorted().toList());
            state.put("variables", new TreeMap<>(runtime.getVariables(pi)).toString());
        }
        state.put("jobs",
                management.createJobQuery()
                    .processInstanceId(pi)
                    .list()
                    .stream()
                    .map(job -> job.getId() + "@" + job.getDuedate() + "/" + job.isSuspended() + "/" + job.getRetries())
                    .sorted()
                    .toList());
        List<String> taskState = new ArrayList<>();
        for (Task task : tasks.createTaskQuery().processInstanceId(pi).list()) {
            taskState.add(task.getTaskDefinitionKey() + " " + task.getAssignee() + " " + task.getDueDate() + " "
                    + task.getPriority() + " " + new TreeMap<>(tasks.getVariablesLocal(task.getId())) + " "
                    + tasks.getIdentityLinksForTask(task.getId())
                        .stream()
                        .map(SecurityTestSupport::link)
                        .sorted()
                        .toList());
        }
        state.put("tasks", taskState.stream().sorted().toList());
        state.put(
                "codes", jdbc
                    .queryForList("select code, code_date from pathway_code where process_instance_id = ? "
                            + "order by code, code_date", pi)
                    .toString());
        state.put("referrals", count("select count(*) from referral"));
        state.put("instances", runtime.createProcessInstanceQuery().count());
        return state;
    }

    private static String link(IdentityLink link) {
        return link.getType() + ":" + link.getUserId() + ":" + link.getGroupId();
    }

    protected long audits() {
        return count("select count(*) from operator_audit");
    }

    protected Job timer(String pi, String activityId) {
        return management.createJobQuery().processInstanceId(pi).activityId(activityId).singleResult();
    }

}
