package dev.placementstudio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layer table of DESIGN.md, enforced. */
class ArchitectureTest {
    private static final String ROOT = "dev.placementstudio";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void engineImportsNoJavaFxJacksonOrJdbc() {
        noClasses().that().resideInAnyPackage(ROOT + ".model..", ROOT + ".placement..", ROOT + ".scheduler..",
                        ROOT + ".conductor..", ROOT + ".sim..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.fasterxml..", "java.sql..",
                        "org.sqlite..", "org.controlsfx..", "io.javalin..", "picocli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void engineDoesNotReachOutToTheEdges() {
        noClasses().that().resideInAnyPackage(ROOT + ".model..", ROOT + ".placement..", ROOT + ".scheduler..",
                        ROOT + ".conductor..", ROOT + ".sim..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".io..", ROOT + ".cli..", ROOT + ".app..",
                        ROOT + ".serve..", ROOT + ".sweep..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void modelUsesOnlyTheJdk() {
        noClasses().that().resideInAPackage(ROOT + ".model..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".placement..", ROOT + ".scheduler..",
                        ROOT + ".conductor..", ROOT + ".sim..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void placementKnowsNothingOfTheSchedulerAbove() {
        noClasses().that().resideInAPackage(ROOT + ".placement..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".scheduler..", ROOT + ".conductor..",
                        ROOT + ".sim..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void schedulerKnowsNothingOfConductorOrSimulation() {
        noClasses().that().resideInAPackage(ROOT + ".scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".conductor..", ROOT + ".sim..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void conductorKnowsNothingOfTheSimulation() {
        noClasses().that().resideInAPackage(ROOT + ".conductor..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".sim..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void cliAndGuiStayApart() {
        noClasses().that().resideInAPackage(ROOT + ".app..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..").allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..").allowEmptyShould(true).check(classes);
    }

    @Test
    void ioAndServeDoNotDependOnTheGuiOrCli() {
        noClasses().that().resideInAnyPackage(ROOT + ".io..", ROOT + ".serve..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".app..", ROOT + ".cli..", "javafx..",
                        ROOT + ".sweep..")
                .allowEmptyShould(true).check(classes);
    }

    /** sweep: portfolios over the engine and io; nothing of the GUI, the CLI or the REST server. */
    @Test
    void sweepUsesTheEngineAndIoOnly() {
        noClasses().that().resideInAPackage(ROOT + ".sweep..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".app..", ROOT + ".cli..", ROOT + ".serve..",
                        "javafx..", "picocli..", "io.javalin..")
                .allowEmptyShould(true).check(classes);
    }

    /** Spark is for clusters: only sweep.spark touches it, so nothing else ever loads it. */
    @Test
    void onlySweepSparkTouchesSpark() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".sweep.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".sweep.spark..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".sweep.spark..")
                .allowEmptyShould(true).check(classes);
    }
}
