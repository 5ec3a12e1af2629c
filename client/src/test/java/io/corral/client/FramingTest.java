package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.RequestHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FramingTest {
    @Test
    void requestFrameIsLengthThenHeaderThenBody() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes, 1024);
        writer.write(new RequestHeader(7, OpCode.GET_DATA), new GetDataRequest("/a", true));
        writer.flush();

        ByteBuffer frame = ByteBuffer.wrap(bytes.toByteArray());
        assertEquals(8 + 4 + 2 + 1, frame.getInt(), "length counts header (8) + string (4+2) + bool (1)");
        JuteInput in = new JuteInput(frame);
        assertEquals(new RequestHeader(7, OpCode.GET_DATA), RequestHeader.read(in));
        assertEquals(new GetDataRequest("/a", true), GetDataRequest.read(in));
        in.expectEnd("frame");
    }

    @Test
    void headerOnlyRequestIsEightBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes, 1024);
        writer.write(new RequestHeader(-2, OpCode.PING), null);
        writer.flush();
        assertArrayEquals(new byte[] {0, 0, 0, 8, -1, -1, -1, -2, 0, 0, 0, 11}, bytes.toByteArray());
    }

    @Test
    void newSessionHandshakeIs45Bytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FrameWriter(bytes, 1024).write(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false));
        assertEquals(4 + 45, bytes.size());
    }

    @Test
    void readerReturnsFramesBackToBack() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes, 1024);
        writer.write(new RequestHeader(1, 2), null);
        writer.write(new RequestHeader(3, 4), null);
        writer.flush();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), 1024);
        assertEquals(new RequestHeader(1, 2), RequestHeader.read(new JuteInput(reader.read())));
        assertEquals(new RequestHeader(3, 4), RequestHeader.read(new JuteInput(reader.read())));
        assertThrows(EOFException.class, reader::read);
    }

    @Test
    void frameAboveTheMaximumIsRefusedBeforeAllocating() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frameOfLength(Integer.MAX_VALUE)), 1024);
        IOException e = assertThrows(IOException.class, reader::read);
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void negativeLengthIsRefused() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frameOfLength(-5)), 1024);
        assertThrows(IOException.class, reader::read);
    }

    @Test
    void frameAtTheMaximumIsAccepted() throws IOException {
        byte[] frame = new byte[4 + 1024];
        ByteBuffer.wrap(frame).putInt(1024);
        assertEquals(1024, new FrameReader(new ByteArrayInputStream(frame), 1024).read().remaining());
    }

    @Test
    void truncatedFrameIsAnEndOfStream() {
        byte[] frame = {0, 0, 0, 10, 1, 2, 3};
        assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(frame), 1024).read());
    }

    @Test
    void encodeReportsTheSizeSoOversizedRequestsCanBeRefused() {
        FrameWriter writer = new FrameWriter(new ByteArrayOutputStream(), 1024);
        int size = writer.encode(new RequestHeader(1, OpCode.SET_DATA),
                new io.corral.protocol.proto.SetDataRequest("/a", new byte[2000], -1));
        assertTrue(size > writer.maxFrameSize());
    }

    private static byte[] frameOfLength(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }
}
