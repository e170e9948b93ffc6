package io.adplatform.ingestion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.adplatform.ingestion.apps.AppRegistry;
import io.adplatform.ingestion.apps.RequestSigner;
import io.adplatform.ingestion.apps.SignatureVerifier;
import io.adplatform.ingestion.clicks.ClickIntake;
import io.adplatform.ingestion.clicks.ClickReportReader;
import io.adplatform.ingestion.events.ClientIpResolver;
import io.adplatform.ingestion.events.EventIntake;
import io.adplatform.ingestion.events.EventValidator;
import io.adplatform.ingestion.router.EventRouter;
import org.junit.jupiter.api.Test;

/** The rules that keep the domain testable with a fixed clock and no container. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.adplatform.ingestion");

    @Test
    void domainLogicKnowsNoFramework() {
        noClasses().that().belongToAnyOf(EventValidator.class, EventIntake.class, EventRouter.class,
                        SignatureVerifier.class, AppRegistry.class, ClientIpResolver.class, RequestSigner.class,
                        ClickReportReader.class, ClickIntake.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void nothingReadsTheSystemClockDirectlyInTheDomain() {
        noClasses().that().resideInAnyPackage("..events..", "..router..", "..apps..", "..clicks..")
                .and().haveSimpleNameNotEndingWith("Config")
                .should().callMethod(java.time.Instant.class, "now")
                .check(CLASSES);
    }

    @Test
    void featuresDoNotReachIntoTheRouter() {
        noClasses().that().resideInAnyPackage("..events..", "..apps..", "..geo..", "..clicks..")
                .should().dependOnClassesThat().resideInAPackage("..router..")
                .check(CLASSES);
    }
}
