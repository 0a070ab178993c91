package dev.confab.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.confab.server");

    @Test
    void theServerNeverUsesJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(SERVER);
    }

    @Test
    void onlyTheCommandLineMainWritesToTheConsole() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.confab.server.cli.Main")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(SERVER);
    }

    @Test
    void protocolHandlingKnowsStorageOnlyThroughItsSeams() {
        noClasses().that().resideInAnyPackage("dev.confab.server.session..", "dev.confab.server.net..",
                        "dev.confab.server.bus..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server.store.sqlite..", "java.sql..")
                .check(SERVER);
    }

    @Test
    void theBusKnowsNeitherSessionsNorWebSockets() {
        noClasses().that().resideInAPackage("dev.confab.server.bus..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server.session..",
                        "org.java_websocket..")
                .check(SERVER);
    }
}
