package org.imagenetwds.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Sources;
import us.hebi.matlab.mat.types.Struct;

/**
 * The devkit's {@code data/meta.mat}, every field of every {@code synsets} entry, read and written
 * with mfl-core: an N x 1 struct array of doubles and char rows, compressed, as MATLAB wrote it.
 */
public final class DevkitMetaMat {

    /** The header text after "MATLAB 5.0 MAT-file"; mfl-core's default holds the current date. */
    private static final String DESCRIPTION = ", Platform: imagenet-wds, Created on: (no date, for identical bytes)";

    private DevkitMetaMat() {
    }

    /** @throws IllegalArgumentException one line naming {@code name} when it is not such a meta.mat */
    public static List<DevkitSynset> read(byte[] metaMat, String name) {
        try {
            Struct s = Mat5.newReader(Sources.wrap(ByteBuffer.wrap(metaMat))).readMat().getStruct("synsets");
            List<DevkitSynset> synsets = new ArrayList<>();
            for (int i = 0; i < s.getNumElements(); i++) {
                Matrix children = s.get("children", i);
                List<Integer> ids = new ArrayList<>();
                for (int c = 0; c < children.getNumElements(); c++) {
                    ids.add(children.getInt(c));
                }
                synsets.add(new DevkitSynset(number(s, "ILSVRC2012_ID", i), text(s, "WNID", i), text(s, "words", i),
                        text(s, "gloss", i), ids, number(s, "wordnet_height", i), number(s, "num_train_images", i)));
            }
            return synsets;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + " is not a devkit meta.mat with a complete 'synsets' struct "
                    + "array: " + e.getMessage());
        }
    }

    public static byte[] write(List<DevkitSynset> synsets) throws IOException {
        Struct s = Mat5.newStruct(synsets.size(), 1);
        for (int i = 0; i < synsets.size(); i++) {
            DevkitSynset e = synsets.get(i);
            Matrix children = Mat5.newMatrix(1, e.children().size());
            for (int c = 0; c < e.children().size(); c++) {
                children.setDouble(c, e.children().get(c));
            }
            s.set("ILSVRC2012_ID", i, Mat5.newScalar(e.id()))
                    .set("WNID", i, Mat5.newString(e.wnid()))
                    .set("words", i, Mat5.newString(e.words()))
                    .set("gloss", i, Mat5.newString(e.gloss()))
                    .set("num_children", i, Mat5.newScalar(e.children().size()))
                    .set("children", i, children)
                    .set("wordnet_height", i, Mat5.newScalar(e.wordnetHeight()))
                    .set("num_train_images", i, Mat5.newScalar(e.trainImages()));
        }
        Mat5File mat = new Mat5File(DESCRIPTION) {
        };
        mat.addArray("synsets", s);
        // compressing seeks back to fill in the size, so the sink is a buffer; deflate grows data by < 1%
        long plain = mat.getUncompressedSerializedSize();
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(plain + plain / 100 + 1024));
        mat.writeTo(Sinks.wrap(buffer));
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static int number(Struct s, String field, int index) {
        return ((Matrix) s.get(field, index)).getInt(0);
    }

    private static String text(Struct s, String field, int index) {
        return ((Char) s.get(field, index)).getString();
    }
}
