package dev.confab.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** shared-model is used by both sides, so it may know Jackson and nothing else of the outside world. */
@AnalyzeClasses(packages = "dev.confab.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesNoUiDatabaseOrSocketClasses = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "java.sql..", "javax.sql..", "org.java_websocket..", "java.net.http..",
                    "dev.confab.server..", "dev.confab.client..")
            .because("shared-model is the protocol alone: no JavaFX, JDBC or WebSocket classes");

    @ArchTest
    static final ArchRule writesNothingToStandardStreams = noClasses()
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("only a main may print");
}
