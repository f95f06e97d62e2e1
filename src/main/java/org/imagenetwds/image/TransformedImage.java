package org.imagenetwds.image;

/**
 * An image ready to be written (a JPEG, or a WebP in a webp build: {@link ImageRules#encoding()}),
 * its size, and the size of the source when it was resized.
 */
public record TransformedImage(byte[] bytes, int width, int height, int origWidth, int origHeight,
                               ImageAction action) {

    public boolean resized() {
        return action == ImageAction.RESIZED;
    }
}
