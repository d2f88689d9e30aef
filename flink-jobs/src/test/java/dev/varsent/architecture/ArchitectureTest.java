package dev.varsent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.varsent.cli.Main;
import dev.varsent.model.SentimentModel;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The package structure of both modules: no package cycles, and model-core free of Flink. */
class ArchitectureTest {

    private static JavaClasses classesOf(Class<?> member) {
        Location location = Location.of(member.getProtectionDomain().getCodeSource().getLocation());
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(location));
    }

    @Test
    void modelCoreNeverUsesFlink() {
        JavaClasses modelCore = classesOf(SentimentModel.class);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("model-core is the model, usable without Flink")
                .check(modelCore);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        JavaClasses all =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importLocations(
                                Set.of(
                                        Location.of(
                                                SentimentModel.class
                                                        .getProtectionDomain()
                                                        .getCodeSource()
                                                        .getLocation()),
                                        Location.of(
                                                Main.class
                                                        .getProtectionDomain()
                                                        .getCodeSource()
                                                        .getLocation())));
        slices().matching("dev.varsent.(*)..").should().beFreeOfCycles().check(all);
    }
}
