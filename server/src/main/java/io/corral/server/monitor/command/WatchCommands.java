package io.corral.server.monitor.command;

import static io.corral.server.monitor.command.Values.asList;
import static io.corral.server.monitor.command.Values.asLong;
import static io.corral.server.monitor.command.Values.asMap;

import io.corral.server.monitor.Command;
import io.corral.server.monitor.CommandFailure;
import io.corral.server.monitor.MonitorContext;
import io.corral.server.monitor.PipelineState;
import io.corral.server.watch.WatchKind;
import io.corral.server.watch.Watcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * wchs, wchc and wchp: the watches, read on the pipeline thread. As in ZooKeeper they show its data watch table
 * only (getData and exists watches, persistent and persistent-recursive ones); getChildren watches are counted
 * by mntr's watch_count but not listed here. Sessions and paths come out sorted.
 */
final class WatchCommands {
    private WatchCommands() {
    }

    /** Session id to the sorted paths it watches in the data table; sessions sorted. */
    private static TreeMap<Long, TreeSet<String>> bySession(PipelineState s) {
        TreeMap<Long, TreeSet<String>> out = new TreeMap<>();
        for (Watcher w : s.watches().watchers()) {
            Map<WatchKind, Set<String>> mine = s.watches().watchesOf(w);
            TreeSet<String> paths = new TreeSet<>();
            for (WatchKind k : new WatchKind[] {WatchKind.DATA, WatchKind.PERSISTENT, WatchKind.PERSISTENT_RECURSIVE}) {
                paths.addAll(mine.getOrDefault(k, Set.of()));
            }
            if (!paths.isEmpty()) {
                out.computeIfAbsent(s.sessionOf().applyAsLong(w), id -> new TreeSet<>()).addAll(paths);
            }
        }
        return out;
    }

    /** wchs (watch_summary). */
    static final class Summary extends Command {
        Summary() {
            super("watch_summary", "wchs");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
            return ctx.read(s -> {
                int connections = 0;
                int total = 0;
                Set<String> paths = new HashSet<>();
                for (Watcher w : s.watches().watchers()) {
                    Map<WatchKind, Set<String>> mine = s.watches().watchesOf(w);
                    Set<String> own = new HashSet<>();
                    for (WatchKind k : new WatchKind[] {WatchKind.DATA, WatchKind.PERSISTENT, WatchKind.PERSISTENT_RECURSIVE}) {
                        own.addAll(mine.getOrDefault(k, Set.of()));
                    }
                    if (!own.isEmpty()) {
                        connections++;
                        total += own.size();
                        paths.addAll(own);
                    }
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("num_connections", connections);
                data.put("num_paths", paths.size());
                data.put("num_total_watches", total);
                return data;
            });
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            return asLong(data.get("num_connections")) + " connections watching " + asLong(data.get("num_paths"))
                    + " paths\nTotal watches:" + asLong(data.get("num_total_watches")) + "\n";
        }
    }

    /** wchc (watches): by session. */
    static final class BySession extends Command {
        BySession() {
            super("watches", "wchc");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
            Map<String, Object> bySession = new LinkedHashMap<>();
            ctx.read(WatchCommands::bySession).forEach((id, paths) -> bySession.put(Long.toString(id), new ArrayList<>(paths)));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("session_id_to_watched_paths", bySession);
            return data;
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            StringBuilder b = new StringBuilder();
            asMap(data.get("session_id_to_watched_paths")).forEach((id, paths) -> {
                b.append("0x").append(Long.toHexString(Long.parseLong(id))).append('\n');
                for (Object p : asList(paths)) {
                    b.append('\t').append(p).append('\n');
                }
            });
            return b.append('\n').toString();
        }
    }

    /** wchp (watches_by_path): by path. */
    static final class ByPath extends Command {
        ByPath() {
            super("watches_by_path", "wchp");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) throws CommandFailure {
            TreeMap<String, List<Object>> byPath = new TreeMap<>();
            ctx.read(WatchCommands::bySession).forEach((id, paths) -> {
                for (String p : paths) {
                    byPath.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
                }
            });
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("path_to_session_ids", new LinkedHashMap<>(byPath));
            return data;
        }

        @Override
        public String text(Map<String, Object> data, MonitorContext ctx) {
            StringBuilder b = new StringBuilder();
            asMap(data.get("path_to_session_ids")).forEach((path, ids) -> {
                b.append(path).append('\n');
                for (Object id : asList(ids)) {
                    b.append("\t0x").append(Long.toHexString(asLong(id))).append('\n');
                }
            });
            return b.append('\n').toString();
        }
    }
}
