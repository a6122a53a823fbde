package no.pakkeforlop.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The plugin's part of Cockpit's API,
 * {@code /camunda/api/cockpit/plugin/pakkeforlop/{engine}/...}. Cockpit's own security
 * filter lets only a user logged in to that engine through (its session, with its CSRF
 * protection), and makes that user the engine's current authentication for the request.
 * JAX-RS creates this resource, not Spring: the application's services come from the web
 * application context that Spring Boot keeps in the servlet context.
 */
@Path("plugin/" + PakkeforlopCockpitPlugin.ID)
public class PakkeforlopPluginRootResource extends AbstractCockpitPluginRootResource {

    public PakkeforlopPluginRootResource() {
        super(PakkeforlopCockpitPlugin.ID);
    }

    @Path("{engineName}")
    public PakkeforlopResource pathways(@PathParam("engineName") String engineName) {
        WebApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
        return subResource(new PakkeforlopResource(engineName, spring), engineName);
    }

}
