package io.adplatform.dplink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rotation rules stay free of Spring and storage; features do not depend on each other in circles. */
@AnalyzeClasses(packages = "io.adplatform.dplink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule poolIsPlainJava = noClasses().that().resideInAPackage("..dplink.pool..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.adplatform.dplink.ads..",
                    "io.adplatform.dplink.counting..", "io.adplatform.dplink.replacement..", "java.sql..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.adplatform.dplink.(*)..").should().beFreeOfCycles();
}
