package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageWriteParam;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.sample.SyntheticImages;
import org.junit.jupiter.api.Test;

/** WebP output with real bytes: Pillow's settings, the same bytes on every thread, pixels close to the source. */
class WebpEncoderTest {

    private static final ImageRules WEBP = ImageRules.defaults().withEncoding(ImageEncoding.WEBP);

    @Test
    void theParametersArePillowsDefaults() {
        ImageWriteParam param = WebpEncoder.param();
        assertEquals("Lossy", param.getCompressionTypes()[0]);
        assertEquals(ImageWriteParam.MODE_EXPLICIT, param.getCompressionMode());
        assertEquals(0.80f, param.getCompressionQuality(), 1e-6);
        assertEquals(4, WebpEncoder.param().getMethod());
        assertTrue(!WebpEncoder.param().getUseSharpYUV() && WebpEncoder.param().getThreadLevel() == 0,
                "libwebp's WebPConfigInit defaults otherwise, as Pillow leaves them");
    }

    @Test
    void theSameBytesOnEveryThreadAndEveryCall() throws Exception {
        JpegCodec.Pixels pixels = pixels(SyntheticImages.render(640, 480, false, 7));
        byte[] first = WebpEncoder.encode(pixels);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> WebpEncoder.encode(pixels)));
            }
            for (Future<byte[]> run : runs) {
                assertArrayEquals(first, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeptAndAResizedImageDecodeBackCloseToTheSource() throws Exception {
        byte[] small = SyntheticImages.jpeg(SyntheticImages.render(500, 400, false, 3), 95);
        TransformedImage kept = WEBP.apply(small);
        assertEquals(ImageAction.CONVERTED, kept.action());
        assertEquals(List.of(500, 400, 0, 0), List.of(kept.width(), kept.height(), kept.origWidth(), kept.origHeight()));
        double keptPsnr = psnr(JpegCodec.decode(small, true), decodeWebp(kept.bytes()));

        byte[] large = SyntheticImages.jpeg(SyntheticImages.render(1200, 900, false, 4), 95);
        TransformedImage resized = WEBP.apply(large);
        assertEquals(ImageAction.RESIZED, resized.action());
        assertEquals(List.of(800, 600, 1200, 900),
                List.of(resized.width(), resized.height(), resized.origWidth(), resized.origHeight()));
        // against what the JPEG path resamples before its encode: only the encoder differs
        JpegCodec.Pixels source = JpegCodec.decode(large, true);
        JpegCodec.Pixels expected = new JpegCodec.Pixels(BicubicResampler.resize(source.data(), 1200, 900, 3, 800, 600),
                800, 600, 3);
        double resizedPsnr = psnr(expected, decodeWebp(resized.bytes()));
        System.out.printf("WebP q80: kept 500x400 %.1f dB (%d B; source JPEG q95 %d B), resized 800x600 %.1f dB (%d B;"
                + " JPEG q90 path %d B)%n", keptPsnr, kept.bytes().length, small.length, resizedPsnr,
                resized.bytes().length, ImageRules.defaults().apply(large).bytes().length);
        assertTrue(keptPsnr > 32, "kept: " + keptPsnr + " dB");
        assertTrue(resizedPsnr > 32, "resized: " + resizedPsnr + " dB");
    }

    @Test
    void greyAndNonJpegSourcesBecomeWebpWithNoMetadata() throws Exception {
        byte[] grey = SyntheticImages.jpeg(SyntheticImages.render(300, 200, true, 5), 90);
        byte[] withExif = SyntheticImages.withExif(grey);
        byte[] png = SyntheticImages.encode(SyntheticImages.render(120, 90, false, 6), "png");
        for (byte[] source : List.of(grey, withExif, png)) {
            TransformedImage t = WEBP.apply(source);
            assertEquals(ImageFormat.WEBP, ImageProbe.sniff(java.util.Arrays.copyOf(t.bytes(), 12)));
            int[] size = WrittenWebpCheck.check(t.bytes()); // simple lossy format: no EXIF/ICC/XMP chunk
            assertEquals(List.of(t.width(), t.height()), List.of(size[0], size[1]));
        }
        // the grey image stays grey: R = G = B after decode (up to chroma rounding)
        JpegCodec.Pixels back = decodeWebp(WEBP.apply(grey).bytes());
        int worst = 0;
        for (int i = 0; i < back.data().length; i += 3) {
            worst = Math.max(worst, Math.max(Math.abs((back.data()[i] & 0xff) - (back.data()[i + 1] & 0xff)),
                    Math.abs((back.data()[i + 2] & 0xff) - (back.data()[i + 1] & 0xff))));
        }
        assertTrue(worst <= 3, "grey written with colour: channel spread " + worst);
    }

    @Test
    void anImageWiderThanWebpHoldsIsRejectedFromItsHeaderOnlyInAWebpBuild() {
        ImageHeader panorama = new ImageHeader(ImageFormat.JPEG, 20_000, 600, 3, 8, ImageHeader.JpegProcess.BASELINE);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> WEBP.checkUsable(panorama));
        assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.detail().contains("16383"), e.detail());
        assertDoesNotThrow(() -> ImageRules.defaults().checkUsable(panorama));
        // resized first: 16,000 x 700 becomes 13,714 x 600, which WebP holds
        assertDoesNotThrow(() -> WEBP.checkUsable(new ImageHeader(ImageFormat.JPEG, 16_000, 700, 3, 8,
                ImageHeader.JpegProcess.BASELINE)));
    }

    @Test
    void theEncodingsCodesAndExtensions() {
        assertEquals(ImageEncoding.CHOICES, String.join("|", java.util.Arrays.stream(ImageEncoding.values())
                .map(ImageEncoding::code).toList()));
        assertEquals(ImageEncoding.WEBP, ImageEncoding.fromCode("webp"));
        assertEquals("jpg", ImageEncoding.JPEG.extension());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageEncoding.fromCode("png"));
        assertTrue(e.getMessage().contains("jpeg, webp"), e.getMessage());
    }

    private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(e);
    }

    private static JpegCodec.Pixels pixels(BufferedImage image) throws Exception {
        return JpegCodec.decode(SyntheticImages.encode(image, "png"), false);
    }

    /** Through ImageIO's registry (the plugin's reader), as the contact sheet and any ImageIO user read it. */
    private static JpegCodec.Pixels decodeWebp(byte[] webp) throws java.io.IOException {
        BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(webp));
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new JpegCodec.Pixels(rgb, w, h, 3);
    }

    @Test
    void webpInputIsNotReadAsBeforeThePluginCame() throws Exception {
        byte[] webp = WebpEncoder.encode(pixels(SyntheticImages.render(100, 80, false, 9)));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageRules.defaults().apply(webp));
        assertEquals(RejectReason.NOT_AN_IMAGE, e.reason());
        assertThrows(ImageRejectedException.class, () -> WEBP.apply(webp));
    }

    private static double psnr(JpegCodec.Pixels a, JpegCodec.Pixels b) {
        assertEquals(List.of(a.width(), a.height(), a.channels()), List.of(b.width(), b.height(), b.channels()));
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            int d = (a.data()[i] & 0xff) - (b.data()[i] & 0xff);
            sum += d * d;
        }
        double mse = sum / a.data().length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
