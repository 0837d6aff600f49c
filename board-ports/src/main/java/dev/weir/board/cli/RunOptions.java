package dev.weir.board.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code weir run}, parsed by hand. Options come before APP.wasm; everything after it
 * belongs to the program (its arguments, or with {@code --invoke} the export's argument values), so a
 * program's own flags never clash with weir's. {@code --name=value} and {@code --name value} are both
 * accepted; {@code --} ends the options.
 */
final class RunOptions {
    /** One --dir grant. */
    static final class Preopen {
        final String host;
        final String guest;
        final boolean readOnly;

        Preopen(String host, String guest, boolean readOnly) {
            this.host = host;
            this.guest = guest;
            this.readOnly = readOnly;
        }
    }

    final List<Preopen> preopens = new ArrayList<>();
    /** Alternating names and values, in command-line order. */
    final List<String> env = new ArrayList<>();
    String invoke;
    /** -1 when not given. */
    int maxMemoryPages = -1;
    /** -1 when not given. */
    int maxStack = -1;
    /** --max-stack-slots, -1 when not given. */
    int maxStackSlots = -1;
    /** --reserve-memory: memories and tables allocate their maximum when created. */
    boolean reserveMemory;
    /** --timeout in milliseconds, -1 when not given. */
    long timeoutMillis = -1;
    /** -1 when not given. */
    long fuel = -1;
    /** --trust POLICY: admit the module by its signature and the policy (see {@link TrustSetup}); null: no check. */
    String trust;
    /** weir bench: the report as JSON. */
    boolean json;
    /** --grants, --grant, --trace, --stimulus, --board, --camera (see {@link GpioOptions}). */
    final GpioOptions gpio = new GpioOptions();
    /** --link NAME=mqtt://HOST:PORT[,options], in order (see {@link MessagingSetup}). */
    final List<String> links = new ArrayList<>();
    /** --checkpoint FILE: where a snapshot goes on SIGTERM or every --checkpoint-every; null: none. */
    String checkpoint;
    /** --checkpoint-every DURATION in milliseconds, or -1. */
    long checkpointEveryMillis = -1;
    /** weir resume: the snapshot the run continues from; null for weir run. */
    String resumeFrom;
    String app;
    final List<String> programArgs = new ArrayList<>();
    /** An embedded run (weir node): the module's bytes, already admitted; null: read the file {@link #app}. */
    byte[] appBytes;
    /** An embedded run resuming from a snapshot in memory (a migrated instance); null: none. */
    byte[] resumeBytes;
    /** An embedded run's control: checkpoints go to it instead of a file, and it can stop the run. */
    EmbeddedRun control;

    static RunOptions parse(String[] args, int from) throws CliException {
        return parse(args, from, false);
    }

    /** @param bench whether these are weir bench's options: run's and --json */
    static RunOptions parse(String[] args, int from, boolean bench) throws CliException {
        RunOptions o = new RunOptions();
        int i = from;
        while (i < args.length) {
            String arg = args[i];
            if ("--".equals(arg)) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || "-".equals(arg)) {
                break;
            }
            if ("--reserve-memory".equals(arg)) {
                o.reserveMemory = true;
                i++;
                continue;
            }
            if (bench && "--json".equals(arg)) {
                o.json = true;
                i++;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!isValueOption(name) && !GpioOptions.isOption(name)) {
                String command = bench ? "bench" : "run";
                throw CliException.usage("unknown option " + name + " for " + command + " (see weir help " + command + ")");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw CliException.usage(name + " needs a value (see weir help run)");
                }
                value = args[++i];
            }
            o.apply(name, value);
            i++;
        }
        if (i >= args.length) {
            String command = bench ? "bench" : "run";
            throw CliException.usage(command + " needs a module: weir " + command + " [OPTIONS] APP.wasm [ARGS...]");
        }
        o.app = args[i++];
        while (i < args.length) {
            o.programArgs.add(args[i++]);
        }
        return o;
    }

    /** weir resume FILE [run's options] APP.wasm: the snapshot, then what run takes. */
    static RunOptions parseResume(String[] args) throws CliException {
        if (args.length < 3 || args[1].startsWith("-")) {
            throw CliException.usage("resume needs a snapshot and the module: weir resume FILE [OPTIONS] APP.wasm");
        }
        RunOptions o = parse(args, 2);
        o.resumeFrom = args[1];
        return o;
    }

    private static boolean isValueOption(String name) {
        switch (name) {
            case "--dir": case "--env": case "--invoke": case "--max-memory": case "--max-stack": case "--fuel":
            case "--trust": case "--checkpoint": case "--checkpoint-every":
            case "--link":
            case "--max-stack-slots": case "--timeout":
                return true;
            default:
                return false;
        }
    }

    private void apply(String name, String value) throws CliException {
        if (GpioOptions.isOption(name)) {
            gpio.apply(name, value);
            return;
        }
        switch (name) {
            case "--dir":
                preopens.add(parseDir(value));
                break;
            case "--link":
                links.add(value);
                break;
            case "--env":
                parseEnv(value);
                break;
            case "--invoke":
                if (value.isEmpty()) {
                    throw CliException.usage("--invoke needs an export name");
                }
                invoke = value;
                break;
            case "--max-memory":
                maxMemoryPages = parseMemorySize(value);
                break;
            case "--max-stack":
                maxStack = (int) parsePositive("--max-stack", value, MAX_STACK_FRAMES);
                break;
            case "--max-stack-slots":
                maxStackSlots = (int) parsePositive("--max-stack-slots", value, MAX_STACK_SLOTS);
                if (maxStackSlots < 16) {
                    throw CliException.usage("--max-stack-slots " + value + " is too small (16.." + MAX_STACK_SLOTS + ")");
                }
                break;
            case "--timeout":
                timeoutMillis = parseDuration(value);
                break;
            case "--fuel":
                fuel = parsePositive("--fuel", value, Long.MAX_VALUE);
                break;
            case "--trust":
                trust = value;
                break;
            case "--checkpoint":
                checkpoint = value;
                break;
            case "--checkpoint-every":
                checkpointEveryMillis = parseDuration("--checkpoint-every", value);
                break;
            default:
                throw CliException.usage("unknown option " + name);
        }
    }

    /** A duration such as 500ms, 30s, 5m or 1h (a bare number is seconds). */
    static long parseDuration(String option, String value) throws CliException {
        long unit = 1000;
        String digits = value;
        if (value.endsWith("ms")) {
            unit = 1;
            digits = value.substring(0, value.length() - 2);
        } else if (value.endsWith("s")) {
            digits = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            unit = 60_000;
            digits = value.substring(0, value.length() - 1);
        } else if (value.endsWith("h")) {
            unit = 3_600_000;
            digits = value.substring(0, value.length() - 1);
        }
        try {
            long n = Long.parseLong(digits);
            if (n > 0 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw CliException.usage(option + " needs a positive duration such as 500ms, 30s, 5m or 1h, got " + value);
    }

    /** HOST[::GUEST][:ro]; the guest path defaults to HOST as written, as in wasmtime. */
    static Preopen parseDir(String value) throws CliException {
        String spec = value;
        boolean readOnly = false;
        if (spec.endsWith(":ro")) {
            readOnly = true;
            spec = spec.substring(0, spec.length() - 3);
        }
        String host = spec;
        String guest = spec;
        int sep = spec.indexOf("::");
        if (sep >= 0) {
            host = spec.substring(0, sep);
            guest = spec.substring(sep + 2);
        }
        if (host.isEmpty() || guest.isEmpty()) {
            throw CliException.usage("--dir needs HOST[::GUEST][:ro], got " + value);
        }
        int colon = guest.lastIndexOf(':');
        if (colon >= 0 && guest.substring(colon + 1).matches("[A-Za-z]{1,3}")) {
            // D::/x:rw would otherwise grant a guest directory literally named "/x:rw".
            throw CliException.usage("--dir " + value + ": unknown access mode " + guest.substring(colon)
                    + " (the only one is :ro; directories are writable without it)");
        }
        for (String part : guest.split("/")) {
            if ("..".equals(part)) {
                throw CliException.usage("--dir " + value + ": the guest path " + guest
                        + " has a .. component; name the directory the program will see without it");
            }
        }
        return new Preopen(host, guest, readOnly);
    }

    /** K=V sets K; a bare K passes the host's value of K, when it has one. */
    private void parseEnv(String value) throws CliException {
        int eq = value.indexOf('=');
        if (eq == 0 || value.isEmpty()) {
            throw CliException.usage("--env needs NAME=VALUE or NAME, got " + value);
        }
        if (eq < 0) {
            String inherited = System.getenv(value);
            if (inherited != null) {
                env.add(value);
                env.add(inherited);
            }
            return;
        }
        env.add(value.substring(0, eq));
        env.add(value.substring(eq + 1));
    }

    /**
     * Bytes, with an optional K, M or G suffix (powers of 1024; KiB, MiB, GiB also accepted), rounded
     * up to whole 64 KiB pages; or a page count with the suffix p ("256p").
     */
    static int parseMemorySize(String value) throws CliException {
        String digits = value;
        long unit = 1;
        boolean pages = false;
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        String[] suffixes = {"kib", "mib", "gib", "k", "m", "g", "p"};
        long[] units = {1L << 10, 1L << 20, 1L << 30, 1L << 10, 1L << 20, 1L << 30, 1};
        for (int i = 0; i < suffixes.length; i++) {
            if (lower.endsWith(suffixes[i])) {
                digits = value.substring(0, value.length() - suffixes[i].length());
                unit = units[i];
                pages = "p".equals(suffixes[i]);
                break;
            }
        }
        long n = parsePositive("--max-memory", digits, Long.MAX_VALUE >> 31);
        long bytes = n * unit;
        long count = pages ? n : (bytes + 65535) / 65536;
        if (count > MAX_MEMORY_PAGES) {
            // A memory is one Java array, so it ends below 2 GiB, short of wasm's 4 GiB.
            throw CliException.usage("--max-memory " + value + " is more than weir's most, " + MAX_MEMORY_PAGES
                    + "p (" + (MAX_MEMORY_PAGES * 64L) + "K, just under 2 GiB: a memory is one Java array)");
        }
        return (int) count;
    }

    /** The most pages one memory may have: a Java byte array holds at most 2^31 - 9 bytes. */
    static final int MAX_MEMORY_PAGES = (Integer.MAX_VALUE - 8) / 65536;
    /**
     * The most frames --max-stack takes: 10 million frames are 120 MB of frame records, past any
     * board's heap; the heap check in weir run refuses smaller values that still do not fit.
     */
    static final int MAX_STACK_FRAMES = 10_000_000;
    /** The most slots --max-stack-slots takes: the value stack is one long array. */
    static final int MAX_STACK_SLOTS = Integer.MAX_VALUE - 8;

    /** A duration: a whole number with suffix ms, s, m or h (seconds when it has none). */
    static long parseDuration(String value) throws CliException {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        String[] suffixes = {"ms", "s", "m", "h"};
        long[] millis = {1, 1000, 60_000, 3_600_000};
        String digits = lower;
        long unit = 1000;
        for (int i = 0; i < suffixes.length; i++) {
            if (lower.endsWith(suffixes[i])) {
                digits = lower.substring(0, lower.length() - suffixes[i].length());
                unit = millis[i];
                break;
            }
        }
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw CliException.usage("--timeout needs a duration such as 500ms, 5s, 2m or 1h, got " + value);
        }
        if (n <= 0 || n > Long.MAX_VALUE / 3_600_000) {
            throw CliException.usage("--timeout " + value + " is out of range (a positive duration)");
        }
        return n * unit;
    }

    private static long parsePositive(String option, String value, long max) throws CliException {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw CliException.usage(option + " needs a positive whole number, got " + value);
        }
        if (n <= 0 || n > max) {
            throw CliException.usage(option + " " + value + " is out of range (1.." + max + ")");
        }
        return n;
    }
}
