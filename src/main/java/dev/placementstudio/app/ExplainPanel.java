package dev.placementstudio.app;

import dev.placementstudio.conductor.Explainer;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.Instance;
import dev.placementstudio.model.ServerGroup;
import dev.placementstudio.scheduler.RequestSpec;
import dev.placementstudio.scheduler.SchedulingReport;
import dev.placementstudio.scheduler.Selection;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Why here?" / "Why no valid host?": the scheduler's look at a boot of a flavor (optionally in a server
 * group) on the open model: the funnel, the dropped hosts with their reasons (outlined in red on the
 * diagram, the reason on hover), the ranking and the Selection (lit on the diagram). Nothing is claimed.
 */
public final class ExplainPanel extends VBox {
    private final Workbench wb;
    final ComboBox<String> flavor = new ComboBox<>();
    final ComboBox<String> group = new ComboBox<>();
    final Button explain = new Button("Why?");
    final Label verdict = new Label("Pick a flavor and ask why.");
    final TextArea report = new TextArea();

    public ExplainPanel(Workbench wb) {
        this.wb = wb;
        setSpacing(6);
        setPadding(new Insets(8));
        report.setEditable(false);
        report.getStyleClass().add("mono");
        VBox.setVgrow(report, Priority.ALWAYS);
        group.setPromptText("no server group");
        HBox top = new HBox(8, new Label("Boot a"), flavor, new Label("in"), group, explain, verdict);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(top, report);
        wb.model.addListener((o, a, m) -> refreshChoices(m));
        explain.setOnAction(e -> run(flavor.getValue()));
        explain.disableProperty().bind(wb.usage.isNull());
    }

    private void refreshChoices(CloudModel m) {
        if (m == null) {
            return;
        }
        String keep = flavor.getValue();
        flavor.getItems().setAll(m.flavors().stream().map(Flavor::name).toList());
        flavor.setValue(keep != null && flavor.getItems().contains(keep) ? keep
                : flavor.getItems().isEmpty() ? null : flavor.getItems().get(0));
        group.getItems().setAll(m.serverGroups().stream().map(ServerGroup::name).toList());
    }

    /** Explains a boot of this flavor; the result lands on the FX thread. */
    public void run(String flavorName) {
        CloudModel m = wb.model.get();
        Workbench.Usage u = wb.usage.get();
        if (m == null || u == null || flavorName == null || m.flavor(flavorName).isEmpty()) {
            return;
        }
        flavor.setValue(flavorName);
        ServerGroup sg = group.getValue() == null ? null : m.serverGroup(group.getValue()).orElse(null);
        Set<String> groupHosts = new TreeSet<>();
        Set<String> members = new TreeSet<>();
        if (sg != null) {
            for (Instance i : m.instances()) {
                if (sg.name().equals(i.serverGroup()) && i.host() != null) {
                    groupHosts.add(i.host());
                    members.add(i.effectiveUuid());
                }
            }
        }
        RequestSpec spec = new RequestSpec("why", "why", m.flavor(flavorName).get(), null, List.of(),
                Explainer.deviceProfileOf(m, m.flavor(flavorName).get()), sg, groupHosts,
                null, Map.of(), Instance.DEFAULT_PROJECT, Instance.DEFAULT_USER, Set.of(), null, members);
        verdict.setText("Asking the scheduler…");
        wb.inBackground(() -> Explainer.explain(m, u.engine(), spec, m.scheduler()), this::show,
                err -> verdict.setText("Could not explain: " + err));
    }

    /**
     * "Why here?" for an instance of the model: its request explained on the model as it stood before the
     * instance was there (the model without it), so its own allocation does not count against its host.
     */
    public void runFor(Instance inst) {
        CloudModel m = wb.model.get();
        if (m == null || m.flavor(inst.flavor()).isEmpty()) {
            return;
        }
        CloudModel before = m.withInstances(m.instances().stream().filter(i -> i != inst).toList());
        ServerGroup sg = inst.serverGroup() == null ? null : m.serverGroup(inst.serverGroup()).orElse(null);
        Set<String> groupHosts = new TreeSet<>();
        Set<String> members = new TreeSet<>();
        if (sg != null) {
            for (Instance i : before.instances()) {
                if (sg.name().equals(i.serverGroup()) && i.host() != null) {
                    groupHosts.add(i.host());
                    members.add(i.effectiveUuid());
                }
            }
        }
        RequestSpec spec = new RequestSpec(inst.effectiveUuid(), inst.name(), m.flavor(inst.flavor()).get(), null, List.of(),
                Explainer.deviceProfileOf(m, m.flavor(inst.flavor()).get()), sg, groupHosts, null, Map.of(), inst.effectiveProjectId(), inst.effectiveUserId(), Set.of(), null, members);
        flavor.setValue(inst.flavor());
        verdict.setText("Asking the scheduler about " + inst.name() + "…");
        wb.inBackground(() -> Explainer.explain(before, spec, before.scheduler()), x -> {
            show(x);
            verdict.setText(inst.name() + " is on " + inst.host() + "; the scheduler would now pick: "
                    + verdict.getText().replaceFirst("^Lands on ", ""));
        }, err -> verdict.setText("Could not explain: " + err));
    }

    private void show(Explainer.Explanation x) {
        report.setText(Explainer.text(x));
        wb.dropped.clear();
        for (SchedulingReport.FilterStep s : x.decision().filters()) {
            s.dropped().forEach((host, why) -> wb.dropped.put(host, s.filter() + ": " + why));
        }
        wb.highlighted.clear();
        if (x.noValidHost() == null) {
            List<Selection> sel = x.report().selections();
            verdict.setText("Lands on " + sel.get(0).serviceHost() + (sel.size() > 1 ? ", alternates "
                    + String.join(", ", sel.subList(1, sel.size()).stream().map(Selection::serviceHost).toList()) : ""));
            sel.forEach(s -> wb.highlighted.add(s.serviceHost()));
            wb.selectedHost.set(sel.get(0).serviceHost());
        } else {
            verdict.setText("No valid host — " + x.noValidHost());
        }
    }
}
