package no.pakkeforlop.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.pakkeforlop.rules.PathwayCatalog;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * A task's form and pathway as deployed: the form its model refers to
 * ({@code camunda:formRef}, binding {@code deployment}) read from the deployment of the
 * task's process definition, and the rules table and data of that deployment
 * ({@link PathwayCatalog}). So a pathway still running on an older version is checked
 * against that version's forms, not those deployed since. Each deployment's forms are
 * read once, each form turned into fields once, and kept.
 */
@Component
public class DeployedTaskVersions implements TaskVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A form as deployed: its resource and its JSON. */
    private record DeployedForm(String resource, JsonNode json) {
    }

    private final PathwayCatalog catalog;

    /** By process definition and task key. */
    private final Map<String, TaskVersion> byTask = new ConcurrentHashMap<>();

    /** Each deployment's forms by form id. */
    private final Map<String, Map<String, DeployedForm>> formsByDeployment = new ConcurrentHashMap<>();

    /** Each deployed form's fields, by deployment and form id. */
    private final Map<String, FormFields> fields = new ConcurrentHashMap<>();

    public DeployedTaskVersions(PathwayCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public TaskVersion of(DelegateTask task) {
        return byTask.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                key -> read(task.getProcessEngineServices().getRepositoryService(), task.getProcessDefinitionId(),
                        userTask(task)));
    }

    /**
     * The version of the user task of this key in the process definition, as a task of it
     * would be checked (to verify a deployment before a task runs).
     * @throws IllegalStateException when the task has no form the server can read
     */
    public TaskVersion of(RepositoryService repository, String processDefinitionId, String taskKey) {
        return byTask.computeIfAbsent(processDefinitionId + "#" + taskKey, key -> {
            ModelElementInstance element = repository.getBpmnModelInstance(processDefinitionId)
                .getModelElementById(taskKey);
            if (!(element instanceof UserTask userTask)) {
                throw new IllegalStateException("The task " + taskKey + " is no user task of " + processDefinitionId);
            }
            return read(repository, processDefinitionId, userTask);
        });
    }

    private TaskVersion read(RepositoryService repository, String definitionId, UserTask element) {
        ProcessDefinition definition = repository.getProcessDefinition(definitionId);
        String formRef = element.getCamundaFormRef();
        String what = "The task " + element.getId() + " of " + definition.getKey() + " version "
                + definition.getVersion() + " (deployment " + definition.getDeploymentId() + ")";
        if (formRef == null || formRef.isBlank()) {
            throw new IllegalStateException(
                    what + " has no camunda:formRef: the server checks a completion against the task's form");
        }
        if (!"deployment".equals(element.getCamundaFormRefBinding()) || formRef.contains("${")) {
            throw new IllegalStateException(what + " refers to its form " + formRef + " with the binding "
                    + element.getCamundaFormRefBinding() + ": the server reads the form deployed with the task's"
                    + " process (camunda:formRefBinding=\"deployment\", a form id, not an expression)");
        }
        return new TaskVersion(catalog.forDefinition(repository, definitionId),
                form(repository, definition.getDeploymentId(), formRef, what),
                catalog.dataForDefinition(repository, definitionId));
    }

    private static UserTask userTask(DelegateTask task) {
        ModelElementInstance element = task.getBpmnModelElementInstance();
        if (element == null) {
            element = task.getProcessEngineServices()
                .getRepositoryService()
                .getBpmnModelInstance(task.getProcessDefinitionId())
                .getModelElementById(task.getTaskDefinitionKey());
        }
        if (!(element instanceof UserTask userTask)) {
            throw new IllegalStateException(
                    "The task " + task.getTaskDefinitionKey() + " is no user task of " + task.getProcessDefinitionId());
        }
        return userTask;
    }

    /** The deployment's form with this id, as fields. */
    FormFields form(RepositoryService repository, String deploymentId, String formId, String what) {
        return fields.computeIfAbsent(deploymentId + "#" + formId, key -> {
            DeployedForm form = formsByDeployment.computeIfAbsent(deploymentId, id -> forms(repository, id))
                .get(formId);
            if (form == null) {
                throw new IllegalStateException(what + " refers to the form " + formId + ", which its deployment does"
                        + " not hold (forms: " + formsByDeployment.get(deploymentId).keySet() + ")");
            }
            return FormFields.read(form.json(), form.resource() + " (deployment " + deploymentId + ")");
        });
    }

    /** The forms of a deployment, by id (one query for the deployment's resources). */
    private static Map<String, DeployedForm> forms(RepositoryService repository, String deploymentId) {
        Map<String, DeployedForm> forms = new LinkedHashMap<>();
        for (Resource resource : repository.getDeploymentResources(deploymentId)) {
            String name = resource.getName();
            if (!name.endsWith(".form")) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(resource.getBytes());
            }
            catch (IOException e) {
                throw new IllegalStateException(
                        "The form " + name + " (deployment " + deploymentId + ") is not JSON: " + e.getMessage(), e);
            }
            String id = json == null ? null : json.path("id").asText(null);
            if (id == null) {
                throw new IllegalStateException(
                        "The form " + name + " (deployment " + deploymentId + ") has no \"id\": it is no Camunda Form");
            }
            if (forms.put(id, new DeployedForm(name, json)) != null) {
                throw new IllegalStateException("Deployment " + deploymentId + " holds two forms with the id " + id);
            }
        }
        return Map.copyOf(forms);
    }

}
