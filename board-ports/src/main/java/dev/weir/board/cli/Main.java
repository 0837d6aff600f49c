package dev.weir.board.cli;

import dev.weir.core.StoreLimits;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;

/**
 * The {@code weir} command line: {@code run}, {@code inspect}, {@code validate},
 * {@code bench} and {@code help}.
 * Arguments are parsed by hand (no library, so the jar stays small and starts fast). Every failure is
 * one line on stderr, {@code weir: MESSAGE} (a trap adds its backtrace), with an exit status from
 * {@link ExitStatus}; Java stack traces appear only with the environment variable WEIR_TRACE=1.
 */
public final class Main {
    static final String VERSION = "0.1.0";

    /** Every command, as weir help names them when asked about one that does not exist. */
    static final String COMMANDS = "run, inspect, validate, bench, board, debug, keygen, sign, verify, fleet, node, help";

    /** The GPIO options of run, shared by the main help and run's. */
    static final String GPIO_OPTIONS = ""
            + "  --grants FILE            a grants file: what the module may use, one grant per line (gpio PIN\n"
            + "                           input|output|pwm [OPTIONS], camera ID [OPTIONS]; see hal/README.md).\n"
            + "                           Repeatable. Without grants every pin and camera is refused.\n"
            + "  --grant LINE             one grant, as a grants-file line: --grant 'gpio 17 output'\n"
            + "  --board NAME             host (simulated pins), raspberry-pi, or auto (the default:\n"
            + "                           raspberry-pi when /proc/device-tree/model names one, else host)\n"
            + "  --trace gpio             print every pin change on stderr: gpio BCM LEVEL MILLISECONDS\n"
            + "                           (PWM duty changes: pwm BCM PERCENT MILLISECONDS)\n"
            + "  --stimulus FILE          drive the host board's inputs: lines of MILLISECONDS PIN LEVEL\n"
            + "  --camera SPEC            camera 0, 1, ... in order: synthetic[:frames=N,move=A-B,paced],\n"
            + "                           file:PATH (raw or .y4m), ffmpeg:INPUT (ffmpeg:/dev/video0), rpicam.\n"
            + "                           Without one, the host board has the synthetic camera as camera 0.\n"
            + "                           Grants: camera ID [max=WxH] [fps=N] [formats=gray8,yuv420,rgb24]\n"
            + "  --trace camera           print every frame delivered on stderr:\n"
            + "                           camera ID SEQUENCE WIDTHxHEIGHT FORMAT MILLISECONDS\n"
            + "  --trace-file FILE        write the traces to FILE as JSON lines instead of stderr (without\n"
            + "                           --trace: gpio and camera), one {\"event\":...,\"ns\":...} per line\n"
            + "  --vcd FILE               the granted pins' levels as a VCD file (PulseView, GTKWave, sigrok-cli)\n"
            + "  --inspect PORT           serve the debug page (weir help debug) live on PORT (0: any free\n"
            + "                           port, printed): the run's pins, frames and messages (the timeline of\n"
            + "                           --trace gpio, camera and messaging). Read-only unless a\n"
            + "                           grant 'inspect inject=BCM,...' lets the page press those inputs\n"
            + "                           (host board); other injections get HTTP 403 and an audit line\n"
            + "  --link NAME=URI[,OPT]    the broker of messaging link NAME: mqtt://HOST:PORT, options\n"
            + "                           client-id=ID, username=U, password-file=F, session-expiry=S,\n"
            + "                           keep-alive=S, reconnect-max=MS, receive-maximum=N. Repeatable.\n"
            + "                           Grants: messaging NAME\n"
            + "                           publish=FILTER,... subscribe=FILTER,... [qos= max-message= inbox=\n"
            + "                           inbox-full=block|drop rate= buffer=] (see hal/README.md).\n"
            + "                           mqtts://HOST:PORT: TLS with the module's X.509-SVID (identity grant\n"
            + "                           with svid=DIR) as client certificate, the broker checked against its\n"
            + "                           bundle; broker-id=spiffe://... also checks the broker's SPIFFE ID\n"
            + "  --trace messaging        print every message published and taken on stderr\n";

    static final String HELP = "weir " + VERSION + ": a WebAssembly runtime for small JVMs\n"
            + "\n"
            + "usage: weir COMMAND [OPTIONS] APP.wasm [ARGS...]\n"
            + "\n"
            + "commands:\n"
            + "  run APP.wasm [ARGS...]   run a WASI command (its _start export), or one export with --invoke\n"
            + "  resume FILE APP.wasm     continue a run from its --checkpoint snapshot (same options as run)\n"
            + "  inspect APP.wasm         list imports, exports, memories, tables, custom sections and the\n"
            + "                           WASI capabilities the module would use (--json: as JSON)\n"
            + "  validate APP.wasm        check that the module decodes and validates; silent when it does\n"
            + "  bench APP.wasm [ARGS...] run as run does and report its cost: times, wasm instructions\n"
            + "                           executed, memory, heap, the JVM (to stderr; --json for JSON)\n"
            + "  keygen [--pem] NAME      create a key pair for signing modules (NAME.sk, NAME.pk)\n"
            + "  sign --key KEY IN.wasm -o OUT.wasm\n"
            + "                           sign a module (WebAssembly tool-conventions signatures, as wasmsign2)\n"
            + "  verify --key PUB APP.wasm\n"
            + "                           check a module's signature: who signed it, and that nothing changed\n"
            + "  debug APP.wasm [ARGS...] serve a web page that runs the module in the browser, its pins, camera\n"
            + "                           and output drawn, under the same grants (weir help debug)\n"
            + "  board [--board NAME]     print the board's GPIO pins: BCM number, header pin, what each can do\n"
            + "  fleet apply|status|move|controller\n"
            + "                           run dataflow graphs on a fleet of boards over MQTT (weir help fleet)\n"
            + "  node --id ID --broker URI --trust POLICY\n"
            + "                           join a fleet as a board and run what it assigns (weir help node)\n"
            + "  wast FILE.wast...        run spec-format test scripts; prints passed and failed per file and\n"
            + "                           in total (exit 1 when any failed); --max-memory SIZE first sets\n"
            + "                           each script's memory limit as for run\n"
            + "  help [COMMAND]           this help, or one command's\n"
            + "  weir APP.wasm ...        is short for weir run APP.wasm ...\n"
            + "  APP.wasm may be a text module (.wat): weir tells them apart by their content\n"
            + "\n"
            + "run options (they go before APP.wasm; what follows APP.wasm belongs to the program):\n"
            + "  --dir HOST[::GUEST][:ro] let the program use host directory HOST as GUEST (default: HOST);\n"
            + "                           :ro makes it read-only. Repeatable. No --dir, no file access.\n"
            + "  --env NAME=VALUE         set an environment variable for the program; --env NAME passes\n"
            + "                           the host's value. Repeatable. The host environment is not inherited.\n"
            + "  --invoke NAME            call export NAME instead of _start; the ARGS after APP.wasm are its\n"
            + "                           arguments, parsed by its parameter types; results print one per line\n"
            + "  --max-memory SIZE        most linear memory per memory: bytes with suffix K, M or G (1024-based),\n"
            + "                           rounded up to 64 KiB pages, or pages with suffix p (default "
            + StoreLimits.DEFAULT_MAX_MEMORY_PAGES / 16 + "M = " + StoreLimits.DEFAULT_MAX_MEMORY_PAGES + "p)\n"
            + "  --max-stack N            most call frames (nested wasm calls, counted in frames) before the\n"
            + "                           trap \"call stack exhausted\" (default " + StoreLimits.DEFAULT_MAX_CALL_DEPTH + ")\n"
            + "  --max-stack-slots N      size of the value stack in 8-byte slots, the locals and operands of\n"
            + "                           all active calls (default " + StoreLimits.DEFAULT_VALUE_STACK_SLOTS + ")\n"
            + "  --reserve-memory         allocate each memory and table at its maximum up front, so that\n"
            + "                           memory.grow never allocates (default: grow on demand)\n"
            + "  --timeout DURATION       stop the program (exit status " + ExitStatus.TIMEOUT + ") after DURATION of wall\n"
            + "                           time: 500ms, 5s, 2m, 1h (a bare number is seconds)\n"
            + "  --fuel N                 stop the program (exit status " + ExitStatus.FUEL + ") once it has executed N\n"
            + "                           wasm instructions\n"
            + "  --trust POLICY           run the module only if the trust policy admits it: signed by a listed\n"
            + "                           key, whole, and allowed every grant it is given (trust/README.md)\n"
            + "  --checkpoint FILE        on SIGTERM, write a snapshot of the running program to FILE and exit\n"
            + "                           with status " + ExitStatus.CHECKPOINTED + "; weir resume FILE [OPTIONS] APP.wasm continues it\n"
            + "                           (docs/checkpoint.md)\n"
            + "  --checkpoint-every TIME  also write FILE every TIME (500ms, 30s, 5m) and keep running\n"
            + GPIO_OPTIONS
            + "  --                       end of options\n"
            + "\n"
            + "other options:\n"
            + "  -h, --help               this help\n"
            + "  --version                print the version\n"
            + "\n"
            + "exit status:\n"
            + ExitStatus.describeAll()
            + "\n"
            + "environment: JAVA_OPTS is passed to the JVM by bin/weir; WEIR_TRACE=1 adds Java stack traces.\n";

    static final String HELP_RUN = "usage: weir run [OPTIONS] APP.wasm [ARGS...]\n"
            + "\n"
            + "Runs APP.wasm with WASI preview1: calls its _start export with ARGS as arguments (argv[0] is\n"
            + "APP.wasm as written) and exits with the program's exit status. With --invoke NAME, calls that\n"
            + "export instead (after _initialize, if the module has one), parses ARGS by its parameter types\n"
            + "and prints the results one per line. weir's options end at APP.wasm (or at a -- before it):\n"
            + "ARGS go to the program as written, a -- among them included.\n"
            + "\n"
            + "  --dir HOST[::GUEST][:ro] preopen host directory HOST as guest path GUEST; :ro = read-only\n"
            + "  --env NAME=VALUE         environment variable for the program (--env NAME: the host's value)\n"
            + "  --invoke NAME            call export NAME instead of _start\n"
            + "  --max-memory SIZE        memory limit: 64K, 16M, 1G (1024-based bytes) or 256p (pages)\n"
            + "  --max-stack N            call depth limit, in frames (default " + StoreLimits.DEFAULT_MAX_CALL_DEPTH + ")\n"
            + "  --max-stack-slots N      value stack size, in 8-byte slots (default " + StoreLimits.DEFAULT_VALUE_STACK_SLOTS + ")\n"
            + "  --reserve-memory         allocate memories and tables at their maximum up front\n"
            + "  --timeout DURATION       stop with exit status " + ExitStatus.TIMEOUT + " after DURATION (5s, 500ms, 2m)\n"
            + "  --fuel N                 stop with exit status " + ExitStatus.FUEL + " after N executed wasm instructions\n"
            + "  --trust POLICY           refuse the module unless the trust policy admits it and its grants\n"
            + GPIO_OPTIONS
            + "\n"
            + "values for --invoke: i32/i64 as decimal or 0x-hex, signed or unsigned; f32/f64 as decimal,\n"
            + "hex float, nan, inf or -inf; v128 as 0x and up to 32 hex digits; references as null (or N\n"
            + "for externref). i32/i64 results print as signed decimal.\n"
            + "\n"
            + "examples:\n"
            + "  weir run examples/hello/hello.wasm\n"
            + "  weir run --dir data::/data examples/wc/wc.wasm /data\n"
            + "  weir run --invoke fib fib.wasm 30\n"
            + "  weir run --grants examples/blinky/blinky.grants --trace gpio examples/blinky/blinky.wasm\n";

    static final String HELP_BOARD = "usage: weir board [--board NAME]\n"
            + "\n"
            + "Prints the board weir run would use (--board host, raspberry-pi, or auto: raspberry-pi when\n"
            + "/proc/device-tree/model names a Raspberry Pi 3, 4, 5 or Zero 2 W, else host) and its GPIO pins:\n"
            + "BCM number (what grants and modules use), header pin, and whether it has hardware PWM.\n";

    static final String HELP_INSPECT = "usage: weir inspect [--json] APP.wasm\n"
            + "\n"
            + "Prints the module's imports and exports with their types, memory and table limits, custom\n"
            + "sections, whether it validates, and the WASI capabilities it would use, grouped (args, env,\n"
            + "stdio, filesystem, clock, random, poll, process, sockets) with how each is granted. With --json,\n"
            + "the same as one JSON object. Exits " + ExitStatus.INVALID + " when the module does not validate.\n";

    static final String HELP_BENCH = "usage: weir bench [OPTIONS] APP.wasm [ARGS...]\n"
            + "\n"
            + "Runs APP.wasm as weir run does (same options, same exit status, the program's output as it is)\n"
            + "and then reports, on stderr, what the run cost on this machine: decode/validate/compile and\n"
            + "instantiate time; wasm instructions executed (an exact count: the module is compiled with\n"
            + "fuel metering) and instructions per second; wall and CPU time of the run; peak linear memory;\n"
            + "Java heap used, bytes allocated and GCs during the run; weir's JIT tier (weir.jit: loops that\n"
            + "call nothing run as JVM bytecode unless it is off); the JVM (name, version, Server or Zero VM)\n"
            + "and the machine. One cold run: JIT warm-up is part of the figures.\n"
            + "\n"
            + "  --json                   the report as one JSON object instead of a table\n"
            + "  (and every option of weir run: --dir, --env, --invoke, --max-memory, --max-stack,\n"
            + "   --max-stack-slots, --reserve-memory, --timeout, --fuel)\n"
            + "\n"
            + "example:\n"
            + "  weir bench --json examples/hello/hello.wasm 2> hello-bench.json\n";

    static final String HELP_VALIDATE = "usage: weir validate APP.wasm\n"
            + "\n"
            + "Decodes and validates APP.wasm. Prints nothing and exits 0 when it is valid; otherwise prints\n"
            + "one line naming the problem with its section or function and byte offset, and exits "
            + ExitStatus.MALFORMED + " (malformed)\nor " + ExitStatus.INVALID + " (invalid).\n";

    private Main() {
    }

    public static void main(String[] args) {
        // Unbuffered, like a native program's write(2): the guest's fd_write calls reach the terminal
        // in order with weir's own messages, and nothing is lost on proc_exit.
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        int status = run(args, new FileInputStream(FileDescriptor.in), stdout, stderr);
        System.exit(status);
    }

    /**
     * Runs one weir command as {@code main} would, with the given standard streams, and returns the
     * exit status instead of exiting (for tests and for embedding).
     */
    public static int run(String[] args, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        PrintStream out = printStream(stdout);
        PrintStream err = printStream(stderr);
        try {
            return dispatch(args, stdin, stdout, stderr, out);
        } catch (CliException e) {
            out.flush();
            err.print("weir: " + e.getMessage() + "\n" + e.detail());
            return e.exitStatus();
        } catch (StackOverflowError e) {
            out.flush();
            err.print("weir: trap: call stack exhausted (the JVM's own stack ran out; lower --max-stack"
                    + " or raise -Xss in JAVA_OPTS)\n");
            trace(e, err);
            return ExitStatus.TRAP;
        } catch (OutOfMemoryError e) {
            err.print("weir: out of memory: the JVM's heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB ran out; raise -Xmx in JAVA_OPTS\n");
            return ExitStatus.INTERNAL;
        } catch (RuntimeException e) {
            out.flush();
            err.print("weir: internal error: " + oneLine(e) + " (please report it; WEIR_TRACE=1 shows where)\n");
            trace(e, err);
            return ExitStatus.INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(String[] args, InputStream stdin, OutputStream stdout, OutputStream stderr,
            PrintStream out) throws CliException {
        if (args.length == 0) {
            throw CliException.usage("no command given (try weir --help)");
        }
        String command = args[0];
        if (args.length == 2 && ("-h".equals(args[1]) || "--help".equals(args[1]))
                && ("run".equals(command) || "inspect".equals(command) || "validate".equals(command)
                    || "board".equals(command)
                    || "keygen".equals(command) || "sign".equals(command) || "verify".equals(command) || "debug".equals(command)
                    || "bench".equals(command) || "fleet".equals(command) || "node".equals(command))) {
            return help(new String[] {"help", command}, out);
        }
        switch (command) {
            case "-h": case "--help":
                out.print(HELP);
                return ExitStatus.OK;
            case "--version":
                out.println("weir " + VERSION);
                return ExitStatus.OK;
            case "help":
                return help(args, out);
            case "run":
                return new RunCommand(RunOptions.parse(args, 1), stdin, stdout, stderr, out).execute();
            case "resume":
                return new RunCommand(RunOptions.parseResume(args), stdin, stdout, stderr, out).execute();
            case "bench":
                return new BenchCommand(RunOptions.parse(args, 1, true), stdin, stdout, stderr, out,
                        printStream(stderr)).execute();
            case "inspect":
                if (args.length == 3 && "--json".equals(args[1])) {
                    return InspectCommand.executeJson(args[2], out);
                }
                return InspectCommand.execute(singleFile(args, "inspect"), out);
            case "board":
                return BoardCommand.execute(args, out);
            case "fleet":
                return FleetCommand.execute(args, out);
            case "keygen":
                return TrustCommands.keygen(args, out);
            case "sign":
                return TrustCommands.sign(args, out);
            case "verify":
                return TrustCommands.verify(args, out);
            case "validate":
                ModuleFiles.parse(singleFile(args, "validate"), ModuleFiles.read(singleFile(args, "validate")));
                return ExitStatus.OK;
            case "debug":
                return DebugCommand.execute(args, out);
            case "wast":
                return WastCommand.execute(args, out, printStream(stderr));
            case "node":
                return NodeCommand.execute(args, out, printStream(stderr));
            default:
                if ((command.endsWith(".wasm") || command.endsWith(".wat")) && !command.startsWith("-")) {
                    return new RunCommand(RunOptions.parse(args, 0), stdin, stdout, stderr, out).execute();
                }
                throw CliException.usage("unknown command " + command + " (try weir --help)");
        }
    }

    private static int help(String[] args, PrintStream out) throws CliException {
        if (args.length == 1) {
            out.print(HELP);
            return ExitStatus.OK;
        }
        switch (args[1]) {
            case "run":
                out.print(HELP_RUN);
                return ExitStatus.OK;
            case "inspect":
                out.print(HELP_INSPECT);
                return ExitStatus.OK;
            case "validate":
                out.print(HELP_VALIDATE);
                return ExitStatus.OK;
            case "bench":
                out.print(HELP_BENCH);
                return ExitStatus.OK;
            case "board":
                out.print(HELP_BOARD);
                return ExitStatus.OK;
            case "keygen":
                out.print(TrustCommands.HELP_KEYGEN);
                return ExitStatus.OK;
            case "sign":
                out.print(TrustCommands.HELP_SIGN);
                return ExitStatus.OK;
            case "verify":
                out.print(TrustCommands.HELP_VERIFY);
                return ExitStatus.OK;
            case "debug":
                out.print(DebugCommand.HELP);
                return ExitStatus.OK;
            case "fleet":
                out.print(FleetCommand.HELP);
                return ExitStatus.OK;
            case "node":
                out.print(NodeCommand.HELP);
                return ExitStatus.OK;
            case "help":
                out.print(HELP);
                return ExitStatus.OK;
            default:
                throw CliException.usage("no help for " + args[1] + ": commands are " + COMMANDS);
        }
    }

    private static String singleFile(String[] args, String command) throws CliException {
        if (args.length != 2) {
            throw CliException.usage(command + " takes exactly one module: weir " + command + " APP.wasm");
        }
        return args[1];
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = message == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void trace(Throwable e, PrintStream err) {
        if ("1".equals(System.getenv("WEIR_TRACE"))) {
            e.printStackTrace(err);
        }
    }

    private static PrintStream printStream(OutputStream stream) {
        try {
            return new PrintStream(stream, false, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError("UTF-8 is always supported", e);
        }
    }
}
