package no.pakkeforlop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.checks.Field.Date;
import no.pakkeforlop.checks.Field.OneOf;
import no.pakkeforlop.checks.Field.Text;
import no.pakkeforlop.checks.Field.WholeNumber;
import no.pakkeforlop.checks.Field.YesNo.Need;
import no.pakkeforlop.checks.Field.YesNo;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import org.junit.jupiter.api.Test;

/**
 * The shared vocabulary of checks: what each kind of field accepts, in which form, and
 * what it says when it refuses.
 */
class CheckerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    static Checker check(Map<String, Object> values, Check... rules) {
        return Checker.of(values, TODAY).check(List.of(rules));
    }

    static List<String> messages(Map<String, Object> values, Check... rules) {
        return check(values, rules).errors().stream().map(FieldError::message).toList();
    }

    static Map<String, Object> value(Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put("f", value);
        return values;
    }

    @Test
    void textIsRequiredOrNotAndHasAMaximumLength() {
        Text required = new Text("f", "Navn", 5, true);
        assertThat(messages(value("  "), required)).containsExactly("Navn må fylles ut.");
        assertThat(messages(value(42), required)).containsExactly("Navn må være tekst.");
        assertThat(messages(value("abcdef"), required)).containsExactly("Navn kan ha høyst 5 tegn (nå 6).");
        assertThat(check(value("abc"), required).accepted("f")).isEqualTo("abc");
        assertThat(check(value(null), new Text("f", "Navn", 5, false)).errors()).isEmpty();
    }

    @Test
    void oneOfAValueListNamesTheValidValuesSortedAndQuotesTheValueShortened() {
        OneOf code = new OneOf("f", "Beslutning", List.of("CK", "CM", "CA", "CI"), true);
        assertThat(messages(value(""), code)).containsExactly("Beslutning må fylles ut.");
        assertThat(messages(value("X".repeat(50)), code))
            .containsExactly("Beslutning har ukjent verdi «" + "X".repeat(40) + "…». Gyldige verdier: CA, CI, CK, CM.");
        assertThat(check(value("CK"), code).acceptedText("f")).isEqualTo("CK");
    }

    @Test
    void yesNoIsOptionalRequiredOrMustBeTicked() {
        assertThat(check(value(null), new YesNo("f", "Onkolog", Need.OPTIONAL)).accepted("f")).isEqualTo(false);
        assertThat(messages(value(null), new YesNo("f", "Operabel", Need.REQUIRED)))
            .containsExactly("Operabel må fylles ut (ja eller nei).");
        assertThat(messages(value("yes"), new YesNo("f", "Operabel", Need.REQUIRED)))
            .containsExactly("Operabel må være ja eller nei, ikke «yes».");
        assertThat(messages(value(false), new YesNo("f", "Tilbudt", Need.TICKED)))
            .containsExactly("Tilbudt må være krysset av før oppgaven kan fullføres.");
    }

    @Test
    void aWholeNumberIsAcceptedAsAnIntegerFromLongOrDouble() {
        WholeNumber ecog = new WholeNumber("f", "ECOG", 0, 4, true);
        assertThat(check(value(3L), ecog).accepted("f")).isEqualTo(3);
        assertThat(check(value(2.0), ecog).accepted("f")).isEqualTo(2);
        assertThat(messages(value(1.5), ecog)).containsExactly("ECOG må være et heltall fra 0 til 4, ikke «1.5».");
        assertThat(messages(value(5), ecog)).containsExactly("ECOG må være et heltall fra 0 til 4, ikke «5».");
    }

    @Test
    void aDateIsStrictAndAPathwayDateNotInTheFuture() {
        Date date = new Date("f", "Beslutningsdato", true, true);
        assertThat(check(value("2026-03-04"), date).accepted("f")).isEqualTo(TODAY);
        assertThat(messages(value("2026-02-30"), date))
            .containsExactly("Beslutningsdato må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «2026-02-30».");
        assertThat(messages(value("2026-03-05"), date))
            .containsExactly("Beslutningsdato (05.03.2026) kan ikke være fram i tid.");
        assertThat(check(value("2026-03-05"), new Date("f", "Til-dato", true, false)).errors()).isEmpty();
    }

    @Test
    void rulesAcrossFieldsSeeWhatIsAccepted() {
        Check notBefore = Check.notBefore("f", "Dato for overføring",
                c -> List.of(new Check.Bound(LocalDate.of(2026, 3, 2), "siste registrerte forløpskode")));
        assertThat(messages(value("2026-03-01"), new Date("f", "Dato for overføring", true, true), notBefore))
            .containsExactly(
                    "Dato for overføring (01.03.2026) kan ikke være før siste registrerte forløpskode (02.03.2026).");
        assertThat(messages(value("2026-03-02"), new Date("f", "Dato for overføring", true, true), notBefore))
            .isEmpty();

        Check ticked = Check.atLeastOneOf(List.of("a", "b"), "Kryss av for minst én.");
        assertThat(messages(Map.of("a", false), new YesNo("a", "A", Need.OPTIONAL), new YesNo("b", "B", Need.OPTIONAL),
                ticked))
            .containsExactly("Kryss av for minst én.");

        Check onlyForCk = Check.when(c -> "CK".equals(c.acceptedText("code")), new Text("plan", "Plan", 10, true));
        assertThat(messages(Map.of("code", "CM"), new OneOf("code", "Kode", List.of("CK", "CM"), true), onlyForCk))
            .isEmpty();
        assertThat(messages(Map.of("code", "CK"), new OneOf("code", "Kode", List.of("CK", "CM"), true), onlyForCk))
            .containsExactly("Plan må fylles ut.");
    }

    @Test
    void checklistsQuoteTheirLabelsAndEveryRefusalIsCollectedBeforeOneIsThrown() {
        Checker checker = Checker.of(Map.<String, Object>of("b", "x")::get, TODAY, null)
            .quotingLabels()
            .check(List.of(new YesNo("a", "Behovssamtale er tilbudt", Need.TICKED),
                    new YesNo("b", "Tolk", Need.OPTIONAL)));
        assertThat(checker.errors()).containsExactly(
                new FieldError("a", "«Behovssamtale er tilbudt» må være krysset av før oppgaven kan fullføres."),
                new FieldError("b", "«Tolk» må være ja eller nei, ikke «x»."));
        assertThatThrownBy(checker::refuseIfAny).isInstanceOf(InputRefusedException.class)
            .satisfies(e -> assertThat(((InputRefusedException) e).errors()).hasSize(2));
    }

}
