package org.imagenetwds.spark;

/** A run that must stop, with the one-line reason the CLI prints (exit status 1). */
public final class PipelineFailure extends RuntimeException {
    public PipelineFailure(String message) {
        super(message);
    }
}
