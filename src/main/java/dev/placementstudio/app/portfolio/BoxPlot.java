package dev.placementstudio.app.portfolio;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A box plot on a canvas: per design a group of boxes, one per era in its colour; whiskers p5 to p95, the
 * box the quartiles, a line at the median. A click on a box reports its design and era.
 */
final class BoxPlot extends Pane {
    static final List<Color> ERA_COLOURS = List.of(Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#59a14f"),
            Color.web("#e15759"), Color.web("#76b7b2"));
    final Canvas canvas = new Canvas();
    private List<PortfolioViewModel.Box> boxes = List.of();
    private String metric = "";
    private final List<double[]> hits = new ArrayList<>(); // x0, x1, index into boxes
    private BiConsumer<String, String> onPick = (d, e) -> { };
    /** How many boxes the last drawing drew (for tests). */
    int drawn;

    BoxPlot() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        canvas.setOnMouseClicked(e -> {
            for (double[] h : hits) {
                if (e.getX() >= h[0] && e.getX() <= h[1]) {
                    PortfolioViewModel.Box b = boxes.get((int) h[2]);
                    onPick.accept(b.design(), b.era());
                    return;
                }
            }
        });
        setMinSize(200, 160);
        setPrefSize(640, 420);
    }

    void setOnPick(BiConsumer<String, String> onPick) {
        this.onPick = onPick;
    }

    void show(List<PortfolioViewModel.Box> bs, String metric) {
        this.boxes = List.copyOf(bs);
        this.metric = metric == null ? "" : metric;
        draw();
    }

    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        hits.clear();
        drawn = 0;
        g.setFont(Font.font(12));
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(metric.isEmpty() ? "No results yet: Run the portfolio." : metric + " per design (eras as colours)", 8, 6);
        List<String> designs = new ArrayList<>(new LinkedHashSet<>(boxes.stream().map(PortfolioViewModel.Box::design).toList()));
        List<String> eras = new ArrayList<>(new LinkedHashSet<>(boxes.stream().map(PortfolioViewModel.Box::era).toList()));
        double lo = boxes.stream().mapToDouble(PortfolioViewModel.Box::p5).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        double hi = boxes.stream().mapToDouble(PortfolioViewModel.Box::p95).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        if (designs.isEmpty() || Double.isNaN(lo) || w < 100 || h < 100) {
            return;
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
            lo = lo - 1;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        double left = 70, right = w - 12, top = 44, bottom = h - 40;
        // legend
        double lx = 8;
        for (int e = 0; e < eras.size(); e++) {
            g.setFill(colour(e));
            g.fillRect(lx, 26, 12, 12);
            g.setFill(Color.BLACK);
            g.fillText(eras.get(e), lx + 16, 25);
            lx += 24 + eras.get(e).length() * 7;
        }
        // axis and ticks
        g.setStroke(Color.GRAY);
        g.setLineWidth(1);
        g.strokeLine(left, top, left, bottom);
        g.strokeLine(left, bottom, right, bottom);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double step = niceStep((hi - lo) / 5);
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            double y = y(v, lo, hi, top, bottom);
            g.setStroke(Color.gray(0.9));
            g.strokeLine(left + 1, y, right, y);
            g.setFill(Color.BLACK);
            g.fillText(label(Math.abs(v) < step * 1e-9 ? 0 : v), left - 6, y);
        }
        double groupW = (right - left) / designs.size();
        double boxW = Math.min(60, groupW * 0.8 / Math.max(1, eras.size()));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int d = 0; d < designs.size(); d++) {
            double gx = left + groupW * d + groupW / 2;
            g.setFill(Color.BLACK);
            g.fillText(designs.get(d), gx, bottom + 6);
            for (int i = 0; i < boxes.size(); i++) {
                PortfolioViewModel.Box b = boxes.get(i);
                if (!b.design().equals(designs.get(d)) || Double.isNaN(b.median())) {
                    continue;
                }
                int e = eras.indexOf(b.era());
                double x0 = gx - boxW * eras.size() / 2 + boxW * e + boxW * 0.1;
                double bw = boxW * 0.8;
                double cx = x0 + bw / 2;
                Color c = colour(e);
                g.setStroke(c.darker());
                g.setLineWidth(1.5);
                g.strokeLine(cx, y(b.p5(), lo, hi, top, bottom), cx, y(b.q1(), lo, hi, top, bottom));
                g.strokeLine(cx, y(b.q3(), lo, hi, top, bottom), cx, y(b.p95(), lo, hi, top, bottom));
                g.strokeLine(cx - bw / 4, y(b.p5(), lo, hi, top, bottom), cx + bw / 4, y(b.p5(), lo, hi, top, bottom));
                g.strokeLine(cx - bw / 4, y(b.p95(), lo, hi, top, bottom), cx + bw / 4, y(b.p95(), lo, hi, top, bottom));
                double yq3 = y(b.q3(), lo, hi, top, bottom);
                double yq1 = y(b.q1(), lo, hi, top, bottom);
                g.setFill(c.deriveColor(0, 1, 1, 0.75));
                g.fillRect(x0, yq3, bw, Math.max(1, yq1 - yq3));
                g.strokeRect(x0, yq3, bw, Math.max(1, yq1 - yq3));
                g.setStroke(Color.BLACK);
                g.setLineWidth(2.5);
                double ym = y(b.median(), lo, hi, top, bottom);
                g.strokeLine(x0, ym, x0 + bw, ym);
                hits.add(new double[]{x0, x0 + bw, i});
                drawn++;
            }
        }
    }

    /** A tick step of 1, 2 or 5 times a power of ten, near {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    private static Color colour(int era) {
        return ERA_COLOURS.get(era % ERA_COLOURS.size());
    }

    private static double y(double v, double lo, double hi, double top, double bottom) {
        return bottom - (v - lo) / (hi - lo) * (bottom - top);
    }

    static String label(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e12 ? Long.toString((long) Math.rint(v))
                : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.4f", v);
    }
}
