package dev.confab.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.confab.server.discovery.RfcPace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's layering, checked: net and session know no JavaFX, view models no nodes, views no network. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.confab.client");
    }

    @Test
    void networkAndSessionUseNoJavaFx() {
        noClasses().that().resideInAnyPackage("dev.confab.client.net..", "dev.confab.client.session..",
                        "dev.confab.client.settings..", "dev.confab.client.discovery..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void viewModelsImportNoNodes() {
        noClasses().that().resideInAPackage("dev.confab.client.viewmodel..")
                .should().dependOnClassesThat().areAssignableTo(javafx.scene.Node.class)
                .orShould().dependOnClassesThat().resideInAPackage("dev.confab.client.view..")
                .check(classes);
    }

    @Test
    void viewsDoNotTouchTheNetwork() {
        noClasses().that().resideInAPackage("dev.confab.client.view..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.confab.client.net..",
                        "org.java_websocket..", "dev.confab.server..")
                .check(classes);
    }

    @Test
    void onlyTheUiDispatcherCallsRunLater() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.confab.client.ui.UiDispatcher")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootKnowsTheEmbeddedServer() {
        noClasses().that().resideOutsideOfPackages("dev.confab.client.host..", "dev.confab.client.discovery..")
                .should().dependOnClassesThat().resideInAPackage("dev.confab.server..")
                .check(classes);
    }

    @Test
    void discoveryUsesOnlyTheSharedMdnsPaceOfTheServer() {
        // Browser and announcer pace JmDNS the same way; nothing else of the server is the app's business here.
        noClasses().that().resideInAPackage("dev.confab.client.discovery..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.confab.server..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(RfcPace.class))))
                .check(classes);
    }

    @Test
    void nothingButMainWritesToStandardOut() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.confab.client.Launcher")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }
}
