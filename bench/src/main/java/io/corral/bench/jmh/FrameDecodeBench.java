package io.corral.bench.jmh;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.RequestHeader;
import io.corral.protocol.proto.SetDataRequest;
import io.corral.server.net.RequestDecoder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decoding one client frame (a setData of 100 bytes), as a selector thread does for every request. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameDecodeBench {
    private byte[] frame;

    @Setup(Level.Trial)
    public void encode() {
        JuteOutput out = new JuteOutput(256);
        new RequestHeader(7, OpCode.SET_DATA).write(out);
        new SetDataRequest("/bench/some/path/n12345", new byte[100], -1).write(out);
        frame = out.toByteArray();
    }

    @Benchmark
    public Record decodeSetData() {
        JuteInput in = new JuteInput(ByteBuffer.wrap(frame), 1 << 20);
        RequestHeader header = RequestHeader.read(in);
        return RequestDecoder.decode(header.type(), in);
    }
}
