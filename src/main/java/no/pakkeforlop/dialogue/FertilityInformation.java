package no.pakkeforlop.dialogue;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.Set;
import no.pakkeforlop.intake.NationalId;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayCatalog;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Whether the talk before treatment must take up fertility (pathway.md: «fertility
 * preservation where relevant»): the patient is of fertile age and the planned treatment
 * can affect reproduction. Evaluated when the talk's task starts (its input
 * {@code fertilityInformationRequired}, which the form shows and
 * {@link DialogueCompletion} holds the completion to).
 *
 * <p>
 * The rule, chosen to be conservative (when in doubt, the question is asked; a tick costs
 * a minute, a missed sperm bank or egg freezing cannot be undone):
 * <ul>
 * <li>fertile age: a woman under 50, a man under 60, at the day of the talk, with no
 * lower limit (children and young adults need it most); age and sex from the national id.
 * When the sex cannot be read (a number under the 2032 rule), the men's limit applies;
 * when the birth date cannot be read, the talk must take it up;</li>
 * <li>treatment that can affect reproduction: drug therapy (chemotherapy) or radiotherapy
 * planned, or a treatment group whose regimen is chemotherapy or chemoradiotherapy (group
 * 2: neoadjuvant or perioperative, or curative chemoradiotherapy; group 3:
 * chemo/radiotherapy). Surgery or endoscopic treatment alone in the upper abdomen (group
 * 1), symptom relief, active surveillance and no treatment do not.</li>
 * </ul>
 */
@Component("fertilityInformation")
public class FertilityInformation {

    /** The variable the talk's task carries. */
    public static final String REQUIRED_VARIABLE = "fertilityInformationRequired";

    static final int WOMEN_UNDER = 50;

    static final int MEN_UNDER = 60;

    static final Set<String> TREATMENTS_AFFECTING_FERTILITY = Set.of("DRUG", "RADIATION");

    static final Set<String> GROUPS_AFFECTING_FERTILITY = Set.of("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
            "LOCALLY_ADVANCED_CHEMORADIATION");

    private final PathwayCatalog catalog;

    public FertilityInformation(PathwayCatalog catalog) {
        this.catalog = catalog;
    }

    public boolean required(VariableScope execution) {
        return treatmentAffectsFertility(execution.getVariable("plannedTreatment"),
                execution.getVariable("treatmentGroup"))
                && fertileAge(execution.getVariable("nationalId") instanceof String id ? id : null,
                        PathwayDates.today(catalog.zone()));
    }

    static boolean treatmentAffectsFertility(Object plannedTreatment, Object treatmentGroup) {
        // either may be absent (a pathway without treatment groups); Set.contains(null)
        // throws
        return plannedTreatment != null && TREATMENTS_AFFECTING_FERTILITY.contains(plannedTreatment)
                || treatmentGroup != null && GROUPS_AFFECTING_FERTILITY.contains(treatmentGroup);
    }

    static boolean fertileAge(String nationalId, LocalDate on) {
        Optional<LocalDate> born = NationalId.birthDate(nationalId);
        if (born.isEmpty()) {
            return true;
        }
        int age = Period.between(born.get(), on).getYears();
        return age < (NationalId.isFemale(nationalId).orElse(false) ? WOMEN_UNDER : MEN_UNDER);
    }

}
