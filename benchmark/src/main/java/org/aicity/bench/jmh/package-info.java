/**
 * JMH micro-benchmarks of the hot paths: decode and validate, window aggregation, and the
 * forecaster's per-point update. Run with {@code java -cp benchmark/target/benchmark.jar org.openjdk.jmh.Main}.
 */
package org.aicity.bench.jmh;
