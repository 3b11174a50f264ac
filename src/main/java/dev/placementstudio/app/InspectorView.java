package dev.placementstudio.app;

import dev.placementstudio.model.AllocationRatios;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.ReservedResources;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The inspector: a ControlsFX PropertySheet on the selected host. Every edit goes through the workbench,
 * which validates the edited model (an invalid edit is refused, with the reason shown here) and puts it
 * on the undo stack.
 */
public final class InspectorView extends VBox {
    private final Workbench wb;
    final PropertySheet sheet = new PropertySheet();
    final Label error = new Label();
    private final Label title = new Label("Inspector");
    final javafx.scene.control.Button whyHere = new javafx.scene.control.Button("Why here?");
    private java.util.function.Consumer<dev.placementstudio.model.Instance> onWhyHere = i -> { };

    /** What "Why here?" does with the selected instance (the window opens the explanation). */
    public void setOnWhyHere(java.util.function.Consumer<dev.placementstudio.model.Instance> h) {
        onWhyHere = h;
    }

    public InspectorView(Workbench wb) {
        this.wb = wb;
        getStyleClass().add("side-panel");
        title.getStyleClass().add("panel-title");
        error.setWrapText(true);
        error.setPadding(new javafx.geometry.Insets(6, 8, 8, 8));
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        // traits and aggregates are lists of names, typed with an autocomplete of the names they may hold
        var defaults = new org.controlsfx.property.editor.DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> item instanceof Item it && it.names != null
                ? new NamesEditor(it) : defaults.call(item));
        VBox.setVgrow(sheet, Priority.ALWAYS);
        whyHere.setVisible(false);
        whyHere.managedProperty().bind(whyHere.visibleProperty());
        VBox.setMargin(whyHere, new javafx.geometry.Insets(4, 8, 4, 8));
        getChildren().addAll(title, sheet, whyHere, error);
        whyHere.setOnAction(e -> {
            CloudModel m = wb.model.get();
            String name = wb.selectedInstance.get();
            if (m != null && name != null) {
                m.instances().stream().filter(i -> name.equals(i.name())).findFirst().ifPresent(onWhyHere);
            }
        });
        wb.selectedHost.addListener(o -> {
            error.setText("");
            refresh();
        });
        wb.selectedInstance.addListener(o -> refresh());
        wb.model.addListener(o -> refresh());
    }

    void refresh() {
        String name = wb.selectedHost.get();
        CloudModel m = wb.model.get();
        sheet.getItems().clear();
        if (name == null || m == null || m.host(name).isEmpty()) {
            title.setText(name == null ? "Inspector" : "Inspector · " + name);
            error.getStyleClass().remove("error-text");
            error.setText(name == null ? "Select a host in the tree or the diagram to see and edit it." : "");
            return;
        }
        ComputeHost h = m.host(name).get();
        title.setText("Inspector · " + h.hostname());
        List<PropertySheet.Item> items = new ArrayList<>();
        String instName = wb.selectedInstance.get();
        var inst = instName == null ? java.util.Optional.<dev.placementstudio.model.Instance>empty()
                : m.instances().stream().filter(i -> instName.equals(i.name())).findFirst();
        whyHere.setVisible(inst.isPresent());
        inst.ifPresent(i -> {
            title.setText("Inspector · " + i.name() + " on " + h.hostname());
            items.add(ro("0 · Instance", "Instance", String.class, i.name()));
            items.add(ro("0 · Instance", "Flavor", String.class, i.flavor()));
            items.add(ro("0 · Instance", "State", String.class, i.state() == null ? "" : i.state().name()));
            items.add(ro("0 · Instance", "Server group", String.class, i.serverGroup() == null ? "" : i.serverGroup()));
        });
        items.add(ro("1 · Host", "Hostname", String.class, h.hostname()));
        items.add(ro("1 · Host", "Cell", String.class, h.cell()));
        items.add(ro("1 · Host", "Rack", String.class, h.rack() == null ? "" : h.rack()));
        items.add(edit("1 · Host", "Status", HostStatus.class, h, ComputeHost::status, (x, v) -> x.withStatus((HostStatus) v)));
        items.add(ro("1 · Host", "NUMA nodes", Integer.class, h.numaNodes().size()));
        items.add(edit("2 · Capacity", "Disk (GB)", Long.class, h, ComputeHost::diskGb,
                (x, v) -> x.withCapacity((Long) v, x.reserved(), x.allocationRatios())));
        items.add(edit("3 · Allocation ratios", "cpu_allocation_ratio", Double.class, h, x -> x.allocationRatios().cpu(),
                (x, v) -> x.withCapacity(x.diskGb(), x.reserved(), new AllocationRatios((Double) v, x.allocationRatios().ram(),
                        x.allocationRatios().disk()))));
        items.add(edit("3 · Allocation ratios", "ram_allocation_ratio", Double.class, h, x -> x.allocationRatios().ram(),
                (x, v) -> x.withCapacity(x.diskGb(), x.reserved(), new AllocationRatios(x.allocationRatios().cpu(), (Double) v,
                        x.allocationRatios().disk()))));
        items.add(edit("3 · Allocation ratios", "disk_allocation_ratio", Double.class, h, x -> x.allocationRatios().disk(),
                (x, v) -> x.withCapacity(x.diskGb(), x.reserved(), new AllocationRatios(x.allocationRatios().cpu(),
                        x.allocationRatios().ram(), (Double) v))));
        items.add(edit("4 · Reserved", "reserved_host_cpus", Integer.class, h, x -> x.reserved().vcpus(),
                (x, v) -> x.withCapacity(x.diskGb(), new ReservedResources((Integer) v, x.reserved().memoryMb(),
                        x.reserved().diskGb()), x.allocationRatios())));
        items.add(edit("4 · Reserved", "reserved_host_memory_mb", Long.class, h, x -> x.reserved().memoryMb(),
                (x, v) -> x.withCapacity(x.diskGb(), new ReservedResources(x.reserved().vcpus(), (Long) v,
                        x.reserved().diskGb()), x.allocationRatios())));
        items.add(edit("4 · Reserved", "reserved_host_disk_gb", Long.class, h, x -> x.reserved().diskGb(),
                (x, v) -> x.withCapacity(x.diskGb(), new ReservedResources(x.reserved().vcpus(), x.reserved().memoryMb(),
                        (Long) v), x.allocationRatios())));
        items.add(names(edit("5 · Traits", "Traits", String.class, h, x -> String.join(", ", x.traits()),
                (x, v) -> x.withTraits(x.cpuTraits(), NameListField.parse((String) v))),
                dev.placementstudio.model.StandardNames::traits));
        items.add(names(edit("5 · Traits", "CPU traits", String.class, h, x -> String.join(", ", x.cpuTraits()),
                (x, v) -> x.withTraits(NameListField.parse((String) v), x.traits())),
                () -> dev.placementstudio.model.StandardNames.traits().stream().filter(t -> t.startsWith("HW_CPU")).toList()));
        items.add(names(edit("6 · Aggregates", "Aggregates", String.class, h, x -> String.join(", ", x.aggregates()),
                (x, v) -> x.withAggregates(NameListField.parse((String) v))),
                () -> m.aggregates().stream().map(a -> a.name()).toList()));
        sheet.getItems().setAll(items);
    }

    private static PropertySheet.Item names(PropertySheet.Item item, java.util.function.Supplier<java.util.Collection<String>> known) {
        ((Item) item).names = known;
        return item;
    }

    /** The editor of a list of names: a {@link NameListField}, committed on Enter or when it loses focus. */
    private static final class NamesEditor implements org.controlsfx.property.editor.PropertyEditor<Object> {
        private final NameListField field;

        NamesEditor(Item item) {
            field = new NameListField(item.names);
            field.show(item.getValue() == null ? "" : item.getValue().toString());
            field.setOnCommit(item::setValue);
        }

        @Override
        public javafx.scene.Node getEditor() {
            return field;
        }

        @Override
        public Object getValue() {
            return field.getText();
        }

        @Override
        public void setValue(Object value) {
            field.show(value == null ? "" : value.toString());
        }
    }

    private static PropertySheet.Item ro(String category, String name, Class<?> type, Object value) {
        return new Item(category, name, type, value, null);
    }

    private PropertySheet.Item edit(String category, String name, Class<?> type, ComputeHost h,
                                    Function<ComputeHost, Object> get, BiFunction<ComputeHost, Object, ComputeHost> set) {
        return new Item(category, name, type, get.apply(h), v -> {
            if (v == null || v.equals(get.apply(h))) {
                return;
            }
            String why = wb.apply("Set " + name + " of " + h.hostname() + " to " + v, m -> {
                List<ComputeHost> hosts = new ArrayList<>(m.hosts());
                for (int i = 0; i < hosts.size(); i++) {
                    if (hosts.get(i).hostname().equals(h.hostname())) {
                        hosts.set(i, set.apply(hosts.get(i), v));
                    }
                }
                return m.withHosts(hosts);
            });
            if (!error.getStyleClass().contains("error-text")) {
                error.getStyleClass().add("error-text");
            }
            error.setText(why == null ? "" : "Refused: " + why);
            if (why != null) {
                javafx.application.Platform.runLater(this::refresh);
            }
        });
    }

    /** One row of the sheet. */
    private static final class Item implements PropertySheet.Item {
        private final String category;
        private final String name;
        private final Class<?> type;
        private Object value;
        private final java.util.function.Consumer<Object> onSet;
        /** For a list of names: the names it may hold (its editor completes them); else null. */
        java.util.function.Supplier<java.util.Collection<String>> names;

        Item(String category, String name, Class<?> type, Object value, java.util.function.Consumer<Object> onSet) {
            this.category = category;
            this.name = name;
            this.type = type;
            this.value = value;
            this.onSet = onSet;
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return onSet == null ? name : name + " (editable, undoable)";
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public void setValue(Object v) {
            if (onSet != null && v != null && !v.equals(value)) {
                value = v;
                onSet.accept(v);
            }
        }

        @Override
        public boolean isEditable() {
            return onSet != null;
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.empty();
        }
    }
}
