package dev.placementstudio.app;

import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.Flavor;
import dev.placementstudio.model.HostStatus;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model tree: deployment, cells, hosts with their NUMA nodes and devices, bare-metal nodes, shared
 * storage, flavors, server groups. A TreeView is virtualized, so 10,000 hosts stay smooth; the filter box
 * keeps only matching hosts. Selecting a host selects it in the diagram, and back.
 */
public final class ModelTree extends VBox {
    /**
     * What a tree row stands for; {@code host} is set for rows that select a host in the diagram; {@code key}
     * names the thing itself where the label says more (a device's name, a NUMA node's id, a rack).
     */
    public record Entry(String kind, String label, String host, String badge, String key) {
        public Entry(String kind, String label, String host, String badge) {
            this(kind, label, host, badge, null);
        }

        boolean isHost() {
            return kind.startsWith("host");
        }

        boolean isDevice() {
            return kind.equals("pf") || kind.equals("gpu") || kind.equals("fpga");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Workbench wb;
    final TreeView<Entry> tree = new TreeView<>();
    final TextField filter = new TextField();
    private boolean syncing;

    public ModelTree(Workbench wb) {
        this.wb = wb;
        getStyleClass().add("side-panel");
        Label title = new Label("Model");
        title.getStyleClass().add("panel-title");
        filter.setPromptText("Filter hosts (name, cell, trait)…");
        filter.getStyleClass().add("search-box");
        VBox.setMargin(filter, new javafx.geometry.Insets(0, 8, 6, 8));
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(title, filter, tree);
        tree.setShowRoot(true);
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(null);
                Label name = new Label(e.label());
                // a host's badge is its usage now (read as the row is drawn: a new usage only redraws the rows)
                String text = e.isHost() ? badge(e.host()) : e.badge();
                Label badge = new Label(text == null ? "" : text);
                badge.getStyleClass().add("badge");
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                HBox row = new HBox(6, icon(e.kind()), name, spacer, badge);
                row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                setGraphic(row);
                setContextMenu(menuFor(e));
                // flavors, hosts, instances and devices can be dragged: onto the diagram (a flavor onto a host,
                // a host into a cell, an instance onto a host) or onto a row of this tree (a device onto
                // another host, a host onto a cell, rack or aggregate)
                setOnDragDetected(ev -> {
                    String payload = dragPayload(getItem());
                    if (payload == null) {
                        return;
                    }
                    var db = startDragAndDrop(javafx.scene.input.TransferMode.COPY_OR_MOVE);
                    var content = new javafx.scene.input.ClipboardContent();
                    content.putString(payload);
                    db.setContent(content);
                    ev.consume();
                });
                setOnDragOver(ev -> {
                    if (ev.getGestureSource() != this && ev.getDragboard().hasString()
                            && accepts(ev.getDragboard().getString(), getItem())) {
                        ev.acceptTransferModes(javafx.scene.input.TransferMode.MOVE);
                    }
                    ev.consume();
                });
                setOnDragDropped(ev -> {
                    boolean ok = ev.getDragboard().hasString() && accepts(ev.getDragboard().getString(), getItem())
                            && drop(ev.getDragboard().getString(), getItem()) == null;
                    ev.setDropCompleted(ok);
                    ev.consume();
                });
            }
        });
        wb.model.addListener((o, a, m) -> rebuild());
        Runnable later = Workbench.coalesced(tree::refresh, 250);
        wb.usage.addListener((o, a, u) -> {
            // badges show the new usage: at once for a new model, at most four times a second in a playback
            // (the rows on screen are drawn again; the tree itself stays)
            if (a == null || u == null || a.engine() != u.engine()) {
                tree.refresh();
            } else {
                later.run();
            }
        });
        filter.textProperty().addListener((o, a, b) -> rebuild());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (!syncing && item != null && item.getValue().host() != null) {
                wb.selectedHost.set(item.getValue().host());
                wb.selectedInstance.set(item.getValue().kind().equals("instance") ? item.getValue().label() : null);
            }
        });
        wb.selectedHost.addListener((o, a, host) -> select(host));
        tree.setOnKeyPressed(ev -> {
            var item = tree.getSelectionModel().getSelectedItem();
            if (ev.getCode() == javafx.scene.input.KeyCode.DELETE && item != null) {
                Entry e = item.getValue();
                if (e.kind().startsWith("host")) {
                    edit("Delete host " + e.label(), ModelEdits.deleteHost(e.label()));
                } else if (e.kind().equals("baremetal")) {
                    edit("Delete node " + e.label(), ModelEdits.deleteBaremetal(e.label()));
                } else if (e.kind().equals("cell")) {
                    edit("Delete " + cellName(e), ModelEdits.deleteCell(cellName(e)));
                } else if (e.kind().equals("numa")) {
                    deleteNuma(e);
                } else if (e.isDevice()) {
                    deleteDevice(e);
                }
                ev.consume();
            }
        });
    }

    /** What dragging a row carries, or null when the row cannot be dragged. */
    static String dragPayload(Entry v) {
        if (v == null) {
            return null;
        }
        if (v.kind().equals("flavor")) {
            return "flavor:" + v.label();
        }
        if (v.kind().equals("instance")) {
            return "instance:" + v.label();
        }
        if (v.isHost()) {
            return "host:" + v.label();
        }
        if (v.isDevice()) {
            return "device:" + v.host() + "/" + v.key();
        }
        return null;
    }

    /** Whether a row takes a drop: a device onto another host, a host onto a cell, rack or aggregate. */
    static boolean accepts(String payload, Entry target) {
        if (target == null || payload == null) {
            return false;
        }
        if (payload.startsWith("device:")) {
            // onto another host, or onto a NUMA node of any host (its own too: the device changes node)
            return target.isHost() && !payload.startsWith("device:" + target.host() + "/") || target.kind().equals("numa");
        }
        if (payload.startsWith("host:")) {
            return target.kind().equals("cell") || target.kind().equals("rack") || target.kind().equals("aggregate");
        }
        return false;
    }

    /** Carries out a drop on a row as an undoable edit; returns the refusal's reason, or null when done. */
    String drop(String payload, Entry target) {
        if (!accepts(payload, target)) {
            return "cannot drop " + payload + " there";
        }
        if (payload.startsWith("device:")) {
            String[] hd = payload.substring("device:".length()).split("/", 2);
            return target.kind().equals("numa") ? moveDevice(hd[0], hd[1], target.host(), Integer.parseInt(target.key()))
                    : moveDevice(hd[0], hd[1], target.host());
        }
        String host = payload.substring("host:".length());
        return switch (target.kind()) {
            case "cell" -> edit("Move host " + host + " to " + cellName(target), ModelEdits.moveHost(host, cellName(target)));
            case "rack" -> edit("Move host " + host + " to rack " + target.key(), ModelEdits.moveHostToRack(host, target.key()));
            default -> {
                boolean zone = wb.model().aggregate(target.key()).map(a -> a.availabilityZone() != null).orElse(false);
                yield edit((zone ? "Move host " + host + " to zone " : "Put host " + host + " in aggregate ") + target.key(),
                        ModelEdits.addHostToAggregate(host, target.key()));
            }
        };
    }

    /** Moves a PF, GPU or accelerator to another host (undoable; refused with the reason while in use). */
    String moveDevice(String from, String device, String to) {
        return edit("Move " + device + " from " + from + " to " + to, ModelEdits.moveDevice(from, device, to));
    }

    /** Moves a PF, GPU or accelerator onto a NUMA node of a host, its own or another. */
    String moveDevice(String from, String device, String to, int numa) {
        return edit(from.equals(to) ? "Move " + device + " of " + from + " to NUMA " + numa
                : "Move " + device + " from " + from + " to NUMA " + numa + " of " + to,
                ModelEdits.moveDevice(from, device, to, numa));
    }

    private void deleteNuma(Entry e) {
        edit("Delete NUMA " + e.key() + " of " + e.host(), ModelEdits.deleteNumaNode(e.host(), Integer.parseInt(e.key())));
    }

    private void deleteDevice(Entry e) {
        edit("Delete " + e.key() + " of " + e.host(), ModelEdits.deleteDevice(e.host(), e.key()));
    }

    private static String cellName(Entry e) {
        return e.label().replace(" (down)", "");
    }

    /** Applies a what-if edit (validated, undoable); a refusal goes to the status bar with its reason. */
    String edit(String label, java.util.function.UnaryOperator<CloudModel> change) {
        String why = wb.apply(label, change);
        if (why != null) {
            wb.status.set("Refused: " + label + ": " + why);
        }
        return why;
    }

    /** The what-if edits a row offers. */
    private javafx.scene.control.ContextMenu menuFor(Entry e) {
        List<javafx.scene.control.MenuItem> items = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, Runnable> add = (text, action) -> {
            javafx.scene.control.MenuItem i = new javafx.scene.control.MenuItem(text);
            i.setOnAction(ev -> action.run());
            items.add(i);
        };
        switch (e.kind()) {
            case "host", "host-disabled" -> {
                String h = e.label();
                add.accept("Duplicate host", () -> edit("Duplicate host " + h, ModelEdits.duplicateHost(h)));
                add.accept("Delete host (Delete)", () -> edit("Delete host " + h, ModelEdits.deleteHost(h)));
                items.add(new javafx.scene.control.SeparatorMenuItem());
                add.accept("Add NUMA node", () -> edit("Add a NUMA node to " + h, ModelEdits.addNumaNode(h)));
                add.accept("Add SR-IOV PF", () -> edit("Add a PF to " + h, ModelEdits.addPf(h)));
                add.accept("Add GPU", () -> edit("Add a GPU to " + h, ModelEdits.addGpu(h)));
                add.accept("Add accelerator (Cyborg)", () -> edit("Add an accelerator to " + h, ModelEdits.addAccelerator(h)));
            }
            case "numa" -> add.accept("Delete NUMA " + e.key() + " (Delete)", () -> deleteNuma(e));
            case "pf", "gpu", "fpga" -> add.accept("Delete " + e.key() + " (Delete)", () -> deleteDevice(e));
            case "cell" -> {
                String cell = cellName(e);
                add.accept("Add host to " + cell, () -> edit("Add a host to " + cell, ModelEdits.addHost(cell)));
                add.accept("Delete " + cell, () -> edit("Delete " + cell, ModelEdits.deleteCell(cell)));
            }
            case "baremetal" -> {
                add.accept("Duplicate node", () -> edit("Duplicate node " + e.label(), ModelEdits.duplicateBaremetal(e.label())));
                add.accept("Delete node (Delete)", () -> edit("Delete node " + e.label(), ModelEdits.deleteBaremetal(e.label())));
            }
            case "deployment" -> {
                add.accept("Add cell", () -> edit("Add a cell", ModelEdits.addCell()));
                add.accept("Add aggregate…", () -> {
                    javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
                    d.setHeaderText("A new aggregate (name, or name:zone for an availability zone)");
                    d.showAndWait().ifPresent(text -> {
                        String[] parts = text.split(":", 2);
                        edit("Add aggregate " + parts[0].strip(),
                                ModelEdits.addAggregate(parts[0], parts.length > 1 ? parts[1] : null));
                    });
                });
            }
            default -> {
                return null;
            }
        }
        return new javafx.scene.control.ContextMenu(items.toArray(new javafx.scene.control.MenuItem[0]));
    }

    /** A small shape per kind, so rows are told apart at a glance (colour and shape both differ). */
    static Shape icon(String kind) {
        Shape s = switch (kind) {
            case "cell" -> new Rectangle(10, 10, Color.web("#6366f1"));
            case "host" -> new Rectangle(10, 8, Color.web("#3b82f6"));
            case "host-disabled" -> new Rectangle(10, 8, Color.web("#9ca3af"));
            case "numa" -> new Rectangle(8, 8, Color.web("#14b8a6"));
            case "pf" -> new Circle(4, Color.web("#f59e0b"));
            case "gpu", "fpga" -> new Circle(4, Color.web("#ec4899"));
            case "baremetal" -> new Rectangle(10, 10, Color.web("#78716c"));
            case "storage" -> new Circle(5, Color.web("#22c55e"));
            case "flavor" -> new Circle(4, Color.web("#a855f7"));
            case "instance" -> new Rectangle(7, 7, Color.web("#0ea5e9"));
            case "rack" -> new Rectangle(6, 10, Color.web("#64748b"));
            case "aggregate" -> new Circle(4.5, Color.web("#0d9488"));
            default -> new Rectangle(8, 8, Color.web("#94a3b8"));
        };
        return s;
    }

    private String badge(String host) {
        Workbench.Usage u = wb.usage.get();
        if (u == null) {
            return "";
        }
        Map<String, long[]> m = u.byHost().get(host);
        if (m == null) {
            return "";
        }
        long[] cpu = m.getOrDefault("VCPU", m.get("PCPU"));
        long[] ram = m.get("MEMORY_MB");
        StringBuilder sb = new StringBuilder();
        if (cpu != null && cpu[0] > 0) {
            sb.append("cpu ").append(Math.round(100.0 * cpu[1] / cpu[0])).append("%");
        }
        if (ram != null && ram[0] > 0) {
            sb.append(sb.length() > 0 ? "  " : "").append("ram ").append(Math.round(100.0 * ram[1] / ram[0])).append("%");
        }
        return sb.toString();
    }

    /**
     * A host's row. Its NUMA nodes, devices and instances become rows only when it is first expanded (or
     * looked into), so a 10,000-host tree is 10,000 rows to build, not a hundred thousand.
     */
    private static final class HostItem extends TreeItem<Entry> {
        private final ComputeHost h;
        private final List<dev.placementstudio.model.Instance> instances;
        private boolean filled;

        HostItem(ComputeHost h, List<dev.placementstudio.model.Instance> instances) {
            super(new Entry(h.status() == HostStatus.ENABLED ? "host" : "host-disabled", h.hostname(), h.hostname(), null));
            this.h = h;
            this.instances = instances;
        }

        @Override
        public boolean isLeaf() {
            return h.numaNodes().isEmpty() && h.pfs().isEmpty() && h.gpus().isEmpty() && h.accelerators().isEmpty()
                    && instances.isEmpty();
        }

        @Override
        public javafx.collections.ObservableList<TreeItem<Entry>> getChildren() {
            javafx.collections.ObservableList<TreeItem<Entry>> children = super.getChildren();
            if (!filled) {
                filled = true;
                List<TreeItem<Entry>> rows = new ArrayList<>();
                h.numaNodes().forEach(n -> rows.add(new TreeItem<>(new Entry("numa", "NUMA " + n.id(), h.hostname(),
                        n.cpus() + n.pcpus() + " cpus, " + n.memoryMb() / 1024 + " GiB", Integer.toString(n.id())))));
                h.pfs().forEach(p -> rows.add(new TreeItem<>(new Entry("pf", p.name() + " (" + p.physnet() + ")",
                        h.hostname(), p.vfs() + " VFs", p.name()))));
                h.gpus().forEach(gp -> rows.add(new TreeItem<>(new Entry("gpu", gp.name() + " " + gp.model(),
                        h.hostname(), gp.count() + " " + gp.kind(), gp.name()))));
                h.accelerators().forEach(a -> rows.add(new TreeItem<>(new Entry("fpga", a.name() + " " + a.vendor(),
                        h.hostname(), a.type().name(), a.name()))));
                instances.forEach(in -> rows.add(new TreeItem<>(new Entry("instance", in.name(), h.hostname(), in.flavor()))));
                children.setAll(rows);
            }
            return children;
        }
    }

    void rebuild() {
        CloudModel m = wb.model.get();
        if (m == null) {
            tree.setRoot(null);
            return;
        }
        String q = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(Locale.ROOT);
        TreeItem<Entry> root = new TreeItem<>(new Entry("deployment", m.name() == null ? "Deployment" : m.name(), null,
                m.hosts().size() + " hosts"));
        Map<String, List<ComputeHost>> byCell = new java.util.HashMap<>();
        for (ComputeHost h : m.hosts()) {
            byCell.computeIfAbsent(h.cell(), k -> new ArrayList<>()).add(h);
        }
        Map<String, List<dev.placementstudio.model.Instance>> instancesOn = new java.util.HashMap<>();
        for (var in : m.instances()) {
            if (in.host() != null && in.state() != null && in.state() != dev.placementstudio.model.InstanceState.DELETED) {
                instancesOn.computeIfAbsent(in.host(), k -> new ArrayList<>()).add(in);
            }
        }
        root.setExpanded(true);
        for (Cell c : m.cells()) {
            if (c.name().equals("cell0")) {
                continue;
            }
            List<ComputeHost> hosts = byCell.getOrDefault(c.name(), List.of());
            if (!q.isEmpty()) {
                hosts = hosts.stream().filter(h -> matches(h, q)).toList();
            }
            TreeItem<Entry> cell = new TreeItem<>(new Entry("cell", c.name() + (c.isUp() ? "" : " (down)"), null,
                    hosts.size() + " hosts"));
            cell.setExpanded(hosts.size() <= 50 || !q.isEmpty());
            List<TreeItem<Entry>> items = new ArrayList<>(hosts.size());
            for (ComputeHost h : hosts) {
                items.add(new HostItem(h, instancesOn.getOrDefault(h.hostname(), List.of())));
            }
            cell.getChildren().setAll(items);
            root.getChildren().add(cell);
        }
        // racks and aggregates: drop a host on one to move it there
        Map<String, Integer> racks = new java.util.TreeMap<>();
        Map<String, Integer> inAggregate = new java.util.HashMap<>();
        for (ComputeHost h : m.hosts()) {
            if (h.rack() != null) {
                racks.merge(h.rack(), 1, Integer::sum);
            }
            h.aggregates().forEach(a -> inAggregate.merge(a, 1, Integer::sum));
        }
        if (!racks.isEmpty()) {
            TreeItem<Entry> rk = new TreeItem<>(new Entry("group", "Racks", null, racks.size() + ""));
            racks.forEach((r, n) -> rk.getChildren().add(new TreeItem<>(new Entry("rack", "rack " + r, null,
                    n + " hosts", r))));
            root.getChildren().add(rk);
        }
        if (!m.aggregates().isEmpty()) {
            TreeItem<Entry> ag = new TreeItem<>(new Entry("group", "Aggregates", null, m.aggregates().size() + ""));
            m.aggregates().forEach(a -> ag.getChildren().add(new TreeItem<>(new Entry("aggregate", a.name(), null,
                    (a.availabilityZone() != null ? "zone " + a.availabilityZone() + " · " : "")
                            + inAggregate.getOrDefault(a.name(), 0) + " hosts", a.name()))));
            root.getChildren().add(ag);
        }
        if (!m.baremetalNodes().isEmpty()) {
            TreeItem<Entry> bm = new TreeItem<>(new Entry("group", "Bare metal", null, m.baremetalNodes().size() + (m.baremetalNodes().size() == 1 ? " node" : " nodes")));
            for (BaremetalNode n : m.baremetalNodes()) {
                if (q.isEmpty() || n.name().toLowerCase(Locale.ROOT).contains(q)) {
                    bm.getChildren().add(new TreeItem<>(new Entry("baremetal", n.name(), n.name(), n.resourceClass())));
                }
            }
            root.getChildren().add(bm);
        }
        if (!m.sharedStorage().isEmpty()) {
            TreeItem<Entry> st = new TreeItem<>(new Entry("group", "Shared storage", null, null));
            m.sharedStorage().forEach(p -> st.getChildren().add(new TreeItem<>(new Entry("storage", p.name(), p.name(),
                    p.diskGb() + " GB"))));
            root.getChildren().add(st);
        }
        TreeItem<Entry> flavors = new TreeItem<>(new Entry("group", "Flavors", null, m.flavors().size() + ""));
        for (Flavor f : m.flavors()) {
            flavors.getChildren().add(new TreeItem<>(new Entry("flavor", f.name(), null,
                    f.vcpus() + " vcpu, " + f.ramMb() + " MB, " + f.diskGb() + " GB")));
        }
        root.getChildren().add(flavors);
        TreeItem<Entry> groups = new TreeItem<>(new Entry("group", "Server groups", null, m.serverGroups().size() + ""));
        m.serverGroups().forEach(g -> groups.getChildren().add(new TreeItem<>(new Entry("other", g.name(), null,
                g.policy().name().toLowerCase(Locale.ROOT).replace('_', '-')))));
        root.getChildren().add(groups);
        syncing = true;
        tree.setRoot(root);
        syncing = false;
        select(wb.selectedHost.get());
    }

    private static boolean matches(ComputeHost h, String q) {
        if (q.isEmpty()) {
            return true;
        }
        return h.hostname().toLowerCase(Locale.ROOT).contains(q) || h.cell().toLowerCase(Locale.ROOT).contains(q)
                || h.traits().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q))
                || h.cpuTraits().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q));
    }

    private void select(String host) {
        if (host == null || tree.getRoot() == null) {
            return;
        }
        TreeItem<Entry> current = tree.getSelectionModel().getSelectedItem();
        if (current != null && current.getValue() != null && host.equals(current.getValue().host())) {
            return; // a row of that host (a device, a NUMA node, an instance) is selected: it stays so
        }
        TreeItem<Entry> found = find(tree.getRoot(), host);
        if (found != null && current != found) {
            syncing = true;
            for (TreeItem<Entry> p = found.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(found);
            int row = tree.getRow(found);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
            syncing = false;
        }
    }

    private static TreeItem<Entry> find(TreeItem<Entry> item, String host) {
        Entry e = item.getValue();
        if (e != null && host.equals(e.host()) && (e.kind().startsWith("host") || e.kind().equals("baremetal")
                || e.kind().equals("storage"))) {
            return item;
        }
        for (TreeItem<Entry> c : item.getChildren()) {
            TreeItem<Entry> f = find(c, host);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
