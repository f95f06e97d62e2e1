package org.imagenetwds.sample;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.imagenetwds.dataset.InputLayout;

/**
 * Writes a small fall11-shaped input of generated images: a long-tailed class-size distribution
 * (a few large synsets, many small ones) and, in the largest synsets, the odd members real data
 * has: a tiny image, greyscale images, a PNG and a GIF named {@code .JPEG}, an Exif-laden JPEG,
 * random bytes and a truncated JPEG. The same spec always gives the same bytes.
 */
public final class SampleCorpusGenerator {

    /** What to generate. {@code largest} is the size of the biggest synset; the tail decays as a power law. */
    public record Spec(int synsets, int largest, long seed, InputLayout layout) {
        public Spec {
            if (synsets < 1 || largest < 8) {
                throw new IllegalArgumentException("need at least 1 synset and a largest class of 8, got "
                        + synsets + " and " + largest);
            }
        }
    }

    /** What was written: synsets, members, and the odd members that must be rejected. */
    public record Summary(int synsets, int members, long bytes, int expectedRejects, Path input) {
    }

    /** A member to write: a regular file, or (tar layouts only) a link or directory entry. */
    private record Member(String name, byte[] data, byte linkFlag, String linkName) {
        Member(String name, byte[] data) {
            this(name, data, TarArchiveEntry.LF_NORMAL, null);
        }
    }

    private final Spec spec;
    private final Random random;

    public SampleCorpusGenerator(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
    }

    public Summary generate(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        List<String> synsets = synsetIds();
        int members = 0;
        long bytes = 0;
        int rejects = 0;
        ByteArrayOutputStream outerBytes = null;
        TarArchiveOutputStream outer = null;
        Path input = outputDir;
        if (spec.layout() == InputLayout.FALL11_TAR) {
            input = outputDir.resolve("fall11_whole.tar");
            outer = tar(Files.newOutputStream(input));
        }
        for (int rank = 0; rank < synsets.size(); rank++) {
            String synset = synsets.get(rank);
            int count = Math.max(2, (int) Math.round(spec.largest() / Math.pow(1 + rank, 0.8)));
            List<Member> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(new Member(synset + "_" + (i + 1) + ".JPEG", image(rank, i)));
            }
            if (rank < 2) {
                rejects += addOddMembers(synset, list);
            }
            if (rank == 0 && spec.layout() != InputLayout.FOLDERS) {
                rejects += addHostileTarEntries(synset, list);
            }
            members += list.size();
            for (Member m : list) {
                bytes += m.data().length;
            }
            switch (spec.layout()) {
                case FOLDERS -> {
                    Path dir = Files.createDirectories(outputDir.resolve(synset));
                    for (Member m : list) {
                        Files.write(dir.resolve(m.name()), m.data());
                    }
                }
                case SYNSET_TARS -> {
                    try (OutputStream out = Files.newOutputStream(outputDir.resolve(synset + ".tar"))) {
                        writeTar(out, list, rank == 0);
                    }
                }
                case FALL11_TAR -> {
                    outerBytes = new ByteArrayOutputStream();
                    writeTar(outerBytes, list, rank == 0);
                    addMember(outer, new Member(synset + ".tar", outerBytes.toByteArray()));
                }
            }
        }
        if (outer != null) {
            outer.close();
        }
        return new Summary(synsets.size(), members, bytes, rejects, input);
    }

    /** Synset ids in the real {@code n} + 8 digits form, distinct, ranked in a random order. */
    private List<String> synsetIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < spec.synsets(); i++) {
            ids.add(String.format("n%08d", 1_000_000 + i * 104_729 + random.nextInt(1000)));
        }
        java.util.Collections.shuffle(ids, random);
        return ids;
    }

    /** Appends the odd members; returns how many of them must end up rejected. */
    private int addOddMembers(String synset, List<Member> list) throws IOException {
        list.add(new Member(synset + "_tiny.JPEG", jpeg(render(32, 24, false, 1), 85)));
        list.add(new Member(synset + "_png.JPEG", encode(render(180, 140, false, 2), "png")));
        list.add(new Member(synset + "_gif.JPEG", encode(render(160, 120, false, 3), "gif")));
        list.add(new Member(synset + "_exif.JPEG", withExif(jpeg(render(200, 150, false, 4), 85))));
        byte[] noise = new byte[2000];
        random.nextBytes(noise);
        list.add(new Member(synset + "_noise.JPEG", noise));
        byte[] whole = jpeg(render(220, 180, false, 5), 85);
        list.add(new Member(synset + "_truncated.JPEG", java.util.Arrays.copyOf(whole, whole.length * 2 / 3)));
        list.add(new Member(synset + "_cmyk.JPEG", fourComponentJpeg(240, 180, new int[] {0, 255, 255, 255}, 0)));
        list.add(new Member(synset + "_bomb.JPEG", DIMENSION_BOMB));
        return 4; // tiny, noise, truncated, bomb
    }

    /** Entries only a tar can hold: a link, an absolute and an escaping path, a repeated name. */
    private int addHostileTarEntries(String synset, List<Member> list) {
        byte[] first = list.get(0).data();
        list.add(new Member(synset + "_link.JPEG", new byte[0], TarArchiveEntry.LF_SYMLINK, list.get(0).name()));
        list.add(new Member("/tmp/" + synset + "_absolute.JPEG", first));
        list.add(new Member("../" + synset + "_escape.JPEG", first));
        list.add(new Member(list.get(1).name(), first));
        return 5; // link, absolute, escape, duplicate, and the damaged block written after the members
    }

    /** A JPEG header claiming 65000 x 65000 pixels and nothing after it. */
    private static final byte[] DIMENSION_BOMB = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8,
            (byte) 0xFD, (byte) 0xE8, (byte) 0xFD, (byte) 0xE8, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};

    /**
     * A 4-component JPEG written by the JDK's writer from stored values (no colour conversion); with
     * {@code adobeTransform} >= 0 an Adobe APP14 segment says how to read them (0: CMYK, 2: YCCK).
     */
    public static byte[] fourComponentJpeg(int w, int h, int[] stored, int adobeTransform) throws IOException {
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        javax.imageio.ImageWriter writer = null;
        for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext();) {
            javax.imageio.ImageWriter candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.")) {
                writer = candidate; // the JDK's writer takes rasters as they are
            }
        }
        if (writer == null) {
            throw new IOException("the JDK's JPEG writer is missing");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        if (adobeTransform < 0) {
            return out.toByteArray();
        }
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) adobeTransform};
        return withSegment(out.toByteArray(), 0xEE, adobe);
    }

    private byte[] image(int rank, int index) throws IOException {
        int roll = random.nextInt(100);
        boolean large = roll < 8;
        boolean grey = roll >= 95;
        int w = large ? 650 + random.nextInt(500) : 96 + random.nextInt(400);
        int h = large ? 620 + random.nextInt(400) : 80 + random.nextInt(360);
        return jpeg(render(w, h, grey, rank * 7919L + index), 80 + random.nextInt(16));
    }

    private BufferedImage render(int w, int h, boolean grey, long salt) {
        Random r = new Random(spec.seed() * 31 + salt);
        BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(0xffffff)), w, h, new Color(r.nextInt(0xffffff))));
            g.fillRect(0, 0, w, h);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(r.nextInt(0xffffff)));
                int x = r.nextInt(w);
                int y = r.nextInt(h);
                g.fillOval(x - w / 8, y - h / 8, 1 + r.nextInt(w / 3 + 1), 1 + r.nextInt(h / 3 + 1));
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img, int quality) throws IOException {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            var param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one Make tag) right after SOI. */
    static byte[] withExif(byte[] jpeg) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x0F, 0, 2, 0, 0, 0, 4, 'A', 'C', 'M', 0, 0, 0, 0, 0};
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(tiff);
        return withSegment(jpeg, 0xE1, payload.toByteArray());
    }

    /** Inserts a marker segment with the payload right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static TarArchiveOutputStream tar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    /** With {@code damagedTail}, a header block with a broken checksum follows the members: readers stop there. */
    private static void writeTar(OutputStream out, List<Member> members, boolean damagedTail) throws IOException {
        if (damagedTail) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            writeTar(whole, members, false);
            byte[] bytes = whole.toByteArray();
            int end = bytes.length;
            while (end >= 512 && isZeroBlock(bytes, end - 512)) {
                end -= 512;
            }
            byte[] garbage = new byte[512];
            java.util.Arrays.fill(garbage, 0, 100, (byte) 'Z');
            out.write(bytes, 0, end);
            out.write(garbage);
            out.write(new byte[1024]);
            return;
        }
        TarArchiveOutputStream tar = tar(out);
        for (Member m : members) {
            addMember(tar, m);
        }
        tar.finish();
        tar.flush();
    }

    private static boolean isZeroBlock(byte[] bytes, int from) {
        for (int i = from; i < from + 512; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void addMember(TarArchiveOutputStream tar, Member m) {
        String name = m.name();
        byte[] data = m.data();
        try {
            TarArchiveEntry e = new TarArchiveEntry(name, m.linkFlag(), true);
            if (m.linkName() != null) {
                e.setLinkName(m.linkName());
            }
            e.setSize(data.length);
            e.setModTime(new Date(1_318_000_000_000L));
            e.setUserName("");
            e.setGroupName("");
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write tar member " + name, ex);
        }
    }
}
