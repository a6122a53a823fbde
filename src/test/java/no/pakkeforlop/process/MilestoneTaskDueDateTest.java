package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Milestone tasks carry their deadline (contract.md): each milestone task's Camunda due
 * date is the last moment of the last day within the standard time it works toward
 * (23:59:59 Europe/Oslo on the interval's due date), so Tasklist shows that date and
 * sorts by it. The tests run with the JVM in UTC and cross both changes of summer time.
 */
@Tag("dates")
class MilestoneTaskDueDateTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.create();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    private static Instant lastMomentOf(String date) {
        return oslo(date, "23:59:59");
    }

    private static Instant due(Pathway p, String taskKey) {
        return p.task(taskKey).getDueDate().toInstant();
    }

    @ParameterizedTest(name = "referral {0}, first attendance {1}, decision {2}")
    @CsvSource({
            // winter time throughout
            "2026-01-05, 2026-01-12, 2026-01-26, 2026-01-13, 2026-02-02, 2026-02-09, 2026-02-17",
            // across the change to summer time (Sunday 2026-03-29, 02:00 -> 03:00)
            "2026-03-23, 2026-03-25, 2026-04-08, 2026-03-31, 2026-04-15, 2026-04-22, 2026-05-05",
            // across the change to winter time (Sunday 2026-10-25, 03:00 -> 02:00)
            "2026-10-19, 2026-10-21, 2026-10-23, 2026-10-27, 2026-11-11, 2026-11-06, 2026-12-01" })
    void eachMilestoneTaskIsDueAtTheEndOfTheLastDayOfItsStandardTime(String referral, String firstAttendance,
            String decision, String attendanceDue, String decisionDue, String treatmentDue,
            String referralToTreatmentDue) {
        Pathway p = start(referral);
        assertThat(due(p, "registerFirstAttendance")).isEqualTo(lastMomentOf(attendanceDue));

        p.firstAttendance(firstAttendance);
        // every task of the workup works toward the 21-day time from the first attendance
        assertThat(due(p, "registerEndoscopyResult")).isEqualTo(lastMomentOf(decisionDue));
        p.endoscopy(firstAttendance, "OESOPHAGEAL_OR_GASTRIC_CANCER");
        assertThat(due(p, "mdtAssessment")).isEqualTo(lastMomentOf(decisionDue));
        p.mdt(firstAttendance, "T3", "N1", "M0", 1, true, true);
        assertThat(due(p, "clinicalDecision")).isEqualTo(lastMomentOf(decisionDue));

        p.decision(decision, "CK", "SURGERY");
        // the treatment start ends the 14-day and the 43-day time: the earlier deadline
        // counts
        Instant expected = lastMomentOf(treatmentDue).isBefore(lastMomentOf(referralToTreatmentDue))
                ? lastMomentOf(treatmentDue) : lastMomentOf(referralToTreatmentDue);
        assertThat(due(p, "registerTreatmentStart")).isEqualTo(expected);
    }

    @Test
    void theTreatmentStartIsDueByTheFortyThreeDayTimeWhenThatEndsFirst() {
        // referral 2026-01-05: 43 days end on 2026-02-17; decision 2026-02-10: 14 days
        // would end on 2026-02-24
        Pathway p = start("2026-01-05").firstAttendance("2026-01-12")
            .endoscopy("2026-01-12", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-20", "T3", "N1", "M0", 1, true, true)
            .decision("2026-02-10", "CK", "DRUG");
        assertThat(due(p, "registerTreatmentStart")).isEqualTo(lastMomentOf("2026-02-17"));
    }

    @Test
    void aLateRegistrationStillGivesTheDeadlineOfTheClinicalDate() {
        Pathway p = start("2026-03-02");
        // the attendance on 9 March is registered on 20 March: the workup is due 21 days
        // after 9 March
        today("2026-03-20");
        p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-09", "firstAttendanceType", "IMAGING")
            .runJob("registerFirstAttendanceCode");
        assertThat(due(p, "registerEndoscopyResult")).isEqualTo(lastMomentOf("2026-03-30"));
        assertThat(LocalDate.parse("2026-03-09").plusDays(21)).isEqualTo(LocalDate.parse("2026-03-30"));
    }

    @Test
    void tasksBesideTheMilestonesHaveNoDueDate() {
        Pathway p = start("2026-03-02");
        assertThat(p.task("informPatientAtReferral").getDueDate()).isNull();
        assertThat(p.task("pathwayAdministration").getDueDate()).isNull();
    }

}
