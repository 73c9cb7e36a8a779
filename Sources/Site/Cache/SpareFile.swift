import Foundation

/// A large file written over the file it replaced the last time, instead of into a new one: a
/// new 34 MB file costs the kernel fresh pages and blocks, and its rename frees the old file's
/// (8–80 ms on the machine measured, against 5 ms to write over a kept one; `docs/benchmarks.md`).
/// The file about to be replaced is kept under a second name (`keep`); the next writer moves it
/// to its temporary name and writes over it (`reuse`). Used by the output's large files
/// (`SiteOutput`) and the build cache (`CacheWriter`).
enum SpareFile {
    /// Moves the kept file `spare` to `path` and opens it for writing over; nil (and nothing
    /// at `path`) when there is none, or it is not a regular file only this name links to: a
    /// writer killed between `keep` and its rename leaves the spare linked to the live file, and
    /// a file of the output may be linked from elsewhere by hand. The caller cuts it to length.
    static func reuse(_ spare: String, at path: String) -> Int32? {
        guard rename(spare, path) == 0 else { return nil }
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        var info = stat()
        if fd >= 0, fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 { return fd }
        if fd >= 0 { close(fd) }
        unlink(path)
        return nil
    }

    /// Keeps the file at `live`, about to be replaced, as the spare at `spare`.
    static func keep(_ live: String, as spare: String) {
        unlink(spare)
        link(live, spare)
    }

    /// Writes all of `bytes` to `fd`; false on an error.
    static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
