package dev.weir.fleet;

import dev.weir.fleet.node.BoardCapacity;
import dev.weir.fleet.node.InstanceSpec;
import dev.weir.fleet.node.ModuleRunner;
import dev.weir.fleet.node.RunningModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A board for fleet tests, in process: instances are counters that "run" until stopped; a checkpoint
 * is the counter's value, a restore continues from it. The counter stands for the state a stateful
 * module (the aggregator) keeps.
 */
final class FakeRunner implements ModuleRunner {
    final BoardCapacity capacity;
    final Map<String, FakeModule> started = new ConcurrentHashMap<>();
    final AtomicLong starts = new AtomicLong();

    FakeRunner(String arch, List<Integer> pins, List<String> cameras) {
        this.capacity = new BoardCapacity(arch, 4, 512L << 20, pins, cameras);
    }

    FakeRunner() {
        this("aarch64", List.of(), List.of());
    }

    @Override
    public BoardCapacity capacity() {
        return capacity;
    }

    @Override
    public RunningModule start(InstanceSpec spec, byte[] wasm, byte[] snapshot) {
        FakeModule m = new FakeModule(spec);
        if (snapshot != null) {
            m.counter.set(Long.parseLong(new String(snapshot, StandardCharsets.UTF_8)));
        }
        started.put(spec.instanceId(), m);
        starts.incrementAndGet();
        return m;
    }

    /** The instance of this id if it runs here now, else null. */
    FakeModule running(String id) {
        FakeModule m = started.get(id);
        return m != null && m.state == RunningModule.State.RUNNING ? m : null;
    }

    static final class FakeModule implements RunningModule {
        final InstanceSpec spec;
        final AtomicLong counter = new AtomicLong();
        volatile State state = State.RUNNING;

        FakeModule(InstanceSpec spec) {
            this.spec = spec;
        }

        @Override public String instanceId() { return spec.instanceId(); }
        @Override public State state() { return state; }
        @Override public String outcome() { return null; }
        @Override public long memoryBytes() { return 65536; }

        @Override
        public byte[] checkpointAndStop(long timeoutMillis) {
            state = State.STOPPED;
            return Long.toString(counter.get()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void stop() {
            state = State.STOPPED;
        }
    }
}
