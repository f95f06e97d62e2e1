package org.imagenetwds.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.imagenetwds.dataset.RejectReason;

/**
 * Pixel decode and JPEG encode through ImageIO (TwelveMonkeys' readers are picked up from the
 * classpath: CMYK/YCCK JPEGs, broken ICC profiles, lossless and 12-bit variants). Decoded images
 * are normalised to 8-bit interleaved grey or RGB, alpha flattened onto white.
 *
 * <p>Colour pixels are kept in R, G, B byte order on both sides: the JDK's JPEG reader and writer move
 * each scanline between that order and the image with one array copy, where Java's usual BGR
 * layout costs them a per-pixel loop (as much time as the resample, measured).
 */
public final class JpegCodec {

    static {
        ImageIO.setUseCache(false); // no temp files on executors
    }

    private JpegCodec() {
    }

    /** Pixels of a decoded image: 1 (grey) or 3 (RGB) bytes per pixel, rows unpadded. */
    public record Pixels(byte[] data, int width, int height, int channels) {
    }

    /**
     * @param plainColourJpeg the bytes are a plain three-component JPEG: its rows are read straight
     *                        into an in-order RGB image (other formats' readers may list such a
     *                        destination without being able to fill it)
     */
    public static Pixels decode(byte[] bytes, boolean plainColourJpeg) throws ImageRejectedException {
        return decode(bytes, plainColourJpeg, false);
    }

    /**
     * As {@link #decode}, for a damaged JPEG, by the JDK's own reader: its libjpeg recovers from
     * damage as libjpeg-turbo does, pixel for pixel where the fuzz test compares them with djpeg. The
     * first registered reader (TwelveMonkeys') re-frames the marker segments before that libjpeg sees
     * them, and a bogus segment inside a scan then decodes otherwise (measured: 24 to 28 dB PSNR
     * against djpeg's pixels instead of the same pixels).
     */
    public static Pixels decodeDamaged(byte[] bytes, boolean plainColourJpeg) throws ImageRejectedException {
        return decode(bytes, plainColourJpeg, true);
    }

    private static Pixels decode(byte[] bytes, boolean plainColourJpeg, boolean jdkReader) throws ImageRejectedException {
        BufferedImage image;
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = InputReaders.of(iis);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "no decoder for this format");
            }
            ImageReader reader = readers.next();
            while (jdkReader && !reader.getClass().getName().equals(JDK_JPEG_READER) && readers.hasNext()) {
                reader.dispose();
                reader = readers.next();
            }
            try {
                reader.setInput(iis, true, true);
                image = reader.read(0, plainColourJpeg ? rgbDestination(reader) : reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(RejectReason.DECODE_ERROR, "cannot decode: " + e.getMessage(), e);
        }
        return normalise(image);
    }

    /** An in-order RGB destination, which the JPEG reader fills row by row with array copies, if it offers one. */
    private static ImageReadParam rgbDestination(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
            ImageTypeSpecifier type = types.next();
            ColorModel model = type.getColorModel();
            if (isRgb(model) && type.getSampleModel().getDataType() == DataBuffer.TYPE_BYTE) {
                param.setDestination(image(reader.getWidth(0), reader.getHeight(0), 3, null));
                return param;
            }
        }
        return param;
    }

    private static Pixels normalise(BufferedImage image) {
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !image.getColorModel().hasAlpha();
        int channels = grey ? 1 : 3;
        int w = image.getWidth();
        int h = image.getHeight();
        if (isPlain(image, channels)) {
            return new Pixels(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), w, h, channels);
        }
        // anything else (CMYK, palette, 16-bit, alpha, sub-rasters) is drawn onto a plain image:
        // Java2D converts the colour model, and alpha is flattened onto white
        BufferedImage plain = image(w, h, channels, null);
        Graphics2D g = plain.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return new Pixels(((DataBufferByte) plain.getRaster().getDataBuffer()).getData(), w, h, channels);
    }

    private static boolean isRgb(ColorModel model) {
        return model.getColorSpace().isCS_sRGB() && model.getNumComponents() == 3 && !model.hasAlpha();
    }

    /** One byte array holding unpadded rows of grey, or of R, G, B in that order. */
    private static boolean isPlain(BufferedImage image, int channels) {
        ColorModel model = image.getColorModel();
        boolean colourMatches = channels == 1 ? image.getType() == BufferedImage.TYPE_BYTE_GRAY
                : isRgb(model);
        return colourMatches
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && buffer.getData().length == image.getWidth() * image.getHeight() * channels
                && image.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == channels && sm.getScanlineStride() == image.getWidth() * channels
                && java.util.Arrays.equals(sm.getBandOffsets(), channels == 1 ? new int[] {0} : new int[] {0, 1, 2});
    }

    /** A grey or in-order RGB image over {@code data} (a new array when null). */
    static BufferedImage image(int w, int h, int channels, byte[] data) {
        if (channels == 1 && data == null) {
            return new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        }
        DataBufferByte buffer = data == null ? new DataBufferByte(w * h * channels) : new DataBufferByte(data, w * h * channels);
        int[] bands = channels == 1 ? new int[] {0} : new int[] {0, 1, 2};
        WritableRaster raster = Raster.createInterleavedRaster(buffer, w, h, w * channels, channels, bands, null);
        ColorSpace space = ColorSpace.getInstance(channels == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * Baseline JPEG at {@code quality}; colour images with 4:2:2 chroma subsampling (what the
     * published ImageNet-12k build used: Pillow's {@code subsampling=1}), grey images as one component.
     */
    public static byte[] encode(Pixels pixels, int quality) {
        return encode(pixels, quality, true);
    }

    /** As {@link #encode(Pixels, int)}, colour with full-resolution chroma (4:4:4) unless {@code subsampleChroma}. */
    public static byte[] encode(Pixels pixels, int quality, boolean subsampleChroma) {
        BufferedImage image = image(pixels.width(), pixels.height(), pixels.channels(), pixels.data());
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.width() * pixels.height() / 4);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (pixels.channels() == 3) {
                sample(metadata, subsampleChroma ? 2 : 1);
            }
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encode failed in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Luma sampled {@code lumaH}×1, chroma 1×1: horizontal-only chroma halving (4:2:2) for 2, none (4:4:4) for 1. */
    private static void sample(IIOMetadata metadata, int lumaH) throws IIOInvalidTreeException {
        String format = "javax_imageio_jpeg_image_1.0";
        Node tree = metadata.getAsTree(format);
        NodeList components = ((Element) tree).getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            Element c = (Element) components.item(i);
            c.setAttribute("HsamplingFactor", i == 0 ? Integer.toString(lumaH) : "1");
            c.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(format, tree);
    }

    /**
     * The JDK's own JPEG writer by name: with TwelveMonkeys on the class path, "the first registered"
     * could be either, and the bytes of a resized image must not depend on registration order.
     */
    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().equals(JDK_JPEG_WRITER)) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK's JPEG writer (" + JDK_JPEG_WRITER + ") is not registered in this JVM");
    }

    private static final String JDK_JPEG_WRITER = "com.sun.imageio.plugins.jpeg.JPEGImageWriter";
    private static final String JDK_JPEG_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";
}
