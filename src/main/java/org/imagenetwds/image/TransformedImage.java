package org.imagenetwds.image;

/** A JPEG ready to be written, its size, and the size of the source when it was resized. */
public record TransformedImage(byte[] jpeg, int width, int height, int origWidth, int origHeight,
                               ImageAction action) {

    public boolean resized() {
        return action == ImageAction.RESIZED;
    }
}
