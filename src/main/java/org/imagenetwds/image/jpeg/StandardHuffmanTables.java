package org.imagenetwds.image.jpeg;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/** The JPEG standard's example Huffman tables (Annex K.3) as DHT marker segments: what libjpeg substitutes for a missing one. */
final class StandardHuffmanTables {

    private StandardHuffmanTables() {
    }

    /** One DHT segment (marker included) defining slot {@code slot} (0: luminance, 1: chrominance) of the class. */
    static byte[] segment(boolean ac, int slot) {
        JPEGHuffmanTable table = ac ? (slot == 0 ? JPEGHuffmanTable.StdACLuminance : JPEGHuffmanTable.StdACChrominance)
                : (slot == 0 ? JPEGHuffmanTable.StdDCLuminance : JPEGHuffmanTable.StdDCChrominance);
        short[] lengths = table.getLengths();
        short[] values = table.getValues();
        int length = 2 + 1 + 16 + values.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xC4;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        segment[4] = (byte) ((ac ? 0x10 : 0) | slot);
        for (int i = 0; i < 16; i++) {
            segment[5 + i] = (byte) lengths[i];
        }
        for (int i = 0; i < values.length; i++) {
            segment[21 + i] = (byte) values[i];
        }
        return segment;
    }
}
