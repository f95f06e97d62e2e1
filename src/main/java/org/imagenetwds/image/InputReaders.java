package org.imagenetwds.image;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.luciad.imageio.webp.WebPImageReaderSpi;

/**
 * ImageIO's readers for an input image, without the WebP plugin's. The plugin is on the class path
 * to write {@code --image-format webp} output (and to verify and draw it); reading WebP input is no
 * recipe's rule, so a WebP member stays {@code not_an_image}, as before the plugin came, and a jpeg
 * build of any input keeps its bytes.
 */
final class InputReaders {

    private InputReaders() {
    }

    static Iterator<ImageReader> of(ImageInputStream iis) {
        List<ImageReader> readers = new ArrayList<>();
        ImageIO.getImageReaders(iis).forEachRemaining(r -> {
            if (!(r.getOriginatingProvider() instanceof WebPImageReaderSpi)) {
                readers.add(r);
            }
        });
        return readers.iterator();
    }
}
