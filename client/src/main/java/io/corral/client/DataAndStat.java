package io.corral.client;

import io.corral.protocol.data.Stat;

/** getData's answer; {@code data} is null when the node holds no data (which is not the same as empty). */
public record DataAndStat(byte[] data, Stat stat) {
}
