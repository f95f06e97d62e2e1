package org.imagenetwds.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
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
 * are normalised to 8-bit interleaved grey or BGR, alpha flattened onto white.
 */
public final class JpegCodec {

    static {
        ImageIO.setUseCache(false); // no temp files on executors
    }

    private JpegCodec() {
    }

    /** Pixels of a decoded image: 1 (grey) or 3 (BGR) bytes per pixel, rows unpadded. */
    public record Pixels(byte[] data, int width, int height, int channels) {
    }

    public static Pixels decode(byte[] bytes) throws ImageRejectedException {
        BufferedImage image;
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "no decoder for this format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(RejectReason.DECODE_ERROR, "cannot decode: " + e.getMessage(), e);
        }
        return normalise(image);
    }

    private static Pixels normalise(BufferedImage image) {
        boolean grey = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && !image.getColorModel().hasAlpha();
        int channels = grey ? 1 : 3;
        int target = grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == target && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getData().length == w * h * channels) {
            return new Pixels(buffer.getData(), w, h, channels);
        }
        // anything else (CMYK, palette, 16-bit, alpha, sub-rasters) is drawn onto a plain image:
        // Java2D converts the colour model, and alpha is flattened onto white
        BufferedImage plain = new BufferedImage(w, h, target);
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

    /**
     * Baseline JPEG at {@code quality}; colour images with 4:2:2 chroma subsampling (what the
     * published ImageNet-12k build used: Pillow's {@code subsampling=1}), grey images as one component.
     */
    public static byte[] encode(Pixels pixels, int quality) {
        int type = pixels.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(), type);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels.data(), 0, target, 0, target.length);
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.width() * pixels.height() / 4);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (pixels.channels() == 3) {
                subsample422(metadata);
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

    /** Luma sampled 2×1, chroma 1×1: horizontal-only chroma halving (4:2:2). */
    private static void subsample422(IIOMetadata metadata) throws IIOInvalidTreeException {
        String format = "javax_imageio_jpeg_image_1.0";
        Node tree = metadata.getAsTree(format);
        NodeList components = ((Element) tree).getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            Element c = (Element) components.item(i);
            c.setAttribute("HsamplingFactor", i == 0 ? "2" : "1");
            c.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(format, tree);
    }

    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this JVM");
        }
        return writers.next();
    }
}
