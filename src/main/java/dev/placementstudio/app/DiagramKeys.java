package dev.placementstudio.app;

import javafx.scene.AccessibleRole;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.List;
import java.util.function.Consumer;

/**
 * The diagram by keyboard: the arrow keys move the selection to the nearest host card in that direction,
 * Home and End to the first and last host, Escape clears it, Ctrl + arrows pan ({@code +}, {@code -} and
 * {@code 0} zoom and fit everywhere in the window: the scene's keys). The selected host is what a screen reader
 * hears (the pane's accessible text).
 */
final class DiagramKeys {
    enum Direction { LEFT, RIGHT, UP, DOWN }

    private static final double PAN_STEP = 60;

    private DiagramKeys() {
    }

    /**
     * The host nearest to {@code from} in {@code dir}: among the cards whose centre lies that way, the one with
     * the smallest distance along the direction plus twice the distance across it (so the next card in a row
     * wins over a far one diagonally). {@code from} unknown or null: the first host. None that way: {@code from}.
     */
    static String next(List<TopologyView.Box> hosts, String from, Direction dir) {
        if (hosts.isEmpty()) {
            return null;
        }
        TopologyView.Box at = hosts.stream().filter(b -> b.name().equals(from)).findFirst().orElse(null);
        if (at == null) {
            return hosts.get(0).name();
        }
        double cx = at.x() + at.w() / 2;
        double cy = at.y() + at.h() / 2;
        TopologyView.Box best = null;
        double bestScore = Double.MAX_VALUE;
        for (TopologyView.Box b : hosts) {
            double dx = b.x() + b.w() / 2 - cx;
            double dy = b.y() + b.h() / 2 - cy;
            double along = switch (dir) {
                case RIGHT -> dx;
                case LEFT -> -dx;
                case DOWN -> dy;
                case UP -> -dy;
            };
            double across = dir == Direction.LEFT || dir == Direction.RIGHT ? Math.abs(dy) : Math.abs(dx);
            if (b == at || along <= 0.5) {
                continue;
            }
            double score = along + 2 * across;
            if (score < bestScore) {
                bestScore = score;
                best = b;
            }
        }
        return best == null ? at.name() : best.name();
    }

    /** Makes the diagram focusable and keyboard-driven; {@code select} is what a click on a card does. */
    static void install(TopologyView view, Workbench wb, Consumer<String> select) {
        view.setFocusTraversable(true);
        view.setAccessibleRole(AccessibleRole.LIST_VIEW);
        view.setAccessibleRoleDescription("cloud diagram");
        view.setAccessibleHelp("Arrow keys move between hosts, Home and End go to the first and last, "
                + "plus and minus zoom, 0 fits the whole cloud, Ctrl and an arrow pans.");
        view.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> view.requestFocus());
        Runnable speak = () -> {
            String h = wb.selectedHost.get();
            view.setAccessibleText(h == null ? "Cloud diagram, " + view.hostCount() + " hosts, none selected"
                    : view.describeHost(h));
        };
        wb.selectedHost.addListener(o -> speak.run());
        wb.model.addListener(o -> speak.run());
        view.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (handle(view, wb, select, e)) {
                e.consume();
            }
        });
    }

    private static boolean handle(TopologyView view, Workbench wb, Consumer<String> select, KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() && k.isArrowKey()) {
            switch (k) {
                case LEFT -> view.panBy(PAN_STEP, 0);
                case RIGHT -> view.panBy(-PAN_STEP, 0);
                case UP -> view.panBy(0, PAN_STEP);
                default -> view.panBy(0, -PAN_STEP);
            }
            return true;
        }
        List<TopologyView.Box> hosts = view.hostBoxes();
        String current = wb.selectedHost.get();
        String target = switch (k) {
            case LEFT, KP_LEFT -> next(hosts, current, Direction.LEFT);
            case RIGHT, KP_RIGHT -> next(hosts, current, Direction.RIGHT);
            case UP, KP_UP -> next(hosts, current, Direction.UP);
            case DOWN, KP_DOWN -> next(hosts, current, Direction.DOWN);
            case HOME -> hosts.isEmpty() ? null : hosts.get(0).name();
            case END -> hosts.isEmpty() ? null : hosts.get(hosts.size() - 1).name();
            default -> null;
        };
        if (target != null) {
            select.accept(target);
            view.reveal(target);
            return true;
        }
        switch (k) {
            case ESCAPE -> {
                if (current == null) {
                    return false;
                }
                wb.selectedInstance.set(null);
                wb.selectedHost.set(null);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
