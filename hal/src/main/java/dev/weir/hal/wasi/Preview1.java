package dev.weir.hal.wasi;

/**
 * The numbers of wasi_snapshot_preview1 (witx: typenames.witx): errno values, rights bits,
 * flags, enums and the byte layouts of the structs the functions read and write.
 */
final class Preview1 {
    private Preview1() {
    }

    // errno (u16): the values this implementation returns
    static final int SUCCESS = 0;
    static final int EACCES = 2;
    static final int EBADF = 8;
    static final int EBUSY = 10;
    static final int EEXIST = 20;
    static final int EFBIG = 22;
    static final int EILSEQ = 25;
    static final int EINTR = 27;
    static final int EINVAL = 28;
    static final int EIO = 29;
    static final int EISDIR = 31;
    static final int ELOOP = 32;
    static final int EMFILE = 33;
    static final int EMLINK = 34;
    static final int ENAMETOOLONG = 37;
    static final int ENOENT = 44;
    static final int ENOSPC = 51;
    static final int ENOSYS = 52;
    static final int ENOTDIR = 54;
    static final int ENOTEMPTY = 55;
    static final int ENOTSOCK = 57;
    static final int ENOTSUP = 58;
    static final int EPERM = 63;
    static final int EPIPE = 64;
    static final int EROFS = 69;
    static final int ESPIPE = 70;
    static final int EXDEV = 75;
    static final int ENOTCAPABLE = 76;

    // rights (u64 bit positions)
    static final long RIGHT_FD_DATASYNC = 1L << 0;
    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_SEEK = 1L << 2;
    static final long RIGHT_FD_FDSTAT_SET_FLAGS = 1L << 3;
    static final long RIGHT_FD_SYNC = 1L << 4;
    static final long RIGHT_FD_TELL = 1L << 5;
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final long RIGHT_FD_ADVISE = 1L << 7;
    static final long RIGHT_FD_ALLOCATE = 1L << 8;
    static final long RIGHT_PATH_CREATE_DIRECTORY = 1L << 9;
    static final long RIGHT_PATH_CREATE_FILE = 1L << 10;
    static final long RIGHT_PATH_LINK_SOURCE = 1L << 11;
    static final long RIGHT_PATH_LINK_TARGET = 1L << 12;
    static final long RIGHT_PATH_OPEN = 1L << 13;
    static final long RIGHT_FD_READDIR = 1L << 14;
    static final long RIGHT_PATH_READLINK = 1L << 15;
    static final long RIGHT_PATH_RENAME_SOURCE = 1L << 16;
    static final long RIGHT_PATH_RENAME_TARGET = 1L << 17;
    static final long RIGHT_PATH_FILESTAT_GET = 1L << 18;
    static final long RIGHT_PATH_FILESTAT_SET_SIZE = 1L << 19;
    static final long RIGHT_PATH_FILESTAT_SET_TIMES = 1L << 20;
    static final long RIGHT_FD_FILESTAT_GET = 1L << 21;
    static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;
    static final long RIGHT_FD_FILESTAT_SET_TIMES = 1L << 23;
    static final long RIGHT_PATH_SYMLINK = 1L << 24;
    static final long RIGHT_PATH_REMOVE_DIRECTORY = 1L << 25;
    static final long RIGHT_PATH_UNLINK_FILE = 1L << 26;
    static final long RIGHT_POLL_FD_READWRITE = 1L << 27;
    static final long RIGHT_SOCK_SHUTDOWN = 1L << 28;
    static final long RIGHT_SOCK_ACCEPT = 1L << 29;

    /** Rights that make sense on a regular file. */
    static final long FILE_RIGHTS = RIGHT_FD_DATASYNC | RIGHT_FD_READ | RIGHT_FD_SEEK
            | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_SYNC | RIGHT_FD_TELL | RIGHT_FD_WRITE | RIGHT_FD_ADVISE
            | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_GET | RIGHT_FD_FILESTAT_SET_SIZE
            | RIGHT_FD_FILESTAT_SET_TIMES | RIGHT_POLL_FD_READWRITE;
    /** File rights that modify the file; a read-only preopen never grants them. */
    static final long FILE_WRITE_RIGHTS = RIGHT_FD_DATASYNC | RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE
            | RIGHT_FD_FILESTAT_SET_SIZE | RIGHT_FD_FILESTAT_SET_TIMES;
    /** Rights that make sense on a directory. */
    static final long DIRECTORY_RIGHTS = RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_SYNC
            | RIGHT_PATH_CREATE_DIRECTORY | RIGHT_PATH_CREATE_FILE | RIGHT_PATH_LINK_SOURCE
            | RIGHT_PATH_LINK_TARGET | RIGHT_PATH_OPEN | RIGHT_FD_READDIR | RIGHT_PATH_READLINK
            | RIGHT_PATH_RENAME_SOURCE | RIGHT_PATH_RENAME_TARGET | RIGHT_PATH_FILESTAT_GET
            | RIGHT_PATH_FILESTAT_SET_SIZE | RIGHT_PATH_FILESTAT_SET_TIMES | RIGHT_FD_FILESTAT_GET
            | RIGHT_FD_FILESTAT_SET_TIMES | RIGHT_PATH_SYMLINK | RIGHT_PATH_REMOVE_DIRECTORY
            | RIGHT_PATH_UNLINK_FILE;
    /** Directory rights that change the tree; a read-only preopen never grants them. */
    static final long DIRECTORY_WRITE_RIGHTS = RIGHT_PATH_CREATE_DIRECTORY | RIGHT_PATH_CREATE_FILE
            | RIGHT_PATH_LINK_SOURCE | RIGHT_PATH_LINK_TARGET | RIGHT_PATH_RENAME_SOURCE
            | RIGHT_PATH_RENAME_TARGET | RIGHT_PATH_FILESTAT_SET_SIZE | RIGHT_PATH_FILESTAT_SET_TIMES
            | RIGHT_FD_FILESTAT_SET_TIMES | RIGHT_PATH_SYMLINK | RIGHT_PATH_REMOVE_DIRECTORY
            | RIGHT_PATH_UNLINK_FILE;
    static final long STDIN_RIGHTS = RIGHT_FD_READ | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET
            | RIGHT_POLL_FD_READWRITE;
    static final long STDOUT_RIGHTS = RIGHT_FD_WRITE | RIGHT_FD_DATASYNC | RIGHT_FD_SYNC
            | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;

    // filetype (u8)
    static final int FILETYPE_UNKNOWN = 0;
    static final int FILETYPE_BLOCK_DEVICE = 1;
    static final int FILETYPE_CHARACTER_DEVICE = 2;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR_FILE = 4;
    static final int FILETYPE_SOCKET_STREAM = 6;
    static final int FILETYPE_SYMBOLIC_LINK = 7;

    // fdflags (u16)
    static final int FDFLAGS_APPEND = 1;
    static final int FDFLAGS_DSYNC = 2;
    static final int FDFLAGS_NONBLOCK = 4;
    static final int FDFLAGS_RSYNC = 8;
    static final int FDFLAGS_SYNC = 16;

    // oflags (u16)
    static final int OFLAGS_CREAT = 1;
    static final int OFLAGS_DIRECTORY = 2;
    static final int OFLAGS_EXCL = 4;
    static final int OFLAGS_TRUNC = 8;

    // lookupflags (u32)
    static final int LOOKUPFLAGS_SYMLINK_FOLLOW = 1;

    // fstflags (u16)
    static final int FSTFLAGS_ATIM = 1;
    static final int FSTFLAGS_ATIM_NOW = 2;
    static final int FSTFLAGS_MTIM = 4;
    static final int FSTFLAGS_MTIM_NOW = 8;

    // whence (u8)
    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    // clockid (u32)
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    static final int CLOCK_THREAD_CPUTIME_ID = 3;

    // advice (u8): normal .. noreuse
    static final int ADVICE_MAX = 5;

    // eventtype (u8)
    static final int EVENTTYPE_CLOCK = 0;
    static final int EVENTTYPE_FD_READ = 1;
    static final int EVENTTYPE_FD_WRITE = 2;
    // subclockflags (u16)
    static final int SUBCLOCKFLAGS_ABSTIME = 1;
    // eventrwflags (u16)
    static final int EVENTRWFLAGS_HANGUP = 1;


    // layouts (bytes)
    static final int IOVEC_SIZE = 8;
    static final int FDSTAT_SIZE = 24;
    static final int FILESTAT_SIZE = 64;
    static final int DIRENT_SIZE = 24;
    static final int PRESTAT_SIZE = 8;
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;
}
