package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;

import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class RepairEncoderTest {

    @Test
    void anOrdinaryPictureIsEncodedAsAnyResizedImage() throws Exception {
        JpegCodec.Pixels pixels = JpegCodec.decode(TestImages.jpeg(TestImages.gradient(160, 120, BufferedImage.TYPE_3BYTE_BGR)), true);
        assertArrayEquals(JpegCodec.encode(pixels, 90), RepairEncoder.encode(pixels, 90));
    }

    @Test
    void colourNoiseKeepsItsChromaToStayWithin30Db() throws Exception {
        // what a corrupt scan decodes to: 4:2:2 halves its chroma, and no quality brings it back
        byte[] noise = new byte[64 * 48 * 3];
        new Random(7).nextBytes(noise);
        JpegCodec.Pixels pixels = new JpegCodec.Pixels(noise, 64, 48, 3);
        assertTrue(RepairEncoder.psnr(pixels, JpegCodec.encode(pixels, 100)) < RepairEncoder.MIN_PSNR_DB);
        byte[] encoded = RepairEncoder.encode(pixels, 90);
        assertTrue(RepairEncoder.psnr(pixels, encoded) >= RepairEncoder.MIN_PSNR_DB);
        assertEquals(3, ImageProbe.probe(encoded).components());
    }
}
