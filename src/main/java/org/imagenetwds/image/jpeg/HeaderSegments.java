package org.imagenetwds.image.jpeg;

import org.imagenetwds.image.ImageRejectedException;

/**
 * The marker segments before and between scans, parsed as jdmarker.c parses them (SOF, DHT, DQT,
 * DAC, DRI, APP0, APP14), and the decoding state they define: the frame, the tables, the restart
 * interval.
 */
final class HeaderSegments {

    private static final int MAX_DIMENSION = 65500;

    private final JpegData in;

    final HuffmanTable[] dcTables = new HuffmanTable[4];
    final HuffmanTable[] acTables = new HuffmanTable[4];
    final boolean[] quantDefined = new boolean[4];
    /** Each table's DC quantiser (its first entry): a DC coefficient's value in DCT units is its code times this. */
    final int[] quantDc = new int[4];
    int restartInterval;

    Component[] components;
    boolean progressive;
    int width;
    int height;
    int maxH;
    int maxV;
    boolean jfif;
    boolean adobe;
    int adobeTransform;

    HeaderSegments(JpegData in) {
        this.in = in;
    }

    void frame(boolean isProgressive) throws ImageRejectedException {
        if (components != null) {
            throw in.corrupt("Invalid JPEG file structure: two SOF markers");
        }
        int end = in.segmentEnd();
        if (end - in.pos < 6) {
            throw in.corrupt("Bogus marker length in SOF");
        }
        int precision = in.u8(in.pos);
        height = in.u16(in.pos + 1);
        width = in.u16(in.pos + 3);
        int n = in.u8(in.pos + 5);
        in.pos += 6;
        if (height == 0 || width == 0 || n == 0) {
            throw in.corrupt("Empty JPEG image (DNL not supported)");
        }
        if (end - in.pos != 3 * n) {
            throw in.corrupt("Bogus marker length in SOF");
        }
        if (precision != 8) {
            throw in.corrupt("Unsupported JPEG data precision " + precision);
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw in.corrupt("Maximum supported image dimension is " + MAX_DIMENSION + " pixels");
        }
        if (n > 10) {
            throw in.corrupt("Too many color components: " + n);
        }
        progressive = isProgressive;
        components = new Component[n];
        for (int i = 0; i < n; i++) {
            int h = in.u8(in.pos + 1) >> 4;
            int v = in.u8(in.pos + 1) & 15;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw in.corrupt("Bogus sampling factors " + h + "x" + v);
            }
            components[i] = new Component(in.u8(in.pos), h, v, in.u8(in.pos + 2));
            maxH = Math.max(maxH, h);
            maxV = Math.max(maxV, v);
            in.pos += 3;
        }
        for (Component c : components) {
            c.layout(width, height, maxH, maxV);
            if (maxH % c.h != 0 || maxV % c.v != 0) {
                throw in.corrupt("Fractional sampling not implemented yet (" + c.h + "x" + c.v + " in " + maxH + "x" + maxV + ")");
            }
        }
    }

    void huffmanTables() throws ImageRejectedException {
        int end = in.segmentEnd();
        while (in.pos < end) {
            if (end - in.pos < 17) {
                throw in.corrupt("Bogus marker length in DHT");
            }
            int index = in.u8(in.pos);
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = in.u8(in.pos + l);
                total += counts[l];
            }
            in.pos += 17;
            if (total > 256 || total > end - in.pos) {
                throw in.corrupt("Bogus Huffman table definition");
            }
            boolean ac = (index & 0x10) != 0;
            int slot = index & ~0x10;
            if (slot > 3) {
                throw in.corrupt("Bogus DHT index " + slot);
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = in.u8(in.pos + i);
            }
            in.pos += total;
            HuffmanTable table = HuffmanTable.of(counts, symbols, ac);
            if (table == null) {
                throw in.corrupt("Bogus Huffman table definition");
            }
            (ac ? acTables : dcTables)[slot] = table;
        }
        in.expectEnd(end);
    }

    /** jdmarker.c's get_dqt, length arithmetic included: a short last table is read as libjpeg reads it. */
    void quantTables() throws ImageRejectedException {
        int end = in.segmentEnd();
        int length = end - in.pos;
        while (length > 0) {
            length--;
            int n = in.u8(in.pos++);
            int precision = n >> 4;
            int slot = n & 15;
            if (slot > 3) {
                throw in.corrupt("Bogus DQT index " + slot);
            }
            if (precision > 1) {
                throw in.corrupt("Bogus DQT precision " + precision);
            }
            quantDefined[slot] = true;
            int count = precision == 1 ? (length < 128 ? length >> 1 : 64) : Math.min(length, 64);
            quantDc[slot] = count == 0 ? 0 : precision == 1 ? in.u16(in.pos) : in.u8(in.pos);
            int bytes = count * (precision + 1);
            in.pos += bytes;
            length -= bytes;
        }
        in.expectEnd(end);
    }

    void arithmeticConditioning() throws ImageRejectedException {
        int end = in.segmentEnd();
        while (in.pos < end) {
            if (end - in.pos < 2) {
                throw in.corrupt("Bogus marker length in DAC");
            }
            int index = in.u8(in.pos);
            int value = in.u8(in.pos + 1);
            in.pos += 2;
            boolean bad = index > 31 || (index < 16 ? (value & 15) > (value >> 4) : value < 1 || value > 63);
            if (bad) {
                throw in.corrupt("Bogus DAC index " + index + " or value " + value);
            }
        }
        in.expectEnd(end);
    }

    void restartDefinition() throws ImageRejectedException {
        int end = in.segmentEnd();
        if (end - in.pos != 2) {
            throw in.corrupt("Bogus marker length in DRI");
        }
        restartInterval = in.u16(in.pos);
        in.pos = end;
    }

    void app0() throws ImageRejectedException {
        int end = in.segmentEnd();
        int p = in.pos;
        if (end - p >= 14 && in.u8(p) == 'J' && in.u8(p + 1) == 'F' && in.u8(p + 2) == 'I' && in.u8(p + 3) == 'F'
                && in.u8(p + 4) == 0) {
            jfif = true;
            int major = in.u8(p + 5);
            if (major != 1 && major != 2) {
                throw in.warning("Warning: unknown JFIF revision number " + major);
            }
        }
        in.pos = end;
    }

    void app14() throws ImageRejectedException {
        int end = in.segmentEnd();
        int p = in.pos;
        if (end - p >= 12 && in.u8(p) == 'A' && in.u8(p + 1) == 'd' && in.u8(p + 2) == 'o' && in.u8(p + 3) == 'b'
                && in.u8(p + 4) == 'e') {
            adobe = true;
            adobeTransform = in.u8(p + 11);
        }
        in.pos = end;
    }
}
