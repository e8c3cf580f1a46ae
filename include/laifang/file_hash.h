/* SHA-256 of a file the caller names, and opening only an ordinary file
 * (core module: no store, no curses; only the files it is handed). */
#ifndef LAIFANG_FILE_HASH_H
#define LAIFANG_FILE_HASH_H

#include <stdbool.h>

#ifndef LF_SHA256_HEX
#define LF_SHA256_HEX 65 /* 64 hex digits and NUL */
#endif

/* SHA-256 of a file as 64 lower-case hex digits, and its size (may be
 * NULL). 0, or the errno that stopped it (ENOENT, EACCES, EISDIR...). */
int lf_file_sha256(const char *path, char hex[LF_SHA256_HEX], long long *size);

/* Hash what fd gives until its end, writing a copy to out_fd (-1: none).
 * More than max bytes (max > 0) stops it with EFBIG. 0 or an errno. */
int lf_file_hash_stream(int fd, int out_fd, long long max, char hex[LF_SHA256_HEX], long long *size);

/* Open an ordinary file for reading: 0 and the descriptor (and its size),
 * or an errno: EISDIR for a folder, LF_SAFE_ENOTREG for a FIFO, a socket
 * or a device. A link is followed only when follow is true (a file the
 * person names, never one laifang stored). */
int lf_file_open_regular(const char *path, bool follow, int *fd_out, long long *size);

#endif
