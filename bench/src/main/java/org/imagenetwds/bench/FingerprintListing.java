package org.imagenetwds.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.JpegDecodabilityCheck;

/**
 * What count's check and fingerprint make of every file in a folder, one line each, for comparing
 * two versions of the code ({@code bench/fingerprint-identity.sh}): the fingerprint of the file as
 * it is, and the check's finding (message, repair, extent, SHA-256 of the mended bytes) for damaged
 * variants of it (cut at several points, one byte of its entropy-coded data changed), so that a
 * faster decoder is shown to find exactly what the old one found. Usage: {@code FingerprintListing SAMPLES_DIR}.
 */
public final class FingerprintListing {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private FingerprintListing() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.sorted().toList();
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (Path p : files) {
            byte[] file = Files.readAllBytes(p);
            String name = p.getFileName().toString();
            out.println(name + " fingerprint " + fingerprint(file));
            for (int percent : new int[] {30, 60, 90, 99}) {
                out.println(name + " cut@" + percent + "% " + finding(Arrays.copyOf(file, (int) ((long) file.length * percent / 100))));
            }
            for (int percent : new int[] {40, 80}) {
                byte[] damaged = file.clone();
                int at = (int) ((long) file.length * percent / 100);
                damaged[at] = (byte) (damaged[at] == 0x55 ? 0x2A : 0x55);
                out.println(name + " byte@" + percent + "% " + finding(damaged));
            }
        }
        out.flush();
    }

    private static String fingerprint(byte[] file) {
        try {
            ImageFingerprint f = ImageFingerprint.ofDecodableJpeg(file);
            return f.sha256() + " " + Long.toHexString(f.dcHash()) + " " + Long.toHexString(f.gradientHash());
        } catch (ImageRejectedException e) {
            return "rejected " + e.getMessage();
        }
    }

    private static String finding(byte[] file) {
        JpegDecodabilityCheck.Finding f = JpegDecodabilityCheck.examine(file, LIMIT);
        if (f == null) {
            return "decodes";
        }
        return f.problem().getMessage() + " | repair " + f.repair() + " | extent " + f.extent()
                + " | mended " + (f.repaired() == null ? null : Sha256.of(f.repaired()));
    }
}
