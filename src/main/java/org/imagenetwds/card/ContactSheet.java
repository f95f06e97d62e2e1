package org.imagenetwds.card;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.imagenetwds.dataset.SynsetNames;

/**
 * A grid of samples, each scaled to fit its cell and captioned with its class (WNID and first
 * lemma), so that a person sees at a glance that images and labels belong together.
 */
public final class ContactSheet {

    public static final int COLUMNS = 8;
    public static final int CELL = 128;
    private static final int CAPTION = 32;

    private ContactSheet() {
    }

    /** The split whose first shard the sheet shows: validation, or train in a train-only dataset. */
    public static String splitOf(org.imagenetwds.plan.ShardLayout layout) {
        List<String> splits = layout.splits();
        return splits.get(splits.size() - 1);
    }

    public static BufferedImage draw(List<CardFacts.SheetSample> samples) {
        int rows = (samples.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet = new BufferedImage(COLUMNS * CELL, rows * (CELL + CAPTION), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < samples.size(); i++) {
                int x = (i % COLUMNS) * CELL;
                int y = (i / COLUMNS) * (CELL + CAPTION);
                drawCell(g, samples.get(i), x, y);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static void drawCell(Graphics2D g, CardFacts.SheetSample sample, int x, int y) {
        BufferedImage image = decode(sample.jpeg());
        if (image != null) {
            double scale = Math.min((CELL - 8.0) / image.getWidth(), (CELL - 8.0) / image.getHeight());
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            g.drawImage(image, x + (CELL - w) / 2, y + (CELL - h) / 2, w, h, null);
        }
        g.setColor(Color.BLACK);
        caption(g, sample.synset(), x, y + CELL + 12);
        caption(g, SynsetNames.shortName(sample.synset()), x, y + CELL + 26);
    }

    private static void caption(Graphics2D g, String text, int x, int baseline) {
        FontMetrics m = g.getFontMetrics();
        String shown = text;
        while (m.stringWidth(shown) > CELL - 6 && shown.length() > 1) {
            shown = shown.substring(0, shown.length() - 1);
        }
        g.drawString(shown, x + (CELL - m.stringWidth(shown)) / 2, baseline);
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException | RuntimeException e) {
            return null; // written images decode (count proved it); a cell stays empty rather than fail the card
        }
    }
}
