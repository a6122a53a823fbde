package no.pakkeforlop.corrections.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.pakkeforlop.api.PluginAnswers;
import no.pakkeforlop.corrections.CodeCorrections;
import no.pakkeforlop.corrections.PathwayCorrections;
import no.pakkeforlop.pathways.Pathways;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.rules.CurrentUser;
import no.pakkeforlop.security.Access;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginResource;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;

/**
 * The data of the Tasklist plugin: the same services, rules, groups and JSON as
 * {@code GET /api/pathways/{referralId}} and {@code POST .../corrections}. The referral
 * is a query parameter, so the access log records whose pathway was read or corrected.
 */
public class CorrectionsPluginResource extends AbstractTasklistPluginResource {

    private final Pathways pathways;

    private final PathwayCorrections corrections;

    private final ObjectMapper json;

    private final PluginAnswers answers;

    public CorrectionsPluginResource(String engineName, ApplicationContext spring) {
        super(engineName);
        this.pathways = spring.getBean(Pathways.class);
        this.corrections = spring.getBean(PathwayCorrections.class);
        this.json = spring.getBean(ObjectMapper.class);
        this.answers = new PluginAnswers(json);
    }

    @GET
    @Path("pathway")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pathway(@QueryParam("referralId") String referralId) {
        return answer(Access.PATHWAY_STATUS, () -> pathways.status(required(referralId)));
    }

    @POST
    @Path("corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response correct(@QueryParam("referralId") String referralId, String body) {
        return answer(Access.PATHWAY_CHANGES, () -> {
            String id = required(referralId);
            return corrections.correct(id, read(body), CurrentUser.of(getProcessEngine()));
        });
    }

    /** Whether the signed-in user may correct codes (the form is shown only then). */
    @GET
    @Path("access")
    @Produces(MediaType.APPLICATION_JSON)
    public Response access() {
        return answers.json(HttpStatus.OK, Map.of("correct", allowed(Access.PATHWAY_CHANGES)));
    }

    private static String required(String referralId) {
        if (referralId == null || referralId.isBlank()) {
            throw new InputRefusedException("referralId", "Henvisningen må fylles ut.");
        }
        return referralId.strip();
    }

    private CodeCorrections.Request read(String body) {
        try {
            return json.readValue(body == null || body.isBlank() ? "{}" : body, CodeCorrections.Request.class);
        }
        catch (JsonProcessingException e) {
            throw new InputRefusedException("body",
                    "Rettingen kunne ikke leses: den må være JSON med code, date eller withdrawn, og reason.");
        }
    }

    private boolean allowed(List<String> groups) {
        Authentication user = getProcessEngine().getIdentityService().getCurrentAuthentication();
        return user != null && Access.allows(groups, user.getGroupIds());
    }

    private Response answer(List<String> groups, Supplier<Object> body) {
        return answers.answer(allowed(groups),
                "Du har ikke tilgang til dette. Bare forløpskoordinatorer retter forløpskoder.", body);
    }

}
