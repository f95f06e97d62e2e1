package org.imagenetwds.spark.stages;

import java.io.Serializable;

import org.apache.spark.Partitioner;

/** A Spark partitioner whose partition is a function of the key: the stages' custom shuffles. */
final class KeyPartitioner<K> extends Partitioner {

    /** The partition of a key, in {@code [0, partitions)}; shipped to executors. */
    @FunctionalInterface
    interface Placement<K> extends Serializable {
        int partitionOf(K key);
    }

    private final int partitions;
    private final Placement<K> placement;

    KeyPartitioner(int partitions, Placement<K> placement) {
        this.partitions = partitions;
        this.placement = placement;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked") // a shuffle keyed by K only ever asks about Ks
    public int getPartition(Object key) {
        return placement.partitionOf((K) key);
    }
}
