package io.corral.client;

import io.corral.protocol.data.Stat;

/** The actual name of a created node (with any sequence suffix, inside the chroot) and its Stat. */
public record CreatedNode(String path, Stat stat) {
}
