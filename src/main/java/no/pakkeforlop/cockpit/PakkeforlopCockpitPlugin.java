package no.pakkeforlop.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin "Pakkeforløp" (Cockpit's plugin SPI, registered in
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}). Cockpit
 * loads its front end, {@code plugin-webapp/pakkeforlop/app/plugin.js}, by itself (as
 * {@code /camunda/api/cockpit/plugin/pakkeforlop/static/app/plugin.js}), so no change to
 * Cockpit's {@code config.js} is needed; its data comes from
 * {@link PakkeforlopPluginRootResource} under
 * {@code /camunda/api/cockpit/plugin/pakkeforlop/{engine}/...}, with the Cockpit login.
 */
public class PakkeforlopCockpitPlugin extends AbstractCockpitPlugin {

    public static final String ID = "pakkeforlop";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(PakkeforlopPluginRootResource.class);
    }

}
