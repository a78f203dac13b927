package io.plantconsole.audit.view;

import io.plantconsole.testing.TestUi;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.app.shell.ControllerFactory;
import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.app.shell.UiServices;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.infra.export.CsvAuditExporter;
import io.plantconsole.infra.pdf.PdfAuditExporter;
import io.plantconsole.sync.view.EmptyOutbox;
import io.plantconsole.telemetry.view.TelemetryFixture;
import io.plantconsole.testing.AuthFixture;
import io.plantconsole.testing.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Audit screen through the console's controller factory (its {@code audit} task lane, handing results to the FX
 * thread) over the real identity and audit services on a local SQLite store.
 * With {@code AUDIT_SCREENSHOT_DIR=<folder>} it writes {@code screenshot-audit.png} (intact),
 * {@code screenshot-audit-broken.png} (after tampering) and {@code audit-export.pdf} there.
 */
@ExtendWith(ApplicationExtension.class)
class AuditFxTest {
    private Path dir;
    private AuthFixture f;
    private TelemetryFixture plant;
    private ControllerFactory factory;
    private AuditController controller;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("pc-audit-fx");
        f = new AuthFixture(dir.resolve("db"));
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditService audit = new AuditService(f.store, f.auditStore, f.audit, Optional.empty(),
                Map.of("csv", new CsvAuditExporter(), "pdf", new PdfAuditExporter(f.clock)), f.login::current);
        plant = new TelemetryFixture(Clock.systemDefaultZone());
        UiServices services = new UiServices(plant.hub, plant.pipeline, plant.source, plant.clock,
                dir.resolve("exports"), Optional.empty(), Optional.of(f.login),
                java.util.List.of(new io.plantconsole.audit.AuditFeature(Optional.of(audit), f.login::current, false)));
        factory = ControllerFactory.standard(services);
        ControllerFactory.Loaded<AuditController> loaded = factory.load("/fxml/audit/Audit.fxml");
        controller = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1280, 780);
        scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
        controller.onShow();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(controller::dispose);
        factory.close();
        plant.close();
        f.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static TableView<EventRow> table(FxRobot robot) {
        return robot.lookup("#eventsTable").queryTableView();
    }

    private static void screenshot(FxRobot robot, Node any, String name) {
        String folder = System.getenv("AUDIT_SCREENSHOT_DIR");
        if (folder == null || folder.isBlank()) {
            return;
        }
        robot.interact(() -> {
            try {
                io.plantconsole.ui.PngExport.write(any.getScene().snapshot(null), Path.of(folder, name));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aQaManagerFiltersVerifiesExportsAndSeesATamperedChainAsBroken(FxRobot robot) throws Exception {
        TableView<EventRow> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(EventRow::action)
                .containsExactly("PASSWORD_CHANGED", "LOGIN", "CREATE");
        assertThat(text(robot, "#chainBadge")).contains("NOT VERIFIED");

        // the hash column shows 12 characters, the full hash in the tooltip; time has the UTC tooltip
        List<TableCell<?, ?>> hashCells = robot.lookup((Node n) -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && "Hash".equals(c.getTableColumn().getText()) && !c.isEmpty()
                && c.getItem() != null).queryAll().stream().<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).toList();
        assertThat(hashCells).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getText()).hasSize(12);
            assertThat(c.getTooltip().getText()).hasSize(64).startsWith(c.getText());
        });
        assertThat(robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                && "Time (local)".equals(c.getTableColumn().getText()) && c.getItem() != null).queryAll())
                .allSatisfy(n -> assertThat(((TableCell<?, ?>) n).getTooltip().getText()).endsWith(" UTC"));

        // filter by action
        ComboBox<String> action = robot.lookup("#actionCombo").queryComboBox();
        robot.interact(() -> action.setValue("LOGIN"));
        robot.clickOn("#applyButton");
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).action()).isEqualTo("LOGIN");
        assertThat(table.getItems().get(0).user()).isEqualTo("quinn");
        robot.clickOn("#clearButton");
        waitUntil(() -> table.getItems().size() == 3);

        // central copy: no central database
        Button central = robot.lookup("#verifyCentralButton").queryButton();
        assertThat(central.isDisabled()).isTrue();
        assertThat(central.getTooltip().getText()).isEqualTo(AuditViewModel.CENTRAL_NOT_CONFIGURED);

        // verify local: intact (the verification is audited, so the table reloads with a VERIFY event on top)
        robot.clickOn("#verifyLocalButton");
        waitUntil(() -> text(robot, "#chainTextLabel").startsWith("Chain intact"));
        waitUntil(() -> table.getItems().size() == 4);
        assertThat(text(robot, "#chainTextLabel")).startsWith("Chain intact: 3 events (local)");
        assertThat(text(robot, "#chainBadge")).isEqualTo("✔ INTACT");
        robot.interact(() -> table.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#detailTitleLabel")).startsWith("Event 1: CREATE user_account");
        TableView<DetailRow> detail = robot.lookup("#detailTable").queryTableView();
        assertThat(detail.getItems()).extracting(DetailRow::field)
                .contains("prev_hash", "hash", "change: username", "time (UTC)");
        screenshot(robot, table, "screenshot-audit.png");

        // export CSV and PDF through the file-chooser hook
        Path out = dir.resolve("exports-chosen");
        AtomicReference<String> offered = new AtomicReference<>();
        controller.fileChooser = name -> {
            offered.set(name);
            return Optional.of(out.resolve(name));
        };
        int shown = table.getItems().size();
        robot.clickOn("#exportCsvButton");
        waitUntil(() -> text(robot, "#messageLabel").startsWith("Exported"));
        assertThat(offered.get()).matches("audit-\\d{8}-\\d{4}\\.csv");
        Path csv = out.resolve(offered.get());
        assertThat(text(robot, "#messageLabel")).isEqualTo("Exported " + shown + " events to " + csv.toAbsolutePath());
        List<List<String>> rows = CsvReader.read(csv);
        assertThat(rows).hasSize(1 + shown);
        assertThat(rows.get(0)).first().isEqualTo("seq");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(6))
                .containsExactly("VERIFY", "PASSWORD_CHANGED", "LOGIN", "CREATE");

        waitUntil(() -> table.getItems().size() == shown + 1);
        robot.interact(() -> controller.viewModel().filter().actionProperty().set("LOGIN"));
        robot.clickOn("#applyButton");
        waitUntil(() -> table.getItems().size() == 1);
        String user = table.getItems().get(0).event().userId();
        robot.clickOn("#exportPdfButton");
        waitUntil(() -> text(robot, "#messageLabel").endsWith(".pdf"));
        assertThat(text(robot, "#messageLabel")).startsWith("Exported 1 event to ");
        Path pdf = out.resolve(offered.get());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String pdfText = new PDFTextStripper().getText(doc);
            assertThat(pdfText).contains("Audit log - Action LOGIN, newest 500").contains("LOGIN")
                    .contains(user.substring(0, 19)).contains("Page 1 of 1");
        }
        String folder = System.getenv("AUDIT_SCREENSHOT_DIR");
        robot.clickOn("#clearButton");
        waitUntil(() -> table.getItems().size() == 6);
        if (folder != null && !folder.isBlank()) {
            // a fuller export for the documentation picture
            robot.clickOn("#exportPdfButton");
            waitUntil(() -> text(robot, "#messageLabel").startsWith("Exported 6 events"));
            Files.copy(out.resolve(offered.get()), Path.of(folder, "audit-export.pdf"),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        // tamper in SQL: the next verification says where and how the chain broke
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.store.file());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_event SET reason = 'x' WHERE seq = 2");
        }
        robot.clickOn("#verifyLocalButton");
        waitUntil(() -> text(robot, "#chainTextLabel").startsWith("Chain BROKEN"));
        assertThat(text(robot, "#chainTextLabel")).startsWith("Chain BROKEN at event 2 (ALTERED): ");
        assertThat(text(robot, "#chainBadge")).isEqualTo("✖ BROKEN");
        assertThat(robot.lookup("#chainBanner").query().getPseudoClassStates())
                .extracting(Object::toString).contains("broken");
        waitUntil(() -> table.getItems().stream().filter(r -> r.event().seq() == 2).findFirst()
                .map(r -> "x".equals(r.reason())).orElse(false));
        robot.interact(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).event().seq() == 2) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, table, "screenshot-audit-broken.png");
    }

    @Test
    void anOperatorIsRefusedByTheServiceAndTheScreenSaysSoInWords(FxRobot robot) throws Exception {
        TableView<EventRow> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);
        f.login.logout();
        f.signedIn("otto", Role.OPERATOR);
        robot.interact(controller::onShow);
        waitUntil(() -> text(robot, "#messageLabel").startsWith("Access denied"));
        assertThat(text(robot, "#messageLabel")).isEqualTo("Access denied: An Operator may not view the audit log:"
                + " this needs the role QA Manager or Admin.");
        Button export = robot.lookup("#exportCsvButton").queryButton();
        assertThat(export.isDisabled()).isTrue();
        assertThat(export.getTooltip().getText()).startsWith("Disabled: An Operator may not export the audit log");
        assertThat(robot.lookup("#verifyLocalButton").queryButton().isDisabled()).isTrue();
    }
}
