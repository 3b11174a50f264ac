package dev.placementstudio.app;

import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A comma-separated list of names (traits, aggregates) with an autocomplete of the names it may hold: the
 * word being typed is completed from the known names (os-traits' standard traits, the model's
 * aggregates). The list is committed on Enter or when the field loses focus, not on every key.
 */
final class NameListField extends TextField {
    private static final int SHOWN = 12;
    private final Supplier<Collection<String>> known;
    private final ContextMenu popup = new ContextMenu();
    private Consumer<String> onCommit = s -> { };
    private String committed = "";

    NameListField(Supplier<Collection<String>> known) {
        this.known = known;
        getStyleClass().add("name-list");
        // suggestions follow the user's typing only (never a value being shown)
        addEventHandler(javafx.scene.input.KeyEvent.KEY_TYPED, e -> javafx.application.Platform.runLater(this::suggest));
        setOnAction(e -> commit());
        focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                popup.hide();
                commit();
            }
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
            }
        });
    }

    void setOnCommit(Consumer<String> onCommit) {
        this.onCommit = onCommit;
    }

    /** Shows a value without committing it. */
    void show(String value) {
        committed = value == null ? "" : value;
        setText(committed);
    }

    private void commit() {
        String now = getText() == null ? "" : getText();
        if (!now.equals(committed)) {
            committed = now;
            onCommit.accept(now);
        }
    }

    /** The word being typed: after the last comma. */
    private String lastWord() {
        String t = getText() == null ? "" : getText();
        return t.substring(t.lastIndexOf(',') + 1).strip();
    }

    /** Known names that start with (or else contain) the word being typed, not already in the list. */
    List<String> suggestions() {
        String word = lastWord().toUpperCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (word.isEmpty()) {
            return out;
        }
        List<String> have = parse(getText());
        List<String> contains = new ArrayList<>();
        for (String k : known.get()) {
            String up = k.toUpperCase(Locale.ROOT);
            if (have.contains(k) || up.equals(word)) {
                continue;
            }
            if (up.startsWith(word)) {
                out.add(k);
            } else if (up.contains(word)) {
                contains.add(k);
            }
        }
        out.sort(null);
        contains.sort(null);
        out.addAll(contains);
        return out.size() > SHOWN ? out.subList(0, SHOWN) : out;
    }

    /** Replaces the word being typed with {@code name}. */
    void complete(String name) {
        String t = getText() == null ? "" : getText();
        int comma = t.lastIndexOf(',');
        String head = comma < 0 ? "" : t.substring(0, comma + 1) + " ";
        setText(head + name);
        positionCaret(getText().length());
        popup.hide();
    }

    private void suggest() {
        List<String> s = suggestions();
        if (s.isEmpty()) {
            popup.hide();
            return;
        }
        popup.getItems().clear();
        for (String name : s) {
            CustomMenuItem item = new CustomMenuItem(new Label(name), true);
            item.setOnAction(e -> complete(name));
            popup.getItems().add(item);
        }
        if (!popup.isShowing() && getScene() != null && getScene().getWindow() != null) {
            popup.show(this, Side.BOTTOM, 0, 0);
        }
    }

    /** The names in a comma-separated list, trimmed, without empties. */
    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String p : text.split(",")) {
            String s = p.strip();
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
