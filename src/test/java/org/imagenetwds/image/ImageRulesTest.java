package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
