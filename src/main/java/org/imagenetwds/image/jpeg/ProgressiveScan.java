package org.imagenetwds.image.jpeg;

import org.imagenetwds.image.ImageRejectedException;

/**
 * The blocks of a progressive scan, decoded as jdphuff.c decodes them, and the progression checked
 * as its start_pass checks it. Per block only which coefficients are non-zero is kept: that decides
 * how many correction bits a refinement scan reads.
 */
final class ProgressiveScan {

    /** Zig-zag index of each coefficient beyond 63: libjpeg's decoder tables map them to 63. */
    private static final int LAST = 63;

    private final JpegData in;
    private final EntropyReader r;

    ProgressiveScan(JpegData in, EntropyReader r) {
        this.in = in;
        this.r = r;
    }

    /** jdphuff.c's start_pass: a bad parameter is fatal, a bogus progression a warning. */
    void checkProgression(Component[] inScan, int ss, int se, int ah, int al) throws ImageRejectedException {
        boolean bad = ss == 0 ? se != 0 : ss > se || se > 63 || inScan.length != 1;
        bad |= ah != 0 && al != ah - 1;
        bad |= al > 13;
        if (bad) {
            throw in.corrupt("Invalid progressive parameters Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al);
        }
        for (Component c : inScan) {
            if (ss != 0 && c.coefBits[0] < 0) {
                throw in.warning("Inconsistent progression sequence for component " + c.id + " coefficient 0");
            }
            for (int k = ss; k <= se; k++) {
                int expected = Math.max(c.coefBits[k], 0);
                if (ah != expected) {
                    throw in.warning("Inconsistent progression sequence for component " + c.id + " coefficient " + k);
                }
                c.coefBits[k] = al;
            }
        }
    }

    void block(Component c, int block, HuffmanTable dc, HuffmanTable ac, int ss, int se, int ah, int al)
            throws ImageRejectedException {
        if (ss == 0) {
            if (ah == 0) {
                dcFirst(c, dc);
            } else {
                r.bits(1);
            }
        } else if (ah == 0) {
            acFirst(c.masks, block, ac, ss, se, al);
        } else {
            acRefine(c.masks, block, ac, ss, se);
        }
    }

    /**
     * jdphuff.c's decode_mcu_DC_first: the running DC value is an int there, and a stream that
     * overflows it is an error ("DCT coefficient out of range").
     */
    private void dcFirst(Component c, HuffmanTable dc) throws ImageRejectedException {
        int s = r.decode(dc);
        if (s == 0) {
            return;
        }
        long value = (long) c.lastDc + EntropyReader.extend(r.bits(s), s);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw in.corrupt("DCT coefficient out of range");
        }
        c.lastDc = (int) value;
    }

    /**
     * jdphuff.c's decode_mcu_AC_first, keeping only which coefficients are non-zero as libjpeg stores
     * them: a 16-bit JCOEF holding {@code value << Al}, which can truncate to zero.
     */
    private void acFirst(long[] masks, int block, HuffmanTable ac, int ss, int se, int al) throws ImageRejectedException {
        if (r.eobRun > 0) {
            r.eobRun--;
            return;
        }
        for (int k = ss; k <= se; k++) {
            int rs = r.decode(ac);
            int run = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += run;
                long bit = 1L << Math.min(k, LAST);
                if ((short) (EntropyReader.extend(r.bits(s), s) << al) != 0) {
                    masks[block] |= bit;
                } else {
                    masks[block] &= ~bit;
                }
            } else if (run == 15) {
                k += 15;
            } else {
                r.eobRun = 1 << run;
                if (run > 0) {
                    r.eobRun += r.bits(run);
                }
                r.eobRun--;
                return;
            }
        }
    }

    /** jdphuff.c's decode_mcu_AC_refine: correction bits are read for each coefficient already non-zero. */
    private void acRefine(long[] masks, int block, HuffmanTable ac, int ss, int se) throws ImageRejectedException {
        long mask = masks[block];
        int k = ss;
        if (r.eobRun == 0) {
            for (; k <= se; k++) {
                int rs = r.decode(ac);
                int run = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    if (s != 1) {
                        throw in.warning("Corrupt JPEG data: bad Huffman code (refinement size " + s + ")");
                    }
                    r.bits(1);
                } else if (run != 15) {
                    r.eobRun = 1 << run;
                    if (run > 0) {
                        r.eobRun += r.bits(run);
                    }
                    break;
                }
                do {
                    if ((mask & (1L << Math.min(k, LAST))) != 0) {
                        r.bits(1);
                    } else if (--run < 0) {
                        break;
                    }
                    k++;
                } while (k <= se);
                if (s != 0) {
                    mask |= 1L << Math.min(k, LAST);
                }
            }
        }
        if (r.eobRun > 0) {
            for (; k <= se; k++) {
                if ((mask & (1L << k)) != 0) {
                    r.bits(1);
                }
            }
            r.eobRun--;
        }
        masks[block] = mask;
    }
}
