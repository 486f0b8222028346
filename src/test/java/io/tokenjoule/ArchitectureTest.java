package io.tokenjoule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The house rules DESIGN.md states, checked on the compiled main classes so that they stay true:
 * data flows one way, with no package cycle; configuration is plain records (it opens no provider,
 * reads no state, knows no Vert.x); only export knows Micrometer, and accounting does no I/O.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().importPath(Path.of("target/classes"));

  @Test
  void topLevelPackagesHaveNoCycle() {
    slices().matching("io.tokenjoule.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void noPackageHasACycleWithItsSubPackages() {
    slices().matching("io.tokenjoule.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void configurationIsPlainRecordsThatOpenNothing() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenjoule.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.tokenjoule.grid..", "io.tokenjoule.state..", "io.vertx..")
        .check(MAIN);
  }

  @Test
  void sourcesScrapesAndAccountingKnowNothingOfMicrometer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.tokenjoule.source..", "io.tokenjoule.scrape..", "io.tokenjoule.account..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..")
        .check(MAIN);
  }

  @Test
  void accountingIsPureComputation() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenjoule.account..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..", "java.net..", "java.nio.file..", "oshi..", "com.sun.jna..")
        .check(MAIN);
  }
}
