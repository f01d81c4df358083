/**
 * Keys of keyed streams. Every keyed stream of the job is keyed by a String (such as
 * {@code "songdo/songdo-trf-0001"}); {@link org.aicity.job.keys.StringKeyTypeInfo} declares such a key
 * with {@link org.aicity.job.keys.StringKeySerializer}, which writes the same bytes as Flink's own
 * String serializer but hands them to the output in one call per key instead of one per char, the
 * cost that dominated full checkpoints of the heap state backend. Because the bytes are identical,
 * state and timers checkpointed with {@code Types.STRING} keys restore under the new key type.
 */
package org.aicity.job.keys;
