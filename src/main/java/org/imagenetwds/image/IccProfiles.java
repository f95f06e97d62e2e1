package org.imagenetwds.image;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What an embedded ICC profile describes, read from its header in the first APP2 chunk. */
final class IccProfiles {

    /** Segment marker (2) + length (2) + "ICC_PROFILE\0" (12) + chunk number and count (2). */
    private static final int PROFILE_START = 18;
    /** The data colour space signature lies at bytes 16..19 of the profile header. */
    private static final int COLOUR_SPACE = PROFILE_START + 16;

    private IccProfiles() {
    }

    /** The profile's colour space signature ("RGB ", "GRAY", "CMYK" ...), or null without a readable profile. */
    static String colourSpace(List<byte[]> segments) {
        if (segments.isEmpty() || segments.get(0).length < COLOUR_SPACE + 4) {
            return null;
        }
        return new String(segments.get(0), COLOUR_SPACE, 4, StandardCharsets.US_ASCII);
    }

    /** True when the profile fits pixels with this many channels (a CMYK profile never fits an RGB output). */
    static boolean colourSpaceMatches(List<byte[]> segments, int channels) {
        String space = colourSpace(segments);
        return space != null && space.equals(channels == 1 ? "GRAY" : "RGB ");
    }
}
