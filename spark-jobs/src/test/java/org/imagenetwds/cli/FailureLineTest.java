package org.imagenetwds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import org.apache.spark.SparkException;
import org.imagenetwds.spark.PipelineFailure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FailureLineTest {

    /** What a count task's S3A read timeout reaches the driver as (the message as S3A 3.3.4 writes it). */
    @Test
    void aStorageTimeoutInATaskIsNamedWithoutItsWrappers() {
        String s3a = "re-open s3a://imagenet/raw/fall11/n01000487.tar at 0 on s3a://imagenet/raw/fall11/n01000487.tar: "
                + "com.amazonaws.SdkClientException: Unable to execute HTTP request: Read timed out";
        Throwable fromSpark = new SparkException("Job aborted due to stage failure: Task 1 in stage 0.0 failed 1 times\n"
                + "Driver stacktrace: ...", new UncheckedIOException(new SocketTimeoutException(s3a)));
        assertEquals("storage did not answer in time: " + s3a, FailureLine.of(fromSpark));
    }

    /** S3A on AWS SDK v1 (Hadoop 3.3, the Spark 3.5 line) passes the SDK's whole-request timeout on as a cause. */
    @Test
    void theSdkV1RequestTimeoutCountsAsNoAnswer() throws ReflectiveOperationException {
        Throwable timeout = onThisLine("com.amazonaws.http.exception.HttpRequestTimeoutException")
                .getConstructor(String.class).newInstance("Request did not complete before the request timeout configuration.");
        Throwable sdk = onThisLine("com.amazonaws.SdkClientException").getConstructor(String.class, Throwable.class)
                .newInstance("Unable to execute HTTP request", timeout);
        IOException s3a = new IOException("PUT 0-byte object  on s3a://b/k/: com.amazonaws.SdkClientException: "
                + "Unable to execute HTTP request: Request did not complete before the request timeout configuration.", sdk);
        assertEquals("storage did not answer in time: " + s3a.getMessage(), FailureLine.of(s3a));
    }

    /** S3A on AWS SDK v2 (Hadoop 3.4, the Spark 4 line) translates an API call's timeout into its own exception. */
    @Test
    void theSdkV2ApiCallTimeoutCountsAsNoAnswer() throws ReflectiveOperationException {
        String message = "PUT 0-byte object  on s3a://b/k/: software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException: "
                + "HTTP request execution did not complete before the specified timeout configuration: 60000 millis";
        Throwable s3a = onThisLine("org.apache.hadoop.fs.s3a.AWSApiCallTimeoutException")
                .getConstructor(String.class, Exception.class).newInstance(message, new RuntimeException("the SDK's"));
        assertEquals("storage did not answer in time: " + message, FailureLine.of(s3a));
    }

    /** A class of the S3A/AWS SDK of the Spark line under test; the test is skipped on the other line. */
    private static Class<? extends Throwable> onThisLine(String name) {
        try {
            return Class.forName(name).asSubclass(Throwable.class);
        } catch (ClassNotFoundException otherLine) {
            Assumptions.abort(name + " belongs to the other Spark line's S3A");
            throw new AssertionError(otherLine);
        }
    }

    /** What a full local disk reaches the driver as: Hadoop's FSError around the JDK's ENOSPC, inside Spark's wrapper. */
    @Test
    void aFullDiskSaysWhatToFree() throws ReflectiveOperationException {
        var constructor = org.apache.hadoop.fs.FSError.class.getDeclaredConstructor(Throwable.class); // package-private
        constructor.setAccessible(true);
        Throwable fromSpark = new SparkException("Job aborted due to stage failure: Task 298 in stage 8.0 failed 1 times",
                constructor.newInstance(new IOException("No space left on device")));
        assertEquals("no space left on device: free space where --output and --work are (and Spark's spark.local.dir)"
                + " and run again; shards already written are kept", FailureLine.of(fromSpark));
    }

    @Test
    void otherFailuresKeepTheirOwnLine() {
        assertEquals("input s3a://b/raw holds no members", FailureLine.of(new PipelineFailure("input s3a://b/raw holds no members")));
        assertEquals("missing s3a://b/k", FailureLine.of(new SparkException("Job aborted", new IOException("missing s3a://b/k\nmore"))));
        assertEquals("java.lang.IllegalStateException: broken", FailureLine.of(new IllegalStateException("broken")));
    }
}
