package org.imagenetwds.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.spark.SparkException;
import org.imagenetwds.spark.PipelineFailure;

/**
 * The one line a failed run ends with: the reason, not the wrappers around it. Spark wraps a task's
 * exception in {@link SparkException}s ("Job aborted due to stage failure: ..."), the stages wrap
 * storage errors in {@link UncheckedIOException}; the storage error itself names the call and the
 * path (S3A: "re-open s3a://bucket/key at 0 on s3a://bucket/key: ..."). A storage call that got no
 * answer within the storage timeouts, retries included, says so first.
 */
final class FailureLine {

    private FailureLine() {
    }

    static String of(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || isWrapper(t))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        boolean ours = t instanceof PipelineFailure || t instanceof IllegalArgumentException || t instanceof IOException;
        String reason = ours && !message.isEmpty() ? message : t.getClass().getName() + ": " + message;
        if (message.equals(NO_SPACE)) {
            return "no space left on device: free space where --output and --work are (and Spark's spark.local.dir)"
                    + " and run again; shards already written are kept";
        }
        return timedOut(t) ? "storage did not answer in time: " + reason : reason;
    }

    /** The JDK's message for ENOSPC; Hadoop's local file system names no path with it. */
    private static final String NO_SPACE = "No space left on device";

    /** Hadoop's local file system wraps its IOExceptions in an FSError (an Error) on the way out of a write. */
    private static boolean isWrapper(Throwable t) {
        return t instanceof SparkException || t instanceof UncheckedIOException || t instanceof ExecutionException
                || t instanceof CompletionException || t instanceof org.apache.hadoop.fs.FSError;
    }

    /**
     * A socket read or connect that timed out ({@link SocketTimeoutException}, Hadoop's
     * ConnectTimeoutException included), or the AWS SDK's whole-request timeout, anywhere in the causes.
     * The SDK's HttpRequestTimeoutException is matched by name: a cluster without S3A lacks the class.
     */
    private static boolean timedOut(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException
                    || c instanceof IOException && c.getClass().getSimpleName().equals("HttpRequestTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
