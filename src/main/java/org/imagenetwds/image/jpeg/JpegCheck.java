package org.imagenetwds.image.jpeg;

import java.time.Duration;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.RepairKind;

/**
 * The check behind {@link org.imagenetwds.image.JpegDecodabilityCheck}: the marker loop of
 * jdmarker.c/jdinput.c over a whole file, each segment handed to {@link HeaderSegments} and each
 * scan to {@link ScanDecoder}.
 */
public final class JpegCheck {

    private final JpegData in;
    private final HeaderSegments header;
    private final ScanDecoder scans;

    private JpegCheck(byte[] jpeg, Duration limit) {
        in = new JpegData(jpeg);
        header = new HeaderSegments(in);
        scans = new ScanDecoder(in, header, System.nanoTime() + limit.toNanos(), limit);
    }

    /**
     * What the check found: {@code problem} null when libjpeg decodes the file silently; else its
     * repair ({@code repair} null: fatal) and a lossless repair's mended bytes ({@code repaired});
     * {@code luma} the luma DC image of a file decoded silently, else null.
     */
    public record Outcome(ImageRejectedException problem, RepairKind repair, byte[] repaired, DcImage luma) {
    }

    public static Outcome examine(byte[] jpeg, Duration limit) {
        JpegCheck c = new JpegCheck(jpeg, limit);
        try {
            c.run();
            return new Outcome(null, null, null, c.scans.luma);
        } catch (ImageRejectedException e) {
            return new Outcome(e, e.reason() == RejectReason.DECODE_ERROR ? null : c.in.damage, c.in.repaired, null);
        } catch (RuntimeException e) {
            // a case this parser did not foresee: the image is not proven decodable, and one hostile
            // member must never fail the task
            return new Outcome(new ImageRejectedException(RejectReason.CORRUPT_DATA, "JPEG structure not understood: " + e, e),
                    null, null, null);
        }
    }

    private void run() throws ImageRejectedException {
        if (in.bytes.length < 2 || in.u8(0) != 0xFF || in.u8(1) != 0xD8) {
            throw in.corrupt("Not a JPEG file: starts with something other than SOI");
        }
        in.pos = 2;
        while (true) {
            int marker = in.nextMarker(scans.scans > 0);
            switch (marker) {
                case 0xC0, 0xC1, 0xC2 -> header.frame(marker == 0xC2);
                case 0xC4 -> header.huffmanTables();
                case 0xCC -> header.arithmeticConditioning();
                case 0xDB -> header.quantTables();
                case 0xDD -> header.restartDefinition();
                case 0xDA -> scans.scan();
                case 0xD9 -> {
                    if (scans.scans == 0) {
                        throw in.corrupt("JPEG datastream contains no image (EOI before SOS)");
                    }
                    return;
                }
                case 0xD8 -> throw in.corrupt("Invalid JPEG file structure: two SOI markers");
                case 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0x01 -> {
                    // parameterless: libjpeg traces and goes on
                }
                case 0xE0 -> header.app0();
                case 0xEE -> header.app14();
                case 0xC3, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw in.corrupt(String.format("Unsupported JPEG process: SOF type 0x%02x", marker));
                default -> {
                    if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE || marker == 0xDC) {
                        in.skipSegment();
                    } else {
                        throw in.corrupt(String.format("Unsupported marker type 0x%02x", marker));
                    }
                }
            }
        }
    }
}
