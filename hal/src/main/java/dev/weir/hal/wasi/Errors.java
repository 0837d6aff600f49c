package dev.weir.hal.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Maps Java I/O failures to preview1 errno values. */
final class Errors {
    private Errors() {
    }

    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Preview1.ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Preview1.EEXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Preview1.ENOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Preview1.ENOTDIR;
        }
        if (e instanceof AccessDeniedException) {
            return Preview1.EACCES;
        }
        if (e instanceof NotLinkException) {
            return Preview1.EINVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Preview1.ELOOP;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return Preview1.EXDEV;
        }
        if (e instanceof ClosedChannelException) {
            return Preview1.EBADF;
        }
        if (e instanceof FileSystemException) {
            // The JDK reports other errno values only as strerror text; match the Linux wording.
            String reason = ((FileSystemException) e).getReason();
            int errno = fromReason(reason);
            if (errno != Preview1.EIO) {
                return errno;
            }
        }
        return fromReason(e.getMessage());
    }

    private static int fromReason(String reason) {
        if (reason == null) {
            return Preview1.EIO;
        }
        if (reason.contains("Not a directory")) {
            return Preview1.ENOTDIR;
        }
        if (reason.contains("Is a directory")) {
            return Preview1.EISDIR;
        }
        if (reason.contains("Directory not empty")) {
            return Preview1.ENOTEMPTY;
        }
        if (reason.contains("Read-only file system")) {
            return Preview1.EROFS;
        }
        if (reason.contains("Too many levels of symbolic links")) {
            return Preview1.ELOOP;
        }
        if (reason.contains("No space left")) {
            return Preview1.ENOSPC;
        }
        if (reason.contains("cross-device")) {
            return Preview1.EXDEV;
        }
        if (reason.contains("File name too long")) {
            return Preview1.ENAMETOOLONG;
        }
        if (reason.contains("Operation not permitted")) {
            return Preview1.EPERM;
        }
        if (reason.contains("Permission denied")) {
            return Preview1.EACCES;
        }
        if (reason.contains("Device or resource busy")) {
            return Preview1.EBUSY;
        }
        if (reason.contains("Invalid argument")) {
            return Preview1.EINVAL;
        }
        if (reason.contains("Too many links")) {
            return Preview1.EMLINK;
        }
        if (reason.contains("File too large")) {
            return Preview1.EFBIG;
        }
        if (reason.contains("Broken pipe")) {
            return Preview1.EPIPE;
        }
        if (reason.contains("No such file")) {
            return Preview1.ENOENT;
        }
        if (reason.contains("File exists")) {
            return Preview1.EEXIST;
        }
        return Preview1.EIO;
    }
}
