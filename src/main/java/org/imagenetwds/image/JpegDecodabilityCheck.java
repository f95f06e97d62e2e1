package org.imagenetwds.image;

import org.imagenetwds.dataset.RejectReason;

/**
 * Proves, without an inverse DCT, that libjpeg(-turbo) decodes a Huffman-coded JPEG with neither
 * an error nor a warning ("Corrupt JPEG data: ..."): the marker segments are parsed as libjpeg's
 * {@code jdmarker.c} parses them, and every Huffman code and extra bit of every scan is decoded as
 * {@code jdhuff.c}/{@code jdphuff.c} decode them, restart markers and progression included. Only
 * the coefficient values are not computed: they cannot make libjpeg fail.
 *
 * <p>Where libjpeg's outcome depends on how far its bit buffer happened to read ahead (whole
 * bytes left between the end of a scan and the next marker), this check is stricter: any such byte
 * is corrupt data. The fuzz test with {@code djpeg} as the oracle holds it to that contract.
 *
 * <p>Reasons: {@code truncated} when the file ends before EOI (libjpeg: "Premature end of JPEG
 * file"; repairable when it ends inside a scan's data), {@code corrupt_data} for anything else, with
 * libjpeg's message class in the detail.
 */
public final class JpegDecodabilityCheck {

    private static final int MAX_DIMENSION = 65500;
    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final int MAX_BLOCKS_IN_MCU = 10;
    /** Zig-zag index of each coefficient beyond 63: libjpeg's decoder tables map them to 63. */
    private static final int LAST = 63;
    private static final byte[] END_OF_IMAGE = {(byte) 0xFF, (byte) 0xD9};

    private final byte[] data;
    private int pos;
    private long deadline;
    private java.time.Duration limit;

    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private final boolean[] quantDefined = new boolean[4];
    private int restartInterval;

    private Component[] components;
    private boolean progressive;
    private int width;
    private int height;
    private int maxH;
    private int maxV;
    private boolean jfif;
    private boolean adobe;
    private int adobeTransform;
    private int scans;
    private boolean multipleScans;

    // the bit reader over one scan's entropy-coded data
    private long acc;
    private int accBits;
    private int padBits;
    private boolean atMarker;
    private int eobRun;
    /** Bytes of entropy-coded data (stuffing removed) the bit buffer took since {@link #entropyStart}. */
    private long loaded;
    private int entropyStart;
    private boolean scanning;
    /** Where the marker last read by {@link #nextMarker} starts (its last FF). */
    private int markerAt;
    private int sosAt;
    /** The MCU being decoded, and the scan's MCUs across and down: how much of a truncated scan is there. */
    private long scanMcu;
    private int scanMcusAcross;
    private int scanMcusDown;

    // what the failure found: how it is repaired (null: libjpeg stops with an error), and the mended bytes
    private RepairKind damage;
    private byte[] repaired;
    private String extent;

    private JpegDecodabilityCheck(byte[] data) {
        this.data = data;
    }

    /**
     * @throws ImageRejectedException {@code corrupt_data} or {@code truncated}, naming what libjpeg
     *                                would report
     */
    public static void check(byte[] jpeg) throws ImageRejectedException {
        check(jpeg, ImageTransformer.DEFAULT_TIME_LIMIT);
    }

    /**
     * As {@link #check(byte[])}, giving up after {@code limit} ({@code decode_error}): a valid but
     * pathological progressive file (thousands of scans over a huge frame) would otherwise take as
     * long to check as libjpeg takes to decode it, minutes for one member.
     */
    public static void check(byte[] jpeg, java.time.Duration limit) throws ImageRejectedException {
        Finding f = examine(jpeg, limit);
        if (f != null) {
            throw f.problem();
        }
    }

    /**
     * What is wrong with {@code jpeg}, and how it can be repaired; null when libjpeg decodes it
     * silently. A lossless repair's bytes are the file with one splice made: the next finding, if
     * any, is in them.
     */
    public static Finding examine(byte[] jpeg, java.time.Duration limit) {
        JpegDecodabilityCheck c = new JpegDecodabilityCheck(jpeg);
        c.deadline = System.nanoTime() + limit.toNanos();
        c.limit = limit;
        try {
            c.run();
            return null;
        } catch (ImageRejectedException e) {
            return new Finding(e, e.reason() == RejectReason.DECODE_ERROR ? null : c.damage, c.repaired, c.extent);
        } catch (RuntimeException e) {
            // a case this parser did not foresee: the image is not proven decodable, and one hostile
            // member must never fail the task
            return new Finding(new ImageRejectedException(RejectReason.CORRUPT_DATA, "JPEG structure not understood: " + e, e),
                    null, null, null);
        }
    }

    /**
     * One problem: libjpeg's message, and its repair ({@code repair} null: fatal, libjpeg stops;
     * {@code repaired} the mended bytes of a lossless repair, null otherwise; {@code extent} how much
     * of a truncated scan is there, else null).
     */
    public record Finding(ImageRejectedException problem, RepairKind repair, byte[] repaired, String extent) {
    }

    private void run() throws ImageRejectedException {
        if (data.length < 2 || u8(0) != 0xFF || u8(1) != 0xD8) {
            throw corrupt("Not a JPEG file: starts with something other than SOI");
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xC0, 0xC1, 0xC2 -> frame(marker == 0xC2);
                case 0xC4 -> huffmanTables();
                case 0xCC -> arithmeticConditioning();
                case 0xDB -> quantTables();
                case 0xDD -> restartDefinition();
                case 0xDA -> scan();
                case 0xD9 -> {
                    if (scans == 0) {
                        throw corrupt("JPEG datastream contains no image (EOI before SOS)");
                    }
                    return;
                }
                case 0xD8 -> throw corrupt("Invalid JPEG file structure: two SOI markers");
                case 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0x01 -> {
                    // parameterless: libjpeg traces and goes on
                }
                case 0xE0 -> app0();
                case 0xEE -> app14();
                case 0xC3, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw corrupt(String.format("Unsupported JPEG process: SOF type 0x%02x", marker));
                default -> {
                    if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE || marker == 0xDC) {
                        skipSegment();
                    } else {
                        throw corrupt(String.format("Unsupported marker type 0x%02x", marker));
                    }
                }
            }
        }
    }

    // ---- marker segments (jdmarker.c) ----

    /**
     * libjpeg's next_marker: any byte skipped on the way to a marker is a warning (the bytes are cut);
     * the file ending here, after a whole scan, is one too (the end marker is written in their place).
     */
    private int nextMarker() throws ImageRejectedException {
        int from = pos;
        int skipped = 0;
        while (true) {
            while (pos < data.length && u8(pos) != 0xFF) {
                pos++;
                skipped++;
            }
            int runStart = pos;
            while (pos < data.length && u8(pos) == 0xFF) {
                pos++;
            }
            if (pos >= data.length) {
                if (scans > 0 && !scanning) {
                    throw lossless(RepairKind.END_MARKER, "Premature end of JPEG file", from, data.length, END_OF_IMAGE);
                }
                throw truncated();
            }
            int marker = u8(pos++);
            if (marker != 0) {
                markerAt = pos - 2;
                if (skipped > 0) {
                    throw cut(String.format("Corrupt JPEG data: %d extraneous bytes before marker 0x%02x", skipped, marker), from, runStart);
                }
                return marker;
            }
            skipped += 2; // a stuffed FF 00 outside a scan
        }
    }

    /** The segment's length field, checked to lie within the file; returns the position after it. */
    private int segmentEnd() throws ImageRejectedException {
        if (pos + 2 > data.length) {
            throw truncated();
        }
        int length = u16(pos);
        if (length < 2) {
            throw corrupt("Bogus marker length " + length);
        }
        int end = pos + length;
        if (end > data.length) {
            throw truncated();
        }
        pos += 2;
        return end;
    }

    /**
     * A segment libjpeg does not read but skips: one that runs past the end of the file after a
     * whole scan is skipped to the end, where libjpeg warns and stops (the end marker is written in
     * its place, the pixels the same).
     */
    private void skipSegment() throws ImageRejectedException {
        boolean runsPastEnd = pos + 2 > data.length || (u16(pos) >= 2 && pos + u16(pos) > data.length);
        if (scans > 0 && runsPastEnd) {
            throw lossless(RepairKind.END_MARKER, "Premature end of JPEG file", markerAt, data.length, END_OF_IMAGE);
        }
        pos = segmentEnd();
    }

    private void expectEnd(int end) throws ImageRejectedException {
        if (pos != end) {
            throw corrupt("Bogus marker length: segment content does not fill its length");
        }
    }

    private void frame(boolean isProgressive) throws ImageRejectedException {
        if (components != null) {
            throw corrupt("Invalid JPEG file structure: two SOF markers");
        }
        int end = segmentEnd();
        if (end - pos < 6) {
            throw corrupt("Bogus marker length in SOF");
        }
        int precision = u8(pos);
        height = u16(pos + 1);
        width = u16(pos + 3);
        int n = u8(pos + 5);
        pos += 6;
        if (height == 0 || width == 0 || n == 0) {
            throw corrupt("Empty JPEG image (DNL not supported)");
        }
        if (end - pos != 3 * n) {
            throw corrupt("Bogus marker length in SOF");
        }
        if (precision != 8) {
            throw corrupt("Unsupported JPEG data precision " + precision);
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw corrupt("Maximum supported image dimension is " + MAX_DIMENSION + " pixels");
        }
        if (n > 10) {
            throw corrupt("Too many color components: " + n);
        }
        progressive = isProgressive;
        components = new Component[n];
        for (int i = 0; i < n; i++) {
            int h = u8(pos + 1) >> 4;
            int v = u8(pos + 1) & 15;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw corrupt("Bogus sampling factors " + h + "x" + v);
            }
            components[i] = new Component(u8(pos), h, v, u8(pos + 2));
            maxH = Math.max(maxH, h);
            maxV = Math.max(maxV, v);
            pos += 3;
        }
        for (Component c : components) {
            c.layout(width, height, maxH, maxV);
            if (maxH % c.h != 0 || maxV % c.v != 0) {
                throw corrupt("Fractional sampling not implemented yet (" + c.h + "x" + c.v + " in " + maxH + "x" + maxV + ")");
            }
        }
    }

    private void huffmanTables() throws ImageRejectedException {
        int end = segmentEnd();
        while (pos < end) {
            if (end - pos < 17) {
                throw corrupt("Bogus marker length in DHT");
            }
            int index = u8(pos);
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(pos + l);
                total += counts[l];
            }
            pos += 17;
            if (total > 256 || total > end - pos) {
                throw corrupt("Bogus Huffman table definition");
            }
            boolean ac = (index & 0x10) != 0;
            int slot = index & ~0x10;
            if (slot > 3) {
                throw corrupt("Bogus DHT index " + slot);
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8(pos + i);
            }
            pos += total;
            HuffmanTable table = HuffmanTable.of(counts, symbols, ac);
            if (table == null) {
                throw corrupt("Bogus Huffman table definition");
            }
            (ac ? acTables : dcTables)[slot] = table;
        }
        expectEnd(end);
    }

    /** jdmarker.c's get_dqt, length arithmetic included: a short last table is read as libjpeg reads it. */
    private void quantTables() throws ImageRejectedException {
        int end = segmentEnd();
        int length = end - pos;
        while (length > 0) {
            length--;
            int n = u8(pos++);
            int precision = n >> 4;
            int slot = n & 15;
            if (slot > 3) {
                throw corrupt("Bogus DQT index " + slot);
            }
            if (precision > 1) {
                throw corrupt("Bogus DQT precision " + precision);
            }
            quantDefined[slot] = true;
            int count = precision == 1 ? (length < 128 ? length >> 1 : 64) : Math.min(length, 64);
            int bytes = count * (precision + 1);
            pos += bytes;
            length -= bytes;
        }
        expectEnd(end);
    }

    private void arithmeticConditioning() throws ImageRejectedException {
        int end = segmentEnd();
        while (pos < end) {
            if (end - pos < 2) {
                throw corrupt("Bogus marker length in DAC");
            }
            int index = u8(pos);
            int value = u8(pos + 1);
            pos += 2;
            boolean bad = index > 31 || (index < 16 ? (value & 15) > (value >> 4) : value < 1 || value > 63);
            if (bad) {
                throw corrupt("Bogus DAC index " + index + " or value " + value);
            }
        }
        expectEnd(end);
    }

    private void restartDefinition() throws ImageRejectedException {
        int end = segmentEnd();
        if (end - pos != 2) {
            throw corrupt("Bogus marker length in DRI");
        }
        restartInterval = u16(pos);
        pos = end;
    }

    private void app0() throws ImageRejectedException {
        int end = segmentEnd();
        if (end - pos >= 14 && u8(pos) == 'J' && u8(pos + 1) == 'F' && u8(pos + 2) == 'I' && u8(pos + 3) == 'F'
                && u8(pos + 4) == 0) {
            jfif = true;
            int major = u8(pos + 5);
            if (major != 1 && major != 2) {
                throw warning("Warning: unknown JFIF revision number " + major);
            }
        }
        pos = end;
    }

    private void app14() throws ImageRejectedException {
        int end = segmentEnd();
        if (end - pos >= 12 && u8(pos) == 'A' && u8(pos + 1) == 'd' && u8(pos + 2) == 'o' && u8(pos + 3) == 'b'
                && u8(pos + 4) == 'e') {
            adobe = true;
            adobeTransform = u8(pos + 11);
        }
        pos = end;
    }

    // ---- scans (jdinput.c, jdhuff.c, jdphuff.c) ----

    private void scan() throws ImageRejectedException {
        if (components == null) {
            throw corrupt("Invalid JPEG file structure: SOS before SOF");
        }
        sosAt = markerAt;
        int end = segmentEnd();
        int n = end - pos >= 1 ? u8(pos) : 0;
        if (n < 1 || n > 4 || end - pos != 2 * n + 4) {
            throw corrupt("Bogus marker length in SOS");
        }
        pos++;
        Component[] inScan = new Component[n];
        int[] dc = new int[n];
        int[] ac = new int[n];
        for (int i = 0; i < n; i++) {
            int id = u8(pos);
            Component found = null;
            for (Component c : components) {
                if (c.id == id) {
                    found = c;
                    break;
                }
            }
            for (int j = 0; j < i; j++) {
                if (inScan[j] == found) {
                    found = null;
                }
            }
            if (found == null) {
                throw corrupt("Invalid component ID " + id + " in SOS");
            }
            inScan[i] = found;
            dc[i] = u8(pos + 1) >> 4;
            ac[i] = u8(pos + 1) & 15;
            pos += 2;
        }
        int ss = u8(pos);
        int se = u8(pos + 1);
        int ah = u8(pos + 2) >> 4;
        int al = u8(pos + 2) & 15;
        pos = end;

        if (scans == 0) {
            multipleScans = progressive || n < components.length;
            if (components.length == 3 && !jfif && adobe && adobeTransform > 1) {
                throw warning("Unknown Adobe color transform code " + adobeTransform);
            }
        } else if (!multipleScans) {
            throw corrupt("Didn't expect more than one scan");
        }
        scans++;
        for (Component c : inScan) {
            if (c.quant > 3 || !quantDefined[c.quant]) {
                throw corrupt("Quantization table 0x" + Integer.toHexString(c.quant) + " was not defined");
            }
        }
        int blocksInMcu = 0;
        for (Component c : inScan) {
            blocksInMcu += n == 1 ? 1 : c.h * c.v;
        }
        if (blocksInMcu > MAX_BLOCKS_IN_MCU) {
            throw corrupt("Sampling factors too large for interleaved scan");
        }
        HuffmanTable[] dcT = new HuffmanTable[n];
        HuffmanTable[] acT = new HuffmanTable[n];
        if (progressive) {
            checkProgression(inScan, ss, se, ah, al);
            for (int i = 0; i < n; i++) {
                if (ss == 0 && ah == 0) {
                    dcT[i] = dcTable(dc[i]);
                } else if (ss > 0) {
                    acT[i] = table(acTables, ac[i]);
                }
                inScan[i].allocateCoefficientMasks();
            }
        } else {
            if (ss != 0 || se != 63 || ah != 0 || al != 0) {
                throw warning("Invalid SOS parameters for sequential JPEG");
            }
            for (int i = 0; i < n; i++) {
                dcT[i] = dcTable(dc[i]);
                acT[i] = table(acTables, ac[i]);
            }
        }
        decodeScan(inScan, dcT, acT, ss, se, ah, al);
    }

    /**
     * A table the scan uses. libjpeg-turbo's sequential decoder substitutes the standard table for a
     * missing slot 0 or 1 (motion-JPEG frames omit them): that table is inserted before this scan's
     * SOS. Its progressive decoder does not (djpeg: an error).
     */
    private HuffmanTable table(HuffmanTable[] tables, int slot) throws ImageRejectedException {
        if (slot <= 1 && tables[slot] == null && !progressive) {
            boolean ac = tables == acTables;
            throw lossless(RepairKind.HUFFMAN_TABLES, "Huffman table 0x" + Integer.toHexString(slot) + " was not defined",
                    sosAt, sosAt, StandardHuffmanTables.segment(ac, slot));
        }
        if (slot > 3 || tables[slot] == null) {
            throw corrupt("Huffman table 0x" + Integer.toHexString(slot) + " was not defined");
        }
        return tables[slot];
    }

    /** A DC table's symbols are bit counts of a difference: libjpeg refuses one above 15. */
    private HuffmanTable dcTable(int slot) throws ImageRejectedException {
        HuffmanTable t = table(dcTables, slot);
        for (int symbol : t.symbols) {
            if (symbol > 15) {
                throw corrupt("Bogus Huffman table definition (DC symbol " + symbol + ")");
            }
        }
        return t;
    }

    /** jdphuff.c's start_pass: a bad parameter is fatal, a bogus progression a warning. */
    private void checkProgression(Component[] inScan, int ss, int se, int ah, int al) throws ImageRejectedException {
        boolean bad = ss == 0 ? se != 0 : ss > se || se > 63 || inScan.length != 1;
        bad |= ah != 0 && al != ah - 1;
        bad |= al > 13;
        if (bad) {
            throw corrupt("Invalid progressive parameters Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al);
        }
        for (Component c : inScan) {
            if (ss != 0 && c.coefBits[0] < 0) {
                throw warning("Inconsistent progression sequence for component " + c.id + " coefficient 0");
            }
            for (int k = ss; k <= se; k++) {
                int expected = Math.max(c.coefBits[k], 0);
                if (ah != expected) {
                    throw warning("Inconsistent progression sequence for component " + c.id + " coefficient " + k);
                }
                c.coefBits[k] = al;
            }
        }
    }

    private void decodeScan(Component[] inScan, HuffmanTable[] dcT, HuffmanTable[] acT, int ss, int se, int ah, int al)
            throws ImageRejectedException {
        startEntropyData();
        scanning = true;
        for (Component c : inScan) {
            c.lastDc = 0;
        }
        int mcusAcross;
        int mcusDown;
        if (inScan.length == 1) {
            mcusAcross = inScan[0].blocksAcross;
            mcusDown = inScan[0].blocksDown;
        } else {
            mcusAcross = ceilDiv(width, 8 * maxH);
            mcusDown = ceilDiv(height, 8 * maxV);
        }
        long total = (long) mcusAcross * mcusDown;
        int restartsToGo = restartInterval;
        int nextRestart = 0;
        scanMcusAcross = mcusAcross;
        scanMcusDown = mcusDown;
        for (long mcu = 0; mcu < total; mcu++) {
            scanMcu = mcu;
            if ((mcu & 1023) == 0 && System.nanoTime() > deadline) {
                throw new ImageRejectedException(RejectReason.DECODE_ERROR,
                        "JPEG not checked within " + limit.toSeconds() + " s (image time limit), at scan " + scans);
            }
            if (restartInterval != 0) {
                if (restartsToGo == 0) {
                    processRestart(nextRestart);
                    for (Component c : inScan) {
                        c.lastDc = 0;
                    }
                    nextRestart = (nextRestart + 1) & 7;
                    restartsToGo = restartInterval;
                }
                restartsToGo--;
            }
            int row = (int) (mcu / mcusAcross);
            int col = (int) (mcu % mcusAcross);
            for (int i = 0; i < inScan.length; i++) {
                Component c = inScan[i];
                if (inScan.length == 1) {
                    decodeBlock(c, row * c.maskStride + col, dcT[i], acT[i], ss, se, ah, al);
                    continue;
                }
                for (int y = 0; y < c.v; y++) {
                    for (int x = 0; x < c.h; x++) {
                        int block = (row * c.v + y) * c.maskStride + col * c.h + x;
                        decodeBlock(c, block, dcT[i], acT[i], ss, se, ah, al);
                    }
                }
            }
        }
        endOfScan();
        scanning = false;
    }

    private void decodeBlock(Component c, int block, HuffmanTable dc, HuffmanTable ac, int ss, int se, int ah, int al)
            throws ImageRejectedException {
        if (!progressive) {
            sequentialBlock(dc, ac);
        } else if (ss == 0) {
            if (ah == 0) {
                dcFirst(c, dc);
            } else {
                bits(1);
            }
        } else if (ah == 0) {
            acFirst(c.masks, block, ac, ss, se, al);
        } else {
            acRefine(c.masks, block, ac, ss, se);
        }
        if (accBits < padBits) {
            throw atEnd("Corrupt JPEG data: premature end of data segment");
        }
    }

    /**
     * jdhuff.c's decode_mcu for one block, the hot loop of the whole check: the bit buffer is kept
     * in locals, and a code and its extra bits are skipped in one step ({@link HuffmanTable#steps}),
     * two AC symbols at once when both lie within the lookahead ({@link HuffmanTable#pairs}).
     */
    private void sequentialBlock(HuffmanTable dc, HuffmanTable ac) throws ImageRejectedException {
        long bitBuffer = acc;
        int bitCount = accBits;
        if (bitCount < 32) {
            accBits = bitCount;
            fill();
            bitBuffer = acc;
            bitCount = accBits;
        }
        int peek = (int) (bitBuffer >>> (bitCount - 16)) & 0xFFFF;
        int step = dc.steps[peek >>> (16 - HuffmanTable.LOOKAHEAD)];
        if (step == 0) {
            accBits = bitCount;
            step = HuffmanTable.step(decodeLong(dc, peek), false) + (16 << 8); // decodeLong took the code's bits
            bitCount = accBits + 16;
        }
        bitCount -= step >>> 8;
        int k = 1;
        while (k < 64) {
            if (bitCount < 32) {
                accBits = bitCount;
                fill();
                bitBuffer = acc;
                bitCount = accBits;
            }
            peek = (int) (bitBuffer >>> (bitCount - 16)) & 0xFFFF;
            int pair = ac.pairs[peek >>> (16 - HuffmanTable.LOOKAHEAD)];
            if (pair == 0) {
                accBits = bitCount;
                step = HuffmanTable.step(decodeLong(ac, peek), true) + (16 << 8);
                bitCount = accBits + 16 - (step >>> 8);
                k += step & 0xFF;
                continue;
            }
            k += pair & 0x7F;
            bitCount -= (pair >>> 7) & 0x1F;
            if (k < 64) { // the second symbol belongs to this block only while the block goes on
                k += (pair >>> 12) & 0x7F;
                bitCount -= pair >>> 19;
            }
        }
        accBits = bitCount;
    }

    /**
     * jdphuff.c's decode_mcu_DC_first: the running DC value is an int there, and a stream that
     * overflows it is an error ("DCT coefficient out of range").
     */
    private void dcFirst(Component c, HuffmanTable dc) throws ImageRejectedException {
        int s = decode(dc);
        if (s == 0) {
            return;
        }
        long value = (long) c.lastDc + extend(bits(s), s);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw corrupt("DCT coefficient out of range");
        }
        c.lastDc = (int) value;
    }

    /** jdhuff.h's HUFF_EXTEND: the signed value of {@code s} extra bits. */
    private static int extend(int bits, int s) {
        return bits < 1 << (s - 1) ? bits - (1 << s) + 1 : bits;
    }

    /**
     * jdphuff.c's decode_mcu_AC_first, keeping only which coefficients are non-zero as libjpeg stores
     * them: a 16-bit JCOEF holding {@code value << Al}, which can truncate to zero.
     */
    private void acFirst(long[] masks, int block, HuffmanTable ac, int ss, int se, int al) throws ImageRejectedException {
        if (eobRun > 0) {
            eobRun--;
            return;
        }
        for (int k = ss; k <= se; k++) {
            int rs = decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += r;
                long bit = 1L << Math.min(k, LAST);
                if ((short) (extend(bits(s), s) << al) != 0) {
                    masks[block] |= bit;
                } else {
                    masks[block] &= ~bit;
                }
            } else if (r == 15) {
                k += 15;
            } else {
                eobRun = 1 << r;
                if (r > 0) {
                    eobRun += bits(r);
                }
                eobRun--;
                return;
            }
        }
    }

    /** jdphuff.c's decode_mcu_AC_refine: correction bits are read for each coefficient already non-zero. */
    private void acRefine(long[] masks, int block, HuffmanTable ac, int ss, int se) throws ImageRejectedException {
        long mask = masks[block];
        int k = ss;
        if (eobRun == 0) {
            for (; k <= se; k++) {
                int rs = decode(ac);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    if (s != 1) {
                        throw warning("Corrupt JPEG data: bad Huffman code (refinement size " + s + ")");
                    }
                    bits(1);
                } else if (r != 15) {
                    eobRun = 1 << r;
                    if (r > 0) {
                        eobRun += bits(r);
                    }
                    break;
                }
                do {
                    if ((mask & (1L << Math.min(k, LAST))) != 0) {
                        bits(1);
                    } else if (--r < 0) {
                        break;
                    }
                    k++;
                } while (k <= se);
                if (s != 0) {
                    mask |= 1L << Math.min(k, LAST);
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= se; k++) {
                if ((mask & (1L << k)) != 0) {
                    bits(1);
                }
            }
            eobRun--;
        }
        masks[block] = mask;
    }

    // ---- entropy-coded data ----

    private void startEntropyData() {
        entropyStart = pos;
        loaded = 0;
        acc = 0;
        accBits = 0;
        padBits = 0;
        atMarker = false;
        eobRun = 0;
    }

    /** Keeps at least 57 bits in the buffer, as libjpeg does; past a marker the bits are zeros. */
    private void fill() {
        if (!atMarker && pos + 8 <= data.length) {
            // as many whole bytes as fit, up to the first that may be 0xFF (a stuffed byte or a marker)
            long word = (long) BIG_ENDIAN_LONG.get(data, pos);
            long inverted = ~word;
            long ffBytes = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
            int take = Math.min((64 - accBits) >>> 3, Long.numberOfLeadingZeros(ffBytes) >>> 3);
            if (take > 0) {
                acc = take == 8 ? word : (acc << (take << 3)) | (word >>> (64 - (take << 3)));
                accBits += take << 3;
                pos += take;
                loaded += take;
            }
        }
        while (accBits <= 56) {
            int b = 0;
            if (!atMarker) {
                if (pos >= data.length) {
                    atMarker = true;
                } else {
                    b = u8(pos);
                    if (b != 0xFF) {
                        pos++;
                        loaded++;
                    } else {
                        int q = pos + 1;
                        while (q < data.length && u8(q) == 0xFF) {
                            q++;
                        }
                        if (q < data.length && u8(q) == 0) {
                            pos = q + 1;
                            loaded++;
                        } else {
                            atMarker = true; // pos stays on the marker's first FF
                        }
                    }
                }
            }
            if (atMarker) {
                b = 0;
                padBits += 8;
            }
            acc = (acc << 8) | b;
            accBits += 8;
        }
    }

    /*
     * Bits are taken without checking, and whether a block took bits from past the marker (zeros,
     * as libjpeg supplies them after warning "premature end of data segment") is checked once at
     * the end of the block: once past the marker, no real bit comes back into the buffer.
     */

    private void skip(int n) {
        accBits -= n;
    }

    private int bits(int n) {
        if (accBits < 32) {
            fill();
        }
        accBits -= n;
        return (int) (acc >>> accBits) & ((1 << n) - 1);
    }

    private int decode(HuffmanTable t) throws ImageRejectedException {
        if (accBits < 32) {
            fill();
        }
        int peek = (int) (acc >>> (accBits - 16)) & 0xFFFF;
        int entry = t.lookup[peek >>> (16 - HuffmanTable.LOOKAHEAD)];
        if (entry != 0) {
            accBits -= entry >>> 8;
            return entry & 0xFF;
        }
        return decodeLong(t, peek);
    }

    /** A code longer than the lookup table's reach, bit by bit as jdhuff.c's jpeg_huff_decode. */
    private int decodeLong(HuffmanTable t, int peek) throws ImageRejectedException {
        for (int l = HuffmanTable.LOOKAHEAD + 1; l <= 16; l++) {
            int code = peek >>> (16 - l);
            if (code <= t.maxCode[l]) {
                accBits -= l;
                return t.symbols[t.valOffset[l] + code];
            }
        }
        accBits -= 16;
        throw accBits < padBits ? atEnd("Corrupt JPEG data: premature end of data segment")
                : warning("Corrupt JPEG data: bad Huffman code");
    }

    /** jdhuff.c's process_restart: unused whole bytes and anything before the marker are warnings. */
    private void processRestart(int expected) throws ImageRejectedException {
        int left = (accBits - padBits) / 8;
        if (left > 0) {
            throw cutToMarker(String.format("Corrupt JPEG data: %d extraneous bytes before marker 0x%02x", left, 0xD0 + expected));
        }
        if (atMarker && pos >= data.length) {
            throw truncated();
        }
        int marker = nextMarker();
        if (marker != 0xD0 + expected) {
            throw warning(String.format("Corrupt JPEG data: found marker 0x%02x instead of RST%d", marker, expected));
        }
        startEntropyData();
    }

    /** Stricter than libjpeg here: no whole byte may be left between the last MCU and the next marker. */
    private void endOfScan() throws ImageRejectedException {
        int left = (accBits - padBits) / 8;
        if (left > 0) {
            throw cutToMarker("Corrupt JPEG data: " + left + " extraneous bytes after the last MCU of scan " + scans);
        }
        if (!atMarker) {
            int at = pos;
            while (at < data.length && u8(at) == 0xFF) {
                at++;
            }
            if (at < data.length && (at == pos || u8(at) == 0)) {
                throw cutToMarker("Corrupt JPEG data: extraneous bytes after the last MCU of scan " + scans);
            }
        }
    }

    // ---- helpers ----

    private int u8(int at) {
        return data[at] & 0xFF;
    }

    private int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private ImageRejectedException atEnd(String message) {
        return pos >= data.length ? truncated() : warning(message);
    }

    /**
     * A file that ends: inside a scan's data, libjpeg warns and decodes what is missing as zero
     * coefficients (grey, or what the earlier scans of a progressive file made), so it is re-encoded
     * from that decode; inside a header segment, libjpeg stops (fatal). A file that ends after a whole
     * scan is mended losslessly: {@link #nextMarker}.
     */
    private ImageRejectedException truncated() {
        damage = scanning ? RepairKind.TRUNCATED_SCAN : null;
        extent = scanning ? String.format("scan %d ends after %d of %d MCU rows", scans, scanMcu / scanMcusAcross,
                scanMcusDown) : null;
        return new ImageRejectedException(RejectReason.TRUNCATED, "Premature end of JPEG file");
    }

    /** What libjpeg stops at with an error. */
    private ImageRejectedException corrupt(String message) {
        damage = null;
        return new ImageRejectedException(RejectReason.CORRUPT_DATA, message);
    }

    /** What libjpeg only warns about and decodes on from: the pixels must be decoded leniently to repair it. */
    private ImageRejectedException warning(String message) {
        damage = RepairKind.REENCODED;
        return new ImageRejectedException(RejectReason.CORRUPT_DATA, message);
    }

    /**
     * Damage a byte splice mends without touching any entropy-coded bit: {@code data[from, to)} is
     * replaced by {@code insert}, and libjpeg decodes the result to the same pixels, silently.
     */
    private ImageRejectedException lossless(RepairKind kind, String message, int from, int to, byte[] insert) {
        damage = kind;
        byte[] mended = new byte[data.length - (to - from) + insert.length];
        System.arraycopy(data, 0, mended, 0, from);
        System.arraycopy(insert, 0, mended, from, insert.length);
        System.arraycopy(data, to, mended, from + insert.length, data.length - to);
        repaired = mended;
        return new ImageRejectedException(message.startsWith("Premature") ? RejectReason.TRUNCATED : RejectReason.CORRUPT_DATA,
                message);
    }

    private ImageRejectedException cut(String message, int from, int to) {
        return lossless(RepairKind.CUT, message, from, to, new byte[0]);
    }

    /**
     * Whole bytes after the last entropy-coded bit used, up to the next marker (or, where none
     * follows, to the end of the file, then given its end marker): cut.
     */
    private ImageRejectedException cutToMarker(String message) {
        int from = entropyDataEnd();
        int to = markerRunStart(Math.max(pos, from));
        return to < 0 ? lossless(RepairKind.CUT, message, from, data.length, END_OF_IMAGE) : cut(message, from, to);
    }

    /** Where the bytes of this scan (or restart interval) stop holding bits the decoder used. */
    private int entropyDataEnd() {
        long used = loaded - Math.max(0, (accBits - padBits) / 8);
        int at = entropyStart;
        for (long n = 0; n < used && at < data.length; n++) {
            if (u8(at) != 0xFF) {
                at++;
            } else {
                while (at < data.length && u8(at) == 0xFF) {
                    at++;
                }
                at++; // the stuffed 00
            }
        }
        return Math.min(at, data.length);
    }

    /** The first FF of the next marker at or after {@code from} (stuffed FF 00 pairs are data), or -1. */
    private int markerRunStart(int from) {
        int at = from;
        while (true) {
            while (at < data.length && u8(at) != 0xFF) {
                at++;
            }
            int run = at;
            while (at < data.length && u8(at) == 0xFF) {
                at++;
            }
            if (at >= data.length) {
                return -1;
            }
            if (u8(at) != 0) {
                return run;
            }
            at++;
        }
    }

    /** One frame component: its sampling, its size in blocks, and (progressive) its coefficient state. */
    private static final class Component {
        final int id;
        final int h;
        final int v;
        final int quant;
        /** Blocks holding image data (a single-component scan's MCUs). */
        int blocksAcross;
        int blocksDown;
        /** Blocks including the padding an interleaved MCU row covers. */
        int maskStride;
        int maskRows;
        /** Per coefficient, the Al of the last scan that coded it; -1 before any (jdphuff's coef_bits). */
        final int[] coefBits = new int[64];
        /** Per block, which zig-zag coefficients are non-zero so far (progressive only). */
        long[] masks;
        /** The running DC value of a progressive DC-first scan. */
        int lastDc;

        Component(int id, int h, int v, int quant) {
            this.id = id;
            this.h = h;
            this.v = v;
            this.quant = quant;
            java.util.Arrays.fill(coefBits, -1);
        }

        void layout(int width, int height, int maxH, int maxV) {
            blocksAcross = ceilDiv(ceilDiv(width * h, maxH), 8);
            blocksDown = ceilDiv(ceilDiv(height * v, maxV), 8);
            maskStride = ceilDiv(width, 8 * maxH) * h;
            maskRows = ceilDiv(height, 8 * maxV) * v;
        }

        void allocateCoefficientMasks() {
            if (masks == null) {
                masks = new long[maskStride * maskRows];
            }
        }
    }

    /** A decoding table built as jdhuff.c's jpeg_make_d_derived_tbl builds it, with its checks. */
    private static final class HuffmanTable {
        static final int LOOKAHEAD = 12;
        /** (length << 8) | symbol for codes of at most LOOKAHEAD bits; 0 for longer codes. */
        final int[] lookup = new int[1 << LOOKAHEAD];
        /**
         * For sequential decoding, per LOOKAHEAD-bit prefix: (code length + extra bits) << 8 | how
         * far the coefficient index moves (DC: 1; AC: run + 1, 16 for ZRL, 64 for EOB); 0 for longer codes.
         */
        final int[] steps = new int[1 << LOOKAHEAD];
        /**
         * For an AC table, per LOOKAHEAD-bit prefix: the first symbol's step and, when the next code
         * and its extra bits also lie within the prefix, the second's, packed as index move (7 bits)
         * and bits (5 bits) each: move1 | bits1 << 7 | move2 << 12 | bits2 << 19 (move2 0: none);
         * 0 for a first code longer than the prefix.
         */
        final int[] pairs = new int[1 << LOOKAHEAD];
        final int[] maxCode = new int[17];
        final int[] valOffset = new int[17];
        final int[] symbols;

        private HuffmanTable(int[] symbols) {
            this.symbols = symbols;
        }

        /** The extra bits << 8 | the index move of a symbol (see {@link #steps}). */
        static int step(int symbol, boolean ac) {
            if (!ac) {
                return (symbol << 8) | 1;
            }
            int size = symbol & 15;
            if (size != 0) {
                return (size << 8) | ((symbol >> 4) + 1);
            }
            return symbol == 0xF0 ? 16 : 64;
        }

        private void pairSteps() {
            for (int i = 0; i < 1 << LOOKAHEAD; i++) {
                int first = steps[i];
                if (first == 0) {
                    continue;
                }
                int bits1 = first >>> 8;
                int move1 = first & 0xFF;
                int pair = move1 | bits1 << 7;
                if (move1 < 64 && bits1 < LOOKAHEAD) {
                    int second = steps[(i << bits1) & ((1 << LOOKAHEAD) - 1)];
                    // the second code and its extra bits must lie within the prefix's known bits
                    if (second != 0 && (second >>> 8) <= LOOKAHEAD - bits1) {
                        pair |= (second & 0xFF) << 12 | (second >>> 8) << 19;
                    }
                }
                pairs[i] = pair;
            }
        }

        /** Null when the code lengths over-fill the code space (libjpeg: "Bogus Huffman table definition"). */
        static HuffmanTable of(int[] counts, int[] symbols, boolean ac) {
            HuffmanTable t = new HuffmanTable(symbols);
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                t.valOffset[l] = k - code;
                if (code + counts[l] >= 1 << l && counts[l] > 0) {
                    return null; // the all-ones code or beyond: libjpeg's "Bogus Huffman table definition"
                }
                for (int i = 0; i < counts[l]; i++, k++, code++) {
                    if (l <= LOOKAHEAD) {
                        int shift = LOOKAHEAD - l;
                        for (int fill = 0; fill < 1 << shift; fill++) {
                            t.lookup[(code << shift) | fill] = (l << 8) | symbols[k];
                            t.steps[(code << shift) | fill] = step(symbols[k], ac) + (l << 8);
                        }
                    }
                }
                t.maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            if (ac) {
                t.pairSteps();
            }
            return t;
        }
    }
}
