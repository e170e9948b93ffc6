package io.adplatform.attribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.delivery.RetryPolicy;
import io.adplatform.attribution.rules.DefaultRules;
import io.adplatform.attribution.rules.Rule;
import io.adplatform.attribution.rules.RuleEngine;
import io.adplatform.attribution.settings.SecretCipher;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** Keeps the decisions (rules, backoff, classification results, cipher) free of Spring, and controllers thin. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.adplatform.attribution");

    @Test
    void domainLogicKnowsNoFramework() {
        noClasses().that().belongToAnyOf(RuleEngine.class, Rule.class, DefaultRules.class, RetryPolicy.class,
                        PartnerAnswer.class, Prepared.class, SecretCipher.class)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(CLASSES);
    }

    @Test
    void theLogDoesNotDependOnDelivery() {
        noClasses().that().resideInAPackage("..attribution.log..")
                .should().dependOnClassesThat().resideInAPackage("..attribution.delivery..").check(CLASSES);
    }
}
