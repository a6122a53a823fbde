package no.pakkeforlop;

import static no.pakkeforlop.testsupport.TestData.HOSPITAL;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.referralVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.testsupport.TestDatabase;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as deployed: Spring Boot, the Camunda starter, the top-level processes/
 * and forms/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "camunda.bpm.job-execution.enabled=false", "camunda.bpm.admin-user.id=itadmin",
                "camunda.bpm.admin-user.password=it-admin-Secret-7" })
class ApplicationIntegrationTest {

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    @Autowired
    CodeRegistry codes;

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "application");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void deploysTheProcessTheDecisionAndEveryFormFromTheTopLevelFolders() throws IOException {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_KEY)
            .latestVersion()
            .singleResult();
        assertThat(definition).isNotNull();
        assertThat(definition.getName()).isEqualTo("Pakkeforløp for kreft i spiserør og magesekk");
        assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("treatment-group").count()).isOne();

        List<String> deployed = repository.getDeploymentResourceNames(definition.getDeploymentId());
        try (Stream<Path> forms = Files.list(Path.of("forms", "a32-spiseror-magesekk"))) {
            List<String> expected = forms.filter(f -> f.toString().endsWith(".form"))
                .map(f -> "forms/a32-spiseror-magesekk/" + f.getFileName())
                .toList();
            for (String form : expected) {
                assertThat(deployed).anyMatch(name -> name.endsWith(form));
            }
        }
        // the forms every pathway shares, deployed with it as its own (SharedForms)
        assertThat(deployed).contains("forms/shared/registerFirstAttendance.form", "forms/shared/followUpBreach.form");
        assertThat(deployed)
            .anyMatch(name -> name.endsWith("processes/a32-spiseror-magesekk/pakkeforlop-spiseror-magesekk.bpmn"))
            .anyMatch(name -> name.endsWith("processes/a32-spiseror-magesekk/treatment-group.dmn"));
    }

    @Test
    void everyElementOfTheDeployedDiagramHasAShapeSoCockpitCanDrawIt() {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_KEY)
            .latestVersion()
            .singleResult();
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        List<String> drawn = Stream
            .concat(model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()),
                    model.getModelElementsByType(BpmnEdge.class).stream().map(e -> e.getBpmnElement().getId()))
            .toList();
        List<String> elements = Stream
            .concat(model.getModelElementsByType(FlowNode.class).stream(),
                    model.getModelElementsByType(SequenceFlow.class).stream())
            .map(BaseElement::getId)
            .toList();
        assertThat(elements).hasSizeGreaterThan(100);
        assertThat(drawn).containsAll(elements);
    }

    @Test
    void aPathwayRegistersItsCodesInTheApplicationsTransaction() {
        Map<String, Object> referral = referralVariables("HEN-IT-1", "2026-03-02", HOSPITAL);
        ProcessInstance pi = runtime.startProcessInstanceByKey(PROCESS_KEY, "HEN-IT-1", referral);
        ClockUtil.setCurrentTime(new Date(java.time.Instant.parse("2026-03-09T11:00:00Z").toEpochMilli()));
        Task first = tasks.createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();

        // refused: nothing changes
        assertThatThrownBy(() -> tasks.complete(first.getId(),
                Map.of("firstAttendanceDate", "2026-03-10", "firstAttendanceType", "OUTPATIENT")))
            .isInstanceOf(InputRefusedException.class)
            .hasMessage("Dato for første fremmøte (10.03.2026) kan ikke være fram i tid.");
        assertThat(runtime.getVariable(pi.getId(), "firstAttendanceDate")).isNull();
        assertThat(tasks.createTaskQuery().taskId(first.getId()).count()).isOne();

        tasks.complete(first.getId(), Map.of("firstAttendanceDate", "2026-03-09", "firstAttendanceType", "OUTPATIENT"));
        management.executeJob(management.createJobQuery()
            .processInstanceId(pi.getId())
            .activityId("registerFirstAttendanceCode")
            .singleResult()
            .getId());

        assertThat(codes.codesOf(pi.getId())).extracting(RegisteredCode::code, c -> c.date().toString())
            .containsExactly(org.assertj.core.groups.Tuple.tuple("A32A", "2026-03-02"),
                    org.assertj.core.groups.Tuple.tuple("A32S", "2026-03-09"));
    }

    @Test
    void tasklistAndCockpitAreServed() {
        for (String app : List.of("tasklist", "cockpit", "admin")) {
            ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
            assertThat(page.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).as(app).contains("<html");
        }
    }

}
