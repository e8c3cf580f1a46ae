/* Hashing a file the caller names, and opening only an ordinary file: for
 * attachments, publications and the check of stored copies. Core module:
 * touches only the files it is handed. */
#include "laifang/file_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/safe_file.h"

static void to_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

/* Hash what fd gives until its end, writing a copy to out_fd (-1: none).
 * More than max bytes (max > 0) stops it with EFBIG. */
int lf_file_hash_stream(int fd, int out_fd, long long max, char hex[LF_SHA256_HEX], long long *size)
{
	if (sodium_init() < 0)
		return ENOMEM;
	crypto_hash_sha256_state h;
	unsigned char buf[65536], digest[crypto_hash_sha256_BYTES];
	long long total = 0;
	crypto_hash_sha256_init(&h);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			break;
		crypto_hash_sha256_update(&h, buf, (unsigned long long)r);
		total += r;
		if (max > 0 && total > max)
			return EFBIG; /* the file grew while it was copied */
		for (ssize_t off = 0; out_fd >= 0 && off < r;) {
			ssize_t w = write(out_fd, buf + off, (size_t)(r - off));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				return errno;
			}
			off += w;
		}
	}
	crypto_hash_sha256_final(&h, digest);
	to_hex(digest, sizeof digest, hex);
	if (size)
		*size = total;
	return 0;
}

/* Open an ordinary file for reading: 0 and the descriptor (and its size),
 * or an errno: EISDIR for a folder, LF_SAFE_ENOTREG for a FIFO, a socket
 * or a device. O_NONBLOCK so that opening a FIFO with no writer answers at
 * once instead of waiting; fstat then says what was opened. A link is
 * followed for a file the person names, never for one laifang stored. */
int lf_file_open_regular(const char *path, bool follow, int *fd_out, long long *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return errno;
	struct stat sb;
	int e = 0;
	if (fstat(fd, &sb) != 0)
		e = errno;
	else if (S_ISDIR(sb.st_mode))
		e = EISDIR;
	else if (!S_ISREG(sb.st_mode))
		e = LF_SAFE_ENOTREG;
	else {
		/* An ordinary file never blocks; reads go back to the usual mode. */
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0)
			e = errno;
	}
	if (e) {
		close(fd);
		return e;
	}
	if (size)
		*size = (long long)sb.st_size;
	*fd_out = fd;
	return 0;
}

int lf_file_sha256(const char *path, char hex[LF_SHA256_HEX], long long *size)
{
	int fd, e = lf_file_open_regular(path, false, &fd, NULL);
	if (e)
		return e;
	e = lf_file_hash_stream(fd, -1, 0, hex, size);
	close(fd);
	return e;
}

