package io.plantconsole.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layer rules of DESIGN.md "Architecture". */
@AnalyzeClasses(packages = "io.plantconsole", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    private static final String[] THIRD_PARTY_IO = {
        "org.eclipse.paho..", "io.moquette..", "io.netty..", "ai.onnxruntime..", "org.apache.pdfbox..", "java.sql..",
        "javax.sql..", "com.zaxxer..", "org.postgresql..", "io.zonky..", "com.google.protobuf..",
        "com.fasterxml.jackson..", "com.nimbusds..", "com.sun.net.httpserver..", "org.bouncycastle..",
    };

    @ArchTest
    static final ArchRule modelAndServiceImportNoJavaFx = noClasses()
            .that().resideInAnyPackage("..model..", "..service..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("models and services are plain Java, tested without the toolkit");

    @ArchTest
    static final ArchRule onlyInfraImportsThirdPartyIo = noClasses()
            .that().resideOutsideOfPackage("io.plantconsole.infra..")
            .should().dependOnClassesThat().resideInAnyPackage(THIRD_PARTY_IO)
            .because("technology adapters live at the edge, in infra");

    @ArchTest
    static final ArchRule onlyWiringUsesInfra = noClasses()
            .that().resideOutsideOfPackages("io.plantconsole.infra..", "io.plantconsole.app..",
                    "io.plantconsole.telemetry", "io.plantconsole.sync", "io.plantconsole.auth", "io.plantconsole.audit")
            .should().dependOnClassesThat().resideInAPackage("io.plantconsole.infra..")
            .because("only the composition root and each feature's wiring class (in the feature's root package)"
                    + " construct adapters");

    @ArchTest
    static final ArchRule featureRootsHoldOnlyTheirWiring = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAnyPackage("io.plantconsole.telemetry", "io.plantconsole.sync", "io.plantconsole.auth",
                    "io.plantconsole.audit")
            .and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("Feature")
            .because("a feature's root package holds its one wiring class; the rest lives in model, service, view");

    @ArchTest
    static final ArchRule viewModelsImportNoSceneGraph = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("controllers bind, view models decide, and view models are tested without the toolkit");

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheApp = noClasses()
            .that().resideOutsideOfPackage("io.plantconsole.app..")
            .should().dependOnClassesThat().resideInAPackage("io.plantconsole.app..")
            .because("the app wires features together, never the other way round");
}
