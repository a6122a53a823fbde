package no.pakkeforlop.cockpit;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import no.pakkeforlop.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The Cockpit plugin's data, read as Cockpit reads it (the web-app session of a logged-in
 * user), is the API's: the same JSON for the same question, and the same groups may read
 * it. Pathways of 2037, a year no other test uses.
 */
class CockpitPluginApiTest extends ApiTestSupport {

    static final String PLUGIN = "/camunda/api/cockpit/plugin/pakkeforlop/default/";

    private static boolean created;

    @LocalServerPort
    int port;

    @BeforeEach
    void pathways() {
        if (created) {
            return;
        }
        treatedPathway("HEN-COCKPIT-1", "2037-01-05", "2037-01-12", "2037-01-26", "2037-02-03");
        treatedPathway("HEN-COCKPIT-2", "2037-01-06", "2037-01-20", "2037-02-20", "2037-03-02");
        String pi = startPathway("HEN-COCKPIT-3", "2037-02-23");
        firstAttendance(pi, "2037-03-02");
        startPathway("HEN-COCKPIT-4", "2037-03-03");
        created = true;
    }

    private static JsonNode body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private JsonNode api(String user, String path) {
        ResponseEntity<String> response = get(user, path);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json(response);
    }

    @Test
    void theLeaderSeesInCockpitExactlyTheApisFigures() {
        today("2037-03-04");
        CockpitSession cockpit = CockpitSession.login(port, "cockpit", MANAGER, PASSWORD);
        for (String query : List.of("pathway-times?from=2037-01-01&to=2037-03-31",
                "pathway-times?from=2037-01-01&to=2037-03-31&hospital=Helse+Bergen+HF",
                "pathway-times?from=2037-01-01&to=2037-03-31&hospital=Ukjent+sykehus", "pathway-times/monthly",
                "pathway-times/monthly?months=3", "hospitals")) {
            assertThat(body(cockpit.get(PLUGIN + query))).as(query).isEqualTo(api(MANAGER, "/api/reports/" + query));
        }
        assertThat(body(cockpit.get(PLUGIN + "pathway-times?from=2037-01-01&to=2037-03-31&hospital=Helse+Bergen+HF"))
            .get("intervals")
            .get(0)
            .get("completed")
            .asLong()).isEqualTo(3);
        JsonNode atRisk = body(cockpit.get(PLUGIN + "at-risk?withinDays=20"));
        assertThat(atRisk).isEqualTo(api(MANAGER, "/api/worklist/at-risk?withinDays=20"));
        assertThat(atRisk.toString()).contains("HEN-COCKPIT-3", "HEN-COCKPIT-4")
            .doesNotContain(allNationalIds())
            .doesNotContain("Nordmann");

        JsonNode january = body(cockpit.get(PLUGIN + "pathway-times/monthly?months=3")).get("months").get(0);
        assertThat(january.get("month").asText()).isEqualTo("2037-01");
        assertThat(january.get("intervals").get(0).get("completed").asLong()).isEqualTo(2);
    }

    @Test
    void aBadParameterIsRefusedAlikeInCockpit() {
        CockpitSession cockpit = CockpitSession.login(port, "cockpit", MANAGER, PASSWORD);
        HttpResponse<String> response = cockpit.get(PLUGIN + "at-risk?withinDays=abc");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("withinDays");
        assertThat(cockpit.get(PLUGIN + "pathway-times?from=2037-02-30&to=2037-03-01").statusCode()).isEqualTo(400);
        assertThat(cockpit.get(PLUGIN + "pathway-times/monthly?months=0").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheApisGroupsReadThePluginsData() {
        // coordinators read the at-risk list (their Tasklist login is enough for the
        // plugin's resource), not the report
        CockpitSession coordinator = CockpitSession.login(port, "tasklist", COORDINATOR, PASSWORD);
        assertThat(coordinator.get(PLUGIN + "at-risk").statusCode()).isEqualTo(200);
        assertThat(coordinator.get(PLUGIN + "pathway-times/monthly").statusCode()).isEqualTo(403);
        assertThat(coordinator.get(PLUGIN + "hospitals").statusCode()).isEqualTo(403);
        CockpitSession physician = CockpitSession.login(port, "tasklist", PHYSICIAN, PASSWORD);
        for (String path : List.of("at-risk", "pathway-times/monthly", "pathway-times?from=2037-01-01&to=2037-01-31",
                "hospitals")) {
            HttpResponse<String> refused = physician.get(PLUGIN + path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("HEN-COCKPIT");
        }
        CockpitSession admin = CockpitSession.login(port, "cockpit", ADMIN, "Rest-admin-passord-1");
        assertThat(admin.get(PLUGIN + "at-risk").statusCode()).isEqualTo(200);
        assertThat(admin.get(PLUGIN + "pathway-times/monthly").statusCode()).isEqualTo(200);
        // without a session: nothing (Camunda's own filter answers)
        HttpResponse<String> anonymous = CockpitSession.anonymous(port).get(PLUGIN + "at-risk");
        assertThat(anonymous.statusCode()).isIn(401, 403);
        assertThat(anonymous.body()).doesNotContain("HEN-COCKPIT");
    }

    @Test
    void cockpitLoadsThePluginByItself() {
        HttpResponse<String> script = CockpitSession.anonymous(port)
            .get("/camunda/api/cockpit/plugin/pakkeforlop/static/app/plugin.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("cockpit.dashboard", "cockpit.route", "Forløp i fare");
        assertThat(CockpitSession.anonymous(port)
            .get("/camunda/api/cockpit/plugin/pakkeforlop/static/app/plugin.css")
            .statusCode()).isEqualTo(200);
        HttpResponse<String> index = CockpitSession.anonymous(port).get("/camunda/app/cockpit/default/");
        assertThat(index.body()).contains("cockpit-plugin-pakkeforlop");
    }

}
