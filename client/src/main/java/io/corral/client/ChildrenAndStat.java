package io.corral.client;

import io.corral.protocol.data.Stat;
import java.util.List;

/** getChildren2's answer: child names (not paths), in no particular order, and the parent's Stat. */
public record ChildrenAndStat(List<String> children, Stat stat) {
}
