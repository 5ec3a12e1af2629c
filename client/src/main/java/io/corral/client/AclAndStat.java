package io.corral.client;

import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Stat;
import java.util.List;

/** getACL's answer. */
public record AclAndStat(List<ACL> acl, Stat stat) {
}
