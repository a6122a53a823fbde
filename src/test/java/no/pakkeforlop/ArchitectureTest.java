package no.pakkeforlop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The package structure as the code actually uses it: packages named for what they hold,
 * none depending on itself through another, and HTTP only at the web edge (services throw
 * the domain's refusals of {@code refusals}, which {@code api.Refusals} maps to HTTP).
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
        // the main classes only, wherever the build puts its output
        // (-DbuildDirectory=...: ArchUnit's own
        // DO_NOT_INCLUDE_TESTS knows only target/test-classes)
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("no.pakkeforlop");

    /**
     * What answers HTTP itself: the API's own package, the Cockpit plugin's resources,
     * the doors' security chains ({@code security.web}), controllers, filters.
     */
    static final DescribedPredicate<JavaClass> WEB_EDGE = resideInAnyPackage("no.pakkeforlop.api..",
            "no.pakkeforlop.cockpit..", "no.pakkeforlop.security.web..", "no.pakkeforlop.corrections.web..")
        .or(annotatedWith(RestController.class))
        .or(annotatedWith(RestControllerAdvice.class))
        .or(assignableTo(Filter.class))
        .or(assignableTo(HandlerInterceptor.class))
        .as("the web edge (api, cockpit, security.web, corrections.web (the Tasklist plugin), controllers, controller advice, filters, interceptors)");

    @Test
    void theTopLevelPackagesHaveNoCycles() {
        slices().matching("no.pakkeforlop.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheWebEdgeKnowsHttp() {
        noClasses().that(not(WEB_EDGE))
            .and(not(nestedIn(WEB_EDGE)))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.http..", "no.pakkeforlop.api..")
            .because("services throw the refusals of no.pakkeforlop.refusals; api.Refusals maps them to HTTP")
            .check(MAIN);
    }

    @Test
    void theRefusalsAndChecksKnowNothingOfTheCapabilitiesThatUseThem() {
        noClasses().that()
            .resideInAnyPackage("no.pakkeforlop.checks..", "no.pakkeforlop.refusals..", "no.pakkeforlop.rules..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages("no.pakkeforlop.checks..", "no.pakkeforlop.refusals..", "no.pakkeforlop.rules..",
                    "java..", "org.camunda..", "com.fasterxml..", "org.springframework.context..",
                    "org.springframework.stereotype..", "org.slf4j..")
            .check(MAIN);
    }

    private static DescribedPredicate<JavaClass> nestedIn(DescribedPredicate<JavaClass> outer) {
        return DescribedPredicate.describe("nested in " + outer.getDescription(),
                javaClass -> javaClass.getEnclosingClass().map(outer::test).orElse(false));
    }

}
