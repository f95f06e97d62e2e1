package org.imagenetwds.card;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.imagenetwds.dataset.ShortEdgeHistogram;
import org.imagenetwds.hierarchy.WordNetHierarchy;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The card's pictures as PNG files, drawn with JFreeChart: usable images per class (sorted, log scale,
 * the selection cut-off marked), the class tree's top levels ({@link ClassTreePicture}), shorter edges before and after the rules, rejects by reason, and
 * the contact sheet and a few duplicate pairs. Same facts, same bytes: nothing in them depends on time or on the machine but
 * its fonts.
 */
public final class CardPictures {

    public static final String FOLDER = "card";
    public static final String CLASS_COUNTS = "class-counts.png";
    public static final String CLASS_TREE = "class-tree.png";
    public static final String SHORT_EDGES = "short-edges.png";
    public static final String REJECTS = "rejects.png";
    public static final String CONTACT_SHEET = "contact-sheet.png";
    public static final String DUPLICATE_PAIRS = "duplicate-pairs.png";
    public static final int CHART_WIDTH = 1000;
    public static final int CHART_HEIGHT = 500;

    private CardPictures() {
    }

    /** File name (under {@link #FOLDER}) → PNG bytes, in the order the card shows them. */
    public static Map<String, byte[]> render(CardFacts facts, Map<String, Long> rejectedByReason) {
        Map<String, byte[]> pictures = new LinkedHashMap<>();
        pictures.put(CLASS_COUNTS, png(classCounts(facts)));
        pictures.put(CLASS_TREE, png(ClassTreePicture.draw(facts.selected(), WordNetHierarchy.shipped())));
        pictures.put(SHORT_EDGES, png(shortEdges(facts)));
        pictures.put(REJECTS, png(rejects(rejectedByReason)));
        if (!facts.sheet().isEmpty()) {
            pictures.put(CONTACT_SHEET, png(ContactSheet.draw(facts.sheet())));
        }
        if (!facts.duplicatePairs().isEmpty()) { // a row of the sheet holds four pairs side by side
            pictures.put(DUPLICATE_PAIRS, png(ContactSheet.draw(facts.duplicatePairs())));
        }
        return pictures;
    }

    private static BufferedImage classCounts(CardFacts facts) {
        List<Long> counts = new ArrayList<>(facts.usableBySynset().values());
        counts.removeIf(c -> c == 0);
        counts.sort((a, b) -> Long.compare(b, a));
        XYSeries series = new XYSeries("usable images");
        for (int rank = 0; rank < counts.size(); rank++) {
            series.add(rank + 1, counts.get(rank));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Usable images per class, largest first", "class rank",
                "usable images", new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis log = new LogAxis("usable images (log scale)");
        log.setBase(10);
        log.setSmallestValue(1);
        log.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
        log.setNumberFormatOverride(new DecimalFormat("#,##0"));
        log.setMinorTickMarksVisible(true);
        plot.setRangeAxis(log);
        plot.getDomainAxis().setLowerBound(0);
        markCutoff(plot, facts.selected().size(), counts.size(), String.format("cut-off: %,d classes selected",
                facts.selected().size()), 0);
        if (!facts.viewSelected().isEmpty()) { // a 22k build selects every class: its 12k view's cut-off is the one to see
            markCutoff(plot, facts.viewSelected().size(), counts.size(), String.format("class view: top %,d classes",
                    facts.viewSelected().size()), 1);
        }
        return draw(chart, CHART_WIDTH, CHART_HEIGHT);
    }

    /**
     * A red line after rank {@code classes}, labelled on the side with room: right of a line in the left
     * half, left of one in the right half (right of the last class, the label fell off the picture).
     */
    private static void markCutoff(XYPlot plot, int classes, int ranks, String label, int row) {
        ValueMarker cutoff = new ValueMarker(classes + 0.5, Color.RED, new BasicStroke(2f));
        boolean leftOfLine = classes > ranks / 2;
        cutoff.setLabel(label);
        cutoff.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        cutoff.setLabelOffset(new RectangleInsets(20 + 25 * row, leftOfLine ? 0 : 10, 0, leftOfLine ? 10 : 0));
        cutoff.setLabelAnchor(leftOfLine ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        cutoff.setLabelTextAnchor(leftOfLine ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        plot.addDomainMarker(cutoff);
    }

    private static BufferedImage shortEdges(CardFacts facts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> labels = ShortEdgeHistogram.labels();
        long[] before = facts.shortEdgesBefore().counts();
        long[] after = facts.shortEdgesAfter().counts();
        for (int i = 0; i < labels.size(); i++) {
            data.addValue(before[i], "usable input", labels.get(i));
            data.addValue(after[i], "written", labels.get(i));
        }
        // bars across: each range's label on a line of its own (side by side, 14 labels ran into each other)
        JFreeChart chart = ChartFactory.createBarChart("Shorter edge of the images, before and after the rules",
                "shorter edge (px)", "images", data, PlotOrientation.HORIZONTAL, true, false, false);
        return draw(chart, CHART_WIDTH, CHART_HEIGHT);
    }

    private static BufferedImage rejects(Map<String, Long> rejectedByReason) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        rejectedByReason.forEach((reason, n) -> data.addValue(n, "rejected", reason));
        JFreeChart chart = ChartFactory.createBarChart("Rejected input members by reason", "reason", "members", data,
                PlotOrientation.HORIZONTAL, false, false, false);
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return draw(chart, CHART_WIDTH, CHART_HEIGHT);
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height) {
        chart.setAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a card picture", e);
        }
        return out.toByteArray();
    }
}
