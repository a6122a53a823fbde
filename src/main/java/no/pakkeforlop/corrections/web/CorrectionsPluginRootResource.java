package no.pakkeforlop.corrections.web;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The plugin's part of Tasklist's API,
 * {@code /camunda/api/tasklist/plugin/pakkeforlop-koder/{engine}/...}: Camunda's own
 * security lets only a user logged in to Tasklist through (its session, with its CSRF
 * protection), as the engine's current authentication. JAX-RS creates this resource; the
 * application's services come from Spring's web application context.
 */
@Path("plugin/" + CorrectionsTasklistPlugin.ID)
public class CorrectionsPluginRootResource extends AbstractTasklistPluginRootResource {

    public CorrectionsPluginRootResource() {
        super(CorrectionsTasklistPlugin.ID);
    }

    @Path("{engineName}")
    public CorrectionsPluginResource pathways(@PathParam("engineName") String engineName) {
        WebApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
        return subResource(new CorrectionsPluginResource(engineName, spring), engineName);
    }

}
