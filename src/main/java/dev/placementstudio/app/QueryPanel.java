package dev.placementstudio.app;

import dev.placementstudio.placement.AllocationCandidates;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.placement.ProviderView;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The query panel: an allocation-candidates query (typed, or built from a flavor) answered by the engine
 * off the FX thread; the candidates are listed with their allocation requests and mappings, and their
 * hosts are lit on the diagram. A bad query shows Placement's own message.
 */
public final class QueryPanel extends VBox {
    private final Workbench wb;
    final TextField query = new TextField("resources=VCPU:1,MEMORY_MB:2048,DISK_GB:20");
    final Button run = new Button("Find candidates");
    final ListView<String> results = new ListView<>();
    final Label summary = new Label("Type a query and press Enter.");

    public QueryPanel(Workbench wb) {
        this.wb = wb;
        setSpacing(6);
        setPadding(new Insets(8));
        query.getStyleClass().add("query-field");
        HBox.setHgrow(query, Priority.ALWAYS);
        HBox top = new HBox(6, new Label("GET /allocation_candidates?"), query, run);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        results.getStyleClass().add("mono");
        VBox.setVgrow(results, Priority.ALWAYS);
        getChildren().addAll(top, summary, results);
        run.setOnAction(e -> runQuery());
        query.setOnAction(e -> runQuery());
        run.disableProperty().bind(wb.usage.isNull());
    }

    public void setQuery(String q) {
        query.setText(q);
        runQuery();
    }

    void runQuery() {
        Workbench.Usage u = wb.usage.get();
        if (u == null) {
            return;
        }
        String q = query.getText().strip();
        PlacementEngine engine = u.engine();
        summary.getStyleClass().remove("error-text");
        summary.setText("Asking Placement…");
        wb.inBackground(() -> {
            try {
                return engine.allocationCandidates(q);
            } catch (PlacementException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }, c -> show(engine, c), err -> {
            summary.getStyleClass().add("error-text");
            summary.setText("400 Bad Request: " + err);
            results.getItems().clear();
            wb.highlighted.clear();
        });
    }

    private void show(PlacementEngine engine, AllocationCandidates c) {
        Map<String, String> names = new HashMap<>();
        for (ProviderView p : engine.providers()) {
            names.put(p.uuid(), p.name());
        }
        Set<String> hosts = new LinkedHashSet<>();
        results.getItems().clear();
        int n = 0;
        for (AllocationCandidates.Request r : c.requests()) {
            String host = names.getOrDefault(r.anchorRootUuid(), r.anchorRootUuid());
            hosts.add(host);
            if (n++ < 2000) {
                StringBuilder sb = new StringBuilder(host).append(":  ");
                r.allocations().forEach((rp, res) -> sb.append(names.getOrDefault(rp, rp)).append(' ').append(res).append("  "));
                sb.append(" mappings ");
                r.mappings().forEach((s, ps) -> sb.append(s.isEmpty() ? "\"\"" : s).append("→")
                        .append(ps.stream().map(p -> names.getOrDefault(p, p)).toList()).append(' '));
                results.getItems().add(sb.toString());
            }
        }
        summary.setText(c.size() + " allocation candidates on " + hosts.size() + " hosts (lit on the diagram)");
        wb.highlighted.clear();
        wb.highlighted.addAll(hosts);
    }
}
