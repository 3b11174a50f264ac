package dev.placementstudio.app;

import dev.placementstudio.model.Aggregate;
import dev.placementstudio.model.BaremetalNode;
import dev.placementstudio.model.Cell;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.ComputeHost;
import dev.placementstudio.model.HostStatus;
import dev.placementstudio.model.SharedStoragePool;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The topology diagram: cells as regions, hosts as cards with a usage bar per resource class (used,
 * reserved, free; the percentage printed so colour is not the only cue), NUMA nodes, PF, GPU and FPGA
 * chips, bare-metal nodes as blocks, shared storage pools. Drawn on one canvas, only what is visible;
 * zoomed out, hosts become heat cells. Scroll to zoom, drag to pan, click to select, hover for numbers.
 */
public final class TopologyView extends Pane {
    static final double CARD_W = 170;
    static final double CARD_H = 84;
    static final double GAP = 12;
    static final double HEADER = 34;
    /**
     * The zoom from which a host card draws its insides (NUMA nodes, a slot per VF, GPU and accelerator
     * chips): below it they would be specks, and there are too many cards on screen to draw them fast.
     */
    static final double INTERNALS_SCALE = 1.4;

    /** Where a host (or node, or pool) is drawn, in world coordinates. */
    record Box(String name, String kind, double x, double y, double w, double h) {
        boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    /** @param key the cell's name for a cell's region (lit when highlighted), else null */
    record Region(String key, String title, double x, double y, double w, double h) {
        boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    private final Canvas canvas = new Canvas();
    private final Workbench wb;
    private final List<Box> boxes = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();
    /** The classes a card shows bars for first, in this order (then any others it has). */
    private static final List<String> BAR_ORDER = List.of("VCPU", "PCPU", "MEMORY_MB", "DISK_GB", "SRIOV_NET_VF", "VGPU", "PGPU", "FPGA");
    /** Racks inside the cells: a block per rack, its hosts in columns (key: cell + "/" + rack). */
    private final List<Region> racks = new ArrayList<>();
    /** The aggregates' legend over the cells: a chip per aggregate, in its colour (a drop target for hosts). */
    record AggChip(String name, String detail, Color color, double x, double y, double w, double h) {
        boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    private final List<AggChip> aggChips = new ArrayList<>();
    private final Map<String, Color> aggColor = new java.util.HashMap<>();
    /** A sharing provider's link to a cell where hosts of its aggregate are: pool, aggregate, cell, how many. */
    private record StorageLink(String pool, String aggregate, String cell, int hosts) {
    }

    private final List<StorageLink> storageLinks = new ArrayList<>();
    private static final String[] AGG_PALETTE = {"#2563eb", "#db2777", "#16a34a", "#d97706", "#7c3aed", "#0891b2",
            "#dc2626", "#65a30d", "#c026d3", "#0d9488"};
    /** A rack holds this many hosts a column before it takes another column. */
    static final int RACK_ROWS = 10;
    static final double RACK_HEADER = 20;
    private final Map<String, Box> byName = new LinkedHashMap<>();
    private final Map<String, ComputeHost> hosts = new LinkedHashMap<>();
    private double scale = 1;
    private double tx = 20;
    private double ty = 20;
    private double dragX;
    private double dragY;
    private boolean dragged;
    /** The device the mouse went down on: a drag then moves it instead of panning. */
    private DrawnDevice pressedDevice;
    private boolean dark;
    private final Tooltip tip = new Tooltip();
    private Consumer<String> onSelect = h -> { };
    private double worldW;
    private double worldH;

    public TopologyView(Workbench wb) {
        this.wb = wb;
        getStyleClass().add("diagram-pane");
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        tip.setShowDelay(Duration.millis(250));
        Tooltip.install(canvas, tip);
        wb.model.addListener((o, a, m) -> {
            layout(m);
            redraw();
        });
        // state changes come in bursts (a playback frame changes usage, lights, tags and cells): one paint each
        wb.usage.addListener(o -> requestRedraw());
        // a claim flows into its host's bars and slots, an unclaim drains them (UsageFlow.SECONDS)
        wb.flow.addListener((o, a, f) -> {
            if (f != null) {
                flowTimer.start();
            }
            requestRedraw();
        });
        wb.selectedHost.addListener(o -> requestRedraw());
        wb.highlighted.addListener((javafx.collections.SetChangeListener<String>) c -> requestRedraw());
        wb.downCells.addListener((javafx.collections.SetChangeListener<String>) c -> requestRedraw());
        wb.marks.addListener((javafx.collections.MapChangeListener<String, dev.placementstudio.sim.EventWords.Tag>) c -> requestRedraw());
        wb.dropped.addListener((javafx.collections.MapChangeListener<String, String>) c -> requestRedraw());
        wb.arrows.addListener((javafx.collections.ListChangeListener<String[]>) c -> requestRedraw());
        wb.dimmed.addListener((javafx.collections.SetChangeListener<String>) c -> requestRedraw());
        wb.weights.addListener((javafx.collections.MapChangeListener<String, Double>) c -> requestRedraw());
        // a conflict or a failed build flashes its host red for 0.6 s
        wb.marks.addListener((javafx.collections.MapChangeListener<String, dev.placementstudio.sim.EventWords.Tag>) c -> {
            if (c.wasAdded() && c.getValueAdded().tone() == dev.placementstudio.sim.EventWords.Tone.BAD
                    && !c.getValueAdded().text().startsWith("dropped")) {
                flashStart = System.nanoTime();
                flash.start();
            }
        });
        installDrop();
        DiagramKeys.install(this, wb, h -> onSelect.accept(h));
        setOnScroll(e -> {
            double factor = e.getDeltaY() > 0 ? 1.15 : 1 / 1.15;
            zoomAt(e.getX(), e.getY(), factor);
        });
        setOnMousePressed(e -> {
            pressedDevice = deviceAt(e.getX(), e.getY());
            pressedHost = pressedDevice == null ? hostByTitleAt(e.getX(), e.getY()) : null;
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        setOnMouseDragged(e -> {
            if (pressedDevice != null || pressedHost != null) {
                return; // dragging a device or a host, not the view
            }
            tx += e.getX() - dragX;
            ty += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            dragged = true;
            redraw();
        });
        setOnMouseClicked(e -> {
            if (dragged) {
                return;
            }
            Box b = hit(e.getX(), e.getY());
            if (b != null) {
                onSelect.accept(b.name());
            }
        });
        setOnMouseMoved(e -> {
            // a card's title strip is its handle: drag it onto another rack, cell or aggregate
            setCursor(hostByTitleAt(e.getX(), e.getY()) != null ? javafx.scene.Cursor.MOVE : javafx.scene.Cursor.DEFAULT);
            Box b = hit(e.getX(), e.getY());
            tip.setText(b == null ? "" : describe(b));
            if (b == null) {
                tip.hide();
            }
        });
    }

    /** The host whose card's title strip is at a screen point (cards drawn in detail only), or null. */
    String hostByTitleAt(double sx, double sy) {
        if (CARD_W * scale < 60) {
            return null;
        }
        Box b = hit(sx, sy);
        if (b == null || !b.kind().equals("host")) {
            return null;
        }
        double top = b.y() * scale + ty;
        return sy - top <= 20 * scale ? b.name() : null;
    }

    /** A host card's title strip centre in screen coordinates (for tests), or null. */
    double[] titleOnScreen(String host) {
        Box b = byName.get(host);
        return b == null ? null : new double[]{(b.x() + b.w() / 2) * scale + tx, (b.y() + 8) * scale + ty};
    }

    /** The host the mouse went down on by its title strip: a drag then moves the host. */
    private String pressedHost;

    /** Lays out the current model again (a view created after the model was set). */
    public void relayout() {
        layout(wb.model.get());
    }

    /** What a drop on the diagram asks for: a flavor on a host, or a host into a cell. */
    public interface DropHandler {
        void flavorOnHost(String flavor, String host);

        void hostIntoCell(String host, String cell);

        /** A host dropped on a rack of a cell ("" : the cell's hosts without a rack). */
        default void hostIntoRack(String host, String cell, String rack) {
            hostIntoCell(host, cell);
        }

        /** A host dropped on an aggregate's chip in the diagram's legend. */
        default void hostIntoAggregate(String host, String aggregate) {
        }

        /** An instance dropped on a host: plan its migration there. */
        default void instanceOnHost(String instance, String host) {
        }

        /** A device (PF, GPU, accelerator) of host {@code from} dropped on another host: move it there. */
        default void deviceOnHost(String from, String device, String host) {
        }

        /** A device dropped on a NUMA node drawn in a card (of its own host or another): move it onto that node. */
        default void deviceOnNuma(String from, String device, String host, int numa) {
        }
    }

    private DropHandler dropHandler;

    public void setDropHandler(DropHandler h) {
        this.dropHandler = h;
    }

    /** The cell whose region contains a screen point, or null. */
    public String cellAt(double sx, double sy) {
        double wx = (sx - tx) / scale;
        double wy = (sy - ty) / scale;
        for (Region r : regions) {
            if (r.contains(wx, wy)) {
                String t = r.title();
                int dot = t.indexOf("  ·");
                String name = (dot < 0 ? t : t.substring(0, dot)).replace(" (down)", "");
                return wb.model.get() != null && wb.model.get().cell(name).isPresent() ? name : null;
            }
        }
        return null;
    }

    public String hostAt(double sx, double sy) {
        Box b = hit(sx, sy);
        return b == null ? null : b.name();
    }

    private void installDrop() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasString() && (e.getDragboard().getString().startsWith("flavor:")
                    || e.getDragboard().getString().startsWith("host:")
                    || e.getDragboard().getString().startsWith("instance:")
                    || e.getDragboard().getString().startsWith("device:"))) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY_OR_MOVE);
            }
            // a host dragged over a rack lights the rack it would land in
            String over = null;
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith("host:")) {
                String[] cr = rackAt(e.getX(), e.getY());
                over = cr == null ? null : cr[0] + "/" + cr[1];
            }
            if (!java.util.Objects.equals(over, rackDropTarget)) {
                rackDropTarget = over;
                requestRedraw();
            }
            e.consume();
        });
        setOnDragExited(e -> {
            if (rackDropTarget != null) {
                rackDropTarget = null;
                requestRedraw();
            }
        });
        setOnDragDropped(e -> {
            String what = e.getDragboard().hasString() ? e.getDragboard().getString() : "";
            e.setDropCompleted(drop(what, e.getX(), e.getY()));
            e.consume();
        });
        // a PF, GPU or accelerator drawn in a card can be dragged onto another host's card
        setOnDragDetected(e -> {
            if (pressedDevice == null && pressedHost != null) {
                var db = startDragAndDrop(javafx.scene.input.TransferMode.MOVE);
                var content = new javafx.scene.input.ClipboardContent();
                content.putString("host:" + pressedHost);
                db.setContent(content);
                e.consume();
                return;
            }
            if (pressedDevice == null) {
                return;
            }
            var db = startDragAndDrop(javafx.scene.input.TransferMode.MOVE);
            var content = new javafx.scene.input.ClipboardContent();
            content.putString("device:" + pressedDevice.host() + "/" + pressedDevice.device());
            db.setContent(content);
            e.consume();
        });
    }

    /** Carries out a drop at a screen point; true when something took it. */
    boolean drop(String what, double x, double y) {
        if (dropHandler == null) {
            return false;
        }
        if (what.startsWith("flavor:") || what.startsWith("instance:")) {
            String host = hostAt(x, y);
            if (host == null) {
                return false;
            }
            if (what.startsWith("flavor:")) {
                dropHandler.flavorOnHost(what.substring(7), host);
            } else {
                dropHandler.instanceOnHost(what.substring(9), host);
            }
            return true;
        }
        if (what.startsWith("device:")) {
            String host = hostAt(x, y);
            String[] hd = what.substring("device:".length()).split("/", 2);
            DrawnNuma numa = numaAt(x, y);
            if (numa != null && hd.length == 2) {
                dropHandler.deviceOnNuma(hd[0], hd[1], numa.host(), numa.id());
                return true;
            }
            if (host == null || hd.length != 2 || host.equals(hd[0]) || !hosts.containsKey(host)) {
                return false;
            }
            dropHandler.deviceOnHost(hd[0], hd[1], host);
            return true;
        }
        if (what.startsWith("host:")) {
            rackDropTarget = null;
            String aggregate = aggregateAt(x, y);
            if (aggregate != null) {
                dropHandler.hostIntoAggregate(what.substring(5), aggregate);
                return true;
            }
            String[] rack = rackAt(x, y);
            if (rack != null) {
                dropHandler.hostIntoRack(what.substring(5), rack[0], rack[1]);
                return true;
            }
            String cell = cellAt(x, y);
            if (cell == null) {
                return false;
            }
            dropHandler.hostIntoCell(what.substring(5), cell);
            return true;
        }
        return false;
    }

    /** The NUMA node drawn at a screen point (only when cards show their insides), or null. */
    DrawnNuma numaAt(double sx, double sy) {
        for (DrawnNuma n : drawnNumas) {
            if (sx >= n.x() && sx <= n.x() + n.w() && sy >= n.y() && sy <= n.y() + n.h()) {
                return n;
            }
        }
        return null;
    }

    /** The device drawn at a screen point (only when cards show their insides), or null. */
    DrawnDevice deviceAt(double sx, double sy) {
        for (DrawnDevice d : drawnDevices) {
            if (sx >= d.boxX() && sx <= d.boxX() + d.boxW() && sy >= d.boxY() && sy <= d.boxY() + d.boxH()) {
                return d;
            }
        }
        return null;
    }

    public void setOnSelect(Consumer<String> onSelect) {
        this.onSelect = onSelect;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        redraw();
    }

    public double scale() {
        return scale;
    }

    public int hostCount() {
        return hosts.size();
    }

    /** The world position of a host's card (for tests and for scrolling to it). */
    public Box boxOf(String name) {
        return byName.get(name);
    }

    public double[] toScreen(double wx, double wy) {
        return new double[]{wx * scale + tx, wy * scale + ty};
    }

    private Box hit(double sx, double sy) {
        double wx = (sx - tx) / scale;
        double wy = (sy - ty) / scale;
        for (Box b : boxes) {
            if (b.contains(wx, wy)) {
                return b;
            }
        }
        return null;
    }

    public void zoomAt(double sx, double sy, double factor) {
        double ns = Math.max(0.02, Math.min(4, scale * factor));
        factor = ns / scale;
        tx = sx - (sx - tx) * factor;
        ty = sy - (sy - ty) * factor;
        scale = ns;
        redraw();
    }

    public void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
        redraw();
    }

    /** Fits the whole diagram into the view. */
    /** The size of a card floating over the diagram, which {@link #fit()} keeps clear (0 x 0: none). */
    private double cardW;
    private double cardH;
    private java.util.function.Consumer<Boolean> onCardSide = right -> { };

    /** Keep a card of this size clear when fitting; {@code onSide} learns where it goes (true: right, false: bottom). */
    public void reserveForCard(double w, double h, java.util.function.Consumer<Boolean> onSide) {
        cardW = Math.max(0, w);
        cardH = Math.max(0, h);
        onCardSide = onSide;
    }

    public void fit() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        if (worldW <= 0 || worldH <= 0) {
            return;
        }
        double full = Math.min((w - 40) / worldW, (h - 40) / worldH);
        scale = full;
        if (cardW > 0) {
            // the card goes on the side that costs the picture least
            double right = Math.min((w - cardW - 56) / worldW, (h - 40) / worldH);
            double below = Math.min((w - 40) / worldW, (h - cardH - 56) / worldH);
            boolean onRight = right >= below;
            scale = Math.max(right, below) > 0 ? Math.max(right, below) : full;
            onCardSide.accept(onRight);
            w = onRight && right > 0 ? w - cardW - 16 : w;
        }
        scale = Math.min(2, scale);
        scale = Math.max(0.02, scale);
        tx = (w - worldW * scale) / 2;
        ty = 20;
        redraw();
    }

    /** Centres the view on a host, wherever it is. */
    void centreOn(String name) {
        Box b = byName.get(name);
        if (b != null) {
            tx = getWidth() / 2 - (b.x() + b.w() / 2) * scale;
            ty = getHeight() / 2 - (b.y() + b.h() / 2) * scale;
            redraw();
        }
    }

    /** Centres the view on a host. */
    public void reveal(String name) {
        Box b = byName.get(name);
        if (b == null) {
            return;
        }
        double[] s = toScreen(b.x(), b.y());
        if (s[0] < 0 || s[1] < 0 || s[0] + b.w() * scale > getWidth() || s[1] + b.h() * scale > getHeight()) {
            tx = getWidth() / 2 - (b.x() + b.w() / 2) * scale;
            ty = getHeight() / 2 - (b.y() + b.h() / 2) * scale;
        }
        redraw();
    }

    /**
     * A cell's hosts by rack: each rack a block with its name, its hosts in columns of up to
     * {@link #RACK_ROWS}, the blocks side by side and wrapping into rows so the cell stays about as wide
     * as it is tall. Hosts without a rack share a block. Returns the cell region's width and height.
     */
    private double[] layoutRacks(CloudModel m, String cell, List<ComputeHost> in, double top) {
        Map<String, List<ComputeHost>> byRack = new LinkedHashMap<>();
        for (ComputeHost h : in) {
            byRack.computeIfAbsent(h.rack() == null || h.rack().isBlank() ? "" : h.rack(), k -> new ArrayList<>()).add(h);
        }
        double target = Math.max(4, Math.ceil(Math.sqrt(in.size() * 2.2))) * (CARD_W + GAP);
        // a rack's column is as tall as suits the cell: a few hosts a column in a small one, up to RACK_ROWS
        int rowsMax = (int) Math.max(1, Math.min(RACK_ROWS, Math.ceil(Math.sqrt(in.size() / 2.0))));
        double x = GAP;
        double y = top + HEADER;
        double rowH = 0;
        double maxW = 0;
        for (var e : byRack.entrySet()) {
            List<ComputeHost> hs = e.getValue();
            int cols = Math.max(1, (hs.size() + rowsMax - 1) / rowsMax);
            int rows = (hs.size() + cols - 1) / cols;
            double w = cols * (CARD_W + GAP) + GAP;
            double h = RACK_HEADER + rows * (CARD_H + GAP) + GAP;
            if (x > GAP && x + w > target + GAP) {
                x = GAP; // wrap: a new row of racks
                y += rowH + GAP;
                rowH = 0;
            }
            String rack = e.getKey();
            racks.add(new Region(cell + "/" + rack, rack.isEmpty() ? "no rack  ·  " + hs.size()
                    : "rack " + rack + "  ·  " + hs.size(), x, y, w, h));
            for (int i = 0; i < hs.size(); i++) {
                // down each column first, as hosts sit in a rack
                Box b = new Box(hs.get(i).hostname(), "host", x + GAP + (i / rows) * (CARD_W + GAP),
                        y + RACK_HEADER + (i % rows) * (CARD_H + GAP), CARD_W, CARD_H);
                boxes.add(b);
                byName.put(b.name(), b);
            }
            x += w + GAP;
            rowH = Math.max(rowH, h);
            maxW = Math.max(maxW, x);
        }
        double w = maxW;
        double h = y + rowH + GAP - top;
        boolean up = m.cell(cell).map(Cell::isUp).orElse(true);
        regions.add(new Region(cell, cell + (up ? "" : " (down)") + "  ·  " + in.size() + " hosts  ·  "
                + byRack.size() + (byRack.size() == 1 ? " rack" : " racks"), 0, top, w, h));
        return new double[]{w, h};
    }

    /**
     * The aggregates' legend at the top: a chip per aggregate in its colour, with its zone and how many
     * hosts it holds, wrapping into rows. Host cards carry the same colours on their left edge, sharing
     * providers too. Returns where the cells start.
     */
    private double layoutAggregates(CloudModel m) {
        if (m.aggregates().isEmpty()) {
            return 0;
        }
        Map<String, Integer> members = new java.util.HashMap<>();
        m.hosts().forEach(h -> h.aggregates().forEach(a -> members.merge(a, 1, Integer::sum)));
        int biggestCell = 0;
        for (Cell c : m.cells()) {
            biggestCell = Math.max(biggestCell, (int) m.hosts().stream().filter(h -> c.name().equals(h.cell())).count());
        }
        double wrap = Math.max(6, Math.ceil(Math.sqrt(biggestCell * 2.2))) * (CARD_W + GAP);
        double x = GAP;
        double y = HEADER;
        double chipH = 30;
        int i = 0;
        for (Aggregate a : m.aggregates()) {
            Color c = Color.web(AGG_PALETTE[i++ % AGG_PALETTE.length]);
            aggColor.put(a.name(), c);
            int n = members.getOrDefault(a.name(), 0);
            String detail = (a.availabilityZone() == null ? "" : "AZ " + a.availabilityZone() + " · ")
                    + n + (n == 1 ? " host" : " hosts");
            double w = Math.max(a.name().length(), detail.length() * 0.78) * 7.2 + 34;
            if (x > GAP && x + w > wrap) {
                x = GAP;
                y += chipH + 8;
            }
            aggChips.add(new AggChip(a.name(), detail, c, x, y, w, chipH));
            x += w + 8;
        }
        double h = y + chipH + GAP;
        double w = aggChips.stream().mapToDouble(c -> c.x() + c.w()).max().orElse(0) + GAP;
        regions.add(new Region(null, "Aggregates  ·  drag a host's title onto one to add it", 0, 0, w, h));
        return h + 24;
    }

    /** The aggregate whose legend chip is at a screen point, or null. */
    String aggregateAt(double sx, double sy) {
        double wx = (sx - tx) / scale;
        double wy = (sy - ty) / scale;
        for (AggChip c : aggChips) {
            if (c.contains(wx, wy)) {
                return c.name();
            }
        }
        return null;
    }

    /** An aggregate chip's centre in screen coordinates (for tests), or null. */
    double[] aggregateOnScreen(String name) {
        for (AggChip c : aggChips) {
            if (c.name().equals(name)) {
                return new double[]{(c.x() + c.w() / 2) * scale + tx, (c.y() + c.h() / 2) * scale + ty};
            }
        }
        return null;
    }

    /** The colour the diagram gives an aggregate, or null. */
    Color aggregateColor(String name) {
        return aggColor.get(name);
    }

    /** The rack block at a screen point: {cell, rack} ("" for hosts without one), or null. */
    String[] rackAt(double sx, double sy) {
        double wx = (sx - tx) / scale;
        double wy = (sy - ty) / scale;
        for (Region r : racks) {
            if (r.contains(wx, wy)) {
                int slash = r.key().indexOf('/');
                return new String[]{r.key().substring(0, slash), r.key().substring(slash + 1)};
            }
        }
        return null;
    }

    /** A rack block's bounds in screen coordinates {x, y, w, h}, or null (for tests). */
    double[] rackOnScreen(String cell, String rack) {
        for (Region r : racks) {
            if (r.key().equals(cell + "/" + rack)) {
                return new double[]{r.x() * scale + tx, r.y() * scale + ty, r.w() * scale, r.h() * scale};
            }
        }
        return null;
    }

    private void layout(CloudModel m) {
        boxes.clear();
        regions.clear();
        racks.clear();
        aggChips.clear();
        aggColor.clear();
        storageLinks.clear();
        byName.clear();
        hosts.clear();
        if (m == null) {
            return;
        }
        m.hosts().forEach(h -> hosts.put(h.hostname(), h));
        double y = layoutAggregates(m);
        double maxW = 0;
        List<String> cellNames = new ArrayList<>();
        for (Cell c : m.cells()) {
            if (!c.name().equals("cell0")) {
                cellNames.add(c.name());
            }
        }
        boolean anyRack = m.hosts().stream().anyMatch(h -> h.rack() != null && !h.rack().isBlank());
        for (String cell : cellNames) {
            List<ComputeHost> in = m.hosts().stream().filter(h -> cell.equals(h.cell())).toList();
            if (in.isEmpty()) {
                continue;
            }
            if (anyRack) {
                double[] size = layoutRacks(m, cell, in, y);
                y += size[1] + 24;
                maxW = Math.max(maxW, size[0]);
                continue;
            }
            int cols = Math.max(4, (int) Math.ceil(Math.sqrt(in.size() * 2.2)));
            cols = Math.min(cols, Math.max(1, in.size())); // a small cell is as wide as its hosts
            int rows = (in.size() + cols - 1) / cols;
            double w = cols * (CARD_W + GAP) + GAP;
            double h = HEADER + rows * (CARD_H + GAP) + GAP;
            boolean up = m.cell(cell).map(Cell::isUp).orElse(true);
            regions.add(new Region(cell, cell + (up ? "" : " (down)") + "  ·  " + in.size() + " hosts", 0, y, w, h));
            for (int i = 0; i < in.size(); i++) {
                ComputeHost host = in.get(i);
                Box b = new Box(host.hostname(), "host", GAP + (i % cols) * (CARD_W + GAP),
                        y + HEADER + (i / cols) * (CARD_H + GAP), CARD_W, CARD_H);
                boxes.add(b);
                byName.put(b.name(), b);
            }
            y += h + 24;
            maxW = Math.max(maxW, w);
        }
        // bare metal and shared storage: beside the cells (so the storage's links to them run clear), or
        // below when there are no cells
        double cellsBottom = y;
        // room between for the sharing pools' links and their labels
        boolean links = m.sharedStorage().stream().anyMatch(p -> !p.aggregates().isEmpty());
        double sideX = maxW > 0 ? maxW + (links ? 170 : 48) : 0;
        y = maxW > 0 ? (regions.isEmpty() ? 0 : regions.stream().filter(r -> r.key() != null).mapToDouble(Region::y).min().orElse(0)) : y;
        double sideW = 0;
        boolean beside = sideX > 0;
        if (!m.baremetalNodes().isEmpty()) {
            List<BaremetalNode> nodes = m.baremetalNodes();
            int cols = Math.max(beside ? 2 : 4, (int) Math.ceil(Math.sqrt(nodes.size() * 3)));
            cols = Math.min(cols, Math.max(beside ? 2 : 1, nodes.size()));
            double bw = 110;
            double bh = 46;
            int rows = (nodes.size() + cols - 1) / cols;
            double w = Math.max(cols * (bw + GAP) + GAP, 230);
            double h = HEADER + rows * (bh + GAP) + GAP;
            regions.add(new Region(null, "Bare metal (Ironic)  ·  " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes"), sideX, y, w, h));
            for (int i = 0; i < nodes.size(); i++) {
                Box b = new Box(nodes.get(i).name(), "baremetal", sideX + GAP + (i % cols) * (bw + GAP),
                        y + HEADER + (i / cols) * (bh + GAP), bw, bh);
                boxes.add(b);
                byName.put(b.name(), b);
            }
            y += h + 24;
            sideW = Math.max(sideW, w);
        }
        if (!m.sharedStorage().isEmpty()) {
            List<SharedStoragePool> pools = m.sharedStorage();
            double pw = 200;
            double ph = 56;
            // beside the cells, one pool under the other; with no cells, side by side
            double w = beside ? pw + 2 * GAP : pools.size() * (pw + GAP) + GAP;
            double h = beside ? HEADER + pools.size() * (ph + GAP) + GAP : HEADER + ph + 2 * GAP;
            regions.add(new Region(null, "Shared storage", sideX, y, w, h));
            for (SharedStoragePool pool : pools) {
                for (String agg : pool.aggregates()) {
                    Map<String, Integer> perCell = new LinkedHashMap<>();
                    m.hosts().stream().filter(x -> x.aggregates().contains(agg))
                            .forEach(x -> perCell.merge(x.cell(), 1, Integer::sum));
                    perCell.forEach((cell, n) -> storageLinks.add(new StorageLink(pool.name(), agg, cell, n)));
                }
            }
            for (int i = 0; i < pools.size(); i++) {
                Box b = beside ? new Box(pools.get(i).name(), "storage", sideX + GAP, y + HEADER + i * (ph + GAP), pw, ph)
                        : new Box(pools.get(i).name(), "storage", GAP + i * (pw + GAP), y + HEADER, pw, ph);
                boxes.add(b);
                byName.put(b.name(), b);
            }
            y += h + 24;
            sideW = Math.max(sideW, w);
        }
        if (beside) {
            maxW = sideX + sideW;
            y = Math.max(y, cellsBottom);
        } else {
            maxW = Math.max(maxW, sideW);
        }
        worldW = maxW;
        worldH = y;
    }

    private Color bg() {
        return dark ? Color.web("#1b1f24") : Color.web("#f6f7f9");
    }

    private Color panel() {
        return dark ? Color.web("#23282f") : Color.WHITE;
    }

    private Color text() {
        return dark ? Color.web("#e4e7eb") : Color.web("#1f2933");
    }

    private Color muted() {
        return dark ? Color.web("#9aa5b1") : Color.web("#616e7c");
    }

    private Color border() {
        return dark ? Color.web("#3b434d") : Color.web("#d9dde3");
    }

    /** Usage colour: blue when comfortable, amber when busy, red when (over)full. */
    static Color usageColor(double ratio) {
        if (ratio >= 0.9) {
            return Color.web("#dc2626");
        }
        if (ratio >= 0.7) {
            return Color.web("#f59e0b");
        }
        return Color.web("#3b82f6");
    }

    private long flashStart;
    private static final double FLASH_S = 0.6;
    private final javafx.animation.AnimationTimer flash = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            if ((now - flashStart) / 1e9 > FLASH_S) {
                stop();
            }
            redraw();
        }
    };

    /** How strong the red flash is now (0 when none). */
    private double flashLevel() {
        double t = (System.nanoTime() - flashStart) / 1e9;
        return flashStart == 0 || t > FLASH_S ? 0 : 1 - t / FLASH_S;
    }

    /** Repaints while a change of usage flows in, then stops. */
    private final javafx.animation.AnimationTimer flowTimer = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            UsageFlow f = wb.flow.get();
            if (f == null || !f.running(now)) {
                stop();
            }
            redraw();
        }
    };

    /** The flow the paint under way draws, and how far it is (null: none, as in an exported picture). */
    private UsageFlow paintFlow;
    private double paintP = 1;
    /** The hosts the last paint drew a flow on (a claim filling, an unclaim draining); for tests. */
    final java.util.Set<String> flowingHosts = new java.util.HashSet<>();

    private boolean redrawPending;

    /** Paints once, after the changes of this pulse, however many there are. */
    public void requestRedraw() {
        if (!redrawPending) {
            redrawPending = true;
            javafx.application.Platform.runLater(() -> {
                redrawPending = false;
                redraw();
            });
        }
    }

    /** A flow held still this far in (screenshots of one moment of it), or negative: flows run. */
    private double heldAt = -1;

    void holdFlowAt(double p) {
        heldAt = Math.max(0, Math.min(1, p));
    }

    public void redraw() {
        UsageFlow f = wb.flow.get();
        long now = System.nanoTime();
        paintFlow = f != null && (heldAt >= 0 || f.running(now)) ? f : null;
        paintP = paintFlow == null ? 1 : heldAt >= 0 ? heldAt : paintFlow.progress(now);
        try {
            paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
        } finally {
            paintFlow = null;
            paintP = 1;
        }
    }

    /** The used count a host's bar of a class draws now: between before and after while a change flows in. */
    double shownUsed(String host, String rc) {
        Workbench.Usage u = wb.usage.get();
        long[] cu = u == null ? null : u.of(host, rc);
        if (cu == null) {
            return Double.NaN;
        }
        UsageFlow f = wb.flow.get();
        long now = System.nanoTime();
        return f == null || !f.running(now) ? cu[1] : UsageFlow.at(f.ofHost(host, rc), f.progress(now), cu[1]);
    }

    /** Paints the diagram into any graphics context (the window, or a PNG export). */
    void paint(GraphicsContext g, double width, double height) {
        drawnDevices.clear();
        drawnNumas.clear();
        flowingHosts.clear();
        g.setFill(bg());
        g.fillRect(0, 0, width, height);
        CloudModel m = wb.model.get();
        if (m == null) {
            return;
        }
        Workbench.Usage usage = wb.usage.get();
        String selected = wb.selectedHost.get();
        g.setTextBaseline(VPos.TOP);
        for (Region r : regions) {
            double x = r.x() * scale + tx;
            double y = r.y() * scale + ty;
            double w = r.w() * scale;
            double h = r.h() * scale;
            if (x > width || y > height || x + w < 0 || y + h < 0) {
                continue;
            }
            boolean downNow = r.key() != null && wb.downCells.contains(r.key());
            g.setFill(downNow ? (dark ? Color.web("#3a2f2f") : Color.web("#f3e8e8")) : panel());
            fillBlock(g, x, y, w, h, 10);
            boolean litCell = r.key() != null && wb.highlighted.contains(r.key());
            g.setStroke(litCell ? Color.web("#16a34a") : border());
            g.setLineWidth(litCell ? 3 : 1);
            g.strokeRoundRect(x, y, w, h, 10 * scale, 10 * scale);
            if (scale > 0.15) {
                g.setFill(text());
                g.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(9, 14 * scale)));
                g.setTextAlign(TextAlignment.LEFT);
                // the title stays in view when the region's left edge is panned away (zoomed in on its hosts)
                double titleX = Math.max(x, Math.min(0, x + w - 300 * scale)) + 10 * scale;
                g.fillText(downNow ? r.title() + "   ·   DOWN (its instances are listed as UNKNOWN)" : r.title(),
                        titleX, y + 9 * scale);
            }
        }
        paintRacks(g, width, height);
        paintAggregateChips(g, width, height);
        boolean detail = CARD_W * scale >= 60;
        for (Box b : boxes) {
            double x = b.x() * scale + tx;
            double y = b.y() * scale + ty;
            double w = b.w() * scale;
            double h = b.h() * scale;
            if (x > width || y > height || x + w < 0 || y + h < 0) {
                continue;
            }
            boolean isSel = b.name().equals(selected);
            boolean lit = wb.highlighted.contains(b.name());
            boolean out = wb.dropped.containsKey(b.name());
            if (!detail) {
                g.setFill(heat(usage, b));
                g.fillRect(x, y, Math.max(1, w - 1), Math.max(1, h - 1));
                if (paintFlow != null && paintFlow.touches(b.name())) {
                    // zoomed out: a ring that widens and fades where a claim lands (green) or drains (red)
                    flowingHosts.add(b.name());
                    boolean in = claims(paintFlow, b.name());
                    double grow = 2 + 10 * paintP;
                    g.setStroke(Color.web(in ? "#16a34a" : "#dc2626", 1 - paintP));
                    g.setLineWidth(2);
                    g.strokeOval(x + w / 2 - w / 2 - grow, y + h / 2 - h / 2 - grow, w + 2 * grow, h + 2 * grow);
                }
                if (isSel || lit) {
                    g.setStroke(isSel ? Color.web("#2563eb") : Color.web("#16a34a"));
                    g.setLineWidth(2);
                    g.strokeRect(x, y, w, h);
                }
                continue;
            }
            paintCard(g, b, x, y, w, h, usage, isSel, lit);
            if (wb.dimmed.contains(b.name())) {
                // dropped by an earlier filter of this attempt: faded out
                g.setFill(dark ? Color.rgb(27, 31, 36, 0.65) : Color.rgb(246, 247, 249, 0.7));
                g.fillRoundRect(x, y, w, h, 8 * scale, 8 * scale);
            }
            Double weight = wb.weights.get(b.name());
            if (weight != null) {
                // the weighers' verdict as a bar along the card's foot
                double bh = Math.max(3, 5 * scale);
                g.setFill(Color.web("#16a34a", 0.25));
                g.fillRect(x + 4, y + h - bh - 3, w - 8, bh);
                g.setFill(Color.web("#16a34a"));
                g.fillRect(x + 4, y + h - bh - 3, (w - 8) * weight, bh);
            }
            var tag = wb.marks.get(b.name());
            double level = tag != null && tag.tone() == dev.placementstudio.sim.EventWords.Tone.BAD ? flashLevel() : 0;
            if (level > 0) {
                g.setFill(Color.web("#dc2626", 0.35 * level));
                g.fillRoundRect(x - 3, y - 3, w + 6, h + 6, 10 * scale, 10 * scale);
            }
            if (tag != null) {
                paintTag(g, tag, x, y, w);
            }
            if (out) {
                g.setStroke(Color.web("#dc2626"));
                g.setLineWidth(2);
                g.setLineDashes(5 * scale, 3 * scale); // dashed, so "dropped" is not told by colour alone
                g.strokeRoundRect(x - 2, y - 2, w + 4, h + 4, 9 * scale, 9 * scale);
                g.setLineDashes(null);
            }
        }
        paintStorageLinks(g);
        for (String[] a : wb.arrows) {
            paintArrow(g, a[0], a[1], a[2]);
        }
    }

    /** From this zoom the big blocks (cells, racks) get rounded corners. */
    private static final double ROUND_FROM = 0.3;

    /**
     * A cell's or rack's block: rounded when zoomed in; square when zoomed out, where the corners do not
     * show and a rounded fill over a large area costs a software-rendered frame much more.
     */
    private void fillBlock(GraphicsContext g, double x, double y, double w, double h, double radius) {
        if (scale >= ROUND_FROM) {
            g.fillRoundRect(x, y, w, h, radius * scale, radius * scale);
        } else {
            g.fillRect(x, y, w, h);
        }
    }

    /** The rack blocks inside the cells: a faint column with the rack's name on top. */
    private void paintRacks(GraphicsContext g, double width, double height) {
        if (racks.isEmpty()) {
            return;
        }
        boolean titles = scale >= 0.45;
        Font font = Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(8, 10.5 * scale));
        // opaque colours (translucent fills over large areas are what a software-rendered frame pays most for)
        Color fill = dark ? panel().interpolate(Color.WHITE, 0.035) : panel().interpolate(Color.web("#0f172a"), 0.035);
        Color line = dark ? Color.web("#4b5563") : Color.web("#cbd5e1");
        boolean round = scale >= ROUND_FROM;
        for (Region r : racks) {
            double x = r.x() * scale + tx;
            double y = r.y() * scale + ty;
            double w = r.w() * scale;
            double h = r.h() * scale;
            if (x > width || y > height || x + w < 0 || y + h < 0) {
                continue;
            }
            boolean lit = rackDropTarget != null && rackDropTarget.equals(r.key());
            g.setFill(lit ? Color.web("#2563eb", 0.12) : fill);
            fillBlock(g, x, y, w, h, 8);
            if (lit || round) {
                g.setStroke(lit ? Color.web("#2563eb") : line);
                g.setLineWidth(lit ? 2 : 1);
                g.strokeRoundRect(x, y, w, h, 8 * scale, 8 * scale);
            }
            if (titles) {
                g.setFill(muted());
                g.setFont(font);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(r.title(), x + 8 * scale, y + 4 * scale);
            }
        }
    }

    private void paintAggregateChips(GraphicsContext g, double width, double height) {
        if (aggChips.isEmpty() || scale < 0.12) {
            return;
        }
        Font name = Font.font("DejaVu Sans", FontWeight.BOLD, 11 * scale);
        Font small = Font.font("DejaVu Sans", 8.5 * scale);
        for (AggChip c : aggChips) {
            double x = c.x() * scale + tx;
            double y = c.y() * scale + ty;
            double w = c.w() * scale;
            double h = c.h() * scale;
            if (x > width || y > height || x + w < 0 || y + h < 0) {
                continue;
            }
            g.setFill(dark ? Color.web("#2b3038") : Color.WHITE);
            g.fillRoundRect(x, y, w, h, 8 * scale, 8 * scale);
            g.setStroke(c.color());
            g.setLineWidth(1.5);
            g.strokeRoundRect(x, y, w, h, 8 * scale, 8 * scale);
            g.setFill(c.color());
            g.fillRoundRect(x + 6 * scale, y + 6 * scale, 12 * scale, h - 12 * scale, 3 * scale, 3 * scale);
            if (scale >= 0.3) {
                g.setTextAlign(TextAlignment.LEFT);
                g.setFill(text());
                g.setFont(name);
                g.fillText(c.name(), x + 24 * scale, y + 3 * scale);
                g.setFill(muted());
                g.setFont(small);
                g.fillText(c.detail(), x + 24 * scale, y + 17 * scale);
            }
        }
    }

    /** Each sharing provider linked to the cells where the hosts of its aggregate are, in the aggregate's colour. */
    private void paintStorageLinks(GraphicsContext g) {
        if (storageLinks.isEmpty()) {
            return;
        }
        Font font = Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(8, 10 * scale));
        for (StorageLink l : storageLinks) {
            Box pool = byName.get(l.pool());
            Region cell = regions.stream().filter(r -> l.cell().equals(r.key())).findFirst().orElse(null);
            if (pool == null || cell == null) {
                continue;
            }
            Color c = aggColor.getOrDefault(l.aggregate(), Color.GRAY);
            boolean beside = pool.x() > cell.x() + cell.w();
            double px;
            double py;
            double cx;
            double cy;
            if (beside) { // pool to the right of the cells: from its left edge to the cell's right edge
                px = pool.x() * scale + tx;
                py = (pool.y() + pool.h() / 2) * scale + ty;
                cx = (cell.x() + cell.w()) * scale + tx;
                cy = (Math.max(cell.y() + 30, Math.min(cell.y() + cell.h() - 30, pool.y() + pool.h() / 2))) * scale + ty;
            } else { // pool below: from its top to the cell's bottom edge
                px = (pool.x() + pool.w() / 2) * scale + tx;
                py = pool.y() * scale + ty;
                cx = (Math.max(cell.x() + 40, Math.min(cell.x() + cell.w() - 40, pool.x() + pool.w() / 2))) * scale + tx;
                cy = (cell.y() + cell.h()) * scale + ty;
            }
            g.setStroke(Color.web(c.toString(), 0.75));
            g.setLineWidth(Math.max(1.2, 1.6 * scale));
            g.setLineDashes(6 * scale, 4 * scale);
            g.beginPath();
            g.moveTo(px, py);
            if (beside) {
                g.bezierCurveTo(px - (px - cx) * 0.5, py, cx + (px - cx) * 0.5, cy, cx, cy);
            } else {
                g.bezierCurveTo(px, py - (py - cy) * 0.5, cx, cy + (py - cy) * 0.5, cx, cy);
            }
            g.stroke();
            g.setLineDashes(null);
            g.setFill(c);
            g.fillOval(cx - 3.5 * scale, cy - 3.5 * scale, 7 * scale, 7 * scale);
            if (scale >= 0.3) {
                String label = l.aggregate() + " · " + l.hosts() + (l.hosts() == 1 ? " host" : " hosts");
                g.setFont(font);
                g.setTextAlign(TextAlignment.LEFT);
                g.setFill(c);
                g.setTextAlign(beside ? TextAlignment.CENTER : TextAlignment.LEFT);
                g.fillText(label, (px + cx) / 2 + (beside ? 0 : 6 * scale), (py + cy) / 2 - 14 * scale);
                g.setTextAlign(TextAlignment.LEFT);
            }
        }
    }

    /** The rack a dragged host would land in now (lit while dragging over it), or null. */
    private String rackDropTarget;

    /** An arrow between two hosts' cards, bowed, with its label at the middle. */
    private void paintArrow(GraphicsContext g, String from, String to, String label) {
        Box a = byName.get(from);
        Box b = byName.get(to);
        if (a == null || b == null) {
            return;
        }
        double x1 = (a.x() + a.w() / 2) * scale + tx;
        double y1 = (a.y() + a.h() / 2) * scale + ty;
        double x2 = (b.x() + b.w() / 2) * scale + tx;
        double y2 = (b.y() + b.h() / 2) * scale + ty;
        double mx = (x1 + x2) / 2;
        double my = (y1 + y2) / 2;
        double len = Math.max(1, Math.hypot(x2 - x1, y2 - y1));
        // bow the curve to one side, so that it does not run along the row of cards
        double cx = mx + (y1 - y2) / len * 40 * Math.max(0.5, scale);
        double cy = my + (x2 - x1) / len * 40 * Math.max(0.5, scale) - 30 * scale;
        Color c = Color.web("#d97706");
        g.setStroke(c);
        g.setLineWidth(Math.max(2, 3 * scale));
        g.beginPath();
        g.moveTo(x1, y1);
        g.quadraticCurveTo(cx, cy, x2, y2);
        g.stroke();
        // the head, along the curve's last tangent
        double ang = Math.atan2(y2 - cy, x2 - cx);
        double hl = Math.max(8, 12 * scale);
        g.setFill(c);
        g.fillPolygon(new double[]{x2, x2 - hl * Math.cos(ang - 0.45), x2 - hl * Math.cos(ang + 0.45)},
                new double[]{y2, y2 - hl * Math.sin(ang - 0.45), y2 - hl * Math.sin(ang + 0.45)}, 3);
        g.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(9, 11 * scale)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        double lx = 0.25 * x1 + 0.5 * cx + 0.25 * x2;
        double ly = 0.25 * y1 + 0.5 * cy + 0.25 * y2;
        g.setFill(panel());
        g.fillRoundRect(lx - 34, ly - 9, 68, 18, 9, 9);
        g.setFill(c);
        g.fillText(label, lx, ly);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** A playback's tag on a card: a pill astride its top edge, coloured by tone and readable without colour. */
    private void paintTag(GraphicsContext g, dev.placementstudio.sim.EventWords.Tag tag, double x, double y, double w) {
        double s = scale;
        Font f = Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(8, 9.5 * s));
        javafx.scene.text.Text probe = new javafx.scene.text.Text(tag.text());
        probe.setFont(f);
        double tw = probe.getLayoutBounds().getWidth() + 12 * s;
        double th = 15 * s;
        double tx0 = x + w - tw - 6 * s;
        double ty0 = y - th / 2;
        Color fill = switch (tag.tone()) {
            case GOOD -> Color.web("#16a34a");
            case ALTERNATE -> Color.web("#0d9488");
            case BUSY -> Color.web("#d97706");
            case BAD -> Color.web("#dc2626");
        };
        g.setFill(fill);
        g.fillRoundRect(tx0, ty0, tw, th, th, th);
        g.setFill(Color.WHITE);
        g.setFont(f);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(tag.text(), tx0 + tw / 2, ty0 + th / 2);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private Color heat(Workbench.Usage usage, Box b) {
        double worst = 0;
        if (usage != null) {
            Map<String, long[]> m = usage.byHost().get(b.name());
            if (m != null) {
                for (long[] cu : m.values()) {
                    if (cu[0] > 0) {
                        worst = Math.max(worst, (double) cu[1] / cu[0]);
                    }
                }
            }
        }
        ComputeHost h = hosts.get(b.name());
        if (h != null && h.status() != HostStatus.ENABLED) {
            return Color.web("#9ca3af");
        }
        Color c = usageColor(worst);
        return c.interpolate(bg(), 1 - Math.min(1, 0.35 + worst));
    }

    private void paintCard(GraphicsContext g, Box b, double x, double y, double w, double h, Workbench.Usage usage,
                           boolean selected, boolean lit) {
        double s = scale;
        ComputeHost host = hosts.get(b.name());
        boolean disabled = host != null && host.status() != HostStatus.ENABLED;
        g.setFill(disabled ? (dark ? Color.web("#2d3139") : Color.web("#eceef1")) : (dark ? Color.web("#2b3038") : Color.WHITE));
        g.fillRoundRect(x, y, w, h, 8 * s, 8 * s);
        g.setStroke(selected ? Color.web("#2563eb") : lit ? Color.web("#16a34a") : border());
        g.setLineWidth(selected || lit ? 2.5 : 1);
        g.strokeRoundRect(x, y, w, h, 8 * s, 8 * s);
        if (disabled) {
            // hatching: disabled is readable without colour
            g.setStroke(dark ? Color.web("#3b414a") : Color.web("#d5d9df"));
            g.setLineWidth(1);
            for (double d = 0; d < w + h; d += 10 * s) {
                g.strokeLine(x + Math.max(0, d - h), y + Math.min(h, d), x + Math.min(w, d), y + Math.max(0, d - w));
            }
        }
        paintAggregateStripes(g, b, x, y, h);
        g.setFill(text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, 12 * s));
        g.fillText(b.name(), x + 8 * s, y + 6 * s);
        g.setFont(Font.font("DejaVu Sans", 9.5 * s));
        g.setFill(muted());
        String sub = switch (b.kind()) {
            case "baremetal" -> "Ironic node";
            case "storage" -> "sharing provider";
            default -> host == null ? "" : (host.status() == HostStatus.ENABLED ? "" : host.status().name().toLowerCase() + " · ")
                    + host.numaNodes().size() + " NUMA" + (host.pfs().isEmpty() ? "" : " · " + host.pfs().size() + " PF")
                    + (host.gpus().isEmpty() ? "" : " · " + host.gpus().size() + " GPU")
                    + (host.accelerators().isEmpty() ? "" : " · " + host.accelerators().size() + " FPGA");
        };
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(sub, x + w - 8 * s, y + 7.5 * s);
        g.setTextAlign(TextAlignment.LEFT);
        Map<String, long[]> res = usage == null ? null : usage.byHost().get(b.name());
        if (res == null) {
            return;
        }
        List<String> classes = new ArrayList<>();
        for (String rc : BAR_ORDER) {
            if (res.containsKey(rc)) {
                classes.add(rc);
            }
        }
        for (String rc : res.keySet()) {
            if (!classes.contains(rc)) {
                classes.add(rc);
            }
        }
        boolean inside = host != null && showsInternals();
        int shown = Math.min(classes.size(), b.kind().equals("host") ? 4 : 1);
        double barTop = y + (inside ? 21 : 24) * s;
        // with its insides drawn, the bars keep the card's upper half and the NUMA nodes take the lower
        double rowH = (inside ? 30 * s : h - 28 * s) / Math.max(1, shown);
        double labelSize = inside ? 6.5 : 8.5;
        for (int i = 0; i < shown; i++) {
            String rc = classes.get(i);
            long[] cu = res.get(rc);
            long[] ft = paintFlow == null ? null : paintFlow.ofHost(b.name(), rc);
            double shownUsed = UsageFlow.at(ft, paintP, cu[1]);
            double ratio = cu[0] == 0 ? 0 : shownUsed / cu[0];
            double by = barTop + i * rowH;
            double labelW = 44 * s;
            g.setFill(muted());
            g.setFont(Font.font("DejaVu Sans", labelSize * s));
            g.fillText(shortName(rc), x + 8 * s, by + (inside ? 0 : 1) * s);
            double bx = x + 8 * s + labelW;
            double bw = w - 16 * s - labelW - 30 * s;
            double bh = Math.max(2, rowH - (inside ? 2.5 : 6) * s);
            g.setFill(dark ? Color.web("#374151") : Color.web("#e5e7eb"));
            g.fillRoundRect(bx, by, bw, bh, 3 * s, 3 * s);
            g.setFill(usageColor(ratio));
            g.fillRoundRect(bx, by, bw * Math.min(1, ratio), bh, 3 * s, 3 * s);
            if (ft != null && cu[0] > 0) {
                paintBarFlow(g, ft, cu[0], bx, by, bw, bh);
                flowingHosts.add(b.name());
            }
            g.setFill(text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(Math.round(ratio * 100) + "%", x + w - 8 * s, by + (inside ? 0 : 1) * s);
            g.setTextAlign(TextAlignment.LEFT);
        }
        if (inside) {
            paintInternals(g, host, x + 8 * s, y + 53 * s, w - 16 * s, h - 57 * s, usage);
        }
    }

    /** The card's aggregates as thin stripes in their colours down its left edge (up to three). */
    private void paintAggregateStripes(GraphicsContext g, Box b, double x, double y, double h) {
        List<String> aggs = null;
        ComputeHost host = hosts.get(b.name());
        if (host != null) {
            aggs = host.aggregates();
        } else if (b.kind().equals("storage") && wb.model.get() != null) {
            aggs = wb.model.get().sharedStorage().stream().filter(p -> p.name().equals(b.name())).findFirst()
                    .map(SharedStoragePool::aggregates).orElse(null);
        }
        if (aggs == null || aggs.isEmpty()) {
            return;
        }
        double s = scale;
        int k = 0;
        for (String a : aggs) {
            Color c = aggColor.get(a);
            if (c == null || k == 3) {
                continue;
            }
            g.setFill(c);
            g.fillRoundRect(x + 1.5 * s + k * 2.2 * s, y + 7 * s, 1.6 * s, h - 14 * s, 1.6 * s, 1.6 * s);
            k++;
        }
    }

    /** True when the flow adds to the host (a claim) rather than takes from it (an unclaim). */
    private static boolean claims(UsageFlow f, String host) {
        for (String rc : BAR_ORDER) {
            long[] ft = f.ofHost(host, rc);
            if (ft != null) {
                return ft[1] > ft[0];
            }
        }
        return true;
    }

    /**
     * A bar's change flowing in: what a claim adds glows green and grows from where the bar stood, led by a
     * bright edge; what an unclaim frees drains away in red. The amount ("+2", "−512") rides beside it.
     */
    private void paintBarFlow(GraphicsContext g, long[] ft, long capacity, double bx, double by, double bw, double bh) {
        double s = scale;
        double p = paintP;
        double from = Math.min(1, (double) ft[0] / capacity);
        double to = Math.min(1, (double) ft[1] / capacity);
        double now = from + (to - from) * p;
        boolean in = ft[1] > ft[0];
        if (in) {
            g.setFill(Color.web("#22c55e"));
            g.fillRect(bx + bw * from, by, Math.max(0, bw * (now - from)), bh);
            g.setFill(Color.web("#bbf7d0", 1 - p * 0.6)); // the leading edge
            g.fillRect(bx + bw * now - Math.max(1.5, 1.5 * s), by - 1, Math.max(1.5, 1.5 * s), bh + 2);
        } else {
            g.setFill(Color.web("#dc2626", 0.75 * (1 - p)));
            g.fillRect(bx + bw * now, by, Math.max(0, bw * (from - now)), bh);
        }
        if (bh >= 5) {
            long delta = ft[1] - ft[0];
            g.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(7, Math.min(bh * 0.9, 10 * s))));
            g.setFill(Color.web(in ? "#15803d" : "#b91c1c", Math.min(1, 1.6 * (1 - p) + 0.2)));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            double lx = Math.min(bx + bw * Math.max(now, from) + 3 * s, bx + bw - 24 * s);
            g.fillText((in ? "+" : "−") + String.format("%,d", Math.abs(delta)), lx, by + bh / 2);
            g.setTextBaseline(VPos.TOP);
        }
    }

    /** True when the cards are big enough on screen to show their NUMA nodes and devices. */
    boolean showsInternals() {
        return scale >= INTERNALS_SCALE;
    }

    private static final Color NUMA = Color.web("#0d9488");
    private static final Color PF = Color.web("#d97706");
    private static final Color GPU = Color.web("#db2777");
    private static final Color FPGA = Color.web("#7c3aed");

    /** One device as drawn inside its NUMA node: a PF (a slot per VF), or a GPU or accelerator chip. */
    private record Chip(String name, Color color, long capacity, long used, boolean pf, long[] flow) {
    }

    /** A device's chip, with the change of its use flowing in now (null when none). */
    private Chip chip(String host, String device, String rc, Color color, long capacity, boolean pf, Workbench.Usage usage) {
        String provider = dev.placementstudio.model.Projection.deviceProviderName(host, device);
        long[] cu = usage == null ? null : usage.ofProvider(provider, rc);
        long[] ft = paintFlow == null ? null : paintFlow.ofProvider(provider, rc);
        return new Chip(device, color, capacity, cu == null ? 0 : cu[1], pf, ft);
    }

    /**
     * A device as the last paint drew it, in screen coordinates: for a PF, the first VF slot's corner, its
     * side and the pitch of the grid ({@code cols} slots a row); for a chip, its square.
     */
    record DrawnDevice(String host, String device, long used, long capacity, double x, double y, double side,
                       double pitch, int cols, double boxX, double boxY, double boxW, double boxH) {
    }

    /** What the last paint drew inside the cards (empty below {@link #INTERNALS_SCALE}); for tests. */
    final List<DrawnDevice> drawnDevices = new ArrayList<>();

    /** A NUMA node's box as the last paint drew it, in screen coordinates (a drop target for devices). */
    record DrawnNuma(String host, int id, double x, double y, double w, double h) {
    }

    final List<DrawnNuma> drawnNumas = new ArrayList<>();

    /**
     * A host's NUMA nodes as boxes side by side, each with the devices that hang off it: a PF as a grid
     * of VF slots (filled: in use), a GPU or accelerator as a chip filled from the bottom as it is used,
     * its units printed. Usage is the provider's own, from the engine.
     */
    private void paintInternals(GraphicsContext g, ComputeHost host, double x, double y, double w, double h,
                                Workbench.Usage usage) {
        double s = scale;
        List<dev.placementstudio.model.NumaNode> nodes = host.numaNodes();
        int n = Math.max(1, nodes.size());
        double gap = 3 * s;
        double boxW = (w - (n - 1) * gap) / n;
        Font label = Font.font("DejaVu Sans", 5.5 * s);
        Font small = Font.font("DejaVu Sans", FontWeight.BOLD, 5 * s);
        for (int i = 0; i < n; i++) {
            dev.placementstudio.model.NumaNode node = nodes.isEmpty() ? null : nodes.get(i);
            int id = node == null ? 0 : node.id();
            double bx = x + i * (boxW + gap);
            g.setFill(dark ? Color.web("#0d9488", 0.16) : Color.web("#0d9488", 0.07));
            g.fillRoundRect(bx, y, boxW, h, 5 * s, 5 * s);
            g.setStroke(NUMA);
            g.setLineWidth(1);
            g.strokeRoundRect(bx, y, boxW, h, 5 * s, 5 * s);
            if (node != null) {
                drawnNumas.add(new DrawnNuma(host.hostname(), id, bx, y, boxW, h));
            }
            g.setFill(dark ? Color.web("#5eead4") : Color.web("#0f766e"));
            g.setFont(label);
            g.setTextAlign(TextAlignment.LEFT);
            String what = node == null ? "" : "NUMA " + id + " · " + (node.cpus() + node.pcpus()) + " cpu · "
                    + node.memoryMb() / 1024 + "G";
            g.fillText(what, bx + 3 * s, y + 1.5 * s);
            double barsH = node == null ? 0 : paintNumaBars(g, host.hostname(), id, bx, y, boxW, h, usage);
            List<Chip> chips = new ArrayList<>();
            boolean first = i == 0;
            for (var pf : host.pfs()) {
                if (pf.numaNode() == id || first && !hasNode(host, pf.numaNode())) {
                    chips.add(chip(host.hostname(), pf.name(), "SRIOV_NET_VF", PF, pf.vfs(), true, usage));
                }
            }
            for (var gp : host.gpus()) {
                if (gp.numaNode() == id || first && !hasNode(host, gp.numaNode())) {
                    chips.add(chip(host.hostname(), gp.name(), gp.kind().name(), GPU, gp.count(), false, usage));
                }
            }
            for (var acc : host.accelerators()) {
                if (acc.numaNode() == id || first && !hasNode(host, acc.numaNode())) {
                    chips.add(chip(host.hostname(), acc.name(), dev.placementstudio.model.Projection.acceleratorResourceClass(acc),
                            FPGA, acc.count(), false, usage));
                }
            }
            if (chips.isEmpty()) {
                continue;
            }
            double top = y + 9 * s;
            double areaH = h - 11 * s - barsH;
            double areaW = boxW - 6 * s;
            double cellW = Math.min(areaW / chips.size(), 48 * s);
            double cx = bx + 3 * s;
            Font name = Font.font("DejaVu Sans", 5 * s);
            for (Chip c : chips) {
                double used = c.pf() ? paintPf(g, host.hostname(), c, cx, top, cellW - 2 * s, areaH, small)
                        : paintChip(g, host.hostname(), c, cx, top, Math.min(cellW - 2 * s, areaH), areaH, small);
                // the device's name beside it, when the cell has room for it
                double room = cellW - 2 * s - used - 1.5 * s;
                if (room >= c.name().length() * 3.1 * s) {
                    g.setFill(muted());
                    g.setFont(name);
                    g.setTextAlign(TextAlignment.LEFT);
                    g.setTextBaseline(VPos.CENTER);
                    g.fillText(c.name(), cx + used + 1.5 * s, top + areaH / 2);
                    g.setTextBaseline(VPos.TOP);
                }
                cx += cellW;
            }
        }
    }

    /**
     * A NUMA node's own use, as thin bars along the foot of its box: its CPUs (PCPU or VCPU) and its memory,
     * so that a claim pinned to the node is seen flowing into it. Returns the height they took (0: none).
     */
    private double paintNumaBars(GraphicsContext g, String host, int id, double bx, double y, double boxW, double h,
                                 Workbench.Usage usage) {
        double s = scale;
        String provider = dev.placementstudio.model.Projection.numaProviderName(host, id);
        Map<String, long[]> own = usage == null ? null : usage.byProvider().get(provider);
        if (own == null) {
            return 0;
        }
        List<String> rcs = new ArrayList<>();
        for (String rc : List.of("PCPU", "VCPU", "MEMORY_MB")) {
            if (own.containsKey(rc) && own.get(rc)[0] > 0 && (rcs.isEmpty() || !rc.endsWith("CPU"))) {
                rcs.add(rc);
            }
        }
        double rowH = 3.6 * s;
        double height = rcs.size() * rowH + 1.5 * s;
        if (rcs.isEmpty() || h - 11 * s - height < 6 * s) {
            return 0;
        }
        Font tiny = Font.font("DejaVu Sans", 3.6 * s);
        for (int k = 0; k < rcs.size(); k++) {
            String rc = rcs.get(k);
            long[] cu = own.get(rc);
            long[] ft = paintFlow == null ? null : paintFlow.ofProvider(provider, rc);
            double used = UsageFlow.at(ft, paintP, cu[1]);
            double by = y + h - height + k * rowH;
            double lx = bx + 3 * s;
            double barX = lx + 9 * s;
            double barW = boxW - 6 * s - 9 * s;
            double barH = rowH - 1.2 * s;
            g.setFill(muted());
            g.setFont(tiny);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(rc.equals("MEMORY_MB") ? "mem" : "cpu", lx, by - 0.3 * s);
            g.setFill(dark ? Color.web("#374151") : Color.web("#e5e7eb"));
            g.fillRect(barX, by, barW, barH);
            double ratio = Math.min(1, used / cu[0]);
            g.setFill(usageColor(ratio));
            g.fillRect(barX, by, barW * ratio, barH);
            if (ft != null) {
                paintBarFlow(g, ft, cu[0], barX, by, barW, barH);
                flowingHosts.add(host);
            }
        }
        return height;
    }

    private static boolean hasNode(ComputeHost h, int id) {
        return h.numaNodes().stream().anyMatch(n -> n.id() == id);
    }

    /** A PF: a grid of one slot per VF (filled when in use) in an outline; returns the width it took. */
    private double paintPf(GraphicsContext g, String host, Chip c, double x, double y, double w, double h, Font small) {
        double s = scale;
        int vfs = (int) Math.max(0, c.capacity());
        double pad = 1.5 * s;
        double gw = w - 2 * pad;
        double gh = h - 2 * pad;
        if (vfs == 0 || gw <= 0 || gh <= 0) {
            g.setStroke(PF);
            g.setLineWidth(1);
            g.strokeRoundRect(x, y, Math.max(0, Math.min(w, h)), h, 2 * s, 2 * s);
            return Math.max(0, Math.min(w, h));
        }
        // the biggest square slots that fit: try each number of rows
        int bestRows = 1;
        double best = 0;
        for (int rows = 1; rows <= Math.min(vfs, 16); rows++) {
            int cols = (vfs + rows - 1) / rows;
            double slot = Math.min(gw / cols, gh / rows);
            if (slot > best) {
                best = slot;
                bestRows = rows;
            }
        }
        best = Math.min(best, 6 * s);
        int cols = (vfs + bestRows - 1) / bestRows;
        double inner = best * 0.25;
        double side = best - inner;
        if (side < 2) {
            // too many VFs to draw one by one: a bar of the used share, and the count
            g.setStroke(PF);
            g.setLineWidth(1);
            g.strokeRoundRect(x, y, w, h, 2 * s, 2 * s);
            g.setFill(PF);
            g.fillRect(x + pad, y + pad, gw * Math.min(1, UsageFlow.at(c.flow(), paintP, c.used()) / vfs), gh);
            g.setFill(text());
            g.setFont(small);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(c.used() + "/" + vfs, x + w / 2, y + h / 2);
            g.setTextBaseline(VPos.TOP);
            g.setTextAlign(TextAlignment.LEFT);
            drawnDevices.add(new DrawnDevice(host, c.name(), c.used(), vfs, x, y, 0, 0, 0, x, y, w, h));
            return w;
        }
        double ow = cols * best - inner + 2 * pad;
        double oh = bestRows * best - inner + 2 * pad;
        double oy = y + (h - oh) / 2;
        g.setStroke(PF);
        g.setLineWidth(1);
        g.strokeRoundRect(x, oy, ow, oh, 2 * s, 2 * s);
        drawnDevices.add(new DrawnDevice(host, c.name(), c.used(), vfs, x + pad, oy + pad, side, best, cols, x, oy, ow, oh));
        // while a claim flows in, its slots fill one after another (green until they land); an unclaim's
        // slots empty the same way (red until they go)
        long[] ft = c.flow();
        double shown = UsageFlow.at(ft, paintP, c.used());
        for (int k = 0; k < vfs; k++) {
            double sx = x + pad + (k % cols) * best;
            double sy = oy + pad + (double) (k / cols) * best;
            boolean moving = ft != null && k >= Math.min(ft[0], ft[1]) && k < Math.max(ft[0], ft[1]);
            if (moving && ft[1] > ft[0] && k < shown) {
                g.setFill(Color.web("#22c55e"));
                g.fillRect(sx, sy, side, side);
            } else if (moving && ft[1] < ft[0] && k < ft[0]) {
                double left = Math.max(0, Math.min(1, k + 1 - shown)); // 0: still held, 1: gone
                g.setFill(left >= 1 ? Color.web("#dc2626", 0.5 * (1 - paintP)) : Color.web("#dc2626"));
                g.fillRect(sx, sy, side, side);
            } else if (!moving && k < c.used()) {
                g.setFill(PF);
                g.fillRect(sx, sy, side, side);
            } else {
                g.setStroke(dark ? Color.web("#fbbf24", 0.7) : Color.web("#d97706", 0.7));
                g.setLineWidth(Math.max(0.6, 0.4 * s));
                g.strokeRect(sx + 0.3, sy + 0.3, side - 0.6, side - 0.6);
            }
        }
        return ow;
    }

    /** A GPU or accelerator: a chip with pins, filled from the bottom by its used share, "used/units" on it; returns its width. */
    private double paintChip(GraphicsContext g, String host, Chip c, double x, double y, double size, double h, Font small) {
        double s = scale;
        double pin = Math.min(2 * s, size * 0.12);
        double cx = x + pin;
        double side = Math.max(2, size - 2 * pin);
        double cy = y + (h - side) / 2;
        g.setStroke(c.color());
        g.setLineWidth(Math.max(1, 0.5 * s));
        for (int k = 1; k <= 3; k++) {
            double py = cy + side * k / 4;
            g.strokeLine(cx - pin, py, cx, py);
            g.strokeLine(cx + side, py, cx + side + pin, py);
        }
        g.setFill(dark ? Color.web("#2b3038") : Color.WHITE);
        g.fillRoundRect(cx, cy, side, side, 2 * s, 2 * s);
        long[] ft = c.flow();
        double ratio = c.capacity() == 0 ? 0 : Math.min(1, UsageFlow.at(ft, paintP, c.used()) / c.capacity());
        if (ratio > 0) {
            g.setFill(c.color());
            g.fillRect(cx, cy + side * (1 - ratio), side, side * ratio);
        }
        if (ft != null && c.capacity() > 0) {
            // the part flowing in glows green on top of the fill; the part draining goes red and fades
            double from = Math.min(1, (double) ft[0] / c.capacity());
            if (ft[1] > ft[0]) {
                g.setFill(Color.web("#22c55e"));
                g.fillRect(cx, cy + side * (1 - ratio), side, side * Math.max(0, ratio - from));
            } else {
                g.setFill(Color.web("#dc2626", 0.75 * (1 - paintP)));
                g.fillRect(cx, cy + side * (1 - from), side, side * Math.max(0, from - ratio));
            }
        }
        g.strokeRoundRect(cx, cy, side, side, 2 * s, 2 * s);
        drawnDevices.add(new DrawnDevice(host, c.name(), c.used(), c.capacity(), cx, cy, side, 0, 0, x, cy, side + 2 * pin, side));
        g.setFont(small);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(ratio > 0.5 ? Color.WHITE : text());
        g.fillText(c.used() + "/" + c.capacity(), cx + side / 2, cy + side / 2);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        return side + 2 * pin;
    }

    static String shortName(String rc) {
        return switch (rc) {
            case "MEMORY_MB" -> "RAM";
            case "DISK_GB" -> "DISK";
            case "SRIOV_NET_VF" -> "VF";
            case "NET_BW_EGR_KILOBIT_PER_SEC" -> "BW↑";
            case "NET_BW_IGR_KILOBIT_PER_SEC" -> "BW↓";
            default -> {
                if (!rc.startsWith("CUSTOM_")) {
                    yield rc;
                }
                String tail = rc.substring(rc.lastIndexOf('_') + 1);
                yield tail.length() > 6 ? tail.substring(0, 6) : tail;
            }
        };
    }

    /** The host cards in layout order (cells, racks, then cards left to right, top to bottom). */
    List<Box> hostBoxes() {
        return boxes.stream().filter(b -> b.kind().equals("host")).toList();
    }

    /** What a tooltip and a screen reader say of a host. */
    String describeHost(String host) {
        Box b = byName.get(host);
        return b == null ? host : describe(b);
    }

    private String describe(Box b) {
        StringBuilder sb = new StringBuilder(b.name());
        if (wb.dropped.containsKey(b.name())) {
            sb.append("\ndropped by ").append(wb.dropped.get(b.name()));
        }
        ComputeHost h = hosts.get(b.name());
        if (h != null) {
            sb.append("  (").append(h.cell()).append(h.rack() == null ? "" : ", rack " + h.rack()).append(", ")
                    .append(h.status().name().toLowerCase()).append(")");
        }
        Workbench.Usage u = wb.usage.get();
        if (u != null && u.byHost().get(b.name()) != null) {
            u.byHost().get(b.name()).forEach((rc, cu) -> sb.append(String.format("%n%-26s %,d used of %,d (reserved %,d, free %,d)",
                    rc, cu[1], cu[0], cu[2], cu[0] - cu[1])));
        }
        if (h != null) {
            h.pfs().forEach(pf -> sb.append(String.format("%nPF %s (%s, NUMA %d): %s of %d VFs used", pf.name(), pf.physnet(),
                    pf.numaNode(), used(u, h, pf.name(), "SRIOV_NET_VF"), pf.vfs())));
            h.gpus().forEach(gp -> sb.append(String.format("%nGPU %s (%s, NUMA %d): %s of %d %s used", gp.name(), gp.model(),
                    gp.numaNode(), used(u, h, gp.name(), gp.kind().name()), gp.count(), gp.kind())));
            h.accelerators().forEach(a -> sb.append(String.format("%n%s %s (%s, NUMA %d): %s of %d used", a.type(), a.name(),
                    a.vendor(), a.numaNode(), used(u, h, a.name(),
                            dev.placementstudio.model.Projection.acceleratorResourceClass(a)), a.count())));
        }
        return sb.toString();
    }

    private static String used(Workbench.Usage u, ComputeHost h, String device, String rc) {
        long[] cu = u == null ? null : u.ofProvider(dev.placementstudio.model.Projection.deviceProviderName(h.hostname(), device), rc);
        return cu == null ? "?" : Long.toString(cu[1]);
    }

    /** The diagram as an image of the given size (used by Export PNG and the render command). */
    public WritableImage snapshotImage(int width, int height) {
        Canvas c = new Canvas(width, height);
        double s = scale;
        double x = tx;
        double y = ty;
        if (worldW > 0) {
            scale = Math.min((width - 40) / worldW, (height - 40) / worldH);
            tx = (width - worldW * scale) / 2;
            ty = 20;
        }
        paint(c.getGraphicsContext2D(), width, height);
        scale = s;
        tx = x;
        ty = y;
        return c.snapshot(null, null);
    }
}
