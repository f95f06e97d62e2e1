package org.imagenetwds.spark.io;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/** Carries the driver's Hadoop configuration (s3a, hdfs settings) to executor tasks. */
public final class SerializableHadoopConf implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient Configuration conf;

    public SerializableHadoopConf(Configuration conf) {
        this.conf = conf;
    }

    public Configuration get() {
        return conf;
    }

    /**
     * The session's Hadoop configuration as a broadcast: deserialising a Configuration costs
     * thousands of small gzip streams, so it is done once per executor, not once per task.
     */
    public static Broadcast<SerializableHadoopConf> broadcast(SparkSession spark) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration()));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
