package org.imagenetwds.it;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damages a JPEG the ways real files are damaged: in the entropy-coded data (bit flips, bytes
 * inserted or deleted, markers with bogus lengths, restart markers out of order or missing, EOI
 * early), at its end (truncation at every kind of boundary, EOI absent, garbage before EOI) and in
 * its tables (DHT/DQT/SOF duplicated, missing, or with a byte changed). Seeded: the same seed gives
 * the same mutants.
 */
final class JpegMutator {

    enum Kind {
        SCAN_BIT_FLIPS, SCAN_BYTES_INSERTED, SCAN_BYTES_DELETED, SCAN_BOGUS_MARKER, RST_RENUMBERED, RST_REMOVED,
        RST_DUPLICATED, TRUNCATED_IN_SCAN, TRUNCATED_AT_SEGMENT, EOI_EARLY, EOI_ABSENT, GARBAGE_BEFORE_EOI,
        TABLE_DUPLICATED, TABLE_REMOVED, HEADER_BYTE_CHANGED
    }

    /** A marker segment: marker, where it starts (its FF) and where it ends. */
    private record Segment(int marker, int start, int end) {
    }

    /** A mutant, or null when the kind does not apply to this image (e.g. no restart markers). */
    record Mutant(Kind kind, byte[] bytes) {
    }

    private final byte[] jpeg;
    private final List<Segment> segments = new ArrayList<>();
    /** Entropy-coded data ranges [start, end), one per scan. */
    private final List<int[]> scans = new ArrayList<>();
    /** Positions of the RSTn markers inside scans. */
    private final List<Integer> restarts = new ArrayList<>();
    private final int eoi;

    JpegMutator(byte[] jpeg) {
        this.jpeg = jpeg;
        int pos = 2;
        int eoiAt = jpeg.length;
        while (pos + 2 <= jpeg.length) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xD9) {
                eoiAt = pos;
                break;
            }
            int end = pos + 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
            segments.add(new Segment(marker, pos, end));
            pos = end;
            if (marker == 0xDA) {
                int dataEnd = pos;
                while (true) {
                    if ((jpeg[dataEnd] & 0xFF) == 0xFF && (jpeg[dataEnd + 1] & 0xFF) != 0) {
                        int m = jpeg[dataEnd + 1] & 0xFF;
                        if (m >= 0xD0 && m <= 0xD7) {
                            restarts.add(dataEnd);
                            dataEnd += 2;
                            continue;
                        }
                        break;
                    }
                    dataEnd++;
                }
                scans.add(new int[] {pos, dataEnd});
                pos = dataEnd;
            }
        }
        eoi = eoiAt;
    }

    boolean hasRestarts() {
        return !restarts.isEmpty();
    }

    Mutant mutate(Kind kind, Random random) {
        int[] scan = scans.get(random.nextInt(scans.size()));
        int inScan = scan[0] + random.nextInt(Math.max(1, scan[1] - scan[0]));
        return switch (kind) {
            case SCAN_BIT_FLIPS -> {
                byte[] b = jpeg.clone();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    int at = scan[0] + random.nextInt(scan[1] - scan[0]);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
                yield new Mutant(kind, b);
            }
            case SCAN_BYTES_INSERTED -> new Mutant(kind, splice(inScan, 0, randomBytes(random, 1 + random.nextInt(800))));
            case SCAN_BYTES_DELETED -> new Mutant(kind, splice(inScan, Math.min(1 + random.nextInt(64), scan[1] - inScan), new byte[0]));
            case SCAN_BOGUS_MARKER -> {
                int[] markers = {0xD0 + random.nextInt(8), 0xC4, 0xDB, 0xE1, 0xFE, 0xDD, 0xC0, 0xDA};
                int marker = markers[random.nextInt(markers.length)];
                int length = random.nextInt(3) == 0 ? random.nextInt(2) : random.nextInt(65536);
                yield new Mutant(kind, splice(inScan, 0, new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}));
            }
            case RST_RENUMBERED -> {
                if (restarts.isEmpty()) {
                    yield null;
                }
                byte[] b = jpeg.clone();
                int at = restarts.get(random.nextInt(restarts.size())) + 1;
                b[at] = (byte) (0xD0 + ((b[at] & 7) + 1 + random.nextInt(7)) % 8);
                yield new Mutant(kind, b);
            }
            case RST_REMOVED -> restarts.isEmpty() ? null
                    : new Mutant(kind, splice(restarts.get(random.nextInt(restarts.size())), 2, new byte[0]));
            case RST_DUPLICATED -> {
                if (restarts.isEmpty()) {
                    yield null;
                }
                int at = restarts.get(random.nextInt(restarts.size()));
                yield new Mutant(kind, splice(at, 0, java.util.Arrays.copyOfRange(jpeg, at, at + 2)));
            }
            case TRUNCATED_IN_SCAN -> new Mutant(kind, java.util.Arrays.copyOf(jpeg, inScan));
            case TRUNCATED_AT_SEGMENT -> {
                Segment s = segments.get(random.nextInt(segments.size()));
                int[] cuts = {s.start, s.start + 1, s.start + 2, s.start + 3, Math.max(s.start, s.end - 1), s.end};
                yield new Mutant(kind, java.util.Arrays.copyOf(jpeg, cuts[random.nextInt(cuts.length)]));
            }
            case EOI_EARLY -> new Mutant(kind, splice(inScan, 0, new byte[] {(byte) 0xFF, (byte) 0xD9}));
            case EOI_ABSENT -> new Mutant(kind, java.util.Arrays.copyOf(jpeg, eoi));
            case GARBAGE_BEFORE_EOI -> new Mutant(kind, splice(eoi, 0, randomBytes(random, 1 + random.nextInt(12))));
            case TABLE_DUPLICATED, TABLE_REMOVED -> {
                List<Segment> tables = segments.stream().filter(s -> s.marker == 0xC4 || s.marker == 0xDB
                        || (s.marker >= 0xC0 && s.marker <= 0xC2)).toList();
                Segment s = tables.get(random.nextInt(tables.size()));
                yield new Mutant(kind, kind == Kind.TABLE_REMOVED ? splice(s.start, s.end - s.start, new byte[0])
                        : splice(s.end, 0, java.util.Arrays.copyOfRange(jpeg, s.start, s.end)));
            }
            case HEADER_BYTE_CHANGED -> {
                List<Segment> coding = segments.stream().filter(s -> s.marker == 0xC4 || s.marker == 0xDB
                        || (s.marker >= 0xC0 && s.marker <= 0xC2) || s.marker == 0xDA || s.marker == 0xDD).toList();
                Segment s = coding.get(random.nextInt(coding.size()));
                byte[] b = jpeg.clone();
                int at = s.start + 4 + random.nextInt(Math.max(1, s.end - s.start - 4));
                b[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : b[at] ^ (1 << random.nextInt(8)));
                yield new Mutant(kind, b);
            }
        };
    }

    private byte[] splice(int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + insert.length);
        out.write(jpeg, 0, at);
        out.writeBytes(insert);
        out.write(jpeg, at + remove, jpeg.length - at - remove);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
