package org.imagenetwds.dataset;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An option's value that has a code on the command line and in {@code _info.json} (an enum constant):
 * one rule for turning a code back into its constant and for the error that names the option.
 */
public interface Coded {

    String code();

    /** The constant of {@code values} whose code is {@code code}; else an error naming {@code option} and its codes. */
    static <E extends Coded> E parse(E[] values, String code, String option) {
        for (E value : values) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + option + " '" + code + "' (give "
                + Arrays.stream(values).map(Coded::code).collect(Collectors.joining(", ")) + ")");
    }
}
