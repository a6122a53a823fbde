package no.pakkeforlop.intake;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.COMORBIDITY;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MEDICATIONS;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.REFERRER_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * POST /api/referrals: a pathway per referral, safe retries, and nothing left behind by a
 * refusal.
 */
class ReferralApiTest extends ApiTestSupport {

    @Test
    void aValidReferralStartsItsPathwayAndRegistersA32aOnTheReceivedDate() throws Exception {
        today("2026-03-04");
        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals",
                referral("HEN-2026-000123", "2026-03-02"));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getHeaders().getLocation()).hasToString("/api/pathways/HEN-2026-000123");
        JsonNode body = json(response);
        assertThat(body.get("referralId").asText()).isEqualTo("HEN-2026-000123");
        String pi = body.get("processInstanceId").asText();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult();
        assertThat(instance.getBusinessKey()).isEqualTo("HEN-2026-000123");

        Map<String, Object> variables = runtime.getVariables(pi);
        assertThat(variables).containsEntry("referralId", "HEN-2026-000123")
            .containsEntry("receivedDate", "2026-03-02")
            .containsEntry("startBasis", "MARKED_REFERRAL")
            .containsEntry("hospital", "Helse Bergen HF")
            .containsEntry("nationalId", nationalIdFor("HEN-2026-000123"))
            .containsEntry("patientName", PATIENT_NAME)
            .containsEntry("medications", MEDICATIONS)
            .containsEntry("comorbidity", COMORBIDITY)
            .containsEntry("frailtyScale", "CFS")
            .containsEntry("frailtyScore", 4)
            .containsEntry("referrerType", "GP")
            .containsEntry("referrerName", REFERRER_NAME);
        assertThat(variables.get("suspicionCriteria")).isInstanceOf(SpinJsonNode.class);
        assertThat(variables.get("suspicionCriteria").toString())
            .isEqualTo("[\"DYSPHAGIA_OVER_2_WEEKS\",\"WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN\"]");

        assertThat(count("select count(*) from pathway_code where process_instance_id = ?", pi)).isOne();
        assertThat(row(
                "select code, code_date, hospital, registered_by from pathway_code where process_instance_id = ?", pi))
            .containsEntry("code", "A32A")
            .containsEntry("hospital", "Helse Bergen HF")
            .containsEntry("registered_by", COORDINATOR)
            .hasEntrySatisfying("code_date", d -> assertThat(d).hasToString("2026-03-02"));
        assertThat(row("select * from referral where referral_id = 'HEN-2026-000123'"))
            .containsEntry("national_id", nationalIdFor("HEN-2026-000123"))
            .containsEntry("patient_name", PATIENT_NAME)
            .containsEntry("hospital", "Helse Bergen HF")
            .containsEntry("process_instance_id", pi)
            .containsEntry("created_by", COORDINATOR)
            .hasEntrySatisfying("received_date", d -> assertThat(d).hasToString("2026-03-02"))
            .hasEntrySatisfying("body_hash", h -> assertThat((String) h).hasSize(64));
    }

    /**
     * HF1 → HF2 (coding guide): a patient already in the pathway at another health trust
     * is referred on; this trust registers its own A32A on the day it received the
     * referral, and the status shows the first trust and the day its pathway started.
     */
    @Test
    void aReferralOnFromAnotherHealthTrustRegistersItsOwnA32aAndShowsTheFirstTrustsStart() {
        today("2026-03-10");
        ObjectNode body = referral("HEN-HF2-1", "2026-03-09");
        body.putObject("referrer").put("type", "OTHER_HEALTH_TRUST").put("name", "Helse Førde HF");
        body.put("firstTrustStartDate", "2026-02-23");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        JsonNode pathway = json(get(COORDINATOR, "/api/pathways/HEN-HF2-1"));
        assertThat(codes(pathway)).containsExactly("A32A 2026-03-09");
        assertThat(pathway.get("referredFrom").get("healthTrust").asText()).isEqualTo("Helse Førde HF");
        assertThat(pathway.get("referredFrom").get("firstTrustStartDate").asText()).isEqualTo("2026-02-23");
        assertThat(pathway.get("intervals").get(0).get("start").asText()).isEqualTo("2026-03-09");
        // the same referral again is the same pathway
        assertThat(post(COORDINATOR, "/api/referrals", body).getStatusCode().value()).isEqualTo(200);
        // any other referral shows no first trust
        startPathway("HEN-HF2-GP", "2026-03-09");
        assertThat(json(get(COORDINATOR, "/api/pathways/HEN-HF2-GP")).get("referredFrom").isNull()).isTrue();
    }

    @Test
    void theFirstTrustsStartIsNeverAfterTheReferralAndOnlyForAReferralFromAnotherTrust() {
        today("2026-03-10");
        ObjectNode later = referral("HEN-HF2-2", "2026-03-09");
        later.putObject("referrer").put("type", "OTHER_HEALTH_TRUST").put("name", "Helse Førde HF");
        later.put("firstTrustStartDate", "2026-03-10");
        ResponseEntity<String> refused = post(COORDINATOR, "/api/referrals", later);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(refused)).containsExactly("receivedDate");
        assertThat(json(refused).get("errors").get(0).get("message").asText())
            .contains("startdatoen for pakkeforløpet i det henvisende helseforetaket");

        ObjectNode fromGp = referral("HEN-HF2-3", "2026-03-09");
        fromGp.put("firstTrustStartDate", "2026-03-01");
        ResponseEntity<String> notFromATrust = post(COORDINATOR, "/api/referrals", fromGp);
        assertThat(notFromATrust.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(notFromATrust)).containsExactly("firstTrustStartDate");
        assertThat(get(COORDINATOR, "/api/pathways/HEN-HF2-2").getStatusCode().value()).isEqualTo(404);
        assertThat(get(COORDINATOR, "/api/pathways/HEN-HF2-3").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theSameReferralAgainAnswers200WithTheSamePathwayAndStartsNothing() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-RETRY-1", "2026-03-02");
        String pi = json(post(COORDINATOR, "/api/referrals", body)).get("processInstanceId").asText();

        // the same content, with the criteria in another order and the fields in another
        // order
        ObjectNode again = JSON.createObjectNode();
        again.set("hospital", body.get("hospital"));
        body.fieldNames().forEachRemaining(f -> again.set(f, body.get(f)));
        again.putArray("suspicionCriteria").add("WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN").add("DYSPHAGIA_OVER_2_WEEKS");
        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", again);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getLocation()).hasToString("/api/pathways/HEN-RETRY-1");
        assertThat(json(response).get("processInstanceId").asText()).isEqualTo(pi);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-RETRY-1").count()).isOne();
        assertThat(count("select count(*) from pathway_code where referral_id = 'HEN-RETRY-1'")).isOne();
    }

    @Test
    void anotherReferralWithAnExistingReferralIdIsAConflictAndChangesNothing() {
        today("2026-03-04");
        String pi = json(post(COORDINATOR, "/api/referrals", referral("HEN-CONFLICT-1", "2026-03-02")))
            .get("processInstanceId")
            .asText();
        ObjectNode other = referral("HEN-CONFLICT-1", "2026-03-03");
        ((ObjectNode) other.get("patient")).put("name", "Ola Nordmann");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", other);

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("title").asText()).isEqualTo("Konflikt");
        assertThat(problem.get("detail").asText())
            .isEqualTo("Henvisning «HEN-CONFLICT-1» er allerede registrert med et "
                    + "annet innhold. En ny henvisning må ha en ny henvisnings-ID.");
        assertThat(errors(response)).containsExactly("referralId");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-CONFLICT-1").list())
            .extracting(ProcessInstance::getId)
            .containsExactly(pi);
        assertThat(jdbc.queryForObject("select patient_name from referral where referral_id = 'HEN-CONFLICT-1'",
                String.class))
            .isEqualTo(PATIENT_NAME);
    }

    @Test
    void twentyConcurrentIdenticalReferralsMakeExactlyOnePathwayAndOneA32a() throws Exception {
        today("2026-03-04");
        String body = text(referral("HEN-CONCURRENT-1", "2026-03-02"));
        int requests = 20;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return post(COORDINATOR, "/api/referrals", body);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> pathways = new ArrayList<>();
            for (Future<ResponseEntity<String>> answer : answers) {
                ResponseEntity<String> response = answer.get();
                statuses.add(response.getStatusCode().value());
                pathways.add(json(response).path("processInstanceId").asText());
            }
            assertThat(statuses).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
            assertThat(pathways).containsOnly(pathways.get(0));
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-CONCURRENT-1").count()).isOne();
        assertThat(count("select count(*) from pathway_code where referral_id = 'HEN-CONCURRENT-1' and code = 'A32A'"))
            .isOne();
        assertThat(count("select count(*) from referral where referral_id = 'HEN-CONCURRENT-1'")).isOne();
    }

    @Test
    void aDNumberIsAccepted() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-DNUMBER-1", "2026-03-02");
        ((ObjectNode) body.get("patient")).put("nationalId", "41058010071");
        assertThat(post(COORDINATOR, "/api/referrals", body).getStatusCode().value()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select national_id from referral where referral_id = 'HEN-DNUMBER-1'",
                String.class))
            .isEqualTo("41058010071");
    }

    @Test
    void aReferralWithoutMedicationsComorbidityOrFrailtyStartsItsPathway() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-NO-EXAMPLES-1", "2026-03-02");
        body.remove("medications");
        body.put("comorbidity", "");
        body.remove("frailty");
        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        String pi = json(response).get("processInstanceId").asText();
        assertThat(count("select count(*) from pathway_code where process_instance_id = ?", pi)).isOne();
        assertThat(runtime.getVariable(pi, "frailtyScale")).isNull();
    }

    @Test
    void aSuspicionThatAroseInTheHospitalStartsItsPathwayWithoutAReferrerWithTheResponsibleDepartment() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-BASIS3-1", "2026-03-03");
        body.put("startBasis", "SUSPICION_IN_SPECIALIST_CARE");
        body.remove("referrer");
        body.put("responsibleDepartment", "Gastromedisinsk avdeling");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        String pi = json(response).get("processInstanceId").asText();
        assertThat(runtime.getVariable(pi, "responsibleDepartment")).isEqualTo("Gastromedisinsk avdeling");
        assertThat(runtime.getVariable(pi, "referrerType")).isNull();
        assertThat(codes(json(get(COORDINATOR, "/api/pathways/HEN-BASIS3-1")))).containsExactly("A32A 2026-03-03");
        // the same again: the same pathway
        assertThat(post(COORDINATOR, "/api/referrals", body).getStatusCode().value()).isEqualTo(200);

        // a referral (bases 1 and 2) still needs its referrer
        ObjectNode referred = referral("HEN-BASIS3-2", "2026-03-03");
        referred.remove("referrer");
        assertThat(errors(post(COORDINATOR, "/api/referrals", referred))).containsExactly("referrer.type",
                "referrer.name");
    }

    @Test
    void theLanguageThePatientNeedsAnInterpreterForIsStoredAndShownWithThePathway() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-TOLK-1", "2026-03-02");
        ((ObjectNode) body.get("patient")).put("interpreterLanguage", " polsk ");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        String pi = json(response).get("processInstanceId").asText();
        assertThat(runtime.getVariable(pi, "interpreterLanguage")).isEqualTo("polsk");
        assertThat(json(get(COORDINATOR, "/api/pathways/HEN-TOLK-1")).path("interpreterLanguage").asText())
            .isEqualTo("polsk");
        String without = startPathway("HEN-TOLK-2", "2026-03-04");
        assertThat(runtime.getVariables(without)).doesNotContainKey("interpreterLanguage");
        assertThat(json(get(COORDINATOR, "/api/pathways/HEN-TOLK-2")).path("interpreterLanguage").asText(null))
            .isNull();
    }

    static Stream<Arguments> invalidReferrals() {
        return Stream.of(
                invalid("national id with a wrong check digit", "patient.nationalId",
                        b -> ((ObjectNode) b.get("patient")).put("nationalId", "31129956716"),
                        "Fødselsnummeret har feil kontrollsiffer."),
                invalid("national id too short", "patient.nationalId",
                        b -> ((ObjectNode) b.get("patient")).put("nationalId", "3112995671"),
                        "Fødselsnummeret må bestå av 11 siffer."),
                invalid("D-number with a wrong check digit", "patient.nationalId",
                        b -> ((ObjectNode) b.get("patient")).put("nationalId", "71129956708"),
                        "Fødselsnummeret har feil kontrollsiffer."),
                invalid("no patient name", "patient.name", b -> ((ObjectNode) b.get("patient")).remove("name"),
                        "Pasientens navn må fylles ut."),
                invalid("received date in the future", "receivedDate", b -> b.put("receivedDate", "2026-03-05"),
                        "Mottaksdato (05.03.2026) kan ikke være fram i tid."),
                invalid("received date not a date", "receivedDate", b -> b.put("receivedDate", "2026-02-30"),
                        "Mottaksdato må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «2026-02-30»."),
                invalid("received date in another format", "receivedDate", b -> b.put("receivedDate", "02.03.2026"),
                        "Mottaksdato må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «02.03.2026»."),
                invalid("no received date", "receivedDate", b -> b.remove("receivedDate"), "Mottaksdato må fylles ut."),
                invalid("received date before the pathways began", "receivedDate",
                        b -> b.put("receivedDate", "2014-12-31"),
                        "Mottaksdato (31.12.2014) kan ikke være før innføringen av pakkeforløpene for kreft (01.01.2015)."),
                invalid("unknown start basis", "startBasis", b -> b.put("startBasis", "GUT_FEELING"),
                        "Grunnlag for start av pakkeforløp har ukjent verdi «GUT_FEELING». Gyldige verdier: MARKED_REFERRAL, "
                                + "SUSPICION_IN_SPECIALIST_CARE, UNMARKED_MEETS_CRITERIA."),
                invalid("no suspicion criterion", "suspicionCriteria", b -> b.putArray("suspicionCriteria"),
                        "Minst ett kriterium for begrunnet mistanke må være oppgitt. Gyldige verdier: DYSPHAGIA_OVER_2_WEEKS, "
                                + "EARLY_SATIETY_OR_VOMITING_3_WEEKS, ENDOSCOPIC_OR_RADIOLOGICAL_FINDING, "
                                + "GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA, WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN."),
                invalid("criteria missing", "suspicionCriteria", b -> b.remove("suspicionCriteria"), null),
                invalid("unknown criterion", "suspicionCriteria",
                        b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.get("suspicionCriteria"))
                            .add("MILD_HEARTBURN"),
                        "Ukjent kriterium for begrunnet mistanke: MILD_HEARTBURN. Gyldige verdier: DYSPHAGIA_OVER_2_WEEKS, "
                                + "EARLY_SATIETY_OR_VOMITING_3_WEEKS, ENDOSCOPIC_OR_RADIOLOGICAL_FINDING, "
                                + "GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA, WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN."),
                invalid("frailty score without a scale", "frailty.scale",
                        b -> ((ObjectNode) b.get("frailty")).remove("scale"),
                        "Skala for skrøpelighet må fylles ut. Gyldige verdier: CFS, ECOG, G8."),
                invalid("unknown frailty scale", "frailty.scale",
                        b -> ((ObjectNode) b.get("frailty")).put("scale", "BMI"),
                        "Skala for skrøpelighet har ukjent verdi «BMI». Gyldige verdier: CFS, ECOG, G8."),
                invalid("frailty score outside its scale", "frailty.score",
                        b -> ((ObjectNode) b.get("frailty")).put("score", 10),
                        "Skår på Clinical Frailty Scale må være et heltall fra 1 til 9, ikke «10»."),
                invalid("frailty score missing", "frailty.score", b -> ((ObjectNode) b.get("frailty")).remove("score"),
                        "Skår på Clinical Frailty Scale må fylles ut."),
                invalid("frailty score a fraction", "frailty.score",
                        b -> ((ObjectNode) b.get("frailty")).put("score", 4.5),
                        "Feltet har feil type: forventet et heltall."),
                invalid("frailty score as text", "frailty.score",
                        b -> ((ObjectNode) b.get("frailty")).put("score", "4"),
                        "Feltet har feil type: forventet et heltall."),
                invalid("unknown referrer type", "referrer.type",
                        b -> ((ObjectNode) b.get("referrer")).put("type", "NURSE"),
                        "Type henviser har ukjent verdi «NURSE». Gyldige verdier: CONTRACT_SPECIALIST, GP, OTHER_HEALTH_TRUST, OTHER_PHYSICIAN, "
                                + "RADIOLOGY_INSTITUTE."),
                invalid("no referrer name", "referrer.name", b -> ((ObjectNode) b.get("referrer")).put("name", ""),
                        "Henviserens navn må fylles ut."),
                invalid("suspicion in the hospital without the responsible department", "responsibleDepartment", b -> {
                    b.put("startBasis", "SUSPICION_IN_SPECIALIST_CARE");
                    b.remove("referrer");
                }, "Ansvarlig avdeling må fylles ut."),
                invalid("interpreter language on two lines", "patient.interpreterLanguage",
                        b -> ((ObjectNode) b.get("patient")).put("interpreterLanguage", "polsk\r\nX-Injisert: ja"),
                        "Språk pasienten trenger tolk på må stå på én linje, uten linjeskift eller andre kontrolltegn."),
                invalid("interpreter language too long", "patient.interpreterLanguage",
                        b -> ((ObjectNode) b.get("patient")).put("interpreterLanguage", "x".repeat(101)),
                        "Språk pasienten trenger tolk på kan ha høyst 100 tegn (nå 101)."),
                invalid("no hospital", "hospital", b -> b.remove("hospital"), "Sykehus / helseforetak må fylles ut."),
                invalid("hospital too long", "hospital", b -> b.put("hospital", "H".repeat(201)),
                        "Sykehus / helseforetak kan ha høyst 200 tegn (nå 201)."),
                invalid("referral id unsafe in a URL", "referralId", b -> b.put("referralId", "HEN/../1"),
                        "Henvisnings-ID kan bare inneholde bokstavene A-Z, sifre, punktum, bindestrek og understrek, og må "
                                + "begynne med en bokstav eller et siffer."),
                invalid("unknown field", "diagnosis", b -> b.put("diagnosis", "C15"), "Ukjent felt «diagnosis»."),
                invalid("unknown nested field", "patient.address",
                        b -> ((ObjectNode) b.get("patient")).put("address", "Storgata 1"), "Ukjent felt «address»."),
                invalid("a text where a list belongs", "suspicionCriteria",
                        b -> b.put("suspicionCriteria", "DYSPHAGIA_OVER_2_WEEKS"),
                        "Feltet har feil type: forventet en liste."));
    }

    private static Arguments invalid(String name, String field, Consumer<ObjectNode> change, String message) {
        return Arguments.of(name, field, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReferrals")
    void anInvalidReferralIsRefusedWith400AndLeavesNothingBehind(String name, String field, Consumer<ObjectNode> change,
            String message) {
        today("2026-03-04");
        String referralId = "HEN-INVALID-" + Math.abs(name.hashCode());
        ObjectNode body = referral(referralId, "2026-03-02");
        change.accept(body);

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("title").asText()).isEqualTo("Ugyldig forespørsel");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).startsWith("Forespørselen har feil i");
        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            if (message != null) {
                assertThat(error.get("message").asText()).isEqualTo(message);
            }
        });
        assertNothingLeftBehind(referralId);
        assertNothingLeftBehind("HEN/../1");
    }

    @Test
    void everyRefusalOfOneReferralIsReportedAtOnce() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-MANY-ERRORS", "2026-03-09");
        ((ObjectNode) body.get("patient")).put("nationalId", "12345678901");
        body.put("startBasis", "");
        body.putArray("suspicionCriteria");
        body.remove("referrer");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(response)).containsExactly("patient.nationalId", "receivedDate", "startBasis",
                "suspicionCriteria", "referrer.type", "referrer.name");
        assertThat(json(response).get("detail").asText()).isEqualTo("Forespørselen har feil i 6 felter.");
        assertNothingLeftBehind("HEN-MANY-ERRORS");
    }

    @Test
    void aReferralNamesItsPathwayOrIsForA32AndAnUnknownPathwayIsAFieldError() {
        today("2026-03-04");
        ObjectNode named = referral("HEN-PATHWAY-A32", "2026-03-02").put("pathway", "A32");
        ResponseEntity<String> started = post(COORDINATOR, "/api/referrals", named);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
        assertThat(row("select pathway from referral where referral_id = 'HEN-PATHWAY-A32'")).containsEntry("pathway",
                "A32");
        assertThat(row("select code, pathway from pathway_code where referral_id = 'HEN-PATHWAY-A32'"))
            .containsEntry("code", "A32A")
            .containsEntry("pathway", "A32");
        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-PATHWAY-A32"));
        assertThat(status.get("pathway").asText() + " " + status.get("pathwayName").asText())
            .isEqualTo("A32 Kreft i spiserør og magesekk");
        // the version of the model it runs on, and when that version was deployed
        var definition = repository.createProcessDefinitionQuery()
            .processDefinitionId(runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey("HEN-PATHWAY-A32")
                .singleResult()
                .getProcessDefinitionId())
            .singleResult();
        assertThat(status.get("version").asInt()).isEqualTo(definition.getVersion()).isPositive();
        assertThat(java.time.Instant.parse(status.get("versionDeployedAt").asText()))
            .isEqualTo(repository.createDeploymentQuery()
                .deploymentId(definition.getDeploymentId())
                .singleResult()
                .getDeploymentTime()
                .toInstant());
        // naming A32 is the same referral as naming none: a safe retry
        named.remove("pathway");
        assertThat(post(COORDINATOR, "/api/referrals", named).getStatusCode().value()).isEqualTo(200);

        ObjectNode unknown = referral("HEN-PATHWAY-X", "2026-03-09").put("pathway", "A99");
        ((ObjectNode) unknown.get("patient")).put("nationalId", "12345678901");
        ResponseEntity<String> refused = post(COORDINATOR, "/api/referrals", unknown);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        // reported with the other refusals of the referral, at once
        assertThat(errors(refused)).containsExactly("pathway", "patient.nationalId", "receivedDate");
        assertThat(json(refused).get("errors").get(0).get("message").asText())
            .isEqualTo("Ukjent pakkeforløp «A99». Gyldige verdier: A12, A32.");
        assertNothingLeftBehind("HEN-PATHWAY-X");
    }

    @Test
    void aReferralWithoutPatientNamesBothPatientFields() {
        today("2026-03-04");
        ObjectNode body = referral("HEN-NO-PATIENT", "2026-03-02");
        body.remove("patient");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(json(response).get("errors"))
            .extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
            .containsExactly("patient.nationalId: Fødselsnummer mangler.",
                    "patient.name: Pasientens navn må fylles ut.");
        assertNothingLeftBehind("HEN-NO-PATIENT");
    }

    @Test
    void malformedJsonAndOtherContentTypesAreRefused() {
        today("2026-03-04");
        ResponseEntity<String> malformed = post(COORDINATOR, "/api/referrals", "{\"referralId\": \"HEN-MALFORMED\", ");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(malformed).get("errors").get(0).get("message").asText())
            .isEqualTo("Innholdet er ikke gyldig JSON.");

        ResponseEntity<String> empty = post(COORDINATOR, "/api/referrals", "");
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(json(empty).get("detail").asText())
            .isEqualTo("Innholdet i forespørselen mangler eller er ikke gyldig JSON.");

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<String> plain = as(COORDINATOR).exchange("/api/referrals", HttpMethod.POST,
                new HttpEntity<>(text(referral("HEN-PLAIN", "2026-03-02")), headers), String.class);
        assertThat(plain.getStatusCode().value()).isEqualTo(415);
        assertThat(plain.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(plain).get("detail").asText())
            .isEqualTo("Innholdstypen «text/plain» støttes ikke. Send application/json.");
        assertNothingLeftBehind("HEN-MALFORMED");
        assertNothingLeftBehind("HEN-PLAIN");
    }

    private void assertNothingLeftBehind(String referralId) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(referralId).count()).isZero();
        assertThat(count("select count(*) from pathway_code where referral_id = ?", referralId)).isZero();
        assertThat(count("select count(*) from referral where referral_id = ?", referralId)).isZero();
    }

}
