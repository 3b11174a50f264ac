package dev.placementstudio.app;

import dev.placementstudio.io.FileNames;
import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.store.RecoveryCopies;
import dev.placementstudio.model.CloudModel;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.ModelValidator;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.ProviderView;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The workbench's view-model: the open model and its file, the Placement state projected from it (built
 * off the FX thread), the selection, the hosts lit by a query, and the undo stack. Views bind to its
 * properties and send intents; nothing here blocks the FX thread.
 */
public final class Workbench {
    /** One undoable edit of the model. */
    public record Edit(String label, CloudModel before, CloudModel after) {
    }

    /**
     * Usage per host (summed over its provider tree) and per provider (by name: a NUMA node's, a PF's, a
     * GPU's), as {capacity, used, reserved} per resource class, and the engine it came from.
     */
    public record Usage(PlacementEngine engine, Map<String, Map<String, long[]>> byHost,
                        Map<String, Map<String, long[]>> byProvider, long computedFor) {
        public long[] of(String host, String rc) {
            Map<String, long[]> m = byHost.get(host);
            return m == null ? null : m.get(rc);
        }

        /** One provider's {capacity, used, reserved} of a class, or null. */
        public long[] ofProvider(String provider, String rc) {
            Map<String, long[]> m = byProvider.get(provider);
            return m == null ? null : m.get(rc);
        }
    }

    final ObjectProperty<CloudModel> model = new SimpleObjectProperty<>();
    final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    final BooleanProperty dirty = new SimpleBooleanProperty(false);
    final StringProperty selectedHost = new SimpleStringProperty();
    /** The instance selected in the tree (its host is the selected host), or null. */
    final StringProperty selectedInstance = new SimpleStringProperty();
    final ObservableSet<String> highlighted = FXCollections.observableSet();
    /** Cells down at the playback's current event (a simulation's cell_down / cell_up). */
    final ObservableSet<String> downCells = FXCollections.observableSet();
    /** Tags the playback pins on hosts at its current event (chosen, alternate 1, 409 conflict…). */
    final javafx.collections.ObservableMap<String, dev.placementstudio.sim.EventWords.Tag> marks =
            FXCollections.observableHashMap();
    /** Arrows the playback draws between hosts: from, to, label (a retry on an alternate, a migration). */
    final javafx.collections.ObservableList<String[]> arrows = FXCollections.observableArrayList();
    /** Hosts an earlier filter of the current scheduling attempt dropped (the playback dims them). */
    final ObservableSet<String> dimmed = FXCollections.observableSet();
    /** The weighers' verdict at a weighed event: host to its weight over the best one's (0..1). */
    final javafx.collections.ObservableMap<String, Double> weights = FXCollections.observableHashMap();
    /** Hosts a filter dropped in the last explanation, with the filter and its reason. */
    final javafx.collections.ObservableMap<String, String> dropped = FXCollections.observableHashMap();
    final ObjectProperty<Usage> usage = new SimpleObjectProperty<>();
    /**
     * The last change of usage on its way onto the diagram (a step of the playback, a served claim), or
     * null: the diagram draws bars and slots moving from before to after. Set together with {@link #usage}.
     */
    final ObjectProperty<UsageFlow> flow = new SimpleObjectProperty<>();
    /** Long work under way (open, save, counting what fits), each shown with its progress and a Cancel button. */
    final ObservableList<javafx.concurrent.Task<?>> jobs = FXCollections.observableArrayList();
    final StringProperty status = new SimpleStringProperty("Ready");
    final ObservableList<String> recent = FXCollections.observableArrayList();
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    final BooleanProperty canUndo = new SimpleBooleanProperty(false);
    final BooleanProperty canRedo = new SimpleBooleanProperty(false);
    final StringProperty undoLabel = new SimpleStringProperty("");
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench");
        t.setDaemon(true);
        return t;
    });
    /**
     * Long work the user may cancel runs on a thread of its own, so that it starts at once (a queued task's
     * Cancel button is not live) and the projection of an edit never waits behind a long count.
     */
    private final ExecutorService longWork = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-jobs");
        t.setDaemon(true);
        return t;
    });
    private final RecoveryCopies recovery;
    private long generation;

    public Workbench(RecoveryCopies recovery) {
        this.recovery = recovery;
        model.addListener((obs, old, now) -> {
            if (now != null) {
                recompute(now);
            }
        });
    }

    public CloudModel model() {
        return model.get();
    }

    /** True when no job is under way and the usage shown is the current model's (for tests and benches; FX thread). */
    boolean idle() {
        Usage u = usage.get();
        return jobs.isEmpty() && u != null && u.computedFor() == generation;
    }

    /** Capacity, used and reserved per resource class, summed over each root provider's tree. */
    static Usage usageOf(PlacementEngine engine, long generation) {
        Map<String, String> rootHost = new HashMap<>();
        Map<String, Map<String, long[]>> byHost = new LinkedHashMap<>();
        for (ProviderView p : engine.providers()) {
            if (p.parentUuid() == null) {
                rootHost.put(p.uuid(), p.name());
            }
        }
        Map<String, Map<String, long[]>> byProvider = new HashMap<>();
        for (ProviderView p : engine.providers()) {
            String host = rootHost.get(p.rootUuid());
            Map<String, long[]> sums = byHost.computeIfAbsent(host, k -> new LinkedHashMap<>());
            Map<String, long[]> own = new LinkedHashMap<>();
            byProvider.put(p.name(), own);
            p.inventories().forEach((rc, inv) -> {
                long used = p.usages().getOrDefault(rc, 0L);
                own.put(rc, new long[]{inv.capacity(), used, inv.reserved()});
                long[] cu = sums.computeIfAbsent(rc, k -> new long[3]);
                cu[0] += inv.capacity();
                cu[1] += used;
                cu[2] += inv.reserved();
            });
        }
        return new Usage(engine, byHost, byProvider, generation);
    }

    /** Projects the model to Placement in the background and publishes the usage on the FX thread. */
    private void recompute(CloudModel m) {
        long mine = ++generation;
        background.submit(() -> {
            try {
                PlacementEngine engine = PlacementEngine.fromState(Projection.project(m));
                Usage u = usageOf(engine, mine);
                Platform.runLater(() -> {
                    if (mine == generation) {
                        flow.set(null); // the model's own usage: it appears, it does not flow
                        usage.set(u);
                    }
                });
            } catch (InvalidModelException | RuntimeException e) {
                Platform.runLater(() -> status.set("Placement projection failed: " + e.getMessage()));
            }
        });
    }

    /** What long work sees of itself: it reports how far it is and asks whether the user cancelled it. */
    public interface Progress {
        /** {@code total <= 0}: no idea how far (the indicator just spins). */
        void update(String message, long done, long total);

        boolean cancelled();
    }

    /** Long work, run off the FX thread. */
    @FunctionalInterface
    public interface Job<T> {
        T run(Progress progress) throws Exception;
    }

    /**
     * Starts long work on the background thread as a cancellable task listed in {@link #jobs}. Exactly one
     * of the three outcomes reaches the FX thread: the result, the failure, or the cancellation; a
     * cancelled job's result is never applied, so cancelling leaves the model as it was.
     */
    <T> javafx.concurrent.Task<T> startJob(String title, Job<T> job, Consumer<T> onResult, Consumer<Throwable> onError,
                                            Runnable onCancelled) {
        javafx.concurrent.Task<T> task = new javafx.concurrent.Task<>() {
            {
                updateTitle(title);
                updateMessage("Waiting for the work before it…");
            }

            @Override
            protected T call() throws Exception {
                updateMessage(title + "…");
                return job.run(new Progress() {
                    @Override
                    public void update(String message, long done, long total) {
                        updateMessage(message);
                        updateProgress(total > 0 ? done : -1, total > 0 ? total : 1);
                    }

                    @Override
                    public boolean cancelled() {
                        return isCancelled();
                    }
                });
            }
        };
        task.setOnSucceeded(e -> {
            jobs.remove(task);
            onResult.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            jobs.remove(task);
            onError.accept(task.getException());
        });
        task.setOnCancelled(e -> {
            jobs.remove(task);
            status.set("Cancelled: " + title);
            if (onCancelled != null) {
                onCancelled.run();
            }
        });
        jobs.add(task);
        longWork.submit(task);
        return task;
    }

    /**
     * Opens a file in the background (cancellable); on success the model is replaced, on failure
     * {@code onError} gets the message; cancelled, the open model stays as it was.
     */
    public void open(Path path, Runnable onDone, Consumer<String> onError) {
        status.set("Opening " + path + "…");
        startJob("Open " + path.getFileName(), progress -> {
            progress.update("Reading and checking " + path.getFileName() + "…", 0, 0);
            return ModelFiles.open(path);
        }, m -> {
            undo.clear();
            redo.clear();
            updateUndo();
            file.set(path);
            dirty.set(false);
            selectedHost.set(null);
            highlighted.clear();
            dropped.clear();
            downCells.clear();
            marks.clear();
            model.set(m);
            // absolute, so that the list still opens the file when the app starts from another folder
            String where = path.toAbsolutePath().normalize().toString();
            recent.remove(where);
            recent.add(0, where);
            status.set("Opened " + path.getFileName() + ": " + m.hosts().size() + " hosts, "
                    + m.instances().size() + " instances");
            if (onDone != null) {
                onDone.run();
            }
        }, e -> {
            if (e instanceof InputProblemException) {
                status.set("Could not open " + path.getFileName());
                onError.accept(e.getMessage());
            } else {
                onError.accept(path + ": " + e);
            }
        }, () -> status.set("Cancelled opening " + path.getFileName() + ": the model is as it was"));
    }

    /** Shows a model that has no file of its own (a scenario's): undo history cleared, nothing to save. */
    public void show(CloudModel m, String message) {
        undo.clear();
        redo.clear();
        updateUndo();
        file.set(null);
        dirty.set(false);
        selectedHost.set(null);
        selectedInstance.set(null);
        highlighted.clear();
        dropped.clear();
        downCells.clear();
        marks.clear();
        model.set(m);
        status.set(message);
    }

    /**
     * Saves in the background (cancellable): the model is written to a private file beside the target,
     * which replaces the target in one rename only if the save was not cancelled by then; a cancelled save
     * leaves the file as it was. A {@code .db} keeps the runs stored in the file it replaces.
     */
    public void save(Path path, Runnable onDone, Consumer<String> onError) {
        CloudModel m = model.get();
        Path before = file.get();
        startJob("Save " + path.getFileName(), progress -> {
            progress.update("Writing " + path.getFileName() + "…", 0, 0);
            Path dir = path.toAbsolutePath().getParent();
            java.nio.file.Files.createDirectories(dir);
            Path draft = dir.resolve("." + path.getFileName() + "." + System.nanoTime() + ".saving."
                    + FileNames.extension(path));
            try {
                if (FileNames.extension(path).equals("db") && java.nio.file.Files.exists(path)) {
                    java.nio.file.Files.copy(path, draft); // so that the runs kept in it carry over
                }
                ModelFiles.save(m, draft, true);
                if (progress.cancelled()) {
                    return null;
                }
                dev.placementstudio.io.AtomicFiles.keepPermissions(draft, path);
                dev.placementstudio.io.AtomicFiles.moveIntoPlace(draft, path);
            } finally {
                java.nio.file.Files.deleteIfExists(draft);
            }
            recovery.discard(before);
            return path;
        }, saved -> {
            file.set(path);
            dirty.set(false);
            status.set("Saved " + path.getFileName());
            if (onDone != null) {
                onDone.run();
            }
        }, e -> onError.accept(e.getMessage()), () -> status.set("Cancelled saving " + path.getFileName()
                + ": the file is as it was"));
    }

    /** Writes a recovery copy if there are unsaved edits (called periodically). */
    public void autosave() {
        if (!dirty.get() || model.get() == null) {
            return;
        }
        CloudModel m = model.get();
        Path f = file.get();
        background.submit(() -> {
            try {
                recovery.write(f, m);
            } catch (Exception e) {
                Platform.runLater(() -> status.set("Could not write a recovery copy: " + e.getMessage()));
            }
        });
    }

    public RecoveryCopies recovery() {
        return recovery;
    }

    /**
     * Applies an edit if the result is a valid model; returns null when applied, else the reason it was
     * refused (the model is unchanged).
     */
    public String apply(String label, UnaryOperator<CloudModel> change) {
        CloudModel before = model.get();
        CloudModel after;
        try {
            after = change.apply(before);
            ModelValidator.requireValid(after);
            Projection.project(after);
        } catch (InvalidModelException e) {
            return e.problems().get(0).message();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        undo.push(new Edit(label, before, after));
        redo.clear();
        model.set(after);
        dirty.set(true);
        updateUndo();
        status.set(label);
        return null;
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Edit e = undo.pop();
        redo.push(e);
        model.set(e.before());
        dirty.set(true);
        updateUndo();
        status.set("Undid: " + e.label());
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Edit e = redo.pop();
        undo.push(e);
        model.set(e.after());
        dirty.set(true);
        updateUndo();
        status.set("Redid: " + e.label());
    }

    private void updateUndo() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peek().label());
    }

    /**
     * Runs {@code then} once, at the first change of {@code value} to a value {@code when} accepts, and stops
     * listening: for "when the projection lands", "when the card reaches its first step" and the like.
     */
    static <T> void once(javafx.beans.value.ObservableValue<T> value, java.util.function.Predicate<? super T> when,
                         Consumer<? super T> then) {
        value.addListener(new javafx.beans.value.ChangeListener<T>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends T> o, T before, T now) {
                if (when.test(now)) {
                    value.removeListener(this);
                    then.accept(now);
                }
            }
        });
    }

    /**
     * A runnable that runs {@code r} at most once per {@code ms} on the FX thread, however often it is
     * called: for views that follow the usage, which a playback changes every frame.
     */
    static Runnable coalesced(Runnable r, int ms) {
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.millis(ms));
        wait.setOnFinished(e -> r.run());
        return () -> {
            if (wait.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                wait.playFromStart();
            }
        };
    }

    /** Runs work off the FX thread and hands its result back on it. */
    public <T> void inBackground(java.util.concurrent.Callable<T> work, Consumer<T> onResult, Consumer<String> onError) {
        background.submit(() -> {
            try {
                T r = work.call();
                Platform.runLater(() -> onResult.accept(r));
            } catch (Exception e) {
                Platform.runLater(() -> onError.accept(e.getMessage()));
            }
        });
    }
}
