#ifndef NASTAVNIK_CPLATFORM_H
#define NASTAVNIK_CPLATFORM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (ENOSYS/EINVAL where the kernel or file system cannot).
/// Swift's Glibc module does not export renameat2, hence this shim.
int nastavnik_exchange_paths(const char *a, const char *b);

#endif
