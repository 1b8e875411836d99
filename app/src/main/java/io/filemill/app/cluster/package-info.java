/**
 * The job across machines: a run splits its inbox into partitions ({@link io.filemill.app.cluster.InboxPartitioner},
 * manifests in the state directory), sends one request per partition over the message broker, and follows
 * them in the job repository (Spring Batch remote partitioning, polling mode); each {@code filemill node}
 * takes requests and runs its partition through a local pipeline, fenced so that no partition runs on two
 * nodes at once ({@link io.filemill.app.cluster.PartitionFence}).
 */
package io.filemill.app.cluster;
