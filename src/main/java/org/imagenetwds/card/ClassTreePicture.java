package org.imagenetwds.card;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imagenetwds.hierarchy.WordNetHierarchy;

/**
 * The card's picture of the class tree's top levels: the WordNet first-parent tree above the
 * dataset's classes, each node with the number of classes at or under it as a bar. The trunk (nodes
 * holding every class) is drawn as one line; below it, {@link #LEVELS} levels of nodes holding at
 * least {@link #MIN_SHARE} of the classes.
 */
final class ClassTreePicture {

    static final int LEVELS = 5;
    static final double MIN_SHARE = 0.02;
    private static final int LINE = 22;
    private static final int INDENT = 24;
    private static final int TEXT_WIDTH = 420;
    static final int TRUNK_NAMES = 3;

    /** A node of the tree, with its children by WNID (so the drawing never depends on hash order). */
    private static final class Node {
        final String wnid;
        final Map<String, Node> children = new TreeMap<>();
        int classes;

        Node(String wnid) {
            this.wnid = wnid;
        }
    }

    /** A line of the picture: a node's name, its depth below the trunk and its classes. */
    record Line(String text, int indent, int classes) {
    }

    private ClassTreePicture() {
    }

    /** The lines the picture draws, top to bottom; each class counts at its own node and every node above it. */
    static List<Line> lines(List<String> classes, WordNetHierarchy wordnet) {
        Node root = new Node(WordNetHierarchy.ROOT);
        for (String wnid : classes) {
            List<String> path = new ArrayList<>(wordnet.firstParentPath(wnid));
            java.util.Collections.reverse(path);
            path.add(wnid);
            Node at = root;
            at.classes++;
            for (String step : path.subList(path.isEmpty() || !path.get(0).equals(WordNetHierarchy.ROOT) ? 0 : 1, path.size())) {
                at = at.children.computeIfAbsent(step, Node::new);
                at.classes++;
            }
        }
        List<String> trunk = new ArrayList<>();
        Node top = root;
        while (top.children.size() == 1 && top.children.values().iterator().next().classes == root.classes) {
            trunk.add(wordnet.shortName(top.wnid));
            top = top.children.values().iterator().next();
        }
        trunk.add(wordnet.shortName(top.wnid));
        List<Line> lines = new ArrayList<>();
        // a long trunk (entity > physical entity > ... > mammal) keeps its last names: the line must fit before the bars
        String trunkText = trunk.size() <= TRUNK_NAMES ? String.join(" > ", trunk)
                : "... > " + String.join(" > ", trunk.subList(trunk.size() - TRUNK_NAMES, trunk.size()));
        lines.add(new Line(trunkText, 0, top.classes));
        below(top, 1, root.classes, wordnet, lines);
        return lines;
    }

    private static void below(Node node, int indent, int total, WordNetHierarchy wordnet, List<Line> lines) {
        if (indent > LEVELS) {
            return;
        }
        List<Node> shown = new ArrayList<>(node.children.values().stream()
                .filter(c -> c.classes >= MIN_SHARE * total).toList());
        shown.sort(Comparator.comparingInt((Node c) -> -c.classes).thenComparing(c -> c.wnid));
        for (Node c : shown) {
            lines.add(new Line(wordnet.shortName(c.wnid), indent, c.classes));
            below(c, indent + 1, total, wordnet, lines);
        }
    }

    static BufferedImage draw(List<String> classes, WordNetHierarchy wordnet) {
        List<Line> lines = lines(classes, wordnet);
        int total = lines.get(0).classes();
        BufferedImage picture = new BufferedImage(CardPictures.CHART_WIDTH, (lines.size() + 2) * LINE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.setColor(Color.BLACK);
            g.drawString("Class tree, top levels (WordNet, first parents): classes at or under each node", 10, LINE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                int baseline = (i + 2) * LINE;
                g.setColor(Color.BLACK);
                g.drawString(l.text(), 10 + l.indent() * INDENT, baseline);
                int barWidth = (int) Math.round((CardPictures.CHART_WIDTH - TEXT_WIDTH - 90) * (double) l.classes() / total);
                g.setColor(new Color(70, 110, 180));
                g.fillRect(TEXT_WIDTH, baseline - 12, Math.max(1, barWidth), 14);
                g.setColor(Color.DARK_GRAY);
                g.drawString(Integer.toString(l.classes()), TEXT_WIDTH + barWidth + 6, baseline);
            }
        } finally {
            g.dispose();
        }
        return picture;
    }
}
