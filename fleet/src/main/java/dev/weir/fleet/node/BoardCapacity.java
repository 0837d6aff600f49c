package dev.weir.fleet.node;

import java.util.List;

/**
 * What a board offers the fleet, derived from its board port: the controller filters boards by it.
 * Fields: the JVM's {@code os.arch} (amd64, aarch64, arm); available processors; the memory the node
 * may give its instances (the JVM's max heap less its own needs); BCM numbers of the GPIO pins the
 * board port exposes; names of the cameras the board port exposes.
 */
public final class BoardCapacity {
    private final String arch;
    private final int cpus;
    private final long memoryBytes;
    private final List<Integer> pins;
    private final List<String> cameras;

    public BoardCapacity(String arch, int cpus, long memoryBytes, List<Integer> pins, List<String> cameras) {
        this.arch = arch;
        this.cpus = cpus;
        this.memoryBytes = memoryBytes;
        this.pins = List.copyOf(pins);
        this.cameras = List.copyOf(cameras);
    }

    public String arch() { return arch; }
    public int cpus() { return cpus; }
    public long memoryBytes() { return memoryBytes; }
    public List<Integer> pins() { return pins; }
    public List<String> cameras() { return cameras; }
}
