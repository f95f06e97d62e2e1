package org.imagenetwds.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.tar.DamagedTarException;
import org.imagenetwds.tar.TarStreamReader;

/**
 * Inventories one per-synset tar (a file, or a byte range of the outer tar) or a run of members of a tar in one streaming pass,
 * each member read once, whole ({@link MemberInspector}). Damage ends the scan with one {@code damaged_source} row; the
 * members before it keep their rows.
 */
public final class TarInventoryScanner {

    private TarInventoryScanner() {
    }

    public static List<InventoryEntry> scan(InputStream in, String synset, String source, long offset, long length,
                                            ImageRules rules, OutputFormat format) throws IOException {
        return scan(in, new MemberNaming.OneSynset(synset), source, offset, length, rules, format);
    }

    public static List<InventoryEntry> scan(InputStream in, MemberNaming naming, String source, long offset, long length,
                                            ImageRules rules, OutputFormat format) throws IOException {
        List<InventoryEntry> rows = new ArrayList<>();
        try (MemberInspector inspector = new MemberInspector(naming, rules, format);
             TarStreamReader reader = new TarStreamReader(in, offset, length, source)) {
            reader.forEach((member, data) -> rows.add(inspector.inspect(member, source, data)));
        } catch (DamagedTarException e) {
            rows.add(InventoryEntry.rejected(naming.unit(), "", "<damaged at byte " + e.offset() + ">", source, e.offset(),
                    offset + length - e.offset(), RejectReason.DAMAGED_SOURCE, e.getMessage()));
        }
        return rows;
    }
}
