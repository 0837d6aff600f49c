package dev.weir.hal.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;

/**
 * Resolves a guest path inside a directory capability, one component at a time, the way an
 * openat()-based sandbox does: the host never resolves more than one name, symbolic links are
 * read and expanded here, and every step is checked to stay inside the directory. An absolute
 * path, a ".." above the directory, or a symbolic link whose target is absolute or climbs out is
 * refused with ENOTCAPABLE, whatever the host file system would have found there.
 * <p>
 * The resolved host path contains no symbolic link below the directory, so callers act on it
 * with {@link LinkOption#NOFOLLOW_LINKS}.
 */
final class PathResolver {
    /** Most symbolic links expanded in one resolution, as Linux (MAXSYMLINKS); more is ELOOP. */
    static final int MAX_SYMLINKS = 40;

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private PathResolver() {
    }

    /** Where a guest path led. */
    static final class Resolved {
        /** Host path of the object (or of where it would be created). */
        final Path path;
        /** Its attributes (not following a final link), or null when nothing exists there. */
        final BasicFileAttributes attributes;
        /** The path names the directory capability itself ("." or "a/.."). */
        final boolean isBase;
        /** The guest path ended with '/', so it must name a directory. */
        final boolean trailingSlash;

        Resolved(Path path, BasicFileAttributes attributes, boolean isBase, boolean trailingSlash) {
            this.path = path;
            this.attributes = attributes;
            this.isBase = isBase;
            this.trailingSlash = trailingSlash;
        }

        boolean exists() {
            return attributes != null;
        }

        boolean isDirectory() {
            return attributes != null && attributes.isDirectory();
        }

        boolean isSymbolicLink() {
            return attributes != null && attributes.isSymbolicLink();
        }
    }

    /**
     * @param base        the directory capability (host real path)
     * @param guestPath   relative path from the module
     * @param followFinal follow a symbolic link in the last component (lookupflags symlink_follow);
     *                    links in earlier components are always followed
     * @throws ErrnoException ENOENT, ENOTDIR, ELOOP, EINVAL (NUL byte), ENOTCAPABLE (escape)
     */
    static Resolved resolve(Path base, String guestPath, boolean followFinal) throws IOException {
        if (guestPath.isEmpty()) {
            throw new ErrnoException(Preview1.ENOENT);
        }
        if (guestPath.indexOf('\0') >= 0) {
            throw new ErrnoException(Preview1.EINVAL);
        }
        if (guestPath.charAt(0) == '/') {
            throw new ErrnoException(Preview1.ENOTCAPABLE);
        }
        boolean trailingSlash = guestPath.charAt(guestPath.length() - 1) == '/';
        if (trailingSlash) {
            followFinal = true;
        }
        ArrayDeque<String> todo = new ArrayDeque<String>();
        pushFront(todo, guestPath);
        int depth = 0;
        Path current = base;
        BasicFileAttributes finalAttributes = null;
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            boolean last = todo.isEmpty();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (depth == 0) {
                    throw new ErrnoException(Preview1.ENOTCAPABLE);
                }
                depth--;
                current = current.getParent();
                continue;
            }
            Path candidate = current.resolve(name);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(candidate, BasicFileAttributes.class, NOFOLLOW);
            } catch (NoSuchFileException e) {
                if (last) {
                    return new Resolved(candidate, null, false, trailingSlash);
                }
                throw new ErrnoException(Preview1.ENOENT);
            }
            if (attributes.isSymbolicLink() && (!last || followFinal)) {
                if (++links > MAX_SYMLINKS) {
                    throw new ErrnoException(Preview1.ELOOP);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.isEmpty()) {
                    throw new ErrnoException(Preview1.ENOENT);
                }
                if (target.charAt(0) == '/') {
                    throw new ErrnoException(Preview1.ENOTCAPABLE);
                }
                pushFront(todo, target);
                continue;
            }
            if (!last && !attributes.isDirectory()) {
                throw new ErrnoException(Preview1.ENOTDIR);
            }
            depth++;
            current = candidate;
            if (last) {
                finalAttributes = attributes;
            }
        }
        if (finalAttributes == null) {
            // The path ended in "." or "..": it names a directory already walked through.
            finalAttributes = Files.readAttributes(current, BasicFileAttributes.class, NOFOLLOW);
        }
        if (trailingSlash && !finalAttributes.isDirectory()) {
            throw new ErrnoException(Preview1.ENOTDIR);
        }
        return new Resolved(current, finalAttributes, depth == 0, trailingSlash);
    }

    /**
     * Checks that the host path an open fd holds still leads from its preopen through real
     * directories only. Another preopen, or a host process, may have moved a directory away and
     * put a symbolic link in its place since the fd was opened; using the path would then follow
     * it, maybe out of the sandbox.
     *
     * @param includeLast also check the last component (directory fds, whose path is used as a
     *                    directory); a file's last component is always used without following
     * @throws ErrnoException ENOENT if a directory on the way is gone, ENOTCAPABLE if one is now
     *                        a symbolic link or not a directory
     */
    static void verify(Path root, Path path, boolean includeLast) throws IOException {
        if (root == null) {
            return;
        }
        checkDirectory(root);
        if (path.equals(root)) {
            return;
        }
        Path relative = root.relativize(path);
        int end = relative.getNameCount() - (includeLast ? 0 : 1);
        Path current = root;
        for (int i = 0; i < end; i++) {
            current = current.resolve(relative.getName(i));
            checkDirectory(current);
        }
    }

    private static void checkDirectory(Path directory) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            throw new ErrnoException(Preview1.ENOENT);
        }
        if (!attributes.isDirectory()) {
            throw new ErrnoException(Preview1.ENOTCAPABLE);
        }
    }

    /** Puts the components of path before what is left to resolve (empty components are dropped). */
    private static void pushFront(ArrayDeque<String> todo, String path) {
        int end = path.length();
        while (end > 0) {
            int slash = path.lastIndexOf('/', end - 1);
            if (slash < end - 1) {
                todo.addFirst(path.substring(slash + 1, end));
            }
            end = slash < 0 ? 0 : slash;
        }
    }
}
