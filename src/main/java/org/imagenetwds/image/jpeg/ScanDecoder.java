package org.imagenetwds.image.jpeg;

import java.time.Duration;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.RepairKind;

/**
 * One scan after another (jdinput.c): the SOS header checked against the frame and the tables,
 * then every MCU's blocks decoded in order, restart markers included, within the time limit.
 */
final class ScanDecoder {

    private static final int MAX_BLOCKS_IN_MCU = 10;

    private final JpegData in;
    private final HeaderSegments header;
    private final EntropyReader reader;
    private final ProgressiveScan progressiveScan;
    private final long deadline;
    private final Duration limit;

    int scans;
    private boolean multipleScans;
    private int sosAt;
    /** The luma DC image once its scan is decoded. */
    DcImage luma;
    /** Collecting it during the scan being decoded, else null. */
    private DcImage.Collector lumaCollector;
    // copied from the header for the per-block path (measured: the check ~4 % faster than read through it)
    private boolean progressive;
    private Component luma0;

    ScanDecoder(JpegData in, HeaderSegments header, long deadline, Duration limit) {
        this.in = in;
        this.header = header;
        this.reader = new EntropyReader(in);
        this.progressiveScan = new ProgressiveScan(in, reader);
        this.deadline = deadline;
        this.limit = limit;
    }

    void scan() throws ImageRejectedException {
        Component[] components = header.components;
        if (components == null) {
            throw in.corrupt("Invalid JPEG file structure: SOS before SOF");
        }
        sosAt = in.markerAt;
        int end = in.segmentEnd();
        int n = end - in.pos >= 1 ? in.u8(in.pos) : 0;
        if (n < 1 || n > 4 || end - in.pos != 2 * n + 4) {
            throw in.corrupt("Bogus marker length in SOS");
        }
        in.pos++;
        Component[] inScan = new Component[n];
        int[] dc = new int[n];
        int[] ac = new int[n];
        for (int i = 0; i < n; i++) {
            int id = in.u8(in.pos);
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
                throw in.corrupt("Invalid component ID " + id + " in SOS");
            }
            inScan[i] = found;
            dc[i] = in.u8(in.pos + 1) >> 4;
            ac[i] = in.u8(in.pos + 1) & 15;
            in.pos += 2;
        }
        int ss = in.u8(in.pos);
        int se = in.u8(in.pos + 1);
        int ah = in.u8(in.pos + 2) >> 4;
        int al = in.u8(in.pos + 2) & 15;
        in.pos = end;

        if (scans == 0) {
            multipleScans = header.progressive || n < components.length;
            if (components.length == 3 && !header.jfif && header.adobe && header.adobeTransform > 1) {
                throw in.warning("Unknown Adobe color transform code " + header.adobeTransform);
            }
        } else if (!multipleScans) {
            throw in.corrupt("Didn't expect more than one scan");
        }
        scans++;
        for (Component c : inScan) {
            if (c.quant > 3 || !header.quantDefined[c.quant]) {
                throw in.corrupt("Quantization table 0x" + Integer.toHexString(c.quant) + " was not defined");
            }
        }
        int blocksInMcu = 0;
        for (Component c : inScan) {
            blocksInMcu += n == 1 ? 1 : c.h * c.v;
        }
        if (blocksInMcu > MAX_BLOCKS_IN_MCU) {
            throw in.corrupt("Sampling factors too large for interleaved scan");
        }
        HuffmanTable[] dcT = new HuffmanTable[n];
        HuffmanTable[] acT = new HuffmanTable[n];
        if (header.progressive) {
            progressiveScan.checkProgression(inScan, ss, se, ah, al);
            for (int i = 0; i < n; i++) {
                if (ss == 0 && ah == 0) {
                    dcT[i] = dcTable(dc[i]);
                } else if (ss > 0) {
                    acT[i] = table(header.acTables, ac[i]);
                }
                inScan[i].allocateCoefficientMasks();
            }
        } else {
            if (ss != 0 || se != 63 || ah != 0 || al != 0) {
                throw in.warning("Invalid SOS parameters for sequential JPEG");
            }
            for (int i = 0; i < n; i++) {
                dcT[i] = dcTable(dc[i]);
                acT[i] = table(header.acTables, ac[i]);
            }
        }
        boolean codesLumaDc = luma == null && ss == 0 && ah == 0 && java.util.Arrays.asList(inScan).contains(components[0]);
        lumaCollector = codesLumaDc ? new DcImage.Collector(components[0]) : null;
        if (codesLumaDc) {
            lumaCollector.begin(al);
        }
        progressive = header.progressive;
        luma0 = components[0];
        decodeScan(inScan, dcT, acT, ss, se, ah, al);
        if (codesLumaDc) {
            luma = lumaCollector.finish(header.quantDc[components[0].quant], header);
            lumaCollector = null;
        }
    }

    /**
     * A table the scan uses. libjpeg-turbo's sequential decoder substitutes the standard table for a
     * missing slot 0 or 1 (motion-JPEG frames omit them): that table is inserted before this scan's
     * SOS. Its progressive decoder does not (djpeg: an error).
     */
    private HuffmanTable table(HuffmanTable[] tables, int slot) throws ImageRejectedException {
        if (slot <= 1 && tables[slot] == null && !header.progressive) {
            boolean ac = tables == header.acTables;
            throw in.lossless(RepairKind.HUFFMAN_TABLES, "Huffman table 0x" + Integer.toHexString(slot) + " was not defined",
                    sosAt, sosAt, StandardHuffmanTables.segment(ac, slot));
        }
        if (slot > 3 || tables[slot] == null) {
            throw in.corrupt("Huffman table 0x" + Integer.toHexString(slot) + " was not defined");
        }
        return tables[slot];
    }

    /** A DC table's symbols are bit counts of a difference: libjpeg refuses one above 15. */
    private HuffmanTable dcTable(int slot) throws ImageRejectedException {
        HuffmanTable t = table(header.dcTables, slot);
        for (int symbol : t.symbols) {
            if (symbol > 15) {
                throw in.corrupt("Bogus Huffman table definition (DC symbol " + symbol + ")");
            }
        }
        return t;
    }

    private void decodeScan(Component[] inScan, HuffmanTable[] dcT, HuffmanTable[] acT, int ss, int se, int ah, int al)
            throws ImageRejectedException {
        reader.start();
        in.scanning = true;
        for (Component c : inScan) {
            c.lastDc = 0;
        }
        int mcusAcross;
        int mcusDown;
        if (inScan.length == 1) {
            mcusAcross = inScan[0].blocksAcross;
            mcusDown = inScan[0].blocksDown;
        } else {
            mcusAcross = Component.ceilDiv(header.width, 8 * header.maxH);
            mcusDown = Component.ceilDiv(header.height, 8 * header.maxV);
        }
        long total = (long) mcusAcross * mcusDown;
        int restartInterval = header.restartInterval;
        int restartsToGo = restartInterval;
        int nextRestart = 0;
        in.scan = scans;
        in.scanMcusAcross = mcusAcross;
        in.scanMcusDown = mcusDown;
        int row = 0;
        int col = 0;
        for (long mcu = 0; mcu < total; mcu++) {
            in.scanMcu = mcu;
            if ((mcu & 1023) == 0 && System.nanoTime() > deadline) {
                throw new ImageRejectedException(RejectReason.DECODE_ERROR,
                        "JPEG not checked within " + limit.toSeconds() + " s (image time limit), at scan " + scans);
            }
            if (restartInterval != 0) {
                if (restartsToGo == 0) {
                    reader.processRestart(nextRestart);
                    for (Component c : inScan) {
                        c.lastDc = 0;
                    }
                    nextRestart = (nextRestart + 1) & 7;
                    restartsToGo = restartInterval;
                }
                restartsToGo--;
            }
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
            if (++col == mcusAcross) { // counted: two 64-bit divisions of mcu per MCU cost more than this
                col = 0;
                row++;
            }
        }
        reader.endOfScan(scans);
        in.scanning = false;
    }

    private void decodeBlock(Component c, int block, HuffmanTable dc, HuffmanTable ac, int ss, int se, int ah, int al)
            throws ImageRejectedException {
        boolean collect = lumaCollector != null && c == luma0;
        if (progressive) {
            progressiveScan.block(c, block, dc, ac, ss, se, ah, al);
        } else {
            c.lastDc += SequentialScan.block(reader, dc, ac, collect); // wraps as libjpeg's int does, silently
        }
        reader.checkBlockEnd();
        if (collect) {
            lumaCollector.block(block, c.lastDc);
        }
    }
}
