package io.plantconsole.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The kernel and feature rules (src/docs/architecture.md, ADR 0014): features stand side by side on the kernel and
 * the UI kit; the composition root and the adapters are the only places that know several features.
 */
@AnalyzeClasses(packages = "io.plantconsole", importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureRulesTest {

    /** The feature slices; a new feature adds its root package here. */
    static final String[] FEATURES = {
        "io.plantconsole.telemetry..", "io.plantconsole.sync..", "io.plantconsole.auth..", "io.plantconsole.audit..",
    };

    /**
     * A feature's wiring class (its root package's {@code *Feature}) picks the adapters that implement the feature's
     * own ports: infra → feature (implements a port) and wiring → infra (constructs it) is dependency inversion, not
     * a cycle of the feature's code.
     */
    static final DescribedPredicate<JavaClass> WIRING = DescribedPredicate.describe("a feature's wiring class",
            c -> c.getSimpleName().endsWith("Feature") && c.getPackageName().matches(
                    "io\\.plantconsole\\.(telemetry|sync|auth|audit)"));

    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices()
            .matching("io.plantconsole.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(WIRING, DescribedPredicate.alwaysTrue())
            .because("a cycle between top-level packages means neither can change, be tested or be removed alone");

    @ArchTest
    static final ArchRule featuresAreIndependent = slices()
            .matching("io.plantconsole.(telemetry|sync|auth|audit)..")
            .should().notDependOnEachOther()
            .because("a feature uses the kernel and what other features publish through ports wired by the app,"
                    + " never another feature's classes, so each can grow without the others");

    @ArchTest
    static final ArchRule kernelDependsOnNoFeature = noClasses()
            .that().resideInAPackage("io.plantconsole.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.plantconsole.infra..", "io.plantconsole.app..",
                    "io.plantconsole.ui..", "io.plantconsole.sim..")
            .because("every feature stands on the kernel; the kernel standing on one of them would tie them all to it");

    @ArchTest
    static final ArchRule kernelHasNoJavaFx = noClasses()
            .that().resideInAPackage("io.plantconsole.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..",
                    "io.fair_acc..")
            .because("transactions, audit and identity run on background threads and in headless commands");

    @ArchTest
    static final ArchRule uiKitKnowsNoFeature = noClasses()
            .that().resideInAPackage("io.plantconsole.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("the UI kit (tasks, dialogs, pulses, screen descriptions) serves every feature alike");

    @ArchTest
    static final ArchRule viewsNeverTouchTheTransactionSeam = noClasses()
            .that().resideInAnyPackage("..view..", "io.plantconsole.ui..", "io.plantconsole.app.shell..")
            .should().dependOnClassesThat().resideInAPackage("io.plantconsole.kernel.tx..")
            .because("views ask services, and services own their transactions: a view that opens one bypasses the"
                    + " permission check and the audit event");

    @ArchTest
    static final ArchRule featureCodeUsesNoAdapters = noClasses()
            .that().resideInAnyPackage("..model..", "..service..", "..view..")
            .should().dependOnClassesThat().resideInAPackage("io.plantconsole.infra..")
            .because("a feature's model, services and views see ports; only its wiring and the app construct adapters");
}
