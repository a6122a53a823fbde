package no.pakkeforlop.browser;

import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.api.ApiTestSupport;
import no.pakkeforlop.rules.PathwayDates;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A leader in a real browser: logs in to Cockpit, sees the plugin «Pakkeforløp» on the
 * dashboard and on its own page, with a chart per standard time and the pathways at risk,
 * and every number shown is the API's for the same data. From the same browser session
 * the leader can neither complete a task nor read a national id. The engine clock is set
 * to 2039-03-06 (a year no other test uses); the server computes "today" by it, the
 * browser only displays. Dates are shown and typed dd.mm.åååå.
 */
@Tag("browser")
class CockpitPluginBrowserTest extends ApiTestSupport {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String TODAY = "2039-03-06";

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theLeaderSeesThePluginsChartsAndAtRiskListWithTheApisNumbersAndCannotTouchPatients() {
        treatedPathway("HEN-NETTLESER-1", "2039-01-03", "2039-01-10", "2039-01-24", "2039-02-01");
        treatedPathway("HEN-NETTLESER-2", "2039-01-04", "2039-01-16", "2039-02-10", "2039-02-20");
        // the 21 days from the first attendance due on 08.03.2039, 2 days after today
        String late = startPathway("HEN-NETTLESER-3", "2039-02-12");
        firstAttendance(late, "2039-02-15");
        String dueSoon = startPathway("HEN-NETTLESER-4", "2039-03-01");
        today(TODAY);

        WebDriver driver = browser.driver();
        driver.get(base() + "/camunda/app/cockpit/default/");
        browser.await()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")))
            .sendKeys(MANAGER);
        driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        // the dashboard shows the plugin's charts
        browser.await().until(d -> d.findElements(By.cssSelector(".pf-compact svg.pf-chart-svg")).size() == 4);

        // its own page: charts with monthly tables, the period, the at-risk list
        driver.get(base() + "/camunda/app/cockpit/default/#/pakkeforlop");
        browser.await().until(d -> d.findElements(By.cssSelector(".pf-page table.pf-monthly")).size() == 4);
        browser.await()
            .until(d -> !d.findElements(By.cssSelector(".pf-page table.pf-at-risk, .pf-page .pf-none")).isEmpty());

        // the pathway a referral names by default is chosen: A32's figures
        assertThat(driver.findElement(By.cssSelector(".pf-page .pf-pathway-select")).getDomProperty("value"))
            .isEqualTo("A32");
        assertThat(text(driver.findElement(By.cssSelector(".pf-page h2 .pf-pathway-name"))))
            .isEqualTo("kreft i spiserør og magesekk");
        JsonNode monthly = json(get(MANAGER, "/api/reports/pathway-times/monthly?pathway=A32"));
        List<String> apiBars = new ArrayList<>();
        List<String> apiRows = new ArrayList<>();
        for (JsonNode month : monthly.get("months")) {
            for (JsonNode s : month.get("intervals")) {
                if (s.get("completed").asLong() > 0) {
                    apiBars.add(String.join(" ", s.get("interval").asText(), month.get("month").asText(),
                            s.get("shareWithinStandard").asText(), s.get("completed").asText(),
                            s.get("medianDays").asText()));
                }
                apiRows.add(String.join(" ", s.get("interval").asText(), month.get("month").asText(),
                        s.get("completed").asText()));
            }
        }
        List<String> shownBars = new ArrayList<>();
        for (WebElement svg : driver.findElements(By.cssSelector(".pf-page svg.pf-chart-svg"))) {
            assertThat(svg.findElements(By.cssSelector("line.pf-target"))).as("the 70 % target is drawn").hasSize(1);
            assertThat(svg.findElement(By.cssSelector("line.pf-target")).getDomAttribute("data-target"))
                .isEqualTo("0.7");
            for (WebElement bar : svg.findElements(By.cssSelector("rect.pf-bar"))) {
                shownBars.add(String.join(" ", svg.getDomAttribute("data-interval"), bar.getDomAttribute("data-month"),
                        bar.getDomAttribute("data-share"), bar.getDomAttribute("data-completed"),
                        bar.getDomAttribute("data-median")));
            }
        }
        assertThat(apiBars).isNotEmpty();
        assertThat(shownBars).containsExactlyInAnyOrderElementsOf(
                apiBars.stream().map(b -> b.replace(".0 ", " ").replaceAll("\\.0$", "")).toList());
        List<String> shownRows = new ArrayList<>();
        for (WebElement table : driver.findElements(By.cssSelector(".pf-page table.pf-monthly"))) {
            for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
                shownRows.add(String.join(" ", table.getDomAttribute("data-interval"),
                        row.getDomAttribute("data-month"), text(row.findElement(By.cssSelector(".pf-completed")))));
            }
        }
        assertThat(shownRows).containsExactlyInAnyOrderElementsOf(apiRows);

        // the period chosen: the API's figures for the same period
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // dates are typed dd.mm.åååå (or d.m.åååå); anything else is refused with a
        // Norwegian message and asks nothing
        // (the period's default ends on the browser's own today: only its form is known)
        assertThat(driver.findElement(By.cssSelector(".pf-page .pf-to")).getDomProperty("value"))
            .matches("\\d{2}\\.\\d{2}\\.\\d{4}");
        js.executeScript("document.querySelector('.pf-page .pf-from').value = '31.02.2039';"
                + "document.querySelector('.pf-page .pf-period').innerHTML = '';");
        browser.click(By.cssSelector(".pf-page .pf-show"));
        browser.await()
            .until(d -> d.findElements(By.cssSelector(".pf-page .pf-period .pf-error"))
                .stream()
                .anyMatch(e -> e.getText()
                    .equals("«31.02.2039» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå "
                            + "(for eksempel 05.01.2026).")));
        js.executeScript("document.querySelector('.pf-page .pf-from').value = '1.1.2039';"
                + "document.querySelector('.pf-page .pf-to').value = '28.02.2039';"
                + "document.querySelector('.pf-page .pf-period').innerHTML = '';");
        browser.click(By.cssSelector(".pf-page .pf-show"));
        browser.await().until(d -> !d.findElements(By.cssSelector(".pf-page table.pf-period tbody tr")).isEmpty());
        JsonNode period = json(get(MANAGER, "/api/reports/pathway-times?from=2039-01-01&to=2039-02-28&pathway=A32"));
        for (JsonNode s : period.get("intervals")) {
            WebElement row = driver.findElement(
                    By.cssSelector(".pf-page table.pf-period tr[data-interval='" + s.get("interval").asText() + "']"));
            assertThat(text(row.findElement(By.cssSelector(".pf-completed")))).isEqualTo(s.get("completed").asText());
            assertThat(text(row.findElement(By.cssSelector(".pf-within")))).isEqualTo(s.get("withinStandard").asText());
        }
        assertThat(period.get("intervals").get(0).get("completed").asLong()).isEqualTo(3);

        // the at-risk list: the API's rows, in the API's order
        List<String> apiRisk = new ArrayList<>();
        json(get(MANAGER, "/api/worklist/at-risk?pathway=A32")).forEach(i -> apiRisk.add(String.join(" ",
                i.get("referralId").asText(), i.get("pathway").asText(), i.get("version").asText(),
                i.get("interval").asText(), i.get("daysLeft").asText(),
                PathwayDates.display(LocalDate.parse(i.get("due").asText())),
                PathwayDates.display(LocalDate.parse(i.get("predictedEnd").asText())),
                PathwayDates.display(LocalDate.parse(i.get("cautiousEnd").asText())), i.get("explanation").asText())));
        List<String> shownRisk = driver.findElements(By.cssSelector(".pf-page table.pf-at-risk tbody tr"))
            .stream()
            .map(r -> String.join(" ", r.getDomAttribute("data-referral-id"),
                    text(r.findElement(By.cssSelector(".pf-pathway"))),
                    text(r.findElement(By.cssSelector(".pf-version"))), r.getDomAttribute("data-interval"),
                    text(r.findElement(By.cssSelector(".pf-days-left"))),
                    text(r.findElement(By.cssSelector(".pf-due"))),
                    text(r.findElement(By.cssSelector(".pf-predicted"))),
                    text(r.findElement(By.cssSelector(".pf-cautious"))),
                    text(r.findElement(By.cssSelector(".pf-why")))))
            .toList();
        assertThat(shownRisk).isEqualTo(apiRisk);
        String version = String.valueOf(repository.getProcessDefinition(
                runtime.createProcessInstanceQuery().processInstanceId(dueSoon).singleResult().getProcessDefinitionId())
            .getVersion());
        assertThat(shownRisk)
            .anyMatch(r -> r.startsWith("HEN-NETTLESER-4 A32 " + version + " REFERRAL_TO_FIRST_ATTENDANCE 3 "))
            .anyMatch(r -> r.startsWith("HEN-NETTLESER-3 "));
        WebElement risk = driver.findElement(By.cssSelector(".pf-page tr.pf-risk[data-referral-id='HEN-NETTLESER-4']"));
        Task task = tasks.createTaskQuery()
            .processInstanceId(dueSoon)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        assertThat(risk.findElement(By.cssSelector(".pf-referral a")).getDomAttribute("href"))
            .isEqualTo("#/process-instance/" + dueSoon + "/runtime");
        assertThat(risk.findElement(By.cssSelector(".pf-next-task a")).getDomAttribute("href"))
            .isEqualTo("/camunda/app/tasklist/default/#/?task=" + task.getId());
        assertThat(text(driver.findElement(By.cssSelector(".pf-page")))).doesNotContain(allNationalIds())
            .doesNotContain("Nordmann");

        // from the same browser session: no task completed, no national id read
        @SuppressWarnings("unchecked")
        Map<String, Object> complete = (Map<String, Object>) js.executeAsyncScript(FETCH, "POST",
                "/camunda/api/engine/engine/default/task/" + task.getId() + "/complete",
                "{\"variables\": {\"firstAttendanceDate\": {\"value\": \"" + TODAY + "\"},"
                        + " \"firstAttendanceType\": {\"value\": \"OUTPATIENT\"}}}");
        assertThat(((Number) complete.get("status")).intValue()).as(String.valueOf(complete.get("body")))
            .isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isOne();
        for (String path : List.of("process-instance/" + late + "/variables",
                "history/variable-instance?processInstanceId=" + late)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = (Map<String, Object>) js.executeAsyncScript(FETCH, "GET",
                    "/camunda/api/engine/engine/default/" + path, null);
            assertThat(String.valueOf(read.get("body"))).as(path + " " + read.get("status"))
                .doesNotContain(allNationalIds());
        }
    }

    /** The element's text as the page holds it, also when it is scrolled out of view. */
    private static String text(WebElement element) {
        return element.getDomProperty("textContent").trim();
    }

    /**
     * fetch() in the page, with Cockpit's session and CSRF token: (method, url, body) ->
     * {status, body}.
     */
    static final String FETCH = """
            const [method, url, body, done] = arguments;
            const token = (document.cookie.match(/XSRF-TOKEN=([^;]*)/) || [])[1] || '';
            fetch(url, {method, body, credentials: 'same-origin',
                headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-XSRF-TOKEN': token}})
              .then(r => r.text().then(t => done({status: r.status, body: t})))
              .catch(e => done({status: -1, body: String(e)}));
            """;

}
