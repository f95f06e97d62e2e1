package org.imagenetwds.labels;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;

/**
 * The names of the ILSVRC-2012 validation images ({@code ILSVRC2012_val_00000001.JPEG} for image 1),
 * the key every validation label set is filed under.
 */
public final class ValidationFiles {

    private static final Pattern NAME = Pattern.compile("ILSVRC2012_val_(\\d{8})\\.JPEG");

    private ValidationFiles() {
    }

    public static boolean isValidationFile(String name) {
        return NAME.matcher(name).matches();
    }

    /** The 1-based image number a validation file name carries. */
    public static int numberOf(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an ILSVRC-2012 validation file name"
                    + " (ILSVRC2012_val_NNNNNNNN.JPEG)");
        }
        return Integer.parseInt(m.group(1));
    }

    public static String nameOf(int number) {
        return Ilsvrc2012Devkit.validationFileName(number);
    }
}
