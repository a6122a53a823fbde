package no.pakkeforlop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.pakkeforlop.testsupport.TestDatabase;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A coordinator in a real browser: logs in to Tasklist, registers a referral with the start form, finds
 * "Registrer første fremmøte" in "Mine oppgaver", is refused a date in the future with the server's Norwegian
 * message, and registers the first attendance. A32A and A32S are then registered with the dates typed.
 * Dates are today's in Oslo, since the browser and the engine both use the real clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false"})
class TasklistBrowserTest {

  @RegisterExtension
  static final Browser browser = new Browser();

  static final String PROCESS_NAME = "Pakkeforløp for kreft i spiserør og magesekk";
  static final String COORDINATOR = "nettleserkoordinator";
  static final String PASSWORD = "Browser-test-1-" + UUID.randomUUID(); // meets the password policy

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, "browser");
    // with no administrator, the webapps show Camunda's first-admin setup page instead of the login
    registry.add("camunda.bpm.admin-user.id", () -> "nettleseradmin");
    registry.add("camunda.bpm.admin-user.password", () -> "Browser-admin-1-" + UUID.randomUUID());
  }

  @BeforeEach
  void coordinator() {
    if (identity.createUserQuery().userId(COORDINATOR).count() == 0) {
      User user = identity.newUser(COORDINATOR);
      user.setFirstName("Nina");
      user.setLastName("Nettleser");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(COORDINATOR, "forlopskoordinator");
    }
  }

  @Test
  void aCoordinatorStartsAPathwayAndRegistersTheFirstAttendanceInTasklist() {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    LocalDate received = today.minusDays(7);
    LocalDate attended = today.minusDays(2);
    String referralId = "HEN-NETTLESER-" + System.currentTimeMillis();

    browser.logInToTasklist("http://localhost:" + port, COORDINATOR, PASSWORD);
    // the coordinators' filters, created at start-up
    browser.await().until(d -> d.findElements(By.cssSelector(".task-filter .name a")).stream()
        .map(a -> a.getText().replaceAll("\\s*\\(?\\d+\\)?$", "").trim()).toList()
        .containsAll(List.of("Mine oppgaver", "Forløpsfrister overskredet")));

    // the start form
    browser.click(By.cssSelector(".start-process-action"));
    browser.click(By.linkText(PROCESS_NAME));
    // the dropdown first: form-js re-renders the form as a select changes, which can drop keys typed meanwhile
    browser.select("referrerType", "Fastlege");
    browser.type("referralId", referralId);
    browser.date("receivedDate", received);
    browser.option("startBasis", 0);
    browser.type("hospital", "Helse Bergen HF");
    browser.type("nationalId", "31129956715");
    browser.type("patientName", "Kari Nordmann");
    browser.option("suspicionCriteria", 0);
    browser.option("suspicionCriteria", 2);
    browser.type("medications", "Metformin 500 mg x 2");
    browser.type("comorbidity", "Diabetes type 2");
    browser.option("frailtyScale", 0);
    browser.type("frailtyScore", "4");
    browser.type("referrerName", "Ola Hansen");
    browser.click(By.cssSelector("button[ng-click='startProcessInstance()']"));

    ProcessInstance pi = browser.await().until(d -> runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(referralId).singleResult());
    Map<String, Object> started = runtime.getVariables(pi.getId());
    assertThat(started).containsEntry("receivedDate", received.toString()).containsEntry("startBasis", "MARKED_REFERRAL")
        .containsEntry("frailtyScore", 4).containsEntry("referrerType", "GP").containsEntry("patientName", "Kari Nordmann");
    assertThat(String.valueOf(started.get("suspicionCriteria")))
        .isEqualTo("[\"DYSPHAGIA_OVER_2_WEEKS\",\"WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN\"]");

    // "Registrer første fremmøte" is in "Mine oppgaver"
    Task first = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("registerFirstAttendance")
        .singleResult();
    browser.click(By.cssSelector(".tasks-list a[href='#/?task=" + first.getId() + "']"));
    // the form's heading shows the referral from the process variables (form-js templating in Tasklist)
    browser.await().until(d -> d.findElements(By.cssSelector(".fjs-form-field-text")).stream()
        .anyMatch(t -> t.getText().contains("Pasient: Kari Nordmann · henvisning mottatt " + received + " · Helse Bergen HF")));
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.await().until(d -> COORDINATOR.equals(tasks.createTaskQuery().taskId(first.getId()).singleResult()
        .getAssignee()));

    // a date in the future: the server refuses, Tasklist shows its message, nothing changes
    LocalDate tomorrow = today.plusDays(1);
    browser.date("firstAttendanceDate", tomorrow);
    browser.option("firstAttendanceType", 0);
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    assertThat(browser.errorNotification()).isEqualTo("Cannot submit task form " + first.getId()
        + ": Dato for første fremmøte (" + tomorrow + ") kan ikke være fram i tid.");
    assertThat(tasks.createTaskQuery().taskId(first.getId()).count()).as("task still open").isOne();
    assertThat(runtime.getVariable(pi.getId(), "firstAttendanceDate")).isNull();

    browser.date("firstAttendanceDate", attended);
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    browser.await().until(d -> tasks.createTaskQuery().taskId(first.getId()).count() == 0);
    assertThat(runtime.getVariables(pi.getId())).containsEntry("firstAttendanceDate", attended.toString())
        .containsEntry("firstAttendanceType", "OUTPATIENT");

    // the registration of A32S is an asynchronous job: run it as the job executor would
    List<Job> jobs = management.createJobQuery().processInstanceId(pi.getId()).activityId("registerFirstAttendanceCode")
        .list();
    assertThat(jobs).hasSize(1);
    management.executeJob(jobs.get(0).getId());

    ResponseEntity<Map<String, Object>> pathway = http.withBasicAuth(COORDINATOR, PASSWORD).exchange(
        "/api/pathways/" + referralId, HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
    assertThat(pathway.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pathway.getBody()).containsEntry("referralId", referralId).containsEntry("state", "ACTIVE");
    assertThat(pathway.getBody().get("codes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(
        Map.of("code", "A32A", "date", received.toString()),
        Map.of("code", "A32S", "date", attended.toString()));
  }
}
