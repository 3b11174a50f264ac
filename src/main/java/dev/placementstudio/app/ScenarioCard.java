package dev.placementstudio.app;

import dev.placementstudio.sim.ScenarioRun;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/**
 * The narrative card of a guided scenario, floating over the diagram: the story's title, the current
 * step's title and text, the event it is tied to and what it points at, with Back / Next. Going to a step
 * is reported to {@code onStep}, which moves the playback and the highlights; the playback moving past a
 * step's event advances the card ({@link #follow}).
 */
public final class ScenarioCard extends VBox {
    final Label title = new Label();
    final Label meta = new Label();
    final Label stepTitle = new Label();
    final Label text = new Label();
    final Label event = new Label();
    final Label pointing = new Label();
    final Button back = new Button("◀ Back");
    final Button next = new Button("Next ▶");
    final Button close = new Button("✕");
    /** The step shown, 0-based; -1 with no scenario. */
    final IntegerProperty step = new SimpleIntegerProperty(-1);
    private ScenarioRun run;
    private Consumer<ScenarioRun.Told> onStep = t -> { };
    private Runnable onClose = () -> { };

    public ScenarioCard() {
        getStyleClass().add("scenario-card");
        setSpacing(6);
        setPadding(new Insets(12));
        setMaxWidth(500);
        setPrefWidth(500);
        setMaxHeight(Region.USE_PREF_SIZE);
        title.getStyleClass().add("scenario-title");
        meta.getStyleClass().add("badge");
        stepTitle.getStyleClass().add("scenario-step");
        for (Label l : List.of(title, stepTitle, text, event, pointing)) {
            l.setWrapText(true);
            l.setMaxWidth(476);
        }
        event.getStyleClass().addAll("mono", "scenario-event");
        pointing.getStyleClass().add("scenario-pointing");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close the story"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, close);
        head.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox buttons = new HBox(8, back, next);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(head, meta, stepTitle, text, event, pointing, buttons);
        back.setOnAction(e -> go(step.get() - 1));
        next.setOnAction(e -> go(step.get() + 1));
        close.setOnAction(e -> {
            setVisible(false);
            run = null;
            step.set(-1);
            onClose.run();
        });
        setVisible(false);
    }

    public void setOnStep(Consumer<ScenarioRun.Told> onStep) {
        this.onStep = onStep;
    }

    public void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    /** Shows a played scenario at its first step. */
    public void load(ScenarioRun run) {
        this.run = run;
        var s = run.scenario();
        title.setText(s.title());
        meta.setText("scenario " + s.name() + "  ·  era " + s.era().label() + "  ·  seed " + s.seed()
                + (s.compareEra() == null ? "" : "  ·  compared with " + s.compareEra().label()));
        setVisible(true);
        go(0);
    }

    public ScenarioRun run() {
        return run;
    }

    /** Goes to step {@code i} (0-based) and tells {@code onStep}. */
    public void go(int i) {
        if (run == null || i < 0 || i >= run.steps().size()) {
            return;
        }
        display(i);
        onStep.accept(run.steps().get(i));
    }

    private void display(int i) {
        ScenarioRun.Told t = run.steps().get(i);
        step.set(i);
        int n = run.steps().size();
        stepTitle.setText("Step " + (i + 1) + " of " + n + ": " + t.step().title()
                + (t.compare() ? "   [" + run.scenario().compareEra().label() + " run]" : ""));
        text.setText(t.text());
        String ev = "";
        if (t.event() != null) {
            ev = "#" + (t.eventIndex() + 1) + "  t=" + t.event().t() + " ms  " + t.event().type().label();
        } else if (t.step().query() != null) {
            ev = "GET /allocation_candidates → " + t.queryCount() + " allocation request" + (t.queryCount() == 1 ? "" : "s");
        }
        event.setText(ev);
        event.setVisible(!ev.isEmpty());
        event.setManaged(!ev.isEmpty());
        String at = String.join(", ", t.highlight().stream().map(h -> h.substring(h.indexOf(':') + 1)).toList());
        pointing.setText(at.isEmpty() ? "" : "Look at: " + at);
        back.setDisable(i == 0);
        next.setDisable(i == n - 1);
        next.setText(i == n - 1 ? "The end" : "Next ▶");
    }

    /**
     * The playback of {@code compare ? the comparison run : the main run} is at event {@code index}: show the
     * last step of that run tied to an event at or before it (without moving the playback again).
     */
    public void follow(boolean compare, int index) {
        if (run == null || step.get() < 0) {
            return;
        }
        ScenarioRun.Told now = run.steps().get(step.get());
        if (now.compare() != compare || now.eventIndex() == index) {
            return;
        }
        int best = -1;
        for (int i = 0; i < run.steps().size(); i++) {
            ScenarioRun.Told t = run.steps().get(i);
            if (t.compare() == compare && t.eventIndex() >= 0 && t.eventIndex() <= index) {
                best = i;
            }
        }
        if (best >= 0 && best != step.get() && (now.eventIndex() >= 0 || best > step.get())) {
            display(best);
        }
    }
}
