package dev.weir.board.cli;

/**
 * Groups WASI preview1 functions by the capability they exercise, so {@code weir inspect} can say
 * what a module would need before anyone runs it. The groups follow what a host has to grant:
 * files need a preopened directory ({@code --dir}), the environment needs {@code --env}, and so on.
 */
final class WasiCapabilities {
    /** Import module names of WASI preview1 (and its predecessor, which shares the function names). */
    static final String PREVIEW1 = "wasi_snapshot_preview1";
    static final String UNSTABLE = "wasi_unstable";

    /** Capability groups in the order inspect prints them, each with how a user grants it. */
    static final String[] GROUPS = {"args", "env", "stdio", "filesystem", "clock", "random", "poll", "process",
        "sockets", "other"};
    private static final String[] GRANTS = {"program arguments after APP.wasm", "granted with --env",
        "open descriptors: stdin, stdout, stderr and opened files", "granted with --dir", "always available",
        "always available", "waits on clocks and descriptors", "exit status and signals", "not supported by weir",
        "unknown WASI function"};

    private WasiCapabilities() {
    }

    static boolean isWasiModule(String module) {
        return PREVIEW1.equals(module) || UNSTABLE.equals(module);
    }

    /** How a user grants the group, for the inspect listing. */
    static String grant(String group) {
        for (int i = 0; i < GROUPS.length; i++) {
            if (GROUPS[i].equals(group)) {
                return GRANTS[i];
            }
        }
        return "";
    }

    /** The capability group of a WASI function name. */
    static String groupOf(String function) {
        switch (function) {
            case "args_get": case "args_sizes_get":
                return "args";
            case "environ_get": case "environ_sizes_get":
                return "env";
            case "clock_res_get": case "clock_time_get":
                return "clock";
            case "random_get":
                return "random";
            case "poll_oneoff":
                return "poll";
            case "proc_exit": case "proc_raise": case "sched_yield":
                return "process";
            case "sock_accept": case "sock_recv": case "sock_send": case "sock_shutdown":
                return "sockets";
            case "fd_read": case "fd_write": case "fd_pread": case "fd_pwrite": case "fd_seek": case "fd_tell":
            case "fd_close": case "fd_sync": case "fd_datasync": case "fd_fdstat_get": case "fd_fdstat_set_flags":
            case "fd_fdstat_set_rights": case "fd_advise": case "fd_allocate": case "fd_renumber":
                return "stdio";
            case "fd_prestat_get": case "fd_prestat_dir_name": case "fd_readdir": case "fd_filestat_get":
            case "fd_filestat_set_size": case "fd_filestat_set_times":
                return "filesystem";
            default:
                return function.startsWith("path_") ? "filesystem" : "other";
        }
    }
}
