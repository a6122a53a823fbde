package no.pakkeforlop.browser;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.COMORBIDITY;
import static no.pakkeforlop.testsupport.TestData.MEDICATIONS;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.testsupport.ReferralBodies;
import no.pakkeforlop.testsupport.TestClock;
import no.pakkeforlop.testsupport.TestData;
import no.pakkeforlop.testsupport.TestDatabase;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
 * A coordinator in a real browser, once with a Norwegian and once with a US browser
 * language: Tasklist is in Norwegian; the banner shows the configured text as plain text;
 * the coordinator registers a referral with the start form and finds "Registrer første
 * fremmøte" in "Mine oppgaver" (the pathway's standing task is in its own filter); dates
 * typed as dd.mm.åååå are taken exactly, in a Norwegian calendar, and 11/26/2026,
 * 31.02.2026 and 2026-11-26 are refused in the form with a Norwegian message and register
 * nothing; a date in the future is refused by the server with its Norwegian message; the
 * first attendance is registered with the date typed (A32S, checked through GET
 * /api/pathways/{id}). No form draft is ever left in localStorage: not after completing,
 * not after logging out, and drafts of older versions are removed. Cockpit, Admin and
 * Welcome show the banner too. Screenshots of Tasklist with a form and of Cockpit's
 * dashboard go to target/screenshots/. "Today" is the tests' day ({@link TestClock}),
 * never the machine's: the engine clock runs from it, and every date the test types or
 * expects is computed from it and shown by the product's rule (dd.mm.åååå,
 * {@link PathwayDates#display}). The awkward days (the first of a month, 9 and 10
 * September, the summer-time changes, 31 December, a leap day) are typed, refused and
 * registered with the browser in Oslo and in UTC.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "camunda.bpm.job-execution.enabled=false",
                "pakkeforlop.webapps.banner=Nettlesertest <b>ikke HTML</b> & «miljø»" })
@Tag("browser")
class TasklistBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String PROCESS_NAME = "Pakkeforløp for kreft i spiserør og magesekk";
    static final String BANNER = "Nettlesertest <b>ikke HTML</b> & «miljø»";
    static final String COORDINATOR = "nettleserkoordinator";
    static final String PASSWORD = "Browser-test-1-" + UUID.randomUUID(); // meets the
                                                                          // password
                                                                          // policy
    static final String ADMIN = "nettleseradmin";
    static final String ADMIN_PASSWORD = "Browser-admin-1-" + UUID.randomUUID();
    static final String DRAFTS = "return Object.keys(window.localStorage).filter(k => k.startsWith('camunda-form:')"
            + " || k.startsWith('camForm:'));";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "browser");
        // with no administrator, the webapps show Camunda's first-admin setup page
        // instead of the login
        registry.add("camunda.bpm.admin-user.id", () -> ADMIN);
        registry.add("camunda.bpm.admin-user.password", () -> ADMIN_PASSWORD);
    }

    @BeforeEach
    void clock() {
        TestClock.run();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
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

    /** A text of our Norwegian translation of the app (the file the browser loads). */
    static String norwegian(String app, String key) {
        String path = "/META-INF/resources/webjars/camunda/app/" + app + "/locales/nb.json";
        try (InputStream in = TasklistBrowserTest.class.getResourceAsStream(path)) {
            JsonNode text = new ObjectMapper().readTree(in).path("labels").path(key);
            assertThat(text.isTextual()).as(key + " in " + path).isTrue();
            return text.asText();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    List<String> drafts() {
        return (List<String>) browser.script(DRAFTS);
    }

    String bannerText() {
        return browser.await().until(d -> {
            List<WebElement> banners = d.findElements(By.cssSelector("div.ce-eol-banner"));
            return banners.size() == 1 && BANNER.equals(banners.get(0).getText()) ? banners.get(0).getText() : null;
        });
    }

    @ParameterizedTest(name = "browser language {0}")
    @ValueSource(strings = { "nb-NO", "en-US" })
    void aCoordinatorWorksInNorwegianAndTypesDatesAsDdMmYyyy(String language) {
        browser.language(language);
        String base = "http://localhost:" + port;
        LocalDate today = TestClock.today();
        LocalDate received = today.minusDays(7);
        LocalDate attended = today.minusDays(2);
        String referralId = "HEN-NETTLESER-" + language + "-" + System.currentTimeMillis();

        // a draft left by an earlier Tasklist (written past our guard, as a property)
        // goes when Tasklist loads
        browser.driver().get(base + "/camunda/app/tasklist/default/");
        assertThat(browser.script("return navigator.language")).isEqualTo(language);
        browser.script("window.localStorage['camunda-form:gammel-oppgave'] = '{\"patientName\":\"Kari\"}';"
                + "window.localStorage['camForm:gammel-oppgave'] = '{}';");
        browser.driver().navigate().refresh();
        browser.await()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
        browser.await().until(d -> drafts().isEmpty());
        // the login page: Norwegian, with the configured banner as plain text (no markup
        // made of it)
        assertThat(browser.driver().findElement(By.cssSelector("input[ng-model=username]")).getAttribute("placeholder"))
            .isEqualTo(norwegian("tasklist", "PAGE_LOGIN_USERNAME"));
        assertThat(bannerText()).isEqualTo(BANNER);
        assertThat(browser.driver().findElements(By.cssSelector("div.ce-eol-banner b, div.ce-eol-banner a"))).isEmpty();

        browser.logInToTasklist(base, COORDINATOR, PASSWORD);
        assertThat(browser.driver().findElement(By.cssSelector(".start-process-action")).getText())
            .contains(norwegian("tasklist", "START_PROCESS"));
        assertThat(bannerText()).isEqualTo(BANNER);
        assertThat(browser.driver().findElement(By.id("footer-timezone")).getText())
            .isEqualTo(norwegian("tasklist", "CAM_WIDGET_FOOTER_TIMEZONE") + " Europe/Oslo");
        // the coordinators' filters, created at start-up
        browser.await()
            .until(d -> d.findElements(By.cssSelector(".task-filter .name a"))
                .stream()
                .map(a -> a.getText().replaceAll("\\s*\\(?\\d+\\)?$", "").trim())
                .toList()
                .containsAll(List.of("Mine oppgaver", "Forløpsfrister overskredet", "Overfør eller avslutt forløpet")));

        // the start form: the received date typed dd.mm.åååå
        browser.click(By.cssSelector(".start-process-action"));
        browser.click(By.linkText(PROCESS_NAME));
        // the dropdown first: form-js re-renders the form as a select changes, which can
        // drop keys typed meanwhile
        browser.select("referrerType", "Fastlege");
        assertThat(browser.field("receivedDate-date").getAttribute("placeholder")).isEqualTo("dd.mm.åååå");
        browser.type("referralId", referralId);
        browser.date("receivedDate", received);
        browser.option("startBasis", 0);
        browser.type("hospital", "Helse Bergen HF");
        browser.type("nationalId", nationalIdFor(referralId));
        browser.type("patientName", PATIENT_NAME);
        browser.option("suspicionCriteria", 0);
        browser.option("suspicionCriteria", 2);
        browser.type("medications", MEDICATIONS);
        browser.type("comorbidity", COMORBIDITY);
        browser.option("frailtyScale", 0);
        browser.type("frailtyScore", "4");
        browser.type("referrerName", "Ola Hansen");
        browser.click(By.cssSelector("button[ng-click='startProcessInstance()']"));

        ProcessInstance pi = browser.await()
            .until(d -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(referralId).singleResult());
        Map<String, Object> started = runtime.getVariables(pi.getId());
        assertThat(started).containsEntry("receivedDate", received.toString())
            .containsEntry("startBasis", "MARKED_REFERRAL")
            .containsEntry("frailtyScore", 4)
            .containsEntry("referrerType", "GP")
            .containsEntry("patientName", PATIENT_NAME);
        assertThat(String.valueOf(started.get("suspicionCriteria")))
            .isEqualTo("[\"DYSPHAGIA_OVER_2_WEEKS\",\"WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN\"]");

        // "Registrer første fremmøte" is in "Mine oppgaver"; the standing task is not, it
        // has its own filter
        Task first = tasks.createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        Task standing = tasks.createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("pathwayAdministration")
            .singleResult();
        // the list shows the referral's date as dd.mm.åååå, as the filter names it
        browser.await()
            .until(d -> d.findElements(By.cssSelector(".tasks-list .variable-item"))
                .stream()
                .map(item -> item.getDomProperty("textContent").replaceAll("\\s+", " ").trim())
                .anyMatch(("Mottatt: " + PathwayDates.display(received))::equals));
        browser.click(By.cssSelector(".tasks-list a[href='#/?task=" + first.getId() + "']"));
        assertThat(
                browser.driver().findElements(By.cssSelector(".tasks-list a[href='#/?task=" + standing.getId() + "']")))
            .as("the standing task in Mine oppgaver")
            .isEmpty();
        // the form's heading shows the referral from the process variables (form-js
        // templating in Tasklist)
        browser.await()
            .until(d -> d.findElements(By.cssSelector(".fjs-form-field-text"))
                .stream()
                .anyMatch(t -> t.getText()
                    .contains("Pasient: Kari Nordmann · henvisning mottatt " + PathwayDates.display(received)
                            + " · Helse Bergen HF")));
        browser.click(By.cssSelector("[ng-click='claim()']"));
        browser.await()
            .until(d -> COORDINATOR.equals(tasks.createTaskQuery().taskId(first.getId()).singleResult().getAssignee()));
        assertThat(browser.driver().findElement(By.cssSelector("button[ng-click='complete()']")).getText())
            .isEqualTo(norwegian("tasklist", "COMPLETE"));
        assertThat(browser.driver().findElements(By.cssSelector("button[ng-click^='save(']"))).as("Tasklist's Save")
            .allSatisfy(save -> assertThat(save.isDisplayed()).isFalse());
        browser.option("firstAttendanceType", 0);

        // a Norwegian calendar: Monday first, Norwegian month names
        browser.click(browser.field("firstAttendanceDate-date"));
        WebElement calendar = browser.await()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flatpickr-calendar.open")));
        assertThat(calendar.findElements(By.cssSelector(".flatpickr-weekday")).get(0).getText())
            .isEqualToIgnoringCase("man");
        assertThat(calendar
            .findElement(By.cssSelector(
                    ".flatpickr-monthDropdown-month[selected], .flatpickr-monthDropdown-months option:checked"))
            .getText()
            .toLowerCase()).isIn("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
                    "oktober", "november", "desember");
        browser.screenshot("tasklist-form-" + language);

        // not a date as dd.mm.åååå: refused in the form with a Norwegian message, nothing
        // registered
        for (String wrong : List.of("11/26/2026", "31.02.2026", "2026-11-26")) {
            browser.typeDate("firstAttendanceDate", wrong);
            browser.await()
                .until(d -> d.findElements(By.cssSelector(".pakkeforlop-date-error"))
                    .stream()
                    .anyMatch(e -> e.getText()
                        .equals("«" + wrong + "» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå "
                                + "(for eksempel 05.01.2026), eller velg den i kalenderen.")));
            // Tasklist disables "Fullfør" while form-js reports the field empty; pressed
            // anyway (as it would be for a date that is not required), it does nothing
            // while a refused date is in the form
            WebElement complete = browser.driver().findElement(By.cssSelector("button[ng-click='complete()']"));
            browser.script("arguments[0].disabled = false; arguments[0].click();", complete);
            browser.await().until(d -> wrong.equals(browser.field("firstAttendanceDate-date").getDomProperty("value")));
            assertThat(tasks.createTaskQuery().taskId(first.getId()).count()).as("task still open after " + wrong)
                .isOne();
            assertThat(runtime.getVariable(pi.getId(), "firstAttendanceDate")).as("after " + wrong).isNull();
        }
        // form-js's own messages are Norwegian too (the refused date left the required
        // field empty)
        browser.await()
            .until(d -> d.findElements(By.cssSelector(".fjs-form-field-error li"))
                .stream()
                .anyMatch(e -> e.getText().equals("Feltet må fylles ut.")));
        assertThat(browser.driver().findElements(By.cssSelector(".fjs-form-field-error")))
            .noneMatch(e -> e.getText().contains("Field"));

        // a date in the future: the server refuses, Tasklist shows its message, nothing
        // changes
        LocalDate tomorrow = today.plusDays(1);
        browser.date("firstAttendanceDate", tomorrow);
        browser.click(By.cssSelector("button[ng-click='complete()']"));
        browser.await()
            .until(d -> browser.errorNotification()
                .equals("Skjemaet ble ikke sendt inn: Dato for første fremmøte (" + PathwayDates.display(tomorrow)
                        + ") kan ikke være fram i tid."));
        assertThat(tasks.createTaskQuery().taskId(first.getId()).count()).as("task still open").isOne();
        assertThat(runtime.getVariable(pi.getId(), "firstAttendanceDate")).isNull();

        // a day picked in the calendar is shown dd.mm.åååå: the 9th of the month shown
        browser.click(browser.field("firstAttendanceDate-date"));
        WebElement ninth = browser.await()
            .until(d -> d.findElements(By.cssSelector(".flatpickr-calendar.open .flatpickr-day"))
                .stream()
                .filter(day -> day.getText().equals("9") && !day.getAttribute("class").contains("MonthDay"))
                .findFirst()
                .orElse(null));
        browser.click(ninth);
        browser.await()
            .until(d -> browser.field("firstAttendanceDate-date")
                .getDomProperty("value")
                .matches("09\\.\\d{2}\\.\\d{4}"));

        // a draft can no longer be written; the date typed d.m.åååå is shown dd.mm.åååå
        // and registered exactly
        browser.script("window.localStorage.setItem('camunda-form:" + first.getId() + "', '{}')");
        assertThat(drafts()).isEmpty();
        browser.typeDate("firstAttendanceDate",
                attended.getDayOfMonth() + "." + attended.getMonthValue() + "." + attended.getYear());
        browser.await()
            .until(d -> PathwayDates.display(attended)
                .equals(browser.field("firstAttendanceDate-date").getDomProperty("value")));
        browser.click(By.cssSelector("button[ng-click='complete()']"));
        browser.await().until(d -> tasks.createTaskQuery().taskId(first.getId()).count() == 0);
        assertThat(runtime.getVariables(pi.getId())).containsEntry("firstAttendanceDate", attended.toString())
            .containsEntry("firstAttendanceType", "OUTPATIENT");
        assertThat(drafts()).as("drafts after completing").isEmpty();

        // the registration of A32S is an asynchronous job: run it as the job executor
        // would
        List<Job> jobs = management.createJobQuery()
            .processInstanceId(pi.getId())
            .activityId("registerFirstAttendanceCode")
            .list();
        assertThat(jobs).hasSize(1);
        management.executeJob(jobs.get(0).getId());

        ResponseEntity<Map<String, Object>> pathway = http.withBasicAuth(COORDINATOR, PASSWORD)
            .exchange("/api/pathways/" + referralId, HttpMethod.GET, null, new ParameterizedTypeReference<>() {
            });
        assertThat(pathway.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pathway.getBody()).containsEntry("referralId", referralId).containsEntry("state", "ACTIVE");
        assertThat(pathway.getBody().get("codes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
            .containsExactly(Map.of("code", "A32A", "date", received.toString()),
                    Map.of("code", "A32S", "date", attended.toString()));

        // the standing task is found through its own filter
        browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[starts-with(normalize-space(),"
                + "'Overfør eller avslutt forløpet')]"));
        browser.await()
            .until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector(".tasks-list a[href='#/?task=" + standing.getId() + "']")));

        // logging out leaves no draft either (one slipped in past the guard is removed)
        browser.script("window.localStorage['camForm:" + standing.getId() + "'] = '{}';");
        browser.logOut();
        browser.await().until(d -> drafts().isEmpty());

        // Cockpit, as the administrator: Norwegian, with the banner
        browser.logIn(base + "/camunda/app/cockpit/default/", ADMIN, ADMIN_PASSWORD,
                By.cssSelector(".dashboard section.actual"));
        assertThat(bannerText()).isEqualTo(BANNER);
        String running = norwegian("cockpit", "DASHBOARD_RUNNING_PROCESS_INSTANCE").toLowerCase();
        browser.await()
            .until(d -> d.findElement(By.cssSelector(".dashboard")).getText().toLowerCase().contains(running));
        browser.screenshot("cockpit-dashboard-" + language);
        // Admin and Welcome carry the same banner (the same custom script)
        for (String app : List.of("admin", "welcome")) {
            browser.driver().get(base + "/camunda/app/" + app + "/default/");
            assertThat(bannerText()).as(app).isEqualTo(BANNER);
        }
        browser.logOut();
    }

    /**
     * One moment of each awkward day, at a time of day where Oslo's date and UTC's may
     * differ: what the browser shows and submits must not depend on either.
     */
    static final List<ZonedDateTime> BROWSER_DAYS = List.of(at("2026-01-01", "00:30"), at("2026-03-01", "23:30"),
            at("2026-03-29", "12:00"), at("2026-09-09", "00:30"), at("2026-09-10", "23:30"), at("2026-10-25", "00:30"),
            at("2026-12-31", "23:30"), at("2028-02-29", "12:00"));

    static ZonedDateTime at(String day, String time) {
        return ZonedDateTime.of(LocalDate.parse(day), LocalTime.parse(time), TestData.OSLO);
    }

    /**
     * On each awkward day (engine clock), with the browser in Oslo and in UTC and in US
     * English: the day typed without leading zeros is shown dd.mm.åååå, the next day is
     * refused by the server with its date as dd.mm.åååå, and the last day is registered
     * as exactly that day.
     */
    @ParameterizedTest(name = "browser in {0}")
    @ValueSource(strings = { "Europe/Oslo", "UTC" })
    void onAwkwardDaysDatesAreShownWithLeadingZerosAndJudgedByTheDayInOslo(String zone) {
        browser.language("en-US");
        browser.timeZone(zone);
        String base = "http://localhost:" + port;
        String referralId = "HEN-DAGER-" + zone.replace('/', '-') + "-" + System.currentTimeMillis();
        TestClock.run(BROWSER_DAYS.get(0).minusDays(2));
        String pi = runtime
            .startProcessInstanceByKey(TestData.PROCESS_KEY, referralId, TestData.referralVariables(referralId,
                    BROWSER_DAYS.get(0).minusDays(2).toLocalDate().toString(), TestData.HOSPITAL))
            .getId();
        Task first = tasks.createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        tasks.claim(first.getId(), COORDINATOR);

        browser.logInToTasklist(base, COORDINATOR, PASSWORD);
        browser.click(By.cssSelector(".tasks-list a[href='#/?task=" + first.getId() + "']"));
        browser.option("firstAttendanceType", 0);
        for (ZonedDateTime moment : BROWSER_DAYS) {
            TestClock.run(moment);
            LocalDate today = moment.toLocalDate();
            LocalDate tomorrow = today.plusDays(1);
            browser.typeDate("firstAttendanceDate",
                    tomorrow.getDayOfMonth() + "." + tomorrow.getMonthValue() + "." + tomorrow.getYear());
            browser.await()
                .until(d -> PathwayDates.display(tomorrow)
                    .equals(browser.field("firstAttendanceDate-date").getDomProperty("value")));
            browser.click(By.cssSelector("button[ng-click='complete()']"));
            String refusal = "Skjemaet ble ikke sendt inn: Dato for første fremmøte (" + PathwayDates.display(tomorrow)
                    + ") kan ikke være fram i tid.";
            browser.await()
                .until(d -> d.findElements(By.cssSelector(".page-notifications .alert-danger .message"))
                    .stream()
                    .anyMatch(m -> m.getText().equals(refusal)));
            assertThat(runtime.getVariable(pi, "firstAttendanceDate")).as(moment.toString()).isNull();
        }
        ZonedDateTime last = BROWSER_DAYS.get(BROWSER_DAYS.size() - 1);
        browser.typeDate("firstAttendanceDate",
                last.getDayOfMonth() + "." + last.getMonthValue() + "." + last.getYear());
        browser.await()
            .until(d -> PathwayDates.display(last.toLocalDate())
                .equals(browser.field("firstAttendanceDate-date").getDomProperty("value")));
        browser.click(By.cssSelector("button[ng-click='complete()']"));
        browser.await().until(d -> tasks.createTaskQuery().taskId(first.getId()).count() == 0);
        assertThat(runtime.getVariable(pi, "firstAttendanceDate")).isEqualTo(last.toLocalDate().toString());
        browser.logOut();
    }

    /**
     * The coordinator corrects a date registered in error from the screens she works in:
     * the task's tab «Forløpskoder» shows the pathway's codes, and a correction typed
     * dd.mm.åååå with its reason is stored and shown at once; the menu entry finds the
     * pathway by its referral, as it would an ended one.
     */
    @Test
    void aCoordinatorCorrectsADateInTasklist() {
        String base = "http://localhost:" + port;
        LocalDate today = TestClock.today();
        LocalDate received = today.minusDays(9);
        LocalDate attended = today.minusDays(2);
        LocalDate right = today.minusDays(4);
        String referralId = "HEN-RETTING-" + System.currentTimeMillis();
        ResponseEntity<String> started = http.withBasicAuth(COORDINATOR, PASSWORD)
            .postForEntity("/api/referrals", ReferralBodies.referral(referralId, received, "Helse Bergen HF"),
                    String.class);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referralId).singleResult();
        Task first = tasks.createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        tasks.complete(first.getId(),
                Map.of("firstAttendanceDate", attended.toString(), "firstAttendanceType", "OUTPATIENT"));
        management.executeJob(management.createJobQuery()
            .processInstanceId(pi.getId())
            .activityId("registerFirstAttendanceCode")
            .singleResult()
            .getId());
        Task next = tasks.createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("informPatientAtReferral")
            .singleResult();

        browser.logInToTasklist(base, COORDINATOR, PASSWORD);
        browser.driver()
            .get(base + "/camunda/app/tasklist/default/#/?task=" + next.getId() + "&detailsTab=pakkeforlop-koder-task");
        browser.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Forløpskoder']"));
        browser.await()
            .until(ExpectedConditions
                .visibilityOfElementLocated(By.cssSelector(".pfk-codes tr[data-code='A32S'] .pfk-date")));
        assertThat(browser.driver().findElement(By.cssSelector(".pfk-codes tr[data-code='A32S'] .pfk-date")).getText())
            .isEqualTo(PathwayDates.display(attended));

        // the wrong date is refused in the form, in Norwegian, and nothing is sent
        WebElement form = browser.driver().findElement(By.cssSelector(".pfk-form"));
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("code"))).selectByIndex(1);
        form.findElement(By.name("date")).sendKeys("31.02." + today.getYear());
        form.findElement(By.name("reason")).sendKeys("Feil dato tastet; pasienten møtte tidligere.");
        browser.click(form.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.await()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pfk-message.pfk-error")))
            .getText()).contains("er ikke en gyldig dato").contains("dd.mm.åååå");
        form.findElement(By.name("date")).clear();
        form.findElement(By.name("date")).sendKeys(PathwayDates.display(right));
        browser.click(form.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.await()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pfk-message.pfk-ok")))
            .getText()).isEqualTo("Rettingen er lagret.");
        assertThat(browser.driver().findElement(By.cssSelector(".pfk-codes tr[data-code='A32S'] .pfk-date")).getText())
            .isEqualTo(PathwayDates.display(right));
        assertThat(browser.driver().findElement(By.cssSelector(".pfk-correction")).getText())
            .contains(PathwayDates.display(attended) + " → " + PathwayDates.display(right))
            .contains("Feil dato tastet")
            .contains(COORDINATOR);
        browser.screenshot("tasklist-forlopskoder");

        ResponseEntity<Map<String, Object>> pathway = http.withBasicAuth(COORDINATOR, PASSWORD)
            .exchange("/api/pathways/" + referralId, HttpMethod.GET, null, new ParameterizedTypeReference<>() {
            });
        assertThat(pathway.getBody().get("codes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
            .containsExactly(Map.of("code", "A32A", "date", received.toString()),
                    Map.of("code", "A32S", "date", right.toString()));

        // the menu entry finds the pathway by its referral
        browser.click(By.cssSelector("a.pfk-open"));
        WebElement panel = browser.await()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pfk-panel")));
        panel.findElement(By.name("referralId")).sendKeys(referralId);
        browser.click(panel.findElement(By.cssSelector(".pfk-find button[type=submit]")));
        browser.await()
            .until(d -> d.findElements(By.cssSelector(".pfk-panel .pfk-pathway[data-referral-id='" + referralId + "']"))
                .size() == 1);
        assertThat(panel.findElement(By.cssSelector(".pfk-codes tr[data-code='A32S'] .pfk-date")).getText())
            .isEqualTo(PathwayDates.display(right));
        browser.screenshot("tasklist-forlopskoder-meny");
        browser.click(panel.findElement(By.cssSelector(".pfk-close")));
        assertThat(drafts()).isEmpty();
        browser.logOut();
    }

}
