package no.pakkeforlop.cockpit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import no.pakkeforlop.api.PluginAnswers;
import no.pakkeforlop.reports.ReportQueries;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.security.Access;
import no.pakkeforlop.worklist.AtRiskWorklist;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;

/**
 * The data of the Cockpit plugin: the same services, the same parameters, the same JSON
 * (the application's own ObjectMapper) and the same groups as {@code /api/reports/...}
 * and {@code /api/worklist/at-risk}, so the plugin shows exactly the API's numbers. Who
 * may read what is the API's rule: the figures for management, the at-risk list for
 * coordinators and management; camunda-admin always. Everyone else gets 403. Every list
 * and report takes {@code pathway} ("A32") as the API does, and {@code pathways} names
 * the pathways there are, for choosing one.
 */
public class PakkeforlopResource extends AbstractCockpitPluginResource {

    static final List<String> REPORT_GROUPS = Access.REPORTS;
    static final List<String> AT_RISK_GROUPS = Access.AT_RISK;

    private final ReportQueries reports;

    private final AtRiskWorklist worklist;

    private final PluginAnswers answers;

    private final PathwayCatalog catalog;

    /** A pathway as the plugin offers it for choosing. */
    public record Pathway(String pathway, String name, String processKey) {
    }

    public PakkeforlopResource(String engineName, ApplicationContext spring) {
        super(engineName);
        this.reports = spring.getBean(ReportQueries.class);
        this.worklist = spring.getBean(AtRiskWorklist.class);
        this.catalog = spring.getBean(PathwayCatalog.class);
        this.answers = new PluginAnswers(spring.getBean(ObjectMapper.class));
    }

    @GET
    @Path("pathway-times")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pathwayTimes(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("hospital") String hospital, @QueryParam("pathway") String pathway) {
        return answer(REPORT_GROUPS, () -> reports.pathwayTimes(from, to, hospital, pathway));
    }

    @GET
    @Path("pathway-times/monthly")
    @Produces(MediaType.APPLICATION_JSON)
    public Response monthly(@QueryParam("months") String months, @QueryParam("hospital") String hospital,
            @QueryParam("pathway") String pathway) {
        return answer(REPORT_GROUPS, () -> reports.monthly(months, hospital, pathway));
    }

    @GET
    @Path("hospitals")
    @Produces(MediaType.APPLICATION_JSON)
    public Response hospitals(@QueryParam("pathway") String pathway) {
        return answer(REPORT_GROUPS, () -> reports.hospitals(pathway));
    }

    @GET
    @Path("at-risk")
    @Produces(MediaType.APPLICATION_JSON)
    public Response atRisk(@QueryParam("withinDays") String withinDays, @QueryParam("pathway") String pathway) {
        return answer(AT_RISK_GROUPS, () -> worklist.atRisk(withinDays, pathway));
    }

    /**
     * The pathways there are (as built), for whoever may see the report or the at-risk
     * list.
     */
    @GET
    @Path("pathways")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pathways() {
        Authentication user = getCurrentAuthentication();
        return answers.answer(allowed(user, REPORT_GROUPS) || allowed(user, AT_RISK_GROUPS),
                "Du har ikke tilgang til dette. Kontakt en administrator hvis du trenger tilgang.",
                () -> catalog.current()
                    .stream()
                    .map(rules -> new Pathway(rules.pathway(), rules.name(), rules.processKey()))
                    .toList());
    }

    /**
     * What the current Cockpit user may see: who they are, as the engine knows them for
     * this request.
     */
    @GET
    @Path("access")
    @Produces(MediaType.APPLICATION_JSON)
    public Response access() {
        Authentication user = getCurrentAuthentication();
        return answers.json(HttpStatus.OK,
                java.util.Map.of("report", allowed(user, REPORT_GROUPS), "atRisk", allowed(user, AT_RISK_GROUPS)));
    }

    private Response answer(List<String> groups, Supplier<Object> body) {
        return answers.answer(allowed(getCurrentAuthentication(), groups),
                "Du har ikke tilgang til dette. Kontakt en administrator hvis du trenger tilgang.", body);
    }

    static boolean allowed(Authentication user, List<String> groups) {
        return user != null && Access.allows(groups, user.getGroupIds());
    }

}
