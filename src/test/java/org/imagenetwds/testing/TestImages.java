package org.imagenetwds.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds real image and tar bytes for tests. */
public final class TestImages {

    private TestImages() {
    }

    public static BufferedImage gradient(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.RED, w, h, Color.BLUE));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.YELLOW);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    public static byte[] jpeg(int w, int h) {
        return jpeg(gradient(w, h, BufferedImage.TYPE_3BYTE_BGR));
    }

    public static byte[] jpeg(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A progressive JPEG (the JDK writer's default scan script). */
    public static byte[] progressiveJpeg(BufferedImage img) {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            javax.imageio.ImageWriteParam p = writer.getDefaultWriteParam();
            p.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Inserts a marker segment (e.g. 0xFE comment, 0xE1 Exif) with the payload right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        return org.imagenetwds.sample.SyntheticImages.withSegment(jpeg, marker, payload);
    }

    /** A 4-component JPEG (CMYK, YCCK with {@code adobeTransform} 2, or no Adobe segment with -1). */
    public static byte[] fourComponentJpeg(int w, int h, int[] stored, int adobeTransform) {
        try {
            return org.imagenetwds.sample.SyntheticImages.fourComponentJpeg(w, h, stored, adobeTransform);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An APP2 ICC_PROFILE chunk: {@code profile} is this chunk's slice of the profile. */
    public static byte[] iccChunk(int number, int count, byte[] profile) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("ICC_PROFILE\0"));
        b.write(number);
        b.write(count);
        b.writeBytes(profile);
        return b.toByteArray();
    }

    /** A fake ICC profile body whose header names {@code colourSpace} ("RGB ", "CMYK", ...). */
    public static byte[] fakeProfile(String colourSpace, int size) {
        byte[] p = new byte[size];
        System.arraycopy(ascii(colourSpace), 0, p, 16, 4);
        return p;
    }

    /** An Exif APP1 payload: IFD0 with a GPS IFD (version 2.2) and IFD1 carrying a JPEG thumbnail. */
    public static byte[] exifWithGpsAndThumbnail(byte[] thumbnail) {
        java.nio.ByteBuffer t = java.nio.ByteBuffer.allocate(8 + 18 + 18 + 30 + thumbnail.length);
        t.put(ascii("MM")).putShort((short) 42).putInt(8);
        // IFD0 at 8: one entry (GPSInfo pointer), next IFD (IFD1) at 44
        t.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(44);
        // GPS IFD at 26: GPSVersionID 2.2.0.0
        t.putShort((short) 1).putShort((short) 0).putShort((short) 1).putInt(4).put(new byte[] {2, 2, 0, 0}).putInt(0);
        // IFD1 at 44: thumbnail offset and length
        t.putShort((short) 2).putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt(74)
                .putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumbnail.length).putInt(0);
        t.put(thumbnail);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("Exif\0\0"));
        b.writeBytes(t.array());
        return b.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A tar entry to build: a regular file with data, or another kind of entry. */
    public record Entry(String name, byte[] data, byte linkFlag, String linkName) {
        public static Entry file(String name, byte[] data) {
            return new Entry(name, data, TarArchiveEntry.LF_NORMAL, null);
        }

        public static Entry of(String name, byte linkFlag, String linkName) {
            return new Entry(name, new byte[0], linkFlag, linkName);
        }
    }

    public static byte[] tar(List<Entry> entries) {
        return tar(entries, "UTF-8");
    }

    /** A tar whose member names are encoded with {@code encoding} (ISO-8859-1 gives names that are not UTF-8). */
    public static byte[] tar(List<Entry> entries, String encoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, encoding)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.linkFlag(), true);
                if (e.linkName() != null) {
                    entry.setLinkName(e.linkName());
                }
                entry.setSize(e.data().length);
                entry.setModTime(new Date(0));
                tar.putArchiveEntry(entry);
                tar.write(e.data());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
