package io.corral.client;

import io.corral.protocol.Code;

/**
 * The watch a request asks for, added to the tables only once the reply says the server registered it: on success,
 * or for exists also on NONODE (then it is an exist watch, waiting for the node to be created).
 */
record WatchRegistration(Watcher watcher, String clientPath, WatchKind onSuccess, WatchKind onNoNode) {

    static WatchRegistration exists(Watcher watcher, String clientPath) {
        return new WatchRegistration(watcher, clientPath, WatchKind.DATA, WatchKind.EXIST);
    }

    static WatchRegistration data(Watcher watcher, String clientPath) {
        return new WatchRegistration(watcher, clientPath, WatchKind.DATA, null);
    }

    static WatchRegistration children(Watcher watcher, String clientPath) {
        return new WatchRegistration(watcher, clientPath, WatchKind.CHILD, null);
    }

    static WatchRegistration persistent(Watcher watcher, String clientPath, boolean recursive) {
        return new WatchRegistration(
                watcher, clientPath, recursive ? WatchKind.PERSISTENT_RECURSIVE : WatchKind.PERSISTENT, null);
    }

    void apply(int err, WatchRegistry registry) {
        if (err == Code.OK) {
            registry.add(onSuccess, clientPath, watcher);
        } else if (err == Code.NONODE && onNoNode != null) {
            registry.add(onNoNode, clientPath, watcher);
        }
    }
}
