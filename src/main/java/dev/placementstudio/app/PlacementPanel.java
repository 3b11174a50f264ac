package dev.placementstudio.app;

import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Map;

/**
 * The selected host's raw provider tree, as {@code openstack resource provider show} and its inventory,
 * trait, aggregate and allocation subcommands would report it.
 */
public final class PlacementPanel extends VBox {
    private final Workbench wb;
    final TextArea text = new TextArea();

    public PlacementPanel(Workbench wb) {
        this.wb = wb;
        text.setEditable(false);
        text.getStyleClass().add("mono");
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().add(text);
        wb.selectedHost.addListener(o -> refresh());
        Runnable later = Workbench.coalesced(this::refresh, 250);
        wb.usage.addListener((o, a, u) -> {
            if (a == null || u == null || a.engine() != u.engine()) {
                refresh();
            } else {
                later.run();
            }
        });
    }

    void refresh() {
        Workbench.Usage u = wb.usage.get();
        String host = wb.selectedHost.get();
        if (u == null || host == null) {
            text.setText("Select a host to see its resource providers.");
            return;
        }
        PlacementEngine e = u.engine();
        ProviderView root = e.providers().stream().filter(p -> p.name().equals(host) && p.parentUuid() == null)
                .findFirst().orElse(null);
        if (root == null) {
            text.setText(host + " has no resource provider.");
            return;
        }
        List<ProviderView> tree = e.providers().stream().filter(p -> p.rootUuid().equals(root.uuid())).toList();
        StringBuilder sb = new StringBuilder();
        Map<String, String> parentOf = new java.util.HashMap<>();
        tree.forEach(x -> parentOf.put(x.uuid(), x.parentUuid()));
        for (ProviderView p : tree) {
            int depth = 0;
            for (String parent = p.parentUuid(); parent != null; parent = parentOf.get(parent)) {
                depth++;
            }
            String ind = "  ".repeat(depth);
            sb.append(ind).append(p.name()).append("  uuid=").append(p.uuid()).append("  generation=").append(p.generation()).append('\n');
            p.inventories().forEach((rc, inv) -> sb.append(ind).append(String.format("    %-28s total=%d reserved=%d min=%d max=%d step=%d ratio=%s capacity=%d used=%d%n",
                    rc, inv.total(), inv.reserved(), inv.minUnit(), inv.maxUnit(), inv.stepSize(), inv.allocationRatio(),
                    inv.capacity(), p.usages().getOrDefault(rc, 0L))));
            if (!p.traits().isEmpty()) {
                sb.append(ind).append("    traits: ").append(String.join(", ", p.traits())).append('\n');
            }
            if (!p.aggregates().isEmpty()) {
                sb.append(ind).append("    aggregates: ").append(String.join(", ", p.aggregates())).append('\n');
            }
            Map<String, Map<String, Long>> allocs = e.allocationsOnProvider(p.uuid());
            allocs.forEach((consumer, res) -> sb.append(ind).append("    allocation ").append(consumer).append(' ').append(res).append('\n'));
        }
        text.setText(sb.toString());
    }
}
