package io.corral.server.pipeline;

import io.corral.api.persistence.LogEntry;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.runtime.ReplicatedState;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pipeline as the ZAB runtime drives it. Every call arrives on the runtime thread and becomes an event of
 * the pipeline thread, handled there by {@link EnsembleEvents}, in the same order, so commits, role changes and
 * sync answers are seen as the ensemble ordered them. The calls that must be done before the runtime goes on (a
 * snapshot to send, a snapshot or a truncation to load before acknowledging) wait for the pipeline thread to
 * finish them.
 */
public final class Replica implements ReplicatedState {
    /** Bounds a wait on the pipeline thread; a snapshot of a large tree takes seconds, not this long. */
    private static final long WAIT_MINUTES = 10;

    private final Pipeline pipeline;
    private final EnsembleEvents events;

    Replica(Pipeline pipeline, EnsembleEvents events) {
        this.pipeline = pipeline;
        this.events = events;
    }

    @Override
    public void apply(List<LogEntry> committed) {
        List<LogEntry> copy = List.copyOf(committed);
        pipeline.post(() -> events.applyCommitted(copy));
    }

    @Override
    public byte[] snapshot(long zxid) throws IOException {
        return call(() -> events.encodeSnapshot(zxid));
    }

    @Override
    public void loadSnapshot(long zxid, byte[] snapshot) throws IOException {
        call(() -> {
            events.installSnapshot(zxid, snapshot);
            return null;
        });
    }

    @Override
    public void reload(long zxid) throws IOException {
        call(() -> {
            events.truncatedTo(zxid);
            return null;
        });
    }

    @Override
    public void roleChanged(ZabRole role, long leaderId, boolean serving, long epoch) {
        Pipeline.Mode mode;
        if (!serving) {
            mode = Pipeline.Mode.NOT_SERVING;
        } else if (role == ZabRole.LEADING) {
            mode = Pipeline.Mode.LEADER;
        } else {
            mode = Pipeline.Mode.LEARNER;
        }
        pipeline.post(() -> events.changeMode(mode, epoch));
    }

    @Override
    public void forwarded(long learnerId, ZabMessage.Forward f) {
        pipeline.post(() -> events.onForwarded(f.sessionId(), f.cxid(), f.type(), f.request(), f.auth()));
    }

    @Override
    public void syncDone(long sessionId, int cxid) {
        pipeline.post(() -> events.onSyncDone(sessionId, cxid));
    }

    @Override
    public void touched(long[] sessionIds) {
        pipeline.post(() -> events.onTouched(sessionIds));
    }

    @Override
    public void snapshotDue() {
        pipeline.post(events::snapshotDue);
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> T call(Work<T> work) throws IOException {
        CompletableFuture<T> done = new CompletableFuture<>();
        pipeline.post(() -> {
            try {
                done.complete(work.run());
            } catch (Exception | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the pipeline loaded or made a snapshot", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("the pipeline did not load or make a snapshot within " + WAIT_MINUTES + " minutes");
        }
    }
}
