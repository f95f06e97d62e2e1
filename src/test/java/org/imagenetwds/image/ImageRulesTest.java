package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class ImageRulesTest {

    private final ImageRules rules = ImageRules.defaults();

    @Test
    void aPlainJpegWithinTheLimitIsCopiedByteForByte() throws Exception {
        byte[] src = TestImages.jpeg(600, 450);
        TransformedImage out = rules.apply(src);
        assertEquals(ImageAction.COPIED, out.action());
        assertArrayEquals(src, out.bytes());
        assertEquals(600, out.width());
        assertEquals(0, out.origWidth());
    }

    @Test
    void aLargeImageIsResizedToExactlySixHundredOnTheShorterEdge() throws Exception {
        TransformedImage landscape = rules.apply(TestImages.jpeg(1001, 750));
        assertEquals(ImageAction.RESIZED, landscape.action());
        assertEquals(600, landscape.height());
        assertEquals(801, landscape.width()); // 1001 * 600 / 750 = 800.8
        assertEquals(1001, landscape.origWidth());
        ImageHeader h = ImageProbe.probe(landscape.bytes());
        assertEquals(801, h.width());
        assertEquals(600, h.height());
        TransformedImage portrait = rules.apply(TestImages.jpeg(700, 1400));
        assertEquals(600, portrait.width());
        assertEquals(1200, portrait.height());
    }

    /** ImageNet-21K-P's default: a longer side of 224 or more squashed to 224 x 224, whatever the aspect ratio. */
    private static final ImageRules SQUASH_224 = ImageRules.defaults().withResize("squash-224");

    @Test
    void squashMakesEveryImageWithALongerSideOf224OrMoreExactly224By224() throws Exception {
        for (int[] size : new int[][] {{500, 300}, {300, 500}, {224, 100}, {100, 224}, {224, 224}, {1200, 1199}}) {
            TransformedImage out = SQUASH_224.apply(TestImages.jpeg(size[0], size[1]));
            assertEquals(ImageAction.RESIZED, out.action(), size[0] + "x" + size[1]);
            ImageHeader h = ImageProbe.probe(out.bytes());
            assertEquals(224, h.width(), size[0] + "x" + size[1]);
            assertEquals(224, h.height(), size[0] + "x" + size[1]);
            assertEquals(size[0], out.origWidth());
            assertEquals(size[1], out.origHeight());
            JpegCodec.decode(out.bytes(), true); // decodes cleanly
            assertTrue(SQUASH_224.fitsOutput(h.width(), h.height()));
        }
    }

    @Test
    void squashCopiesASmallerImageUnchangedButForItsMetadata() throws Exception {
        byte[] small = TestImages.jpeg(223, 150);
        TransformedImage copied = SQUASH_224.apply(small);
        assertEquals(ImageAction.COPIED, copied.action());
        assertArrayEquals(small, copied.bytes());
        byte[] withExif = TestImages.withSegment(small, 0xE1, TestImages.exifWithGpsAndThumbnail(TestImages.jpeg(8, 8)));
        TransformedImage stripped = SQUASH_224.apply(withExif);
        assertEquals(ImageAction.STRIPPED, stripped.action());
        assertArrayEquals(small, stripped.bytes());
        assertTrue(SQUASH_224.fitsOutput(223, 150));
        assertFalse(SQUASH_224.fitsOutput(300, 224), "a 300x224 image is never what the squash writes");
    }

    @Test
    void shortEdge256ResizesTheShorterEdgeTo256WhenTheLongerSideReachesIt() throws Exception {
        ImageRules shortEdge = ImageRules.defaults().withResize("short-edge-256");
        TransformedImage up = shortEdge.apply(TestImages.jpeg(300, 200)); // upscaled, as cv2.resize by 256/200 does
        assertEquals(384, up.width());
        assertEquals(256, up.height());
        TransformedImage down = shortEdge.apply(TestImages.jpeg(600, 1001));
        assertEquals(256, down.width());
        assertEquals(427, down.height()); // 1001 * 256 / 600 = 427.09
        assertEquals(ImageAction.COPIED, shortEdge.apply(TestImages.jpeg(255, 100)).action());
        assertTrue(shortEdge.fitsOutput(384, 256));
        assertFalse(shortEdge.fitsOutput(384, 257));
    }

    @Test
    void resizeOptionsNameARuleAndASize() {
        assertEquals(new ImageRules(48, 224, 90, ImageRules.DEFAULT_MAX_PIXELS, ImageEncoding.JPEG, ResizeRule.SQUASH,
                        DamagedImages.REPAIR),
                ImageRules.defaults().withResize("squash-224"));
        assertEquals(ImageRules.defaults(), ImageRules.defaults().withResize("cap-short-edge-600"));
        for (String bad : new String[] {"squash", "squash-", "squash-0", "stretch-224", "224"}) {
            assertThrows(IllegalArgumentException.class, () -> ImageRules.defaults().withResize(bad), bad);
        }
    }

    @Test
    void otherFormatsAreConvertedToJpegAndGreyStaysGrey() throws Exception {
        TransformedImage png = rules.apply(TestImages.encode(TestImages.gradient(200, 100, BufferedImage.TYPE_INT_ARGB), "png"));
        assertEquals(ImageAction.CONVERTED, png.action());
        assertEquals(ImageFormat.JPEG, ImageProbe.probe(png.bytes()).format());
        assertEquals(3, ImageProbe.probe(png.bytes()).components());
        TransformedImage greyLarge = rules.apply(TestImages.jpeg(TestImages.gradient(900, 800, BufferedImage.TYPE_BYTE_GRAY)));
        assertEquals(1, ImageProbe.probe(greyLarge.bytes()).components());
        assertEquals(600, greyLarge.height());
    }

    @Test
    void undecodableImagesAreRejectedWithAReason() {
        byte[] cut = java.util.Arrays.copyOf(TestImages.jpeg(300, 300), 400);
        assertEquals(RejectReason.TRUNCATED, assertThrows(ImageRejectedException.class, () -> rules.apply(cut)).reason());
        assertEquals(RejectReason.NOT_AN_IMAGE,
                assertThrows(ImageRejectedException.class, () -> rules.apply(TestImages.ascii("hello"))).reason());
    }
}
