package no.pakkeforlop.operations;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.pakkeforlop.api.ApiTestSupport;
import no.pakkeforlop.testsupport.WebappSession;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Races are not errors: a staff member's completion that collides with another change of
 * the same pathway (a deadline's timer job) is done again, or answered 409 "prøv igjen";
 * never 500, never half-written.
 */
class RacesTest extends ApiTestSupport {

    @LocalServerPort
    private int port;

    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOther() {
        other.shutdownNow();
    }

    /**
     * While the completion's transaction runs its checks (which read the pathway's
     * codes), another transaction changes the same pathway and commits first (suspends
     * and activates it, as the engine's own bulk updates do): the completion then fails
     * with Camunda's OptimisticLockingException when it writes. {@code times} collisions.
     */
    private AtomicInteger collide(String processInstanceId, int times) {
        AtomicInteger collisions = new AtomicInteger();
        doAnswer(invocation -> {
            if (collisions.get() < times) {
                collisions.incrementAndGet();
                other.submit(() -> {
                    runtime.suspendProcessInstanceById(processInstanceId);
                    runtime.activateProcessInstanceById(processInstanceId);
                }).get(30, TimeUnit.SECONDS);
            }
            return invocation.callRealMethod();
        }).when(codeRegistry).latestDate(anyString());
        return collisions;
    }

    /**
     * A termination: its check reads the latest code (the spied registry), where the
     * collision is made.
     */
    private static Map<String, Object> termination(String date) {
        return Map.of("variables",
                Map.of("administrativeAction", Map.of("value", "TERMINATE", "type", "String"), "terminationDate",
                        Map.of("value", date, "type", "String"), "terminationReason",
                        Map.of("value", "PATIENT_DECLINES", "type", "String")));
    }

    private Task administration(String pi) {
        return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("pathwayAdministration").singleResult();
    }

    @Test
    void aCompletionThatCollidesOnceIsDoneAgainAndSucceeds() {
        String pi = startPathway("RACE-ONCE-1", "2026-02-02");
        today("2026-02-04");
        AtomicInteger collisions = collide(pi, 1);

        ResponseEntity<String> answer = post(COORDINATOR,
                "/engine-rest/task/" + administration(pi).getId() + "/complete", termination("2026-02-04"));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(204);
        assertThat(collisions.get()).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(pi).activityId("registerTermination").count())
            .isEqualTo(1);
    }

    @Test
    void aCompletionThatKeepsCollidingIsAnswered409WithANorwegianTryAgainOnEveryRouteAndNothingIsSaved() {
        String pi = startPathway("RACE-ALWAYS-1", "2026-02-02");
        today("2026-02-04");
        collide(pi, Integer.MAX_VALUE);
        String taskId = administration(pi).getId();

        ResponseEntity<String> engineRest = post(COORDINATOR, "/engine-rest/task/" + taskId + "/complete",
                termination("2026-02-04"));
        assertThat(engineRest.getStatusCode().value()).isEqualTo(409);
        assertThat(json(engineRest).path("message").asText()).contains("prøv igjen").doesNotContain("ENGINE-");

        ResponseEntity<String> api = post(COORDINATOR, "/api/pathways/RACE-ALWAYS-1/termination",
                Map.of("date", "2026-02-04", "reason", "PATIENT_DECLINES"));
        assertThat(api.getStatusCode().value()).isEqualTo(409);
        assertThat(api.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(json(api).path("detail").asText()).contains("prøv igjen");

        // Tasklist submits the form through the web application's own REST API and shows
        // the message it gets
        WebappSession tasklist = WebappSession.login(port, "tasklist", COORDINATOR, PASSWORD);
        HttpResponse<String> submitted = tasklist.post(
                "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form", text(termination("2026-02-04")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(409);
        assertThat(submitted.body()).contains("prøv igjen");

        // nothing of the three attempts is saved: the task is open, no transfer waits to
        // be registered
        assertThat(administration(pi)).isNotNull();
        assertThat(management.createJobQuery().processInstanceId(pi).activityId("registerTermination").count())
            .isZero();
        assertThat(runtime.getVariable(pi, "terminationDate")).isNull();
    }

    @Test
    void completionsAndDueTimersOfTheSamePathwaysRacingSeeNo500() throws Exception {
        int pathways = 12;
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < pathways; i++) {
            instances.add(startPathway("RACE-TIMER-" + i, "2026-01-05"));
        }
        today("2026-01-14"); // the 8-day standard time has run out: every deadline timer
                             // is due

        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> jobsToRetry = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (String pi : instances) {
            String taskId = tasks.createTaskQuery()
                .processInstanceId(pi)
                .taskDefinitionKey("registerFirstAttendance")
                .singleResult()
                .getId();
            Job timer = management.createJobQuery()
                .processInstanceId(pi)
                .activityId("deadlineFirstAttendance")
                .singleResult();
            work.add(pool.submit(() -> {
                start.await();
                ResponseEntity<String> answer = post(COORDINATOR, "/engine-rest/task/" + taskId + "/complete",
                        Map.of("variables",
                                Map.of("firstAttendanceDate", Map.of("value", "2026-01-14", "type", "String"),
                                        "firstAttendanceType", Map.of("value", "OUTPATIENT", "type", "String"))));
                answers.add(answer.getStatusCode().value() + " " + answer.getBody());
                return null;
            }));
            work.add(pool.submit(() -> {
                start.await();
                try {
                    management.executeJob(timer.getId()); // what the job executor does
                                                          // when the deadline is due
                }
                catch (OptimisticLockingException e) {
                    jobsToRetry.add(timer.getId()); // the job executor tries such a job
                                                    // again
                }
                catch (ProcessEngineException e) {
                    // the completion came first and took the task's deadline timer with
                    // it: nothing left to run
                    assertThat(e.getMessage()).contains("No job found");
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : work) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        for (String job : jobsToRetry) {
            if (management.createJobQuery().jobId(job).count() > 0) {
                management.executeJob(job);
            }
        }
        // should the breach handling after the timer become a job of its own, it runs now
        for (Job breach : management.createJobQuery().activityId("recordBreachFirstAttendance").list()) {
            management.executeJob(breach.getId());
        }

        assertThat(answers).hasSize(pathways);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).matches("(204|409).*"));
        long completed = answers.stream().filter(a -> a.startsWith("204")).count();
        assertThat(completed).as("completions that went through (the rest were told to try again)").isPositive();
        for (String pi : instances) {
            // a deadline that fired became its follow-up task (once), and each completion
            // either happened or left the task open
            assertThat(tasks.createTaskQuery()
                .processInstanceIdIn(instancesOf(pi))
                .taskDefinitionKey("followUpBreach")
                .count()).isLessThanOrEqualTo(1);
            long open = tasks.createTaskQuery()
                .processInstanceId(pi)
                .taskDefinitionKey("registerFirstAttendance")
                .count();
            long registering = management.createJobQuery()
                .processInstanceId(pi)
                .activityId("registerFirstAttendanceCode")
                .count();
            assertThat(open + registering).as(pi).isEqualTo(1);
        }
        long breaches = instances.stream()
            .filter(pi -> tasks.createTaskQuery()
                .processInstanceIdIn(instancesOf(pi))
                .taskDefinitionKey("followUpBreach")
                .count() > 0)
            .count();
        System.out.println("RACES: " + completed + " of " + pathways + " completions went through, "
                + (pathways - completed) + " answered 409, " + breaches + " deadlines fired, " + jobsToRetry.size()
                + " timer jobs collided and ran again");
    }

}
