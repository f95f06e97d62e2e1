package org.imagenetwds.image.jpeg;

import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.RepairKind;

/**
 * The bit reader over one scan's (or restart interval's) entropy-coded data, as jdhuff.c's bit
 * buffer reads it: stuffed bytes removed, zeros past a marker, restart markers checked.
 */
final class EntropyReader {

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final JpegData in;
    private final byte[] data;

    /**
     * The bit buffer, its next bit the top one: {@code accBits} bits are buffered, every bit below
     * them zero. Left-aligned, a lookahead is one shift ({@code acc >>> (64 - n)}) and taking bits
     * another ({@code acc <<= n}).
     */
    long acc;
    int accBits;
    int padBits;
    /** Blocks left in a progressive scan's end-of-band run. */
    int eobRun;
    private boolean atMarker;
    /** Bytes of entropy-coded data (stuffing removed) the bit buffer took since {@link #entropyStart}. */
    private long loaded;
    private int entropyStart;

    EntropyReader(JpegData in) {
        this.in = in;
        this.data = in.bytes;
    }

    void start() {
        entropyStart = in.pos;
        loaded = 0;
        acc = 0;
        accBits = 0;
        padBits = 0;
        atMarker = false;
        eobRun = 0;
    }

    /** Keeps at least 57 bits in the buffer, as libjpeg does; past a marker the bits are zeros. */
    void fill() {
        int pos = in.pos;
        if (!atMarker && pos + 8 <= data.length) {
            // as many whole bytes as fit, up to the first that may be 0xFF (a stuffed byte or a marker)
            long word = (long) BIG_ENDIAN_LONG.get(data, pos);
            long inverted = ~word;
            long ffBytes = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
            int take = Math.min((64 - accBits) >>> 3, Long.numberOfLeadingZeros(ffBytes) >>> 3);
            if (take > 0) {
                acc |= (word >>> (64 - (take << 3))) << (64 - accBits - (take << 3));
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
                    b = data[pos] & 0xFF;
                    if (b != 0xFF) {
                        pos++;
                        loaded++;
                    } else {
                        int q = pos + 1;
                        while (q < data.length && data[q] == (byte) 0xFF) {
                            q++;
                        }
                        if (q < data.length && data[q] == 0) {
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
            acc |= (long) b << (56 - accBits);
            accBits += 8;
        }
        in.pos = pos;
    }

    /*
     * Bits are taken without checking, and whether a block took bits from past the marker (zeros,
     * as libjpeg supplies them after warning "premature end of data segment") is checked once at
     * the end of the block: once past the marker, no real bit comes back into the buffer.
     */

    int bits(int n) {
        if (accBits < 32) {
            fill();
        }
        int value = (int) (acc >>> (64 - n));
        acc <<= n;
        accBits -= n;
        return value;
    }

    int decode(HuffmanTable t) throws ImageRejectedException {
        if (accBits < 32) {
            fill();
        }
        int entry = t.lookup[(int) (acc >>> (64 - HuffmanTable.LOOKAHEAD))];
        if (entry != 0) {
            acc <<= entry >>> 8;
            accBits -= entry >>> 8;
            return entry & 0xFF;
        }
        return decodeLong(t);
    }

    /** A code longer than the lookup table's reach, bit by bit as jdhuff.c's jpeg_huff_decode. */
    int decodeLong(HuffmanTable t) throws ImageRejectedException {
        int peek = (int) (acc >>> 48);
        for (int l = HuffmanTable.LOOKAHEAD + 1; l <= 16; l++) {
            int code = peek >>> (16 - l);
            if (code <= t.maxCode[l]) {
                acc <<= l;
                accBits -= l;
                return t.symbols[t.valOffset[l] + code];
            }
        }
        acc <<= 16;
        accBits -= 16;
        throw accBits < padBits ? atEnd("Corrupt JPEG data: premature end of data segment")
                : in.warning("Corrupt JPEG data: bad Huffman code");
    }

    /** jdhuff.h's HUFF_EXTEND: the signed value of {@code s} extra bits. */
    static int extend(int bits, int s) {
        return bits < 1 << (s - 1) ? bits - (1 << s) + 1 : bits;
    }

    /** Whether the last block took bits from past the marker: libjpeg's "premature end of data segment". */
    void checkBlockEnd() throws ImageRejectedException {
        if (accBits < padBits) {
            throw atEnd("Corrupt JPEG data: premature end of data segment");
        }
    }

    /** jdhuff.c's process_restart: unused whole bytes and anything before the marker are warnings. */
    void processRestart(int expected) throws ImageRejectedException {
        int left = (accBits - padBits) / 8;
        if (left > 0) {
            throw cutToMarker(String.format("Corrupt JPEG data: %d extraneous bytes before marker 0x%02x", left, 0xD0 + expected));
        }
        if (atMarker && in.pos >= data.length) {
            throw in.truncated();
        }
        int marker = in.nextMarker(false);
        if (marker != 0xD0 + expected) {
            throw in.warning(String.format("Corrupt JPEG data: found marker 0x%02x instead of RST%d", marker, expected));
        }
        start();
    }

    /** Stricter than libjpeg here: no whole byte may be left between the last MCU and the next marker. */
    void endOfScan(int scan) throws ImageRejectedException {
        int left = (accBits - padBits) / 8;
        if (left > 0) {
            throw cutToMarker("Corrupt JPEG data: " + left + " extraneous bytes after the last MCU of scan " + scan);
        }
        if (!atMarker) {
            int at = in.pos;
            while (at < data.length && in.u8(at) == 0xFF) {
                at++;
            }
            if (at < data.length && (at == in.pos || in.u8(at) == 0)) {
                throw cutToMarker("Corrupt JPEG data: extraneous bytes after the last MCU of scan " + scan);
            }
        }
    }

    private ImageRejectedException atEnd(String message) {
        return in.pos >= data.length ? in.truncated() : in.warning(message);
    }

    /**
     * Whole bytes after the last entropy-coded bit used, up to the next marker (or, where none
     * follows, to the end of the file, then given its end marker): cut.
     */
    private ImageRejectedException cutToMarker(String message) {
        int from = entropyDataEnd();
        int to = in.markerRunStart(Math.max(in.pos, from));
        return to < 0 ? in.lossless(RepairKind.CUT, message, from, data.length, JpegData.END_OF_IMAGE)
                : in.cut(message, from, to);
    }

    /** Where the bytes of this scan (or restart interval) stop holding bits the decoder used. */
    private int entropyDataEnd() {
        long used = loaded - Math.max(0, (accBits - padBits) / 8);
        int at = entropyStart;
        for (long n = 0; n < used && at < data.length; n++) {
            if (in.u8(at) != 0xFF) {
                at++;
            } else {
                while (at < data.length && in.u8(at) == 0xFF) {
                    at++;
                }
                at++; // the stuffed 00
            }
        }
        return Math.min(at, data.length);
    }
}
