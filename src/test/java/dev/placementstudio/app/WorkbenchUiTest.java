package dev.placementstudio.app;

import dev.placementstudio.TestFiles;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.model.ComputeHost;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The workbench driven through its real controls, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {
    /** The previous test's app: stopped, so that its autosave cannot leave a recovery copy that asks "Recover?" here. */
    private static StudioApp previous;
    private StudioApp app;

    @Start
    void start(Stage stage) {
        if (previous != null) {
            previous.stop();
        }
        System.setProperty("user.home", System.getProperty("java.io.tmpdir") + "/ps-ui-home");
        // each test starts clean: no recovery copies (an earlier test's autosave would ask "Recover?")
        Path recovery = Path.of(System.getProperty("user.home"), ".placement-studio", "recovery");
        try (var files = Files.exists(recovery) ? Files.list(recovery) : java.util.stream.Stream.<Path>empty()) {
            files.forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        app = new StudioApp();
        previous = app;
        app.start(stage); // opens sample-clouds/teaching-small.json from the working directory, if present
    }

    private void openSample(FxRobot robot) throws Exception {
        Path sample = TestFiles.sample("teaching-small");
        robot.interact(() -> app.open(sample, null));
        // both opens (the start-up one and this) have landed, and the usage is the last model's
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> app.wb.idle()) && app.wb.model.get() != null
                && app.wb.model.get().hosts().size() == 8 && app.tree.tree.getRoot() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The inspector's row of that name (rows are rebuilt on every selection: look again after one). */
    private PropertySheet.Item sheetItem(String name) {
        return app.inspector.sheet.getItems().stream().filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
    }

    private static TreeItem<ModelTree.Entry> find(TreeItem<ModelTree.Entry> item, String label) {
        if (item.getValue() != null && item.getValue().label().equals(label)) {
            return item;
        }
        for (TreeItem<ModelTree.Entry> c : item.getChildren()) {
            TreeItem<ModelTree.Entry> f = find(c, label);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Test
    void selectingAHostInTheTreeSelectsItInTheDiagramAndInspector(FxRobot robot) throws Exception {
        openSample(robot);
        assertThat(app.tree.tree.getRoot().getChildren()).extracting(i -> i.getValue().label()).contains("cell1", "cell2");
        robot.interact(() -> app.tree.tree.getSelectionModel().select(find(app.tree.tree.getRoot(), "cn-3")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.selectedHost.get()).isEqualTo("cn-3");
        assertThat(app.diagram.boxOf("cn-3")).isNotNull();
        assertThat(app.inspector.sheet.getItems()).extracting(PropertySheet.Item::getName).contains("Status", "cpu_allocation_ratio");
        assertThat(app.placement.text.getText()).contains("cn-3  uuid=").contains("HW_NUMA_ROOT");
        // and back: clicking a card selects it in the tree
        var box = app.diagram.boxOf("cn-6");
        double[] at = app.diagram.toScreen(box.x() + box.w() / 2, box.y() + box.h() / 2);
        var p = app.diagram.localToScreen(at[0], at[1]);
        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.selectedHost.get()).isEqualTo("cn-6");
        assertThat(app.tree.tree.getSelectionModel().getSelectedItem().getValue().label()).isEqualTo("cn-6");
    }

    @Test
    void anInspectorEditIsValidatedAppliedAndUndone(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.wb.selectedHost.set("cn-2"));
        WaitForAsyncUtils.waitForFxEvents();
        PropertySheet.Item ratio = sheetItem("cpu_allocation_ratio");
        double before = app.wb.model().host("cn-2").map(h -> h.allocationRatios().cpu()).orElseThrow();
        robot.interact(() -> ratio.setValue(2.0));
        assertThat(app.wb.model().host("cn-2").map(h -> h.allocationRatios().cpu())).contains(2.0);
        assertThat(app.wb.dirty.get()).isTrue();
        assertThat(robot.lookup(".menu-bar").tryQuery()).isPresent();
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-2").map(h -> h.allocationRatios().cpu())).contains(before);
        // an invalid edit is refused with the reason, the model unchanged
        robot.interact(() -> app.wb.selectedHost.set("cn-2"));
        PropertySheet.Item ratio2 = sheetItem("cpu_allocation_ratio");
        robot.interact(() -> ratio2.setValue(-3.0));
        assertThat(app.inspector.error.getText()).startsWith("Refused");
        assertThat(app.wb.model().host("cn-2").map(h -> h.allocationRatios().cpu())).contains(before);
    }

    @Test
    void aQueryLightsItsCandidatesAndABadQueryShowsPlacementsMessage(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.query.setQuery("resources=VCPU:1,MEMORY_MB:512&required=HW_CPU_X86_AVX512F"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.wb.highlighted.isEmpty());
        assertThat(app.query.results.getItems()).isNotEmpty();
        assertThat(app.wb.highlighted).doesNotContain("cn-8");
        robot.interact(() -> app.query.setQuery("resources=VCPU:0"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.query.summary.getText().startsWith("400"));
        assertThat(app.query.summary.getText()).contains("requires amount >= 1");
        assertThat(app.wb.highlighted).isEmpty();
    }

    @Test
    void savingAndReopeningKeepsTheModel(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        Path db = dir.resolve("saved.db");
        robot.interact(() -> app.wb.apply("Disable cn-1", m -> {
            var hosts = new java.util.ArrayList<>(m.hosts());
            hosts.set(0, hosts.get(0).withStatus(dev.placementstudio.model.HostStatus.DISABLED));
            return m.withHosts(hosts);
        }));
        robot.interact(() -> app.wb.save(db, null, e -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.wb.dirty.get());
        assertThat(ModelFiles.open(db).host("cn-1").map(ComputeHost::status)).contains(dev.placementstudio.model.HostStatus.DISABLED);
        robot.interact(() -> app.open(db, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> db.equals(app.wb.file.get()));
        assertThat(app.wb.model().host("cn-1").map(ComputeHost::status)).contains(dev.placementstudio.model.HostStatus.DISABLED);
    }

    @Test
    void theDiagramDrawsRacksAndAggregatesAndAHostDroppedOnThemMovesThereUndoably(FxRobot robot) throws Exception {
        openSample(robot);
        var m = app.wb.model();
        // every host sits inside its rack's block, and the block is inside its cell
        for (var h : m.hosts()) {
            double[] r = app.diagram.rackOnScreen(h.cell(), h.rack());
            assertThat(r).as(h.hostname() + "'s rack block").isNotNull();
            var b = app.diagram.boxOf(h.hostname());
            double[] corner = app.diagram.toScreen(b.x(), b.y());
            double[] far = app.diagram.toScreen(b.x() + b.w(), b.y() + b.h());
            assertThat(corner[0]).isGreaterThanOrEqualTo(r[0]);
            assertThat(corner[1]).isGreaterThanOrEqualTo(r[1]);
            assertThat(far[0]).isLessThanOrEqualTo(r[0] + r[2] + 1e-6);
            assertThat(far[1]).isLessThanOrEqualTo(r[1] + r[3] + 1e-6);
            assertThat(app.diagram.cellAt(r[0] + 2, r[1] + 2)).isEqualTo(h.cell());
        }
        // each aggregate has a chip in its own colour
        for (var a : m.aggregates()) {
            assertThat(app.diagram.aggregateOnScreen(a.name())).as(a.name()).isNotNull();
            assertThat(app.diagram.aggregateColor(a.name())).isNotNull();
        }
        assertThat(m.aggregates().stream().map(a -> app.diagram.aggregateColor(a.name())).distinct().count())
                .isEqualTo(m.aggregates().size());
        // a card's title strip is the handle a host is dragged by
        robot.interact(() -> {
            app.diagram.zoomAt(0, 0, 1.0 / app.diagram.scale());
        });
        double[] handle = app.diagram.titleOnScreen("cn-1");
        assertThat(app.diagram.hostByTitleAt(handle[0], handle[1])).isEqualTo("cn-1");
        var cn1 = m.host("cn-1").orElseThrow();
        // dropped on the other cell's one-host rack: it moves to that rack and that cell, one edit
        String otherRack = m.hosts().stream().filter(h -> h.cell().equals("cell2")).map(h -> h.rack())
                .filter(r -> m.hosts().stream().filter(h -> r.equals(h.rack())).count() == 1).findFirst().orElseThrow();
        double[] r = app.diagram.rackOnScreen("cell2", otherRack);
        assertThat(app.diagram.rackAt(r[0] + r[2] / 2, r[1] + 4)).containsExactly("cell2", otherRack);
        robot.interact(() -> assertThat(app.diagram.drop("host:cn-1", r[0] + r[2] / 2, r[1] + 4)).isTrue());
        var moved = app.wb.model().host("cn-1").orElseThrow();
        assertThat(moved.cell()).isEqualTo("cell2");
        assertThat(moved.rack()).isEqualTo(otherRack);
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move host cn-1 to rack " + otherRack + " in cell2");
        assertThat(app.diagram.rackOnScreen("cell2", otherRack)).as("the diagram is laid out again").isNotNull();
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-1").orElseThrow().cell()).isEqualTo(cn1.cell());
        assertThat(app.wb.model().host("cn-1").orElseThrow().rack()).isEqualTo(cn1.rack());
        // dropped on an aggregate's chip: it joins the aggregate
        String agg = m.aggregates().stream().map(a -> a.name()).filter(a -> !cn1.aggregates().contains(a)
                && m.aggregate(a).orElseThrow().availabilityZone() == null).findFirst().orElseThrow();
        double[] chip = app.diagram.aggregateOnScreen(agg);
        assertThat(app.diagram.aggregateAt(chip[0], chip[1])).isEqualTo(agg);
        robot.interact(() -> assertThat(app.diagram.drop("host:cn-1", chip[0], chip[1])).isTrue());
        assertThat(app.wb.model().host("cn-1").orElseThrow().aggregates()).contains(agg);
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-1").orElseThrow().aggregates()).doesNotContain(agg);
    }

    @Test
    void theTreeFillsAHostsRowsWhenOpenedAndRedrawsBadgesWithoutRebuilding(FxRobot robot) throws Exception {
        openSample(robot);
        var root = app.tree.tree.getRoot();
        var cell1 = root.getChildren().get(0);
        var cn3 = cell1.getChildren().stream().filter(i -> i.getValue().label().equals("cn-3")).findFirst().orElseThrow();
        assertThat(cn3.isLeaf()).isFalse();
        // its NUMA nodes, PFs and instance are rows once it is looked into
        assertThat(cn3.getChildren()).extracting(i -> i.getValue().kind()).contains("numa", "pf", "instance");
        // a new usage redraws the badges on screen; the tree is not built again
        var u = app.wb.usage.get();
        java.util.Map<String, java.util.Map<String, long[]>> byHost = new java.util.LinkedHashMap<>();
        u.byHost().forEach((h, m) -> {
            java.util.Map<String, long[]> copy = new java.util.LinkedHashMap<>();
            m.forEach((rc, cu) -> copy.put(rc, h.equals("cn-1") && rc.equals("VCPU") ? new long[]{cu[0], cu[0], cu[2]} : cu.clone()));
            byHost.put(h, copy);
        });
        robot.interact(() -> app.wb.usage.set(new Workbench.Usage(u.engine(), byHost, u.byProvider(), u.computedFor())));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".badge").queryAllAs(javafx.scene.control.Label.class)
                .stream().anyMatch(l -> l.getText().startsWith("cpu 100%")));
        assertThat(app.tree.tree.getRoot()).isSameAs(root);
    }

    @Test
    void droppingAHostIntoAnotherCellMovesItAndUndoPutsItBack(FxRobot robot) throws Exception {
        openSample(robot);
        assertThat(app.wb.model().host("cn-1").orElseThrow().cell()).isEqualTo("cell1");
        // the drop target: the cell2 region of the diagram, as a drop there would find it
        var cn5 = app.diagram.boxOf("cn-5");
        double[] inCell2 = app.diagram.toScreen(cn5.x(), cn5.y() - 5);
        assertThat(app.diagram.cellAt(inCell2[0], inCell2[1])).isEqualTo("cell2");
        robot.interact(() -> app.moveHost("cn-1", "cell2"));
        assertThat(app.wb.model().host("cn-1").orElseThrow().cell()).isEqualTo("cell2");
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move host cn-1 to cell2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find(app.tree.tree.getRoot().getChildren().get(1), "cn-1")).as("now under cell2 in the tree").isNotNull();
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-1").orElseThrow().cell()).isEqualTo("cell1");
        // a move that breaks the model is refused and nothing changes
        robot.interact(() -> assertThat(app.moveHost("cn-1", "no-such-cell")).isNotNull());
        assertThat(app.wb.model().host("cn-1").orElseThrow().cell()).isEqualTo("cell1");
    }

    @Test
    void droppingAFlavorOnAHostAnswersWhetherItFitsAndLightsWhereElse(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.askFits("m1.small", "cn-2"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.lastFitAnswer != null && !app.wb.highlighted.isEmpty());
        assertThat(app.lastFitAnswer).startsWith("m1.small fits on cn-2");
        assertThat(app.wb.highlighted).contains("cn-2").doesNotContain("cn-8");
        app.lastFitAnswer = null;
        robot.interact(() -> app.askFits("m1.small", "cn-8")); // disabled: Placement's request filter drops it
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.lastFitAnswer != null);
        assertThat(app.lastFitAnswer).startsWith("m1.small does not fit on cn-8");
    }

    @Test
    void whyHereAndWhyNoValidHost(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.why.run("m1.large"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.why.verdict.getText().startsWith("Lands on"));
        assertThat(app.why.report.getText()).contains("Funnel").contains("Ranking").contains("Selection:");
        String chosen = app.why.verdict.getText().substring("Lands on ".length()).split(",")[0].strip();
        assertThat(app.wb.highlighted).contains(chosen);
        assertThat(app.wb.selectedHost.get()).isEqualTo(chosen);
        // affinity group "db": every host but the members' is dropped, outlined on the diagram with its reason
        robot.interact(() -> app.why.group.setValue("db"));
        robot.interact(() -> app.why.run("m1.small"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.wb.dropped.isEmpty());
        assertThat(app.wb.dropped.values()).allSatisfy(r -> assertThat(r).startsWith("ServerGroupAffinityFilter: affinity"));
        // a flavor dropped on a host that fits nowhere opens "Why no valid host?"
        robot.interact(() -> app.why.group.setValue(null));
        robot.interact(() -> app.wb.apply("Add a huge flavor", m -> {
            var f = new java.util.ArrayList<>(m.flavors());
            f.add(new dev.placementstudio.model.Flavor("m1.enormous", 4096, 8_388_608, 1, java.util.Map.of()));
            return m.withFlavors(f);
        }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.wb.usage.get() != null
                && app.wb.usage.get().engine() != null && app.why.flavor.getItems().contains("m1.enormous"));
        Thread.sleep(300);
        robot.interact(() -> app.askFits("m1.enormous", "cn-2"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.why.verdict.getText().startsWith("No valid host"));
        assertThat(app.why.verdict.getText()).contains("placement: Placement returned no allocation candidates");
        assertThat(app.bottom.getSelectionModel().getSelectedIndex()).isEqualTo(1);
    }

    @Test
    void anInstancesWhyHereExplainsItsRequest(FxRobot robot) throws Exception {
        openSample(robot);
        var inst = app.wb.model().instances().stream().filter(i -> i.host() != null && app.wb.model().host(i.host()).isPresent())
                .findFirst().orElseThrow();
        robot.interact(() -> app.tree.tree.getSelectionModel().select(find(app.tree.tree.getRoot(), inst.name())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.selectedInstance.get()).isEqualTo(inst.name());
        assertThat(app.wb.selectedHost.get()).isEqualTo(inst.host());
        assertThat(app.inspector.whyHere.isVisible()).isTrue();
        assertThat(app.inspector.sheet.getItems()).extracting(PropertySheet.Item::getName).contains("Flavor");
        robot.interact(app.inspector.whyHere::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.why.verdict.getText().startsWith(inst.name() + " is on"));
        assertThat(app.why.report.getText()).contains("Funnel");
        assertThat(app.bottom.getSelectionModel().getSelectedIndex()).isEqualTo(1);
    }

    @Test
    void theRunDialogStartsARunThatPlaysBack(FxRobot robot) throws Exception {
        openSample(robot);
        javafx.application.Platform.runLater(app::askRun);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        var content = (javafx.scene.layout.VBox) pane.getContent();
        assertThat(pane.getHeaderText()).startsWith("Simulate a workload on");
        javafx.scene.control.Button runButton = (javafx.scene.control.Button) pane.lookupButton(RunDialog.RUN);
        // a bad seed is refused in the dialog, which stays open with the reason
        robot.interact(() -> {
            RunDialog dialog = dialogOf(content);
            dialog.workload.setValue(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString());
            dialog.seed.setText("seven");
            runButton.fire();
        });
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isPresent();
        assertThat(dialogOf(content).problem.getText()).contains("seed");
        robot.interact(() -> {
            RunDialog dialog = dialogOf(content);
            dialog.seed.setText("7");
            dialog.era.setValue("pike");
            dialog.maxAttempts.getValueFactory().setValue(2);
            runButton.fire();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.simulation.log.isEmpty() && !app.simulation.running.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        assertThat(app.simulation.era.getValue()).isEqualTo("pike");
        assertThat(app.simulation.maxAttempts.getValue()).isEqualTo(2);
        assertThat(app.simulation.summary.getText()).contains("112 requested");
        assertThat(app.bottom.getSelectionModel().getSelectedItem().getText()).isEqualTo("Simulation");
        // step to the first claim: its host is lit on the diagram
        var log = app.simulation.log;
        int claimed = 0;
        while (log.get(claimed).type() != dev.placementstudio.sim.EventType.CLAIMED) {
            claimed++;
        }
        int c = claimed;
        robot.interact(() -> app.simulation.show(c - 1));
        robot.interact(app.simulation.forward::fire);
        assertThat(app.wb.highlighted).containsExactly(log.get(c).host());
    }

    @Test
    void theRequestTravelsAlongTheServiceStrip(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> {
            app.simulation.workload.setValue(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString());
            app.simulation.run();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.simulation.log.isEmpty() && !app.simulation.running.get());
        robot.interact(() -> app.bottom.getSelectionModel().select(2));
        var log = app.simulation.log;
        int boot = 0;
        while (log.get(boot).type() != dev.placementstudio.sim.EventType.BOOT_REQUESTED) {
            boot++;
        }
        int called = boot;
        while (log.get(called).type() != dev.placementstudio.sim.EventType.SCHEDULER_CALLED) {
            called++;
        }
        int b = boot;
        int c = called;
        robot.interact(() -> app.simulation.show(b));
        WaitForAsyncUtils.waitForFxEvents();
        // a boot enters at the API and goes on to the super-conductor
        assertThat(app.simulation.requestDot.isVisible()).isTrue();
        assertThat(app.simulation.requestDot.getUserData()).isEqualTo("super-conductor");
        robot.interact(() -> app.simulation.show(c));
        // the scheduler is called and asks Placement: the dot ends at Placement, right of where it was
        assertThat(app.simulation.requestDot.getUserData()).isEqualTo("Placement");
        Thread.sleep(700); // the hops take 220 ms each
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node placement = app.simulation.stages.getChildren().stream()
                .filter(n -> "Placement".equals(n.getUserData())).findFirst().orElseThrow();
        double centre = placement.getBoundsInParent().getMinX() + placement.getBoundsInParent().getWidth() / 2;
        assertThat(app.simulation.requestDot.getCenterX()).isCloseTo(centre, org.assertj.core.data.Offset.offset(0.5));
    }

    /** The RunDialog whose content this is. */
    private static RunDialog dialogOf(javafx.scene.layout.VBox content) {
        return (RunDialog) content.getProperties().get(RunDialog.class);
    }

    @Test
    void aSimulationRunsAndPlaysBackOnTheDiagram(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> {
            app.simulation.workload.setValue(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString());
            app.simulation.seed.setText("7");
            app.simulation.run();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.simulation.log.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.simulation.events.getItems()).hasSameSizeAs(app.simulation.log);
        assertThat(app.simulation.summary.getText()).contains("112 requested");
        var log = app.simulation.log;
        int claimed = -1;
        int filtered = -1;
        int noHost = -1;
        for (int i = 0; i < log.size(); i++) {
            var e = log.get(i);
            if (claimed < 0 && e.type() == dev.placementstudio.sim.EventType.CLAIMED) {
                claimed = i;
            }
            if (filtered < 0 && e.type() == dev.placementstudio.sim.EventType.FILTERED
                    && !((dev.placementstudio.sim.SimEvent.Filtered) e).dropped().isEmpty()) {
                filtered = i;
            }
            if (noHost < 0 && e.type() == dev.placementstudio.sim.EventType.ERRORED
                    && String.valueOf(e.reason()).startsWith("NoValidHost")) {
                noHost = i;
            }
        }
        int c = claimed;
        robot.interact(() -> app.simulation.show(c));
        assertThat(app.wb.highlighted).containsExactly(log.get(c).host());
        assertThat(app.simulation.timeline.getValue()).isEqualTo(c);
        assertThat(app.wb.flow.get()).as("a jump shows the result, it does not flow").isNull();
        // stepping onto the claim: its allocation flows into the host's bars, from before to after
        String claimHost = log.get(c).host();
        double[] mid = new double[3];
        java.util.List<String> flowing = new java.util.ArrayList<>();
        robot.interact(() -> {
            app.simulation.show(c - 1);
            app.simulation.show(c);
            app.diagram.redraw();
            flowing.addAll(app.diagram.flowingHosts);
            long[] ft = app.wb.flow.get().ofHost(claimHost, "VCPU");
            mid[0] = ft[0];
            mid[1] = ft[1];
            mid[2] = app.diagram.shownUsed(claimHost, "VCPU");
        });
        assertThat(mid[1]).as("VCPU after the claim").isGreaterThan(mid[0]);
        assertThat(mid[1]).isEqualTo(app.wb.usage.get().of(claimHost, "VCPU")[1]);
        assertThat(mid[2]).as("the bar starts from where it stood").isBetween(mid[0], mid[1]).isLessThan(mid[1]);
        // a ceph host (Nova's DiskWeigher sees its pool's 20 TB) takes its disk from the shared pool: it flows too
        flowing.remove("ceph-pool");
        assertThat(flowing).containsExactly(claimHost);
        Thread.sleep((long) (UsageFlow.SECONDS * 1000) + 200);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.diagram.shownUsed(claimHost, "VCPU")).as("the flow has landed").isEqualTo(mid[1]);
        robot.interact(() -> app.diagram.redraw());
        assertThat(app.diagram.flowingHosts).isEmpty();
        int f = filtered;
        robot.interact(() -> app.simulation.show(f));
        assertThat(app.wb.dropped).isNotEmpty();
        robot.interact(app.simulation.forward::fire);
        assertThat(app.simulation.cursor()).isEqualTo(f + 1);
        assertThat(noHost).as("the busy day asks for two bm.gold on one node").isGreaterThanOrEqualTo(0);
        int n = noHost;
        robot.interact(() -> app.simulation.show(n));
        // the replayed usage per provider (what the cards' insides draw) adds up to the usage per host
        var shown = app.wb.usage.get();
        long busy = 0;
        for (var host : shown.byHost().entrySet()) {
            for (var rc : host.getValue().entrySet()) {
                long sum = shown.byProvider().entrySet().stream()
                        .filter(p -> p.getKey().equals(host.getKey()) || p.getKey().startsWith(host.getKey() + "_"))
                        .mapToLong(p -> p.getValue().containsKey(rc.getKey()) ? p.getValue().get(rc.getKey())[1] : 0).sum();
                assertThat(sum).as(host.getKey() + " " + rc.getKey()).isEqualTo(rc.getValue()[1]);
                busy += sum;
            }
        }
        assertThat(busy).isPositive();
        assertThat(app.simulation.whyNoHost.isVisible()).isTrue();
        robot.interact(app.simulation.whyNoHost::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.why.verdict.getText().startsWith("Lands on")
                || app.why.verdict.getText().startsWith("No valid host"));
        assertThat(app.bottom.getSelectionModel().getSelectedIndex()).isEqualTo(1);
    }

    @Test
    void aScenarioOpensFromTheLearnMenuAndItsNarrativeAdvancesWithHighlights(FxRobot robot) throws Exception {
        openSample(robot);
        // the Learn menu lists every scenario; its titles arrive from a background read
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.learn.getItems().get(2).getText().startsWith("3. "));
        assertThat(app.learn.getItems().stream().filter(i -> i.getId() != null && i.getId().startsWith("learn-")))
                .hasSize(dev.placementstudio.io.ScenarioFiles.builtInNames().size());
        String title = dev.placementstudio.io.ScenarioFiles.builtIn("alternates-retry").title();
        robot.clickOn("Learn");
        robot.clickOn("3. " + title);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.card.step.get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.card.isVisible()).isTrue();
        assertThat(app.wb.model().name()).isEqualTo("alternates");
        assertThat(app.card.title.getText()).isEqualTo(title);
        assertThat(app.card.stepTitle.getText()).startsWith("Step 1 of 7");
        assertThat(app.simulation.log).isNotEmpty();
        assertThat(app.wb.file.get()).as("a scenario is not a file to save over").isNull();
        // Next, Next, Next: the build on cn-1 fails; the playback is at that event and cn-1 is lit
        for (int i = 0; i < 3; i++) {
            robot.clickOn(app.card.next);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.card.stepTitle.getText()).startsWith("Step 4 of 7");
        var event = app.simulation.log.get(app.simulation.cursor());
        assertThat(event.type().label()).isEqualTo("build_failed");
        assertThat(app.wb.highlighted).contains("cn-1", "cell1");
        assertThat(app.wb.selectedHost.get()).isEqualTo("cn-1");
        // the usage shown is the run's at that event: cn-1 still holds the instance before the unclaim
        assertThat(app.wb.usage.get().of("cn-1", "VCPU")[1]).isEqualTo(2);
        // Next: the conductor's claim on the alternate; cn-1 is free again, cn-2 holds the instance
        robot.clickOn(app.card.next);
        robot.clickOn(app.card.next);
        WaitForAsyncUtils.waitForFxEvents();
        var claimed = app.simulation.log.get(app.simulation.cursor());
        assertThat(claimed.type().label()).isEqualTo("claimed");
        assertThat(((dev.placementstudio.sim.SimEvent.Claimed) claimed).by()).isEqualTo("conductor");
        assertThat(app.wb.highlighted).contains("cn-2").doesNotContain("cn-1");
        assertThat(app.card.text.getText()).contains("cn-2");
        assertThat(app.wb.usage.get().of("cn-1", "VCPU")[1]).isZero();
        assertThat(app.wb.usage.get().of("cn-2", "VCPU")[1]).isEqualTo(2);
        // the retry is drawn as an arrow from the failed host to the alternate
        assertThat(app.wb.arrows).hasSize(1);
        assertThat(app.wb.arrows.get(0)).containsExactly("cn-1", "cn-2", "retry");
        // Back goes back; the playback moving on advances the card
        robot.clickOn(app.card.back);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.card.step.get()).isEqualTo(4);
        int active = app.simulation.log.size() - 1;
        robot.interact(() -> app.simulation.show(active));
        assertThat(app.card.step.get()).isEqualTo(6);
        assertThat(app.card.next.isDisabled()).isTrue();
        robot.clickOn(app.card.close);
        assertThat(app.card.isVisible()).isFalse();
    }

    @Test
    void aCellGoingDownInThePlaybackShowsOnTheDiagram(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.openScenario("cell-down"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.card.step.get() == 0);
        assertThat(app.wb.downCells).isEmpty();
        robot.interact(() -> app.card.go(1)); // cell2 goes down
        assertThat(app.wb.downCells).containsExactly("cell2");
        assertThat(app.wb.highlighted).contains("cell2");
        robot.interact(() -> app.card.go(2)); // new servers go to cell1 while it is down
        assertThat(app.wb.downCells).containsExactly("cell2");
        robot.interact(() -> app.card.go(4)); // cell2 comes back
        assertThat(app.wb.downCells).isEmpty();
        robot.interact(() -> app.card.go(1));
        assertThat(app.wb.downCells).containsExactly("cell2");
    }

    @Test
    void aMigrationIsDrawnFromItsSourceToItsDestination(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.openScenario("migration-consumer"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.card.step.get() == 0);
        robot.interact(() -> app.card.go(2)); // the instance claims the destination
        var claimed = app.simulation.log.get(app.simulation.cursor());
        assertThat(app.wb.arrows).hasSize(1);
        assertThat(app.wb.arrows.get(0)).containsExactly("cn-1", claimed.host(), "migration");
        // both hosts hold resources: the source under the migration, the destination under the instance
        assertThat(app.wb.usage.get().of("cn-1", "VCPU")[1]).isEqualTo(1);
        assertThat(app.wb.usage.get().of(claimed.host(), "VCPU")[1]).isEqualTo(4);
        robot.interact(() -> app.card.go(3)); // confirm frees the source
        assertThat(app.wb.usage.get().of("cn-1", "VCPU")[1]).isZero();
        robot.interact(() -> app.card.go(0));
        assertThat(app.wb.arrows).isEmpty();
    }

    @Test
    void aScenarioStepOnTheComparisonRunLoadsThatRun(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.openScenario("pike-multicell-no-upcall"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.card.step.get() == 0);
        var pikeLog = app.simulation.log;
        robot.interact(() -> app.card.go(4)); // "Queens: the same boot, with alternates"
        assertThat(app.card.stepTitle.getText()).contains("[queens run]");
        assertThat(app.simulation.log).isNotSameAs(pikeLog);
        assertThat(app.simulation.era.getValue()).isEqualTo("queens");
        assertThat(app.simulation.log.get(app.simulation.cursor()).type().label()).isEqualTo("selected");
        robot.interact(() -> app.card.go(3)); // back on the pike run: ERROR
        assertThat(app.simulation.log).isSameAs(pikeLog);
        assertThat(app.simulation.log.get(app.simulation.cursor()).type().label()).isEqualTo("errored");
    }

    @Test
    void thePlaybackTagsHostsMarksTheTimelineFiltersTellsTheStoryAndExports(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        robot.interact(() -> {
            app.simulation.workload.setValue(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString());
            app.simulation.seed.setText("7");
            app.simulation.era.setValue("pre-pike");
            app.simulation.schedulers.getValueFactory().setValue(3);
            app.simulation.run();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.simulation.log.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        var log = app.simulation.log;
        long failures = log.stream().filter(e -> SimulationPanel.markerColor(e) != null).count();
        assertThat(failures).isPositive();
        assertThat(app.simulation.markerCount()).isEqualTo((int) failures);
        // a conflict at the compute: the host carries a 409 tag
        int conflict = -1;
        int selected = -1;
        for (int i = 0; i < log.size(); i++) {
            if (conflict < 0 && log.get(i).type() == dev.placementstudio.sim.EventType.CLAIM_CONFLICT) {
                conflict = i;
            }
            if (selected < 0 && log.get(i).type() == dev.placementstudio.sim.EventType.SELECTED) {
                selected = i;
            }
        }
        assertThat(conflict).as("pre-pike with three schedulers races").isGreaterThanOrEqualTo(0);
        int c = conflict;
        robot.interact(() -> app.simulation.show(c));
        assertThat(app.wb.marks.get(log.get(c).host()).text()).isEqualTo("409 conflict");
        assertThat(app.simulation.storyTitle.getText()).startsWith("The story of ");
        assertThat(app.simulation.story.getItems()).anyMatch(l -> l.contains("is refused"));
        int sel = selected;
        robot.interact(() -> app.simulation.show(sel));
        assertThat(app.wb.marks.get(log.get(sel).host()).text()).isEqualTo("chosen");
        // the service strip lights the scheduler; the funnel of that attempt reads from Placement to the weighers
        assertThat(app.simulation.stages.getChildren().stream().filter(n -> n.getStyleClass().contains("stage-on"))
                .map(javafx.scene.Node::getUserData)).containsExactly("scheduler");
        assertThat(app.simulation.funnel.getText()).startsWith("funnel: Placement ").contains(" → weighed ");
        robot.interact(() -> app.simulation.show(c));
        assertThat(app.simulation.stages.getChildren().stream().filter(n -> n.getStyleClass().contains("stage-on"))
                .map(javafx.scene.Node::getUserData)).containsExactlyInAnyOrder("compute", "Placement");
        // after a filter drops hosts, the attempt's next steps dim them; the weighing draws weights as bars
        int dropAt = -1;
        for (int k = 0; k < log.size() && dropAt < 0; k++) {
            if (log.get(k).type() == dev.placementstudio.sim.EventType.FILTERED
                    && !((dev.placementstudio.sim.SimEvent.Filtered) log.get(k)).dropped().isEmpty()) {
                dropAt = k;
            }
        }
        assertThat(dropAt).isGreaterThanOrEqualTo(0);
        var dropEvent = log.get(dropAt);
        int next = dropAt + 1;
        while (!dropEvent.instance().equals(log.get(next).instance())) {
            next++;
        }
        int n = next;
        robot.interact(() -> app.simulation.show(n));
        assertThat(app.wb.dimmed).containsAll(((dev.placementstudio.sim.SimEvent.Filtered) dropEvent).dropped().keySet());
        int weighed = 0;
        while (log.get(weighed).type() != dev.placementstudio.sim.EventType.WEIGHED
                || ((dev.placementstudio.sim.SimEvent.Weighed) log.get(weighed)).top().size() < 2) {
            weighed++;
        }
        int wi = weighed;
        robot.interact(() -> app.simulation.show(wi));
        assertThat(app.wb.weights).isNotEmpty();
        assertThat(app.wb.weights.values()).allMatch(v -> v > 0 && v <= 1).contains(1.0);
        // the filter keeps only matching rows; clicking one jumps the playback to that event
        robot.interact(() -> app.simulation.filter.setText("build_failed"));
        assertThat(app.simulation.events.getItems()).isNotEmpty().allMatch(l -> l.contains("build_failed"));
        robot.interact(() -> app.simulation.events.getSelectionModel().select(1));
        assertThat(log.get(app.simulation.cursor()).type().label()).isEqualTo("build_failed");
        assertThat(app.simulation.events.getItems()).hasSizeLessThan(log.size());
        robot.interact(() -> app.simulation.filter.setText(""));
        assertThat(app.simulation.events.getItems()).hasSize(log.size());
        // the charts follow: counts and use per class over time, with the "now" line at the playback
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.charts.points().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.charts.counts.getData()).extracting(javafx.scene.chart.XYChart.Series::getName)
                .contains("ACTIVE", "ERROR", "retries");
        assertThat(app.charts.usage.getData()).extracting(javafx.scene.chart.XYChart.Series::getName)
                .contains("VCPU", "MEMORY_MB");
        robot.interact(() -> app.simulation.show(sel));
        var now = app.charts.usage.getData().stream().filter(x -> x.getName().equals("now")).findFirst().orElseThrow();
        double expected = log.get(sel).t() / 1000.0;
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !now.getData().isEmpty()
                && now.getData().get(0).getXValue().doubleValue() == expected);
        // export: JSON lines as simulate writes them, and CSV
        Path jsonl = dir.resolve("run.jsonl");
        Path csv = dir.resolve("run.csv");
        robot.interact(() -> {
            try {
                app.simulation.exportTo(jsonl);
                app.simulation.exportTo(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.readAllLines(jsonl)).hasSize(log.size()).first().asString().startsWith("{\"t\": 0");
        var rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(log.size() + 1);
        assertThat(rows.get(0)).isEqualTo("t_ms,seq,type,instance,host,cell,by,reason");
    }

    @Test
    void aRunIsKeptInTheDbAndReplayedWithoutRecomputing(FxRobot robot, @TempDir Path dir) throws Exception {
        Path db = dir.resolve("cloud.db");
        ModelFiles.save(ModelFiles.open(TestFiles.sample("teaching-small")), db, false);
        robot.interact(() -> app.open(db, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> db.equals(app.wb.file.get()) && app.wb.usage.get() != null);
        assertThat(app.simulation.keep.isDisable()).isFalse();
        robot.interact(() -> {
            app.simulation.workload.setValue(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString());
            app.simulation.seed.setText("3");
            app.simulation.era.setValue("pike");
            app.simulation.run();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.simulation.log.isEmpty());
        var made = app.simulation.log.stream().map(dev.placementstudio.io.EventLogJson::line).toList();
        String[] result = {"pending"};
        robot.interact(() -> app.simulation.keepRun("busy pike", r -> result[0] = r));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !"pending".equals(result[0]));
        assertThat(result[0]).isNull();
        var kept = dev.placementstudio.io.store.RunStore.list(db);
        assertThat(kept).extracting(dev.placementstudio.io.store.RunStore.RunInfo::name).containsExactly("busy pike");
        assertThat(kept.get(0).events()).isEqualTo(made.size());
        // the same name again is refused with the reason, and nothing changes
        result[0] = "pending";
        robot.interact(() -> app.simulation.keepRun("busy pike", r -> result[0] = r));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !"pending".equals(result[0]));
        assertThat(result[0]).contains("already kept");
        // replay it: the very same log, without running anything
        robot.interact(() -> app.simulation.load(java.util.List.of(), new dev.placementstudio.sim.Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), null, null));
        robot.interact(() -> app.simulation.openRun("busy pike"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.simulation.log.size() == made.size());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.simulation.log.stream().map(dev.placementstudio.io.EventLogJson::line).toList()).isEqualTo(made);
        assertThat(app.simulation.summary.getText()).startsWith("kept run busy pike: 112 requested");
        assertThat(app.simulation.era.getValue()).isEqualTo("pike");
    }

    @Test
    void twoErasSideBySideOnOneTimeline(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> {
            app.simulation.workload.setValue(TestFiles.root().resolve("sample-clouds/workloads/teaching-busy-day.json").toString());
            app.simulation.seed.setText("7");
            app.simulation.era.setValue("queens");
            app.simulation.compareWith.setValue("pike");
            app.simulation.run();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.simulation.compareLog != null);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.compareWb.usage.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.compareTitle.getText()).startsWith("pike:");
        assertThat(app.simulation.summary.getText()).contains("|   pike: 112 requested");
        var main = app.simulation.log;
        var other = app.simulation.compareLog;
        assertThat(other).isNotEqualTo(main);
        // the comparison diagram follows the timeline by simulated time
        int i = main.size() / 2;
        robot.interact(() -> app.simulation.show(i));
        long t = main.get(i).t();
        int j = Playback.indexAt(other, t);
        assertThat(other.get(j).t()).isLessThanOrEqualTo(t);
        assertThat(j + 1 == other.size() || other.get(j + 1).t() > t).isTrue();
        var tags = dev.placementstudio.sim.EventWords.tags(other.get(j));
        assertThat(app.compareWb.marks.keySet()).isEqualTo(tags.keySet());
        // usage on each side is its own run's: pike ends with more ERRORs, so the two differ somewhere
        robot.interact(() -> app.simulation.show(main.size() - 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.compareWb.usage.get().byHost().keySet()).isEqualTo(app.wb.usage.get().byHost().keySet());
        // the charts overlay the comparison's counts
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.charts.counts.getData().stream()
                .anyMatch(x -> x.getName().equals("ERROR (pike)")));
        // a run without a comparison closes the split
        robot.interact(() -> {
            app.simulation.compareWith.setValue("no comparison");
            app.simulation.run();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.simulation.compareLog == null
                && app.simulation.log != main);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.compareTitle.getScene()).isNull();
    }

    @Test
    void aLongRunShowsProgressAndCanBeCancelled(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"arrivals\": [{\"flavor\": \"m1.small\", \"count\": 400000, \"rate_per_s\": 2000,"
                + " \"lifetime_ms\": 2000}]}");
        robot.interact(() -> {
            app.bottom.getSelectionModel().select(2);
            app.simulation.workload.setValue(big.toString());
            app.simulation.compareWith.setValue("no comparison");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(app.simulation.run::fire);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.simulation.summary.getText().startsWith("Running… t="));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("summary: " + app.simulation.summary.getText() + ", running " + app.simulation.running.get());
        }
        assertThat(app.simulation.run.getText()).isEqualTo("Cancel");
        robot.interact(app.simulation.run::fire);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.simulation.summary.getText().startsWith("Cancelled"));
        assertThat(app.simulation.summary.getText()).contains("ms of simulated time");
        assertThat(app.simulation.run.getText()).isEqualTo("Run simulation");
        assertThat(app.simulation.running.get()).isFalse();
    }

    @Test
    void aWorkloadBuiltInTheFormRunsAndBadFieldsAreNamed(FxRobot robot) throws Exception {
        openSample(robot);
        WorkloadBuilder[] form = new WorkloadBuilder[1];
        robot.interact(() -> form[0] = new WorkloadBuilder(app.wb.model()));
        WorkloadBuilder f = form[0];
        assertThat(f.arrivals).hasSize(1);
        assertThat(f.check()).isTrue();
        // bad fields are named, in words, and the form refuses them
        robot.interact(() -> f.arrivals.get(0).rate.setText("fast"));
        assertThat(f.check()).isFalse();
        assertThat(f.problem.getText()).isEqualTo("flavor line 1: the rate is not a number: 'fast'");
        robot.interact(() -> {
            f.arrivals.get(0).rate.setText("20");
            f.buildFailures.setText("1.5");
        });
        assertThat(f.check()).isFalse();
        assertThat(f.problem.getText()).contains("between 0 and 1");
        // a mix of two flavors, some failures, cell2 down from 2 s to 6 s
        robot.interact(() -> {
            f.buildFailures.setText("0.1");
            f.arrivals.get(0).flavor.setValue("m1.small");
            f.arrivals.get(0).count.getValueFactory().setValue(30);
            f.arrivals.get(0).lifetime.setText("");
            f.arrivals.add(f.new Arrival("m1.large"));
            f.arrivals.get(1).count.getValueFactory().setValue(5);
            f.arrivals.get(1).rate.setText("");
            f.arrivals.get(1).start.setText("3000");
            f.outages.add(f.new CellOutage("cell2"));
            f.outages.get(0).down.setText("2000");
            f.outages.get(0).up.setText("1000");
        });
        assertThat(f.check()).isFalse();
        assertThat(f.problem.getText()).isEqualTo("cell2: it must come back after it goes down");
        robot.interact(() -> f.outages.get(0).up.setText("6000"));
        assertThat(f.check()).isTrue();
        String json = f.toJson();
        var w = dev.placementstudio.io.WorkloadFiles.parse("built", json, app.wb.model());
        assertThat(w.arrivals()).hasSize(2);
        assertThat(w.arrivals().get(1).startMs()).isEqualTo(3000L);
        assertThat(w.events()).extracting(dev.placementstudio.sim.Workload.ScheduledEvent::type).containsExactly("cell-down", "cell-up");
        assertThat(w.faults().buildFailureProbability()).isEqualTo(0.1);
        // used from the panel: written, selected, run
        robot.interact(() -> {
            try {
                app.simulation.useBuilt(json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            app.simulation.compareWith.setValue("no comparison");
            app.simulation.run();
        });
        assertThat(Path.of(app.simulation.workload.getValue())).exists().startsWith(SimulationPanel.builtFolder());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.simulation.summary.getText().startsWith("35 requested"));
        assertThat(app.simulation.log.stream().filter(e -> e.type() == dev.placementstudio.sim.EventType.CELL_DOWN)).hasSize(1);
    }

    @Test
    void theOpenModelIsServedAsAPlacementApiAndStops(FxRobot robot) throws Exception {
        openSample(robot);
        String[] why = {"pending"};
        robot.interact(() -> {
            app.serve.port.setText("0");
            why[0] = app.serve.start();
        });
        assertThat(why[0]).isNull();
        int port = app.serve.servedPort();
        assertThat(port).isPositive();
        assertThat(app.serve.url.getText()).isEqualTo("Serving on http://127.0.0.1:" + port + "/");
        var http = java.net.http.HttpClient.newHttpClient();
        var get = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/resource_providers"))
                .header("OpenStack-API-Version", "placement 1.39").header("x-auth-token", "admin").build();
        var response = http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var providers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("resource_providers");
        int expected = dev.placementstudio.placement.PlacementEngine.fromState(
                dev.placementstudio.model.Projection.project(app.wb.model())).providers().size();
        assertThat(providers.size()).isEqualTo(expected);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.serve.requests.getItems().stream()
                .anyMatch(l -> l.startsWith("GET") && l.contains("/resource_providers") && l.contains(" 200 ")));
        // a client's claim fills its host's bars on the diagram
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var candidates = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/allocation_candidates?resources=VCPU:3,MEMORY_MB:512&limit=1"))
                .header("OpenStack-API-Version", "placement 1.39").header("x-auth-token", "admin").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        var request = candidates.get("allocation_requests").get(0).get("allocations");
        String rp = request.fieldNames().next();
        String host = providers.findValues("uuid").stream().map(com.fasterxml.jackson.databind.JsonNode::asText)
                .filter(rp::equals).findFirst().map(u -> {
                    for (var p : providers) {
                        if (p.get("uuid").asText().equals(u)) {
                            String root = p.get("root_provider_uuid").asText();
                            for (var q : providers) {
                                if (q.get("uuid").asText().equals(root)) {
                                    return q.get("name").asText();
                                }
                            }
                        }
                    }
                    return null;
                }).orElseThrow();
        long before = app.wb.usage.get().of(host, "VCPU")[1];
        var body = json.createObjectNode();
        body.set("allocations", request);
        body.put("project_id", "p").put("user_id", "u").put("consumer_type", "INSTANCE").putNull("consumer_generation");
        var put = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/allocations/" + java.util.UUID.randomUUID()))
                .header("OpenStack-API-Version", "placement 1.39").header("x-auth-token", "admin")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.wb.usage.get().of(host, "VCPU")[1] == before + 3);
        // the claim flowed in from the old count, and its host was tagged; a losing claim (a stale consumer
        // generation) flashes 409 on the host it named
        assertThat(app.wb.flow.get()).isNotNull();
        assertThat(app.wb.flow.get().ofHost(host, "VCPU")).containsExactly(before, before + 3);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.serve.pinnedOn(host) != null);
        assertThat(app.serve.pinnedOn(host).text()).isEqualTo("claimed");
        body.put("consumer_generation", 7);
        var stale = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/allocations/" + java.util.UUID.randomUUID()))
                .header("OpenStack-API-Version", "placement 1.39").header("x-auth-token", "admin")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.serve.pinnedOn(host) != null
                && app.serve.pinnedOn(host).text().equals("409 conflict"));
        assertThat(app.wb.marks.get(host).tone()).isEqualTo(dev.placementstudio.sim.EventWords.Tone.BAD);
        assertThat(app.wb.usage.get().of(host, "VCPU")[1]).as("the loser holds nothing").isEqualTo(before + 3);
        // a bad port is refused in words; stopping closes the port
        robot.interact(app.serve::stop);
        assertThat(app.serve.servedPort()).isEqualTo(-1);
        assertThat(app.wb.usage.get().of(host, "VCPU")[1]).as("the model's own usage is back").isEqualTo(before);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        robot.interact(() -> {
            app.serve.port.setText("eighty");
            why[0] = app.serve.start();
        });
        assertThat(why[0]).contains("from 0 (any free port) to 65535");
    }

    @Test
    void traitsAndAggregatesAreEditedWithAnAutocompleteOfRealNames(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(() -> app.wb.selectedHost.set("cn-1"));
        WaitForAsyncUtils.waitForFxEvents();
        PropertySheet.Item traits = sheetItem("Traits");
        assertThat(traits.isEditable()).isTrue();
        // the field completes the word being typed from os-traits' standard names
        NameListField f = new NameListField(dev.placementstudio.model.StandardNames::traits);
        f.setText("COMPUTE_VOLUME_MULTI_ATTACH, hw_cpu_x86_avx5");
        assertThat(f.suggestions()).contains("HW_CPU_X86_AVX512F").allMatch(t -> t.contains("AVX5"));
        f.complete("HW_CPU_X86_AVX512F");
        assertThat(f.getText()).isEqualTo("COMPUTE_VOLUME_MULTI_ATTACH, HW_CPU_X86_AVX512F");
        assertThat(NameListField.parse(f.getText())).containsExactly("COMPUTE_VOLUME_MULTI_ATTACH", "HW_CPU_X86_AVX512F");
        // an edit with a real trait and a custom one lands, and is undone
        robot.interact(() -> traits.setValue("COMPUTE_VOLUME_MULTI_ATTACH, CUSTOM_RAID1"));
        assertThat(app.wb.model().host("cn-1").orElseThrow().traits()).containsExactly("COMPUTE_VOLUME_MULTI_ATTACH", "CUSTOM_RAID1");
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-1").orElseThrow().traits()).doesNotContain("CUSTOM_RAID1");
        // a name that is no trait is refused with the reason; an unknown aggregate too
        robot.interact(() -> app.wb.selectedHost.set("cn-1"));
        PropertySheet.Item traits2 = sheetItem("Traits");
        robot.interact(() -> traits2.setValue("HW_NOT_A_TRAIT"));
        assertThat(app.inspector.error.getText()).startsWith("Refused").contains("HW_NOT_A_TRAIT");
        assertThat(app.wb.model().host("cn-1").orElseThrow().traits()).doesNotContain("HW_NOT_A_TRAIT");
        robot.interact(() -> app.wb.selectedHost.set("cn-1"));
        PropertySheet.Item aggs = sheetItem("Aggregates");
        robot.interact(() -> aggs.setValue("az1, fast-cpu"));
        assertThat(app.wb.model().host("cn-1").orElseThrow().aggregates()).containsExactly("az1", "fast-cpu");
        robot.interact(() -> app.wb.selectedHost.set("cn-1"));
        PropertySheet.Item aggs2 = sheetItem("Aggregates");
        robot.interact(() -> aggs2.setValue("az1, nowhere"));
        assertThat(app.inspector.error.getText()).startsWith("Refused").contains("nowhere");
    }

    @Test
    void hostsCellsAndAggregatesAreAddedDuplicatedAndDeletedUndoably(FxRobot robot) throws Exception {
        openSample(robot);
        var m0 = app.wb.model();
        // duplicate a host: the next free name, same cell and devices, no instances
        robot.interact(() -> assertThat(app.tree.edit("dup", ModelEdits.duplicateHost("cn-3"))).isNull());
        var copy = app.wb.model().host("cn-9").orElseThrow();
        assertThat(copy.cell()).isEqualTo(m0.host("cn-3").orElseThrow().cell());
        assertThat(copy.pfs()).isEqualTo(m0.host("cn-3").orElseThrow().pfs());
        assertThat(app.wb.model().instances().stream().filter(i -> "cn-9".equals(i.host()))).isEmpty();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.diagram.boxOf("cn-9")).isNotNull();
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-9")).isEmpty();
        // delete a host with the Delete key in the tree: its instances go with it
        long onCn1 = m0.instances().stream().filter(i -> "cn-1".equals(i.host())).count();
        assertThat(onCn1).isPositive();
        robot.interact(() -> app.tree.tree.getSelectionModel().select(find(app.tree.tree.getRoot(), "cn-1")));
        robot.interact(() -> app.tree.tree.requestFocus());
        robot.type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.model().host("cn-1")).isEmpty();
        assertThat(app.wb.model().instances()).hasSize(m0.instances().size() - (int) onCn1);
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-1")).isPresent();
        // a cell with hosts cannot go; a new cell takes a new host from the plain template
        robot.interact(() -> assertThat(app.tree.edit("del", ModelEdits.deleteCell("cell2"))).contains("still has 5 host(s)"));
        assertThat(app.wb.status.get()).startsWith("Refused");
        robot.interact(() -> {
            assertThat(app.tree.edit("cell", ModelEdits.addCell())).isNull();
            assertThat(app.tree.edit("host", ModelEdits.addHost("cell3"))).isNull();
        });
        var fresh = app.wb.model().hosts().stream().filter(h -> "cell3".equals(h.cell())).toList();
        assertThat(fresh).hasSize(1);
        assertThat(fresh.get(0).numaNodes().get(0).cpus()).isEqualTo(16);
        // an aggregate that is an availability zone; a second of the same name is refused
        robot.interact(() -> {
            assertThat(app.tree.edit("agg", ModelEdits.addAggregate("edge", "az-edge"))).isNull();
            assertThat(app.tree.edit("agg", ModelEdits.addAggregate("edge", null))).contains("already an aggregate edge");
        });
        assertThat(app.wb.model().aggregates()).anyMatch(a -> a.name().equals("edge") && "az-edge".equals(a.availabilityZone()));
        // every step undoes back to the model as opened
        robot.interact(() -> {
            while (app.wb.canUndo.get()) {
                app.wb.undo();
            }
        });
        assertThat(app.wb.model()).isEqualTo(m0);
        assertThat(ModelEdits.freeName("bm-gold-1", java.util.Set.of("bm-gold-2"))).isEqualTo("bm-gold-3");
        assertThat(ModelEdits.freeName("edge", java.util.Set.of("edge-copy"))).isEqualTo("edge-copy2");
    }

    /** The context menu of the tree's row with that label (the row is revealed first). */
    private javafx.scene.control.ContextMenu menuOf(FxRobot robot, String label) {
        robot.interact(() -> {
            TreeItem<ModelTree.Entry> item = find(app.tree.tree.getRoot(), label);
            for (TreeItem<ModelTree.Entry> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            app.tree.tree.scrollTo(app.tree.tree.getRow(item));
        });
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".tree-cell").queryAllAs(javafx.scene.control.TreeCell.class).stream()
                .filter(c -> c.getItem() != null && ((ModelTree.Entry) c.getItem()).label().equals(label))
                .map(javafx.scene.control.TreeCell::getContextMenu).findFirst().orElseThrow();
    }

    private static void fire(FxRobot robot, javafx.scene.control.ContextMenu menu, String text) {
        var item = menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
        robot.interact(item::fire);
    }

    @Test
    void devicesAndNumaNodesAreAddedDeletedAndDraggedBetweenHostsInTheTree(FxRobot robot) throws Exception {
        openSample(robot);
        var m0 = app.wb.model();
        // right-click cn-1 → Add SR-IOV PF: a PF like the model's first one, a provider under cn-1's root
        fire(robot, menuOf(robot, "cn-1"), "Add SR-IOV PF");
        assertThat(app.wb.model().host("cn-1").orElseThrow().pfs()).extracting(p -> p.name()).containsExactly("ens1f0");
        assertThat(app.wb.undoLabel.get()).isEqualTo("Add a PF to cn-1");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.wb.usage.get().of("cn-1", "SRIOV_NET_VF") != null);
        assertThat(app.wb.usage.get().of("cn-1", "SRIOV_NET_VF")[0]).isEqualTo(8);
        assertThat(find(app.tree.tree.getRoot(), "ens1f0 (physnet1)").getParent().getValue().label()).isIn("cn-1", "cn-3");
        fire(robot, menuOf(robot, "cn-1"), "Add NUMA node");
        fire(robot, menuOf(robot, "cn-1"), "Add GPU");
        var cn1 = app.wb.model().host("cn-1").orElseThrow();
        assertThat(cn1.numaNodes()).hasSize(2);
        assertThat(cn1.gpus()).extracting(g -> g.name()).containsExactly("gpu0");
        // the new GPU's row → Delete key: gone, undoable
        TreeItem<ModelTree.Entry> gpuRow = find(find(app.tree.tree.getRoot(), "cn-1"), "gpu0 nvidia-35");
        robot.interact(() -> app.tree.tree.getSelectionModel().select(gpuRow));
        robot.interact(() -> app.tree.tree.requestFocus());
        robot.type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.model().host("cn-1").orElseThrow().gpus()).isEmpty();
        assertThat(app.wb.undoLabel.get()).isEqualTo("Delete gpu0 of cn-1");
        robot.interact(app.wb::undo);
        assertThat(app.wb.model().host("cn-1").orElseThrow().gpus()).hasSize(1);
        // a NUMA node's menu deletes it
        fire(robot, menuOf(robot, "NUMA 1"), "Delete NUMA 1 (Delete)");
        assertThat(app.wb.model().host("cn-1").orElseThrow().numaNodes()).hasSize(1);
        // a device in use is refused with who uses it, the model unchanged
        var before = app.wb.model();
        TreeItem<ModelTree.Entry> used = find(find(app.tree.tree.getRoot(), "cn-3"), "ens1f0 (physnet1)");
        robot.interact(() -> app.tree.tree.getSelectionModel().select(used));
        robot.interact(() -> app.tree.tree.requestFocus());
        robot.type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.model()).isSameAs(before);
        assertThat(app.wb.status.get()).isEqualTo("Refused: Delete ens1f0 of cn-3: ens1f0 on cn-3 is in use by nfv-1: delete or migrate it first");
        // drag cn-4's FPGA onto cn-2's row: it moves; onto its own host it is not taken; the GPU in use is refused
        ModelTree.Entry fpga = find(app.tree.tree.getRoot(), "fpga0 intel").getValue();
        String payload = ModelTree.dragPayload(fpga);
        assertThat(payload).isEqualTo("device:cn-4/fpga0");
        assertThat(ModelTree.accepts(payload, find(app.tree.tree.getRoot(), "cn-4").getValue())).isFalse();
        ModelTree.Entry cn2 = find(app.tree.tree.getRoot(), "cn-2").getValue();
        assertThat(ModelTree.accepts(payload, cn2)).isTrue();
        robot.interact(() -> assertThat(app.tree.drop(payload, cn2)).isNull());
        assertThat(app.wb.model().host("cn-2").orElseThrow().accelerators()).extracting(a -> a.name()).containsExactly("fpga0");
        assertThat(app.wb.model().host("cn-4").orElseThrow().accelerators()).isEmpty();
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move fpga0 from cn-4 to cn-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find(find(app.tree.tree.getRoot(), "cn-2"), "fpga0 intel")).isNotNull();
        // onto a NUMA row: that node of that host (cn-2's own NUMA 0 here)
        ModelTree.Entry cn2numa0 = find(find(app.tree.tree.getRoot(), "cn-2"), "NUMA 0").getValue();
        String moved = ModelTree.dragPayload(find(find(app.tree.tree.getRoot(), "cn-2"), "fpga0 intel").getValue());
        assertThat(ModelTree.accepts(moved, cn2numa0)).isTrue();
        robot.interact(() -> assertThat(app.tree.drop(moved, cn2numa0)).isNull());
        assertThat(app.wb.model().host("cn-2").orElseThrow().accelerators().get(0).numaNode()).isZero();
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move fpga0 of cn-2 to NUMA 0");
        String gpu = ModelTree.dragPayload(find(find(app.tree.tree.getRoot(), "cn-4"), "gpu0 nvidia-35").getValue());
        robot.interact(() -> assertThat(app.tree.drop(gpu, find(app.tree.tree.getRoot(), "cn-2").getValue()))
                .contains("in use by vdi-1"));
        robot.interact(() -> {
            while (app.wb.canUndo.get()) {
                app.wb.undo();
            }
        });
        assertThat(app.wb.model()).isEqualTo(m0);
    }

    @Test
    void aHostDroppedOnARackAnAggregateOrACellInTheTreeMovesThereUndoably(FxRobot robot) throws Exception {
        openSample(robot);
        var m0 = app.wb.model();
        String cn1 = ModelTree.dragPayload(find(app.tree.tree.getRoot(), "cn-1").getValue());
        assertThat(cn1).isEqualTo("host:cn-1");
        ModelTree.Entry rack = find(app.tree.tree.getRoot(), "rack r3").getValue();
        assertThat(rack.badge()).isEqualTo("3 hosts");
        robot.interact(() -> assertThat(app.tree.drop(cn1, rack)).isNull());
        assertThat(app.wb.model().host("cn-1").orElseThrow().rack()).isEqualTo("r3");
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move host cn-1 to rack r3");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find(app.tree.tree.getRoot(), "rack r3").getValue().badge()).isEqualTo("4 hosts");
        // an availability zone: cn-1 leaves az1 for az2; a plain aggregate adds to what it is in
        robot.interact(() -> assertThat(app.tree.drop(cn1, find(app.tree.tree.getRoot(), "az2").getValue())).isNull());
        assertThat(app.wb.model().host("cn-1").orElseThrow().aggregates()).containsExactly("az2");
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move host cn-1 to zone az2");
        robot.interact(() -> assertThat(app.tree.drop(cn1, find(app.tree.tree.getRoot(), "fast-cpu").getValue())).isNull());
        assertThat(app.wb.model().host("cn-1").orElseThrow().aggregates()).containsExactly("az2", "fast-cpu");
        robot.interact(() -> assertThat(app.tree.drop(cn1, find(app.tree.tree.getRoot(), "fast-cpu").getValue()))
                .isEqualTo("cn-1 is already in aggregate fast-cpu"));
        robot.interact(() -> assertThat(app.tree.drop(cn1, find(app.tree.tree.getRoot(), "cell2").getValue())).isNull());
        assertThat(app.wb.model().host("cn-1").orElseThrow().cell()).isEqualTo("cell2");
        // an instance's row is no drop target for a host
        assertThat(ModelTree.accepts(cn1, find(app.tree.tree.getRoot(), "web-2").getValue())).isFalse();
        robot.interact(() -> {
            while (app.wb.canUndo.get()) {
                app.wb.undo();
            }
        });
        assertThat(app.wb.model()).isEqualTo(m0);
    }

    @Test
    void zoomedInCardsDrawNumaNodesVfSlotsAndChipsWithTheirUse(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(app.diagram::fit);
        assertThat(app.diagram.scale()).isLessThan(TopologyView.INTERNALS_SCALE);
        assertThat(app.diagram.drawnDevices).as("no insides at the fitted zoom").isEmpty();
        robot.interact(() -> {
            app.diagram.zoomAt(0, 0, 1.6 / app.diagram.scale());
            app.diagram.reveal("cn-3");
        });
        var drawn = new java.util.ArrayList<>(app.diagram.drawnDevices);
        assertThat(drawn).extracting(d -> d.host() + "/" + d.device() + " " + d.used() + "/" + d.capacity())
                .contains("cn-3/ens1f0 1/8", "cn-3/ens1f1 0/8");
        // nfv-1's VF fills the first slot of ens1f0; the second slot is free
        var pf = drawn.stream().filter(d -> d.device().equals("ens1f0")).findFirst().orElseThrow();
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = app.diagram.snapshot(null, null));
        var used = shot[0].getPixelReader().getColor((int) (pf.x() + pf.side() / 2), (int) (pf.y() + pf.side() / 2));
        var free = shot[0].getPixelReader().getColor((int) (pf.x() + pf.pitch() + pf.side() / 2), (int) (pf.y() + pf.side() / 2));
        assertThat(used.getRed()).isGreaterThan(0.7);
        assertThat(used.getBlue()).isLessThan(0.2);
        assertThat(free.getBlue()).as("a free slot is not filled").isGreaterThan(0.8);
        // cn-4's GPU and FPGA are chips with their use; a GPU added to cn-4 shows at once
        robot.interact(() -> app.diagram.reveal("cn-4"));
        assertThat(app.diagram.drawnDevices).extracting(d -> d.host() + "/" + d.device() + " " + d.used() + "/" + d.capacity())
                .contains("cn-4/gpu0 1/8", "cn-4/fpga0 0/1");
        // the FPGA chip is grabbed where it is drawn and dropped on cn-2's card: it moves there, undoably
        var fpga = app.diagram.drawnDevices.stream().filter(d -> d.device().equals("fpga0")).findFirst().orElseThrow();
        assertThat(app.diagram.deviceAt(fpga.boxX() + fpga.boxW() / 2, fpga.boxY() + fpga.boxH() / 2)).isEqualTo(fpga);
        var cn2 = app.diagram.boxOf("cn-2");
        double[] onCn2 = app.diagram.toScreen(cn2.x() + 20, cn2.y() + 20);
        robot.interact(() -> assertThat(app.diagram.drop("device:cn-4/fpga0", onCn2[0], onCn2[1])).isTrue());
        assertThat(app.wb.model().host("cn-2").orElseThrow().accelerators()).extracting(a -> a.name()).containsExactly("fpga0");
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move fpga0 from cn-4 to cn-2");
        robot.interact(app.wb::undo);
        // dropped on its own card's other NUMA node, the FPGA changes node
        var numa0 = app.diagram.drawnNumas.stream().filter(n -> n.host().equals("cn-4") && n.id() == 0).findFirst().orElseThrow();
        robot.interact(() -> assertThat(app.diagram.drop("device:cn-4/fpga0", numa0.x() + numa0.w() / 2,
                numa0.y() + numa0.h() / 2)).isTrue());
        assertThat(app.wb.model().host("cn-4").orElseThrow().accelerators().get(0).numaNode()).isZero();
        assertThat(app.wb.undoLabel.get()).isEqualTo("Move fpga0 of cn-4 to NUMA 0");
        robot.interact(app.wb::undo);
        // the GPU is in use: dropped elsewhere, it stays, and the status bar says why
        var gpu = app.diagram.drawnDevices.stream().filter(d -> d.device().equals("gpu0")).findFirst().orElseThrow();
        assertThat(app.diagram.deviceAt(gpu.boxX() + 1, gpu.boxY() + 1).device()).isEqualTo("gpu0");
        robot.interact(() -> app.diagram.drop("device:cn-4/gpu0", onCn2[0], onCn2[1]));
        assertThat(app.wb.model().host("cn-4").orElseThrow().gpus()).hasSize(1);
        assertThat(app.wb.status.get()).contains("gpu0 on cn-4 is in use by vdi-1");
        robot.interact(() -> app.tree.edit("gpu", ModelEdits.addGpu("cn-4")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.wb.usage.get().ofProvider("cn-4_gpu1", "VGPU") != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.diagram.drawnDevices).extracting(d -> d.device() + " " + d.used() + "/" + d.capacity())
                .contains("gpu1 0/8");
        // zoomed out again, the insides go
        robot.interact(app.diagram::fit);
        assertThat(app.diagram.drawnDevices).isEmpty();
    }

    /** A value read on the FX thread (a Task's properties may only be read there). */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** The Cancel button in the row of the job under way, once it is live (the job running), or null. */
    private javafx.scene.control.Button cancelButton(FxRobot robot) {
        if (app.wb.jobs.isEmpty()) {
            return null;
        }
        var job = app.wb.jobs.get(0);
        return robot.from(app.jobsView).lookup(".task-list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getItem() == job && c.isVisible())
                .map(c -> (javafx.scene.control.Button) c.lookup(".task-cancel-button"))
                .filter(b -> b != null && !b.isDisabled()).findFirst().orElse(null);
    }

    /** Presses the Cancel button of the job shown over the diagram, once it is running. */
    private void pressCancel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> app.jobsView.isVisible() && cancelButton(robot) != null));
        javafx.scene.control.Button cancel = onFx(() -> cancelButton(robot));
        assertThat(cancel.getText()).isEqualTo("Cancel");
        robot.interact(cancel::fire);
    }

    @Test
    void openingAndSavingShowProgressAndCancellingLeavesModelAndFileAsTheyWere(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        var m0 = app.wb.model();
        Path f0 = app.wb.file.get();
        // a file that is slow to come (a named pipe nobody writes yet): the open is listed with its progress
        Path slow = dir.resolve("slow.json");
        assertThat(new ProcessBuilder("mkfifo", slow.toString()).start().waitFor()).isZero();
        robot.interact(() -> app.open(slow, null));
        assertThat(onFx(() -> app.wb.jobs.get(0).getTitle())).isEqualTo("Open slow.json");
        pressCancel(robot);
        // the file then arrives whole and valid: it is not applied
        Thread writer = new Thread(() -> {
            try {
                Files.write(slow, Files.readAllBytes(TestFiles.sample("nfv-sriov-numa")));
            } catch (java.io.IOException e) {
                // the reader gave up when cancelled: nothing to write to
            }
        });
        writer.setDaemon(true);
        writer.start();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> app.wb.jobs.isEmpty() && !app.jobsView.isVisible()));
        writer.join(2000);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.model()).isSameAs(m0);
        assertThat(app.wb.file.get()).isEqualTo(f0);
        assertThat(app.wb.status.get()).isEqualTo("Cancelled opening slow.json: the model is as it was");
        // a save that is cancelled before its rename leaves the file as it was (and the edits unsaved)
        Path target = dir.resolve("kept.json");
        Files.writeString(target, "old content");
        robot.interact(() -> app.wb.apply("Disable cn-1", m -> m.withHosts(m.hosts().stream().map(h -> h.hostname().equals("cn-1")
                ? h.withStatus(dev.placementstudio.model.HostStatus.DISABLED) : h).toList())));
        var gate = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> {
            app.wb.startJob("Hold", p -> gate.await(30, TimeUnit.SECONDS), r -> { }, e -> { }, null);
            app.wb.save(target, null, e -> { });
            app.wb.jobs.get(1).cancel(); // what its Cancel button does
        });
        gate.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> app.wb.jobs.isEmpty()));
        Thread.sleep(300);
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(app.wb.dirty.get()).isTrue();
        // not cancelled, the same save goes through, leaving no draft behind
        robot.interact(() -> app.wb.save(target, null, e -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.wb.dirty.get());
        assertThat(ModelFiles.open(target).host("cn-1").orElseThrow().status()).isEqualTo(dev.placementstudio.model.HostStatus.DISABLED);
        try (var left = Files.list(dir)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("kept.json", "slow.json");
        }
    }

    @Test
    void countingWhatFitsShowsProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        openSample(robot); // the start-up open has landed: it cannot replace the model shown next
        // 200 hosts: room for the counting cap of m1.tiny, so that the count is still going when Cancel is pressed
        var m0 = dev.placementstudio.model.CloudGenerator.generate(new dev.placementstudio.model.CloudGenerator.Options(
                200, 1, 0.2, 0.1, 0.05, 0, false, 0, 5));
        robot.interact(() -> app.wb.show(m0, "generated"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.wb.usage.get() != null
                && app.wb.usage.get().byHost().size() == 200 && !app.capacity.count.isDisabled());
        robot.interact(app.capacity::countFits);
        assertThat(app.capacity.count.isDisabled()).as("one count at a time").isTrue();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> !app.wb.jobs.isEmpty()
                && app.wb.jobs.get(0).getMessage().contains("(flavor ")));
        pressCancel(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.capacity.note.getText().startsWith("Counting cancelled"));
        assertThat(app.capacity.fits.getItems()).isEmpty();
        assertThat(app.wb.model()).isSameAs(m0);
        assertThat(app.capacity.count.isDisabled()).isFalse();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !app.jobsView.isVisible()));
    }

    @Test
    void aSnapshotShowsHowManyMoreFitAfterAnEdit(FxRobot robot) throws Exception {
        openSample(robot);
        robot.interact(app.capacity::countFits);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !app.capacity.fits.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        var before = app.capacity.fits.getItems().stream().filter(f -> f.getFlavor().equals("m1.large")).findFirst().orElseThrow();
        robot.interact(app.capacity::keepSnapshot);
        assertThat(app.capacity.snapshot).containsKey("m1.large");
        // one more host like cn-2 (two NUMA nodes, 32 CPUs, 128 GB): more m1.large fit
        robot.interact(() -> app.tree.edit("dup", ModelEdits.duplicateHost("cn-2")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.capacity.fits.getItems().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.capacity.count.isDisabled());
        robot.interact(app.capacity::countFits);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.capacity.note.getText().contains("Since the snapshot"));
        var after = app.capacity.fits.getItems().stream().filter(f -> f.getFlavor().equals("m1.large")).findFirst().orElseThrow();
        int gained = Integer.parseInt(after.getMore()) - Integer.parseInt(before.getMore());
        assertThat(gained).isPositive();
        assertThat(after.getChange()).isEqualTo("+" + gained);
        assertThat(app.capacity.note.getText()).contains("+" + gained + " m1.large");
    }

    @Test
    void newExportAndImportADumpAndPreferences(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        // export the projection as a Placement dump, import it back: hosts again (the inverse projection)
        Path dump = dir.resolve("dump.json");
        int hosts = app.wb.model().hosts().size();
        int providers = dev.placementstudio.placement.PlacementEngine.fromState(
                dev.placementstudio.model.Projection.project(app.wb.model())).providers().size();
        robot.interact(() -> app.exportDump(dump));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(dump));
        robot.interact(() -> app.importDump(dump));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.wb.file.get() == null);
        assertThat(app.wb.model().hosts()).hasSize(hosts);
        assertThat(dev.placementstudio.placement.PlacementEngine.fromState(
                dev.placementstudio.model.Projection.project(app.wb.model())).providers()).hasSize(providers);
        // New: a small valid model to start from
        robot.interact(app::newModel);
        assertThat(app.wb.model().name()).isEqualTo("untitled");
        assertThat(app.wb.model().cells()).extracting(dev.placementstudio.model.Cell::name).containsExactly("cell1");
        assertThat(app.wb.model().hosts()).hasSize(1);
        assertThat(app.wb.dirty.get()).isFalse();
        // preferences apply at once (and are kept); put them back afterwards
        robot.interact(() -> app.applyPreferences(true, "pike", 60));
        assertThat(app.bottom.getScene().getRoot().getStyleClass()).contains("dark");
        assertThat(app.simulation.era.getValue()).isEqualTo("pike");
        robot.interact(() -> app.applyPreferences(false, "queens", 30));
        assertThat(app.bottom.getScene().getRoot().getStyleClass()).doesNotContain("dark");
    }

    @Test
    void droppingAnInstanceOnAHostPlansItsMigrationOrSaysWhyNot(FxRobot robot) throws Exception {
        openSample(robot);
        var m0 = app.wb.model();
        var inst = m0.instances().stream().filter(i -> "cn-1".equals(i.host())).findFirst().orElseThrow();
        String[] why = {"pending"};
        robot.interact(() -> why[0] = app.planMigration(inst.name(), "cn-2"));
        assertThat(why[0]).isNull();
        var moved = app.wb.model().instances().stream().filter(i -> i.name().equals(inst.name())).findFirst().orElseThrow();
        assertThat(moved.host()).isEqualTo("cn-2");
        assertThat(app.wb.status.get()).startsWith("Planned:");
        // the usage follows: cn-2 holds the instance's flavor now, cn-1 no longer
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.wb.usage.get() != null
                && app.wb.usage.get().of("cn-1", "VCPU")[1] < dev.placementstudio.placement.PlacementEngine.fromState(
                dev.placementstudio.model.Projection.project(m0)).providers().stream()
                .filter(p -> p.name().equals("cn-1")).findFirst().orElseThrow().usages().getOrDefault("VCPU", 0L));
        robot.interact(app.wb::undo);
        assertThat(app.wb.model()).isEqualTo(m0);
        // a disabled host takes nothing; the same host is no move
        robot.interact(() -> why[0] = app.planMigration(inst.name(), "cn-8"));
        assertThat(why[0]).contains("does not fit on cn-8");
        assertThat(app.wb.status.get()).startsWith("Cannot move");
        robot.interact(() -> why[0] = app.planMigration(inst.name(), "cn-1"));
        assertThat(why[0]).contains("already on cn-1");
        assertThat(app.wb.model()).isEqualTo(m0);
    }

    @Test
    void unsavedEditsFromACrashedSessionAreOfferedBack(FxRobot robot, @TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        Files.copy(TestFiles.sample("teaching-small"), model);
        var edited = ModelFiles.open(model);
        edited = edited.withName("edited before the crash", edited.description());
        app.wb.recovery().write(model, edited);
        Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        robot.interact(() -> app.open(model, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Recover unsaved edits?");
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.YES)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.model().name()).isEqualTo("edited before the crash");
        assertThat(app.wb.dirty.get()).isTrue();
        app.wb.recovery().discard(model);
    }

    @Test
    void aCorruptFileShowsADialogAndKeepsTheOpenModel(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        var before = app.wb.model();
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"hosts\": [");
        robot.interact(() -> app.open(bad, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().size() > 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isPresent();
        javafx.scene.control.TextArea message = robot.lookup(".dialog-pane .text-area").queryAs(javafx.scene.control.TextArea.class);
        assertThat(message.getText()).startsWith(bad.toString() + ":1:");
        assertThat(app.wb.model()).isSameAs(before);
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != app.diagram.getScene().getWindow())
                .toList().forEach(Window::hide));
    }

    @Test
    void dataLabelsKeepTheirUnderscoresAndRecentPathsAreAbsolute(FxRobot robot) throws Exception {
        openSample(robot);
        // a path opened relative to the working directory is remembered whole
        assertThat(Path.of(app.wb.recent.get(0)).isAbsolute()).isTrue();
        assertThat(Path.of(app.wb.recent.get(0))).exists();
        // the Learn menu's items are scenario names and titles (max_attempts, same_subtree): no mnemonics
        var items = app.learn.getItems().stream()
                .filter(i -> i.getId() != null && i.getId().startsWith("learn-")).toList();
        assertThat(items).isNotEmpty().allMatch(i -> !i.isMnemonicParsing());
        MenuItem data = StudioApp.dataItem("my_models/max_attempts.json", () -> { });
        assertThat(data.isMnemonicParsing()).isFalse();
        assertThat(data.getText()).isEqualTo("my_models/max_attempts.json");
        // the top menus do have mnemonics (Alt+F opens File)
        var bar = (javafx.scene.control.MenuBar) app.diagram.getScene().lookup(".menu-bar");
        assertThat(bar.getMenus()).extracting(Menu::getText).contains("_File", "_Edit", "_View", "_Help");
        assertThat(bar.getMenus()).allMatch(Menu::isMnemonicParsing);
    }

    @Test
    void theThemeAndTheWindowPlaceAreRememberedForTheNextStart(FxRobot robot) throws Exception {
        openSample(robot);
        var bar = (javafx.scene.control.MenuBar) app.diagram.getScene().lookup(".menu-bar");
        var dark = (javafx.scene.control.CheckMenuItem) bar.getMenus().stream().filter(m -> m.getText().equals("_View"))
                .flatMap(m -> m.getItems().stream()).filter(i -> "Dark Theme".equals(i.getText())).findFirst().orElseThrow();
        boolean was = app.prefs.getBoolean("dark", false);
        try {
            robot.interact(() -> {
                dark.setSelected(!was);
                dark.fire();
            });
            assertThat(app.prefs.getBoolean("dark", was)).isEqualTo(!was);
            assertThat(app.diagram.getScene().getRoot().getStyleClass().contains("dark")).isEqualTo(!was);
        } finally {
            app.prefs.putBoolean("dark", was);
        }
        Stage stage = (Stage) app.diagram.getScene().getWindow();
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1111);
            stage.setHeight(777);
            app.saveGeometry(stage);
            stage.setWidth(900);
            stage.setHeight(600);
            app.restoreGeometry(stage);
        });
        assertThat(stage.getWidth()).isEqualTo(1111);
        assertThat(stage.getHeight()).isEqualTo(777);
        assertThat(stage.getX()).isEqualTo(40);
        for (String k : new String[] {"window.x", "window.y", "window.w", "window.h", "window.maximized"}) {
            app.prefs.remove(k); // the next test's window opens at its usual size
        }
    }

    @Test
    void aFailedSaveSaysSaveNotOpenInTheErrorDialog(FxRobot robot, @TempDir Path dir) throws Exception {
        openSample(robot);
        Path blocked = dir.resolve("a-file-not-a-folder");
        Files.writeString(blocked, "x");
        robot.interact(() -> {
            app.wb.file.set(blocked.resolve("model.json")); // its folder is a file: the save must fail
            app.save();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("The model could not be saved");
        assertThat(Files.readString(blocked)).isEqualTo("x");
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != app.diagram.getScene().getWindow())
                .toList().forEach(Window::hide));
    }

    @Test
    void unsavedChangesOfferSaveDontSaveAndCancelAndSaveGoesOn(FxRobot robot, @TempDir Path dir) throws Exception {
        Path copy = dir.resolve("mine.json");
        Files.copy(TestFiles.sample("teaching-small"), copy);
        robot.interact(() -> app.open(copy, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> app.wb.idle()) && copy.equals(app.wb.file.get()));
        Files.writeString(copy, Files.readString(copy) + "\n"); // so that a save shows in the bytes
        String before = Files.readString(copy);
        robot.interact(() -> app.wb.dirty.set(true));
        // Cancel: nothing happens
        javafx.application.Platform.runLater(app::newModel);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Save the changes to mine.json?");
        assertThat(pane.getButtonTypes()).extracting(javafx.scene.control.ButtonType::getText)
                .containsExactly("Save", "Don't Save", "Cancel");
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.wb.file.get()).isEqualTo(copy);
        assertThat(app.wb.dirty.get()).isTrue();
        // Save: the model is written, then the new model comes
        javafx.application.Platform.runLater(app::newModel);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        javafx.scene.control.DialogPane again = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        robot.interact(() -> again.getButtonTypes().stream().filter(b -> b.getText().equals("Save")).findFirst()
                .map(again::lookupButton).map(javafx.scene.control.Button.class::cast).orElseThrow().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> app.wb.idle()) && app.wb.file.get() == null);
        assertThat(Files.readString(copy)).isNotEqualTo(before);
        assertThat(ModelFiles.open(copy).hosts()).hasSize(8);
    }
}
