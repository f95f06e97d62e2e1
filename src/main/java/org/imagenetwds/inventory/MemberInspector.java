package org.imagenetwds.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.image.DamagedImages;
import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.image.ImageFormat;
import org.imagenetwds.image.ImageHeader;
import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.ImageTransformer;
import org.imagenetwds.image.JpegRepair;
import org.imagenetwds.plan.ImageFolderLayout;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.tar.TarMember;

/**
 * Decides, from the name, kind and bytes of one member of a source unit, its inventory row: safe name,
 * regular file, a name the output can hold (an ImageFolder tree's file names have a length limit),
 * unique key, readable header within the size rules, and proof that write will not have to drop it:
 * a plain JPEG (kept or resized) must decode with libjpeg without a warning
 * ({@link org.imagenetwds.image.JpegDecodabilityCheck}, a Huffman-level pass: no pixel is computed); anything else is
 * converted here as write will convert it. With {@code --damaged repair} a JPEG libjpeg decodes only
 * with warnings is repaired instead ({@link JpegRepair}), the repair tried here as write will make it.
 * Damage found here never reaches the split. One instance
 * per source unit: it remembers keys to catch the same member twice.
 */
public final class MemberInspector implements AutoCloseable {

    /**
     * Members above this size are not images ImageNet has (its largest JPEG is a few MB); they are
     * rejected unread, so one hostile member cannot exhaust an executor's heap.
     */
    public static final long MAX_MEMBER_BYTES = 64L << 20;

    private final MemberNaming naming;
    private final ImageRules rules;
    private final OutputFormat format;
    private final ImageTransformer transformer;
    private final Set<String> keys = new HashSet<>();

    public MemberInspector(MemberNaming naming, ImageRules rules, OutputFormat format) {
        this.naming = naming;
        this.rules = rules;
        this.format = format;
        this.transformer = new ImageTransformer(rules, ImageTransformer.DEFAULT_TIME_LIMIT);
    }

    public InventoryEntry inspect(TarMember member, String source, InputStream data) throws IOException {
        String name = member.name();
        String synset = naming.synsetOf(name);
        Optional<String> unsafe = SampleKeys.unsafeNameReason(name);
        if (unsafe.isPresent()) {
            return reject(member, source, naming.unit(), "", RejectReason.UNSAFE_NAME, unsafe.get());
        }
        String key = naming.keyOf(name);
        if (!member.isRegularFile()) {
            return reject(member, source, synset, key, RejectReason.NOT_A_REGULAR_FILE,
                    member.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " entry");
        }
        if (member.size() > MAX_MEMBER_BYTES) {
            return reject(member, source, synset, key, RejectReason.TOO_LARGE,
                    member.size() + " bytes is above the " + MAX_MEMBER_BYTES + "-byte member limit");
        }
        Optional<String> tooLong = format == OutputFormat.IMAGEFOLDER
                ? ImageFolderLayout.unwritableNameReason(name, rules.encoding()) : Optional.empty();
        if (tooLong.isPresent()) { // before the key is taken: a member of the same key may still be written
            return reject(member, source, synset, key, RejectReason.NAME_TOO_LONG, tooLong.get());
        }
        if (!keys.add(key)) {
            return reject(member, source, synset, key, RejectReason.DUPLICATE_KEY, "another member of " + naming.unit()
                    + " already has key " + key);
        }
        byte[] bytes = member.readData(data);
        ImageHeader header;
        JpegRepair.Repair repair = null;
        try {
            header = ImageProbe.probe(bytes);
        } catch (ImageRejectedException e) {
            // a header damaged only by bytes libjpeg skips (garbage between segments) reads once they are cut
            repair = repairsDamage() && ImageProbe.sniff(bytes) == ImageFormat.JPEG ? losslessRepair(bytes) : null;
            if (repair == null) {
                return reject(member, source, synset, key, e.reason(), e.detail());
            }
            try {
                header = ImageProbe.probe(repair.repaired());
            } catch (ImageRejectedException stillUnreadable) {
                return reject(member, source, synset, key, e.reason(), e.detail());
            }
        }
        ImageFingerprint fingerprint = null;
        try {
            rules.checkUsable(header);
            if (repairsDamage() && JpegRepair.understands(header) && repair == null) {
                // one pass checks and fingerprints a clean file; only a damaged one is examined again to plan its repair
                try {
                    fingerprint = ImageFingerprint.ofDecodableJpeg(bytes);
                } catch (ImageRejectedException damaged) {
                    repair = JpegRepair.plan(bytes, ImageTransformer.DEFAULT_TIME_LIMIT);
                }
            }
            if (repair != null && !repair.kind().lossless()) {
                decodeDamaged(header, repair); // as write will repair it, so that a failure is found here
            } else if (header.isPlainJpeg()) {
                if (!repairsDamage()) {
                    // these bytes are copied as they are: libjpeg must take them; the check's pass fingerprints them
                    fingerprint = ImageFingerprint.ofDecodableJpeg(bytes);
                }
            } else {
                // CMYK, PNG as .JPEG and other oddities (a few in a million): converted as write will
                // convert them, so that what write would have to drop is dropped here
                transformer.transform(repair == null ? bytes : repair.repaired(), header);
            }
        } catch (ImageRejectedException e) {
            return new InventoryEntry(synset, key, name, source, member.dataOffset(), member.size(),
                    header.format().code(), header.width(), header.height(), e.reason().code(), e.detail(), null, null);
        }
        if (fingerprint == null) { // a file converted or repaired, or a --damaged repair build's: one more pass
            fingerprint = ImageFingerprint.of(repair == null ? bytes : repair.repaired());
        }
        return new InventoryEntry(synset, key, name, source, member.dataOffset(), member.size(),
                header.format().code(), header.width(), header.height(), null,
                repair == null ? null : repair.message(), repair == null ? null : repair.kind().code(), fingerprint);
    }

    private boolean repairsDamage() {
        return rules.damaged() == DamagedImages.REPAIR;
    }

    /** The repair of a JPEG whose damage a splice mends, else null. */
    private static JpegRepair.Repair losslessRepair(byte[] bytes) {
        try {
            JpegRepair.Repair r = JpegRepair.plan(bytes, ImageTransformer.DEFAULT_TIME_LIMIT);
            return r != null && r.kind().lossless() ? r : null;
        } catch (ImageRejectedException fatal) {
            return null;
        }
    }

    /** A lenient decode that fails leaves libjpeg's own message as the reason: that is what is wrong. */
    private void decodeDamaged(ImageHeader header, JpegRepair.Repair repair) throws ImageRejectedException {
        try {
            transformer.transformDamaged(repair.repaired(), header);
        } catch (ImageRejectedException e) {
            throw new ImageRejectedException(RejectReason.CORRUPT_DATA, repair.message() + " (and no lenient decode: "
                    + e.detail() + ")", e);
        }
    }

    private static InventoryEntry reject(TarMember member, String source, String synset, String key, RejectReason reason,
                                         String detail) {
        return InventoryEntry.rejected(synset, key, member.name(), source, member.dataOffset(), member.size(),
                reason, detail);
    }

    @Override
    public void close() {
        transformer.close();
    }
}
