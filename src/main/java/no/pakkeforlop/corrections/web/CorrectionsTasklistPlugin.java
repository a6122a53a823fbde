package no.pakkeforlop.corrections.web;

import java.util.Set;
import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * The Tasklist plugin «Forløpskoder» (Tasklist's plugin SPI, registered in
 * {@code META-INF/services/org.camunda.bpm.tasklist.plugin.spi.TasklistPlugin}): where
 * coordinators work all day, a tab on every task shows the pathway's codes, intervals and
 * corrections, and a menu entry finds any pathway, running or ended, by its referral; a
 * coordinator corrects a date or withdraws a code there. Tasklist loads the front end,
 * {@code plugin-webapp/pakkeforlop-koder/app/plugin.js}, by itself; its data comes from
 * {@link CorrectionsPluginRootResource} with the Tasklist login.
 */
public class CorrectionsTasklistPlugin extends AbstractTasklistPlugin {

    public static final String ID = "pakkeforlop-koder";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(CorrectionsPluginRootResource.class);
    }

}
