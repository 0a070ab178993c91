package dev.confab.server.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The store and auth packages stay below the network layer and behind their seams. */
class StoreLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.confab.server");

    @Test
    void storeAndAuthKnowNothingOfTheNetworkLayer() {
        noClasses().that().resideInAnyPackage("dev.confab.server.store..", "dev.confab.server.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server", "dev.confab.server.net..",
                        "dev.confab.server.session..", "dev.confab.server.cli..", "org.java_websocket..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void authUsesTheAccountSeamNotSqlite() {
        noClasses().that().resideInAPackage("dev.confab.server.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server.store.sqlite..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void theSeamsDoNotDependOnSqlite() {
        noClasses().that().resideInAPackage("dev.confab.server.store")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server.store.sqlite..", "java.sql..",
                        "org.sqlite..")
                .check(CLASSES);
    }
}
