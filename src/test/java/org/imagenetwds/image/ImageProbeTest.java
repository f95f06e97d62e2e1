package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class ImageProbeTest {

    @Test
    void readsFormatAndSizeFromTheHeaderOfEachFormat() throws Exception {
        ImageHeader jpeg = ImageProbe.probe(TestImages.jpeg(321, 123));
        assertEquals(ImageFormat.JPEG, jpeg.format());
        assertEquals(321, jpeg.width());
        assertEquals(123, jpeg.height());
        assertEquals(3, jpeg.components());
        assertEquals(ImageHeader.JpegProcess.BASELINE, jpeg.jpegProcess());
        assertEquals(true, jpeg.isPlainJpeg());
        BufferedImage img = TestImages.gradient(77, 55, BufferedImage.TYPE_3BYTE_BGR);
        for (String format : new String[] {"png", "gif", "bmp"}) {
            ImageHeader h = ImageProbe.probe(TestImages.encode(img, format));
            assertEquals(format, h.format().code());
            assertEquals(77, h.width(), format);
            assertEquals(55, h.height(), format);
        }
        ImageHeader grey = ImageProbe.probe(TestImages.jpeg(TestImages.gradient(50, 60, BufferedImage.TYPE_BYTE_GRAY)));
        assertEquals(1, grey.components());
    }

    @Test
    void findsTheFrameHeaderAfterLargeMetadataSegments() throws Exception {
        byte[] jpeg = TestImages.withSegment(TestImages.jpeg(90, 70), 0xE1, new byte[60_000]);
        assertEquals(90, ImageProbe.probe(jpeg).width());
    }

    @Test
    void rejectsWhatIsNotAnImage() {
        ImageRejectedException empty = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(new byte[0]));
        assertEquals(RejectReason.TRUNCATED, empty.reason());
        ImageRejectedException text = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe(TestImages.ascii("this is not an image at all")));
        assertEquals(RejectReason.NOT_AN_IMAGE, text.reason());
        byte[] cut = java.util.Arrays.copyOf(TestImages.jpeg(90, 70), 10);
        assertEquals(RejectReason.TRUNCATED,
                assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(cut)).reason());
    }

    @Test
    void aDimensionBombIsRejectedFromItsHeaderAlone() throws Exception {
        // SOI, SOF0 claiming 65000 x 65000, then nothing: no pixel data is ever needed to reject it
        byte[] bomb = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8, (byte) 0xFD, (byte) 0xE8,
                (byte) 0xFD, (byte) 0xE8, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
        ImageHeader h = ImageProbe.probe(bomb);
        assertEquals(65000, h.width());
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageRules.defaults().checkUsable(h));
        assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
    }

    @Test
    void smallImagesAreRejectedBelowMinEdge() throws Exception {
        ImageHeader h = ImageProbe.probe(TestImages.jpeg(200, 47));
        assertEquals(RejectReason.TOO_SMALL,
                assertThrows(ImageRejectedException.class, () -> ImageRules.defaults().checkUsable(h)).reason());
        ImageRules.defaults().checkUsable(ImageProbe.probe(TestImages.jpeg(48, 48)));
    }
}
