package no.pakkeforlop.checks;

import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;

/**
 * What a task's completion is checked against, for the version of its pathway the task
 * runs on: the pathway's rules table, the task's form and the pathway's data, all of the
 * deployment of the task's process definition. Two tasks of the same version share the
 * same objects, so a table built for one serves the other ({@link TaskTables}).
 *
 * @param rules the rules table (the pathway, its time zone)
 * @param form the task's form, its fields each with its own rule
 * @param data the pathway's data (the order of dates, the MDT, the treatment groups)
 */
public record TaskVersion(PathwayRules rules, FormFields form, PathwayData data) {

    /**
     * The pathway's identifier ("A32"), by which its tasks' Java rules are registered.
     */
    public String pathway() {
        return rules.pathway();
    }

}
