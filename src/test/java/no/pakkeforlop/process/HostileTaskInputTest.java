package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input to task completion, table-driven: every field of every milestone gets
 * wrong types, impossible dates, far dates, huge strings and SQL or script fragments.
 * Each is refused with a readable Norwegian message and the database is unchanged
 * afterwards (variables, codes, breaches, jobs, tasks).
 */
class HostileTaskInputTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.create();
    static int tried;

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    @AfterAll
    static void report() {
        System.out
            .println("HOSTILE TASK INPUT: " + tried + " hostile completions tried, all refused, database unchanged");
    }

    static final String HUGE = "x".repeat(1_000_000);
    static final List<Object> HOSTILE_VALUES = List.of("", " ", "null", "2026-02-30", "2026-13-01", "0000-01-01",
            "-0001-01-01", "+10000-01-01", "9999-12-31", "1900-01-01", "2026-3-9", "2026-03-09T00:00:00Z", "09.03.2026",
            "'; DROP TABLE pathway_code; --", "<script>alert('x')</script>", "${7*7}", "#{runtimeService}", HUGE, 42,
            -1L, 3.7d, true, List.of("2026-03-09"), Map.of("date", "2026-03-09"), new java.util.Date(0));

    /**
     * A valid completion per milestone; each field is then replaced by each hostile
     * value.
     */
    static Map<String, Map<String, Object>> validCompletions() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("registerFirstAttendance",
                Map.of("firstAttendanceDate", "2026-03-09", "firstAttendanceType", "OUTPATIENT"));
        m.put("registerEndoscopyResult",
                Map.of("endoscopyDate", "2026-03-10", "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        Map<String, Object> mdt = new LinkedHashMap<>();
        mdt.putAll(Map.of("mdtDate", "2026-03-11", "tumourSite", "STOMACH", "histology", "ADENOCARCINOMA", "tStage",
                "T2", "nStage", "N0", "mStage", "M0", "ecog", 1, "medicallyOperable", true, "technicallyResectable",
                true));
        mdt.putAll(Map.of("mdtOncologistPresent", true, "mdtSurgeonPresent", true, "mdtRadiologistPresent", true,
                "mdtCoordinatorPresent", true, "treatmentGroup", "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
                "mdtRecommendation", "Perioperativ kjemoterapi og kirurgi."));
        m.put("mdtAssessment", mdt);
        m.put("clinicalDecision",
                Map.of("decisionDate", "2026-03-12", "decisionCode", "CK", "plannedTreatment", "SURGERY"));
        m.put("registerTreatmentStart", Map.of("treatmentStartDate", "2026-03-13", "treatmentStarted", "SURGERY"));
        m.put("registerEndOfTreatment", Map.of("endOfTreatmentDate", "2026-03-14"));
        return m;
    }

    /**
     * Values that are acceptable for some fields (booleans for the boolean fields, 1 for
     * ECOG, ...).
     */
    private static boolean acceptable(String field, Object value) {
        return switch (field) {
            case "medicallyOperable", "technicallyResectable" -> value instanceof Boolean;
            // the three an MDT needs for a group: unticked, the group is refused
            case "mdtOncologistPresent", "mdtSurgeonPresent", "mdtRadiologistPresent", "mdtCoordinatorPresent" ->
                Boolean.TRUE.equals(value);
            // free text: any text within its length is the MDT's words, stored as text
            case "mdtRecommendation" -> value instanceof String text && !text.isBlank() && text.length() <= 2000;
            case "ecog" -> value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 4
                    && n.doubleValue() == Math.rint(n.doubleValue());
            default -> false;
        };
    }

    @Test
    void everyHostileValueInEveryMilestoneFieldIsRefusedAndChangesNothing() {
        today("2026-03-02");
        Pathway p = start("2026-03-02");
        for (Map.Entry<String, Map<String, Object>> milestone : validCompletions().entrySet()) {
            today("2026-03-20");
            if (milestone.getKey().equals("registerTreatmentStart")) {
                p.consentGiven();
            }
            for (String field : milestone.getValue().keySet()) {
                for (Object hostile : HOSTILE_VALUES) {
                    if (acceptable(field, hostile)) {
                        continue;
                    }
                    Map<String, Object> variables = new HashMap<>(milestone.getValue());
                    variables.put(field, hostile);
                    assertRefusedAndNothingChanged(p, milestone.getKey(), variables, field);
                }
                // and the field left out altogether
                Map<String, Object> without = new HashMap<>(milestone.getValue());
                without.remove(field);
                assertRefusedAndNothingChanged(p, milestone.getKey(), without, field);
            }
            // the valid completion goes through, and the next milestone is attacked
            taskService().complete(p.task(milestone.getKey()).getId(), milestone.getValue());
            managementService().createJobQuery()
                .processInstanceId(p.id())
                .executable()
                .list()
                .forEach(j -> managementService().executeJob(j.getId()));
        }
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32CK 2026-03-12",
                "A32FK 2026-03-13");
        assertThat(tried).isGreaterThan(300);
    }

    @Test
    void textIsStoredAsTextNeverExecuted() {
        today("2026-03-02");
        Pathway p = start("2026-03-02");
        String sql = "Sykehus'); DELETE FROM pathway_code; --";
        p.transfer("2026-03-05", sql);
        String script = "<img src=x onerror=alert(1)>";
        p.transfer("2026-03-06", script);
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32O 2026-03-05", "A32O 2026-03-06");
        assertThat(p.registrations().get(2).hospital()).isEqualTo(sql);
        assertThat(p.variable("hospital")).isEqualTo(script);
        assertThat(ENGINE.jdbc.queryForObject("select count(*) from pathway_code where process_instance_id = ?",
                Long.class, p.id()))
            .isEqualTo(3);
    }

    private void assertRefusedAndNothingChanged(Pathway p, String taskKey, Map<String, Object> variables,
            String field) {
        tried++;
        Task task = p.task(taskKey);
        Map<String, Object> before = runtimeService().getVariables(p.id());
        List<String> codes = p.codes();
        List<String> breaches = p.breaches();
        List<String> tasks = p.openTaskKeys();
        long jobs = managementService().createJobQuery().processInstanceId(p.id()).count();
        long variableRows = ENGINE.jdbc.queryForObject("select count(*) from ACT_RU_VARIABLE where PROC_INST_ID_ = ?",
                Long.class, p.id());

        Throwable thrown = catchThrowable(() -> taskService().complete(task.getId(), variables));

        String what = taskKey + "." + field + " = " + describe(variables.get(field));
        assertThat(thrown).as(what).isInstanceOf(InputRefusedException.class);
        InputRefusedException rejection = (InputRefusedException) thrown;
        assertThat(rejection.errors()).as(what).isNotEmpty();
        assertThat(rejection.errors().get(0).field()).as(what).isEqualTo(field);
        assertThat(rejection.getMessage()).as(what).hasSizeLessThan(400).doesNotContain("Exception", "java.");
        assertThat(runtimeService().getVariables(p.id())).as(what).isEqualTo(before);
        assertThat(p.codes()).as(what).isEqualTo(codes);
        assertThat(p.breaches()).as(what).isEqualTo(breaches);
        assertThat(p.openTaskKeys()).as(what).isEqualTo(tasks);
        assertThat(managementService().createJobQuery().processInstanceId(p.id()).count()).as(what).isEqualTo(jobs);
        assertThat(ENGINE.jdbc.queryForObject("select count(*) from ACT_RU_VARIABLE where PROC_INST_ID_ = ?",
                Long.class, p.id()))
            .as(what)
            .isEqualTo(variableRows);
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " chars)" : text;
    }

    static List<String> fields(Map<String, Object> map) {
        return new ArrayList<>(map.keySet());
    }

}
