package org.imagenetwds.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets the pipeline run where the cluster sets {@code spark.serializer} to Kryo, as many do. The
 * Kryo inside Spark 3.5 (4.0) cannot build Java records (final fields, no no-argument constructor)
 * and fails the job at the first one; records, which carry only metadata here, fall back to Java
 * serialization. {@link SparkSessions} adds this registrator to any the cluster has.
 */
public final class KryoRecords implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    }
}
