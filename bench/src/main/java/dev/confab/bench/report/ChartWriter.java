package dev.confab.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws throughput (deliveries/s, x) against p99 latency (ms, log y) for each target: one line per target
 * through its steps of the chosen scenarios, failed steps drawn hollow. Plain Java2D, no chart library.
 */
public final class ChartWriter {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 100;
    private static final int RIGHT = 180;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Map<String, Color> COLORS = Map.of("confab", new Color(0x1f77b4), "netty",
            new Color(0xd62728), "node", new Color(0x2ca02c));

    private static final BasicStroke SOLID = new BasicStroke(2.2f);
    private static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {8f, 6f}, 0f);

    private ChartWriter() {
    }

    /** Writes the chart of {@code scenario}'s runs to {@code png}. */
    public static void write(List<RunResult> results, String scenario, String title, Path png) throws IOException {
        Map<String, List<RunResult>> series = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (r.scenario().equals(scenario) && r.deliveriesPerSec() > 0 && r.p99() > 0) {
                series.computeIfAbsent(r.target() + " (" + r.mode() + ")", k -> new ArrayList<>()).add(r);
            }
        }
        double maxX = 1;
        double maxY = 10;
        double minY = 1;
        for (List<RunResult> s : series.values()) {
            for (RunResult r : s) {
                maxX = Math.max(maxX, r.deliveriesPerSec());
                maxY = Math.max(maxY, r.p99());
                minY = Math.min(minY, r.p99());
            }
        }
        maxX = niceCeil(maxX * 1.05);
        double logMin = Math.floor(Math.log10(Math.max(0.01, minY)));
        double logMax = Math.ceil(Math.log10(maxY));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Plot plot = new Plot(maxX, logMin, logMax);
            drawAxes(g, plot, title);
            int legendY = TOP + 10;
            for (Map.Entry<String, List<RunResult>> e : series.entrySet()) {
                List<RunResult> points = new ArrayList<>(e.getValue());
                points.sort(Comparator.comparingDouble(RunResult::deliveriesPerSec));
                Color color = COLORS.getOrDefault(e.getKey().replaceAll(" .*", ""), Color.DARK_GRAY);
                g.setColor(color);
                // Pinned runs are dashed, so the two modes of one target share a colour but not a line.
                g.setStroke(e.getKey().contains("pinned") ? DASHED : SOLID);
                for (int i = 1; i < points.size(); i++) {
                    g.drawLine(plot.x(points.get(i - 1).deliveriesPerSec()), plot.y(points.get(i - 1).p99()),
                            plot.x(points.get(i).deliveriesPerSec()), plot.y(points.get(i).p99()));
                }
                for (RunResult p : points) {
                    int x = plot.x(p.deliveriesPerSec());
                    int y = plot.y(p.p99());
                    if (p.passed()) {
                        g.fillOval(x - 5, y - 5, 10, 10);
                    } else {
                        g.drawOval(x - 5, y - 5, 10, 10);
                    }
                }
                g.drawLine(WIDTH - RIGHT + 10, legendY - 1, WIDTH - RIGHT + 34, legendY - 1);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString(e.getKey(), WIDTH - RIGHT + 40, legendY + 4);
                legendY += 22;
            }
            g.setColor(Color.GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            g.drawString("hollow: messages lost", WIDTH - RIGHT + 20, legendY + 10);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawAxes(Graphics2D g, Plot plot, String title) {
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            double v = plot.maxX * i / 5;
            int x = plot.x(v);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(x, TOP, x, y0);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%,.0f", v);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, y0 + 18);
        }
        for (double e = plot.logMin; e <= plot.logMax; e++) {
            double v = Math.pow(10, e);
            int y = plot.y(v);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(x0, y, WIDTH - RIGHT, y);
            g.setColor(Color.BLACK);
            String label = v >= 1 ? String.format(Locale.ROOT, "%,.0f ms", v) : String.format(Locale.ROOT,
                    "%.2f ms", v);
            g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x0, TOP, x0, y0);
        g.drawLine(x0, y0, WIDTH - RIGHT, y0);
        g.drawString("deliveries per second (measured)", LEFT + 200, HEIGHT - 20);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("p99 latency (log scale)", -(TOP + 250), 16);
        rotated.dispose();
    }

    private record Plot(double maxX, double logMin, double logMax) {
        int x(double v) {
            return LEFT + (int) Math.round(v / maxX * (WIDTH - LEFT - RIGHT));
        }

        int y(double ms) {
            double f = (Math.log10(Math.max(ms, Math.pow(10, logMin))) - logMin) / (logMax - logMin);
            return HEIGHT - BOTTOM - (int) Math.round(f * (HEIGHT - TOP - BOTTOM));
        }
    }

    private static double niceCeil(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        double[] steps = {1, 2, 2.5, 5, 10};
        for (double s : steps) {
            if (s * magnitude >= v) {
                return s * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
