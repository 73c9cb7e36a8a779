#define _GNU_SOURCE
#include "cplatform.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#endif

int nastavnik_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}


int nastavnik_open_path_flag(void) {
#ifdef O_PATH
    return O_PATH;
#else
    return O_RDONLY;
#endif
}

void nastavnik_allocate(int fd, long long size) {
#if defined(__linux__) && defined(FALLOC_FL_KEEP_SIZE)
    (void)fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, (off_t)size);
#else
    (void)fd;
    (void)size;
#endif
}
