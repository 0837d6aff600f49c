package dev.weir.board.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Tells whether the process's standard streams are interactive terminals, so {@code weir run} can
 * report them to the program as wasmtime does: a terminal is a character device (the program's
 * {@code isatty} is true and C stdio line-buffers it), a pipe or file is not (stdio then buffers
 * fully, which for output of many short lines is many times faster).
 * <p>
 * Java 11 has no isatty; on Linux the link {@code /proc/self/fd/N} names the terminal device.
 * Elsewhere {@link System#console()} answers for stdin and stdout together.
 */
final class Terminals {
    private Terminals() {
    }

    /** Whether stream is this process's stdin, stdout or stderr and that descriptor is a terminal. */
    static boolean isTerminal(Object stream) {
        FileDescriptor fd;
        try {
            if (stream instanceof FileInputStream) {
                fd = ((FileInputStream) stream).getFD();
            } else if (stream instanceof FileOutputStream) {
                fd = ((FileOutputStream) stream).getFD();
            } else {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        int number = fd == FileDescriptor.in ? 0 : fd == FileDescriptor.out ? 1 : fd == FileDescriptor.err ? 2 : -1;
        return number >= 0 && isTerminal(number, Paths.get("/proc/self/fd"));
    }

    /** Whether standard descriptor number (0, 1 or 2) is a terminal, looked up in procFds (/proc/self/fd). */
    static boolean isTerminal(int number, Path procFds) {
        if (Files.isDirectory(procFds)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(procFds.resolve(Integer.toString(number))).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** Terminal device names on Linux: pseudo-terminals, virtual and serial consoles. /dev/null is not one. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || "/dev/console".equals(target);
    }
}
