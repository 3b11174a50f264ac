package dev.placementstudio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** No package cycles anywhere (DESIGN §1): every package, sub-packages included, is its own slice. */
class PackageCyclesTest {
    @Test
    void noPackageCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.placementstudio");
        slices().matching("dev.placementstudio.(**)").should().beFreeOfCycles().check(classes);
    }
}
