package io.corral.server.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.EventType;
import io.corral.protocol.KeeperState;
import io.corral.protocol.OpCode;
import io.corral.protocol.proto.Create2Response;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateTTLRequest;
import io.corral.protocol.proto.DeleteRequest;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.WatcherEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers and TTL nodes, with extended types on and the reaper driven by the manual clock. */
class PipelineReaperTest extends PipelineHarness {
    private static final long CHECK_MS = 60_000;

    @Override
    Map<String, String> extraConfig() {
        return Map.of("extendedTypesEnabled", "true");
    }

    private boolean exists(Client c, String path) {
        return c.call(OpCode.EXISTS, new ExistsRequest(path, false)).err() == Code.OK;
    }

    private void awaitGone(Client c, String path) {
        await().atMost(FakeLink.WAIT).pollInterval(Duration.ofMillis(2)).until(() -> !exists(c, path));
    }

    @Test
    void createContainerAndTtlAnswerWithCreate2Response() {
        Client c = connect();
        FakeLink.Reply r = c.call(OpCode.CREATE_CONTAINER, new CreateRequest("/c", null, OPEN, CreateFlags.CONTAINER));
        Create2Response created = r.decode(Create2Response::read);
        assertEquals("/c", created.path());
        assertEquals(0, created.stat().ephemeralOwner(), "a container shows owner 0");
        FakeLink.Reply t = c.call(OpCode.CREATE_TTL,
                new CreateTTLRequest("/t", null, OPEN, CreateFlags.PERSISTENT_SEQUENTIAL_WITH_TTL, 1000));
        assertEquals("/t0000000001", t.decode(Create2Response::read).path());
        assertEquals(Code.BADARGUMENTS, c.call(OpCode.CREATE_TTL,
                new CreateTTLRequest("/t2", null, OPEN, CreateFlags.PERSISTENT_WITH_TTL, 0)).err());
        assertEquals(Code.BADARGUMENTS, c.call(OpCode.CREATE_TTL,
                new CreateTTLRequest("/t2", null, OPEN, CreateFlags.PERSISTENT_WITH_TTL, 1L << 40)).err());
        assertEquals(Code.BADARGUMENTS, c.call(OpCode.CREATE_TTL,
                new CreateTTLRequest("/t2", null, OPEN, CreateFlags.PERSISTENT, 1000)).err());
        c.createOk("/c/child-of-container", CreateFlags.PERSISTENT);
    }

    @Test
    void anEmptiedContainerIsReapedOnTheNextCheck() {
        Client c = connect(60_000);
        Client watcher = connect(60_000);
        c.call(OpCode.CREATE_CONTAINER, new CreateRequest("/used", null, OPEN, CreateFlags.CONTAINER));
        c.call(OpCode.CREATE_CONTAINER, new CreateRequest("/never-used", null, OPEN, CreateFlags.CONTAINER));
        c.call(OpCode.CREATE_CONTAINER, new CreateRequest("/busy", null, OPEN, CreateFlags.CONTAINER));
        c.createOk("/used/x", CreateFlags.PERSISTENT);
        c.createOk("/busy/x", CreateFlags.PERSISTENT);
        assertEquals(Code.OK, c.call(OpCode.DELETE, new DeleteRequest("/used/x", -1)).err());
        assertEquals(Code.OK, watcher.call(OpCode.EXISTS, new ExistsRequest("/used", true)).err());

        clock.advance(CHECK_MS - 1);
        pipeline.tick();
        assertEquals(true, exists(c, "/used"), "not before the check interval");

        clock.advance(1);
        pipeline.tick();
        awaitGone(c, "/used");
        FakeLink.Reply event = watcher.link.nextReply();
        assertEquals(new WatcherEvent(EventType.NODE_DELETED, KeeperState.SYNC_CONNECTED, "/used"),
                event.decode(WatcherEvent::read));
        assertEquals(true, exists(c, "/never-used"), "a container that never had a child stays");
        assertEquals(true, exists(c, "/busy"));
    }

    @Test
    void aTtlNodeIsReapedOnceItsTtlHasPassedWithoutChange() {
        Client c = connect(60_000);
        c.call(OpCode.CREATE_TTL, new CreateTTLRequest("/short", null, OPEN, CreateFlags.PERSISTENT_WITH_TTL, 1000));
        c.call(OpCode.CREATE_TTL, new CreateTTLRequest("/long", null, OPEN, CreateFlags.PERSISTENT_WITH_TTL, 10 * CHECK_MS));
        c.call(OpCode.CREATE_TTL, new CreateTTLRequest("/parent", null, OPEN, CreateFlags.PERSISTENT_WITH_TTL, 1000));
        c.createOk("/parent/child", CreateFlags.PERSISTENT);
        clock.advance(CHECK_MS);
        pipeline.tick();
        awaitGone(c, "/short");
        assertEquals(true, exists(c, "/long"));
        assertEquals(true, exists(c, "/parent"), "a TTL node with children stays");
    }
}
