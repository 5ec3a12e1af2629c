package io.corral.server.txn;

import io.corral.protocol.data.Stat;
import java.util.List;

/**
 * What applying one transaction did, as much as a reply needs: its type, the result code, the path it touched
 * and that node's stat right after this transaction (not after later ones), and for a multi the same per
 * sub-txn.
 */
public record Applied(int type, int err, String path, Stat stat, List<Applied> subResults) {
    public static Applied ok(String path, Stat stat) {
        return new Applied(0, 0, path, stat, List.of());
    }

    public static Applied error(int err) {
        return new Applied(0, err, null, null, List.of());
    }

    Applied typed(int newType) {
        return new Applied(newType, err, path, stat, subResults);
    }
}
