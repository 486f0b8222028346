/**
 * Load-aware regression baselines of J per generated token: each server's windows are sampled into
 * log2 load buckets of mean concurrency and hourly slots, a bucket's baseline is its median slot
 * over a long horizon, and the current window is compared with the baseline at its own load ({@link
 * io.tokenjoule.account.baseline.ServerBaseline}). Pure: time is passed in as epoch seconds, no
 * I/O; persistence lives in {@code io.tokenjoule.state}.
 */
package io.tokenjoule.account.baseline;
