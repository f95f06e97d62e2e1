package org.imagenetwds.image;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.imagenetwds.dataset.RejectReason;

/**
 * Reads format and dimensions from the first bytes of an image, never decoding pixels, so that
 * sizes are known and decompression bombs caught before any pixel buffer is allocated. (count
 * still reads each member whole: its JPEGs then go through {@link JpegDecodabilityCheck}.)
 */
public final class ImageProbe {

    /** Unknown formats are handed to ImageIO with at most this many leading bytes. */
    private static final int FALLBACK_PREFIX = 64 * 1024;

    private ImageProbe() {
    }

    public static ImageHeader probe(byte[] bytes) throws ImageRejectedException {
        return probe(new ByteArrayInputStream(bytes));
    }

    /** Reads as few bytes of {@code in} as the header needs. */
    public static ImageHeader probe(InputStream in) throws ImageRejectedException {
        try {
            byte[] magic = in.readNBytes(12);
            if (magic.length == 0) {
                throw new ImageRejectedException(RejectReason.TRUNCATED, "empty file");
            }
            ImageFormat format = sniff(magic);
            ByteReader r = new ByteReader(magic, in);
            return switch (format) {
                case JPEG -> jpeg(r);
                case PNG -> png(r);
                case GIF -> gif(r);
                case BMP -> bmp(r);
                default -> viaImageIo(magic, in, format);
            };
        } catch (EOFException e) {
            throw new ImageRejectedException(RejectReason.TRUNCATED, "header ends early");
        } catch (IOException e) {
            throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "unreadable header: " + e.getMessage(), e);
        }
    }

    public static ImageFormat sniff(byte[] magic) {
        if (magic.length >= 3 && (magic[0] & 0xff) == 0xFF && (magic[1] & 0xff) == 0xD8 && (magic[2] & 0xff) == 0xFF) {
            return ImageFormat.JPEG;
        }
        if (magic.length >= 8 && (magic[0] & 0xff) == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') {
            return ImageFormat.PNG;
        }
        if (magic.length >= 6 && magic[0] == 'G' && magic[1] == 'I' && magic[2] == 'F' && magic[3] == '8') {
            return ImageFormat.GIF;
        }
        if (magic.length >= 2 && magic[0] == 'B' && magic[1] == 'M') {
            return ImageFormat.BMP;
        }
        if (magic.length >= 4 && ((magic[0] == 'I' && magic[1] == 'I' && magic[2] == 42 && magic[3] == 0)
                || (magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0 && magic[3] == 42))) {
            return ImageFormat.TIFF;
        }
        if (magic.length >= 12 && magic[0] == 'R' && magic[1] == 'I' && magic[8] == 'W' && magic[9] == 'E') {
            return ImageFormat.WEBP;
        }
        return ImageFormat.UNKNOWN;
    }

    private static ImageHeader jpeg(ByteReader r) throws IOException, ImageRejectedException {
        r.skip(2); // SOI
        while (true) {
            int b = r.u8();
            if (b != 0xFF) {
                throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE,
                        String.format("JPEG: expected a marker, found 0x%02X at byte %d", b, r.position() - 1));
            }
            int marker = r.u8();
            while (marker == 0xFF) {
                marker = r.u8();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue; // stand-alone markers carry no length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "JPEG without a frame header (SOF)");
            }
            int length = r.u16();
            if (length < 2) {
                throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "JPEG marker segment with length " + length);
            }
            if (isSof(marker)) {
                int precision = r.u8();
                int height = r.u16();
                int width = r.u16();
                int components = r.u8();
                if (height == 0) {
                    throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "JPEG height defined by DNL: not supported");
                }
                return new ImageHeader(ImageFormat.JPEG, width, height, components, precision, processOf(marker));
            }
            r.skip(length - 2);
        }
    }

    private static boolean isSof(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ImageHeader.JpegProcess processOf(int sof) {
        return switch (sof) {
            case 0xC0 -> ImageHeader.JpegProcess.BASELINE;
            case 0xC1 -> ImageHeader.JpegProcess.EXTENDED;
            case 0xC2 -> ImageHeader.JpegProcess.PROGRESSIVE;
            case 0xC3 -> ImageHeader.JpegProcess.LOSSLESS;
            case 0xC5, 0xC6, 0xC7 -> ImageHeader.JpegProcess.HIERARCHICAL;
            default -> ImageHeader.JpegProcess.ARITHMETIC; // C9..CB, CD..CF
        };
    }

    private static ImageHeader png(ByteReader r) throws IOException {
        r.skip(8 + 4 + 4); // signature, IHDR length and type
        int width = r.s32();
        int height = r.s32();
        int depth = r.u8();
        int colourType = r.u8();
        int components = switch (colourType) {
            case 0 -> 1;
            case 2 -> 3;
            case 3 -> 1;
            case 4 -> 2;
            default -> 4;
        };
        return new ImageHeader(ImageFormat.PNG, width, height, components, depth, null);
    }

    private static ImageHeader gif(ByteReader r) throws IOException {
        r.skip(6);
        int width = r.u16le();
        int height = r.u16le();
        return new ImageHeader(ImageFormat.GIF, width, height, 3, 8, null);
    }

    private static ImageHeader bmp(ByteReader r) throws IOException {
        r.skip(14);
        int dibSize = r.s32le();
        int width;
        int height;
        if (dibSize == 12) {
            width = r.u16le();
            height = r.u16le();
        } else {
            width = r.s32le();
            height = Math.abs(r.s32le()); // negative height = top-down rows
        }
        return new ImageHeader(ImageFormat.BMP, width, height, 3, 8, null);
    }

    private static ImageHeader viaImageIo(byte[] magic, InputStream rest, ImageFormat format)
            throws IOException, ImageRejectedException {
        byte[] prefix = new byte[FALLBACK_PREFIX];
        System.arraycopy(magic, 0, prefix, 0, magic.length);
        int n = magic.length + rest.readNBytes(prefix, magic.length, prefix.length - magic.length);
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(prefix, 0, n))) {
            Iterator<ImageReader> readers = iis == null ? null : InputReaders.of(iis);
            if (readers == null || !readers.hasNext()) {
                throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "no image format recognised");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                return new ImageHeader(format, reader.getWidth(0), reader.getHeight(0), 0, 0, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE,
                    "cannot read a " + format.code() + " header: " + e.getMessage(), e);
        }
    }

    /** Big- and little-endian reads over the already-read magic bytes followed by the stream. */
    private static final class ByteReader {
        private final byte[] head;
        private final InputStream tail;
        private long pos;

        ByteReader(byte[] head, InputStream tail) {
            this.head = head;
            this.tail = tail;
        }

        long position() {
            return pos;
        }

        int u8() throws IOException {
            int b = pos < head.length ? head[(int) pos] & 0xff : tail.read();
            if (b < 0) {
                throw new EOFException();
            }
            pos++;
            return b;
        }

        int u16() throws IOException {
            return (u8() << 8) | u8();
        }

        int u16le() throws IOException {
            return u8() | (u8() << 8);
        }

        int s32() throws IOException {
            return (u16() << 16) | u16();
        }

        int s32le() throws IOException {
            return u16le() | (u16le() << 16);
        }

        void skip(long n) throws IOException {
            while (n > 0 && pos < head.length) {
                pos++;
                n--;
            }
            if (n > 0) {
                tail.skipNBytes(n);
                pos += n;
            }
        }
    }
}
