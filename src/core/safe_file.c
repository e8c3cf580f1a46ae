/* A new file beside the target, under a name nobody can guess, put in
 * place only once it is whole; never through a symbolic link. */
#include "laifang/safe_file.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "laifang/i18n.h"

#define TMP_BASE_MAX 64 /* bytes of the target's name kept in the temporary's */

int lf_safe_target_ok(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISLNK(sb.st_mode))
		errno = ELOOP;
	else if (S_ISDIR(sb.st_mode))
		errno = EISDIR;
	else if (!S_ISREG(sb.st_mode))
		errno = LF_SAFE_ENOTREG;
	else
		return 0;
	return -1;
}

/* 16 hex digits from the kernel's generator; should it fail, from what
 * differs between calls (the name is still created with O_EXCL). */
static void random_hex(char out[17])
{
	static unsigned counter;
	uint64_t r = 0;
	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		r = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40) ^
		    (uint64_t)(++counter * 2654435761u);
	}
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++)
		out[i] = digits[(r >> (4 * i)) & 15];
	out[16] = '\0';
}

int lf_safe_create(lf_safe_file *sf, const char *path)
{
	sf->f = NULL;
	sf->fd = -1;
	sf->tmp = NULL;
	if (!path || !path[0]) {
		errno = ENOENT;
		return -1;
	}
	if (lf_safe_target_ok(path) != 0)
		return -1;
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	if (blen == 0) {
		errno = EISDIR; /* "dir/" */
		return -1;
	}
	if (blen > TMP_BASE_MAX)
		blen = TMP_BASE_MAX;
	/* dir/.base.<16 hex>.tmp */
	size_t n = dlen + 1 + blen + 1 + 16 + 4 + 1;
	if (!(sf->tmp = malloc(n))) {
		errno = ENOMEM;
		return -1;
	}
	for (int tries = 0; tries < 100; tries++) {
		char hex[17];
		random_hex(hex);
		snprintf(sf->tmp, n, "%.*s.%.*s.%s.tmp", (int)dlen, path, (int)blen, base, hex);
		/* O_EXCL with O_CREAT refuses whatever is there, a link included;
		 * O_NOFOLLOW says so plainly. 0600: never readable by others. */
		sf->fd = open(sf->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (sf->fd >= 0)
			break;
		if (errno != EEXIST)
			break;
	}
	if (sf->fd < 0 || fchmod(sf->fd, 0600) != 0) {
		int e = errno;
		if (sf->fd >= 0) {
			close(sf->fd);
			unlink(sf->tmp);
		}
		free(sf->tmp);
		sf->tmp = NULL;
		sf->fd = -1;
		errno = e;
		return -1;
	}
	return sf->fd;
}

FILE *lf_safe_open(lf_safe_file *sf, const char *path)
{
	if (lf_safe_create(sf, path) < 0)
		return NULL;
	if (!(sf->f = fdopen(sf->fd, "w"))) {
		int e = errno;
		lf_safe_abort(sf);
		errno = e;
		return NULL;
	}
	return sf->f;
}

int lf_safe_finish(lf_safe_file *sf)
{
	if (!sf->f && sf->fd < 0)
		return 0;
	int rc = 0, e = 0;
	if ((sf->f && fflush(sf->f) != 0) || fsync(sf->fd) != 0) {
		rc = -1;
		e = errno;
	}
	int closed = sf->f ? fclose(sf->f) : close(sf->fd);
	if (closed != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	sf->f = NULL;
	sf->fd = -1;
	errno = e;
	return rc;
}

/* Make the rename reach the disk too (best effort: some file systems
 * cannot sync a folder). */
static void sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	if (!dir)
		return;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int lf_safe_commit(lf_safe_file *sf, const char *path)
{
	if (!sf->tmp) {
		errno = EINVAL;
		return -1;
	}
	/* Looked at again: a link planted while the file was written is
	 * refused; rename itself replaces a name and never follows it. */
	if (lf_safe_finish(sf) != 0 || lf_safe_target_ok(path) != 0 || rename(sf->tmp, path) != 0) {
		int e = errno;
		lf_safe_abort(sf);
		errno = e;
		return -1;
	}
	free(sf->tmp);
	sf->tmp = NULL;
	sync_dir_of(path);
	return 0;
}

void lf_safe_abort(lf_safe_file *sf)
{
	if (sf->f)
		fclose(sf->f);
	else if (sf->fd >= 0)
		close(sf->fd);
	sf->f = NULL;
	sf->fd = -1;
	if (sf->tmp) {
		unlink(sf->tmp);
		free(sf->tmp);
	}
	sf->tmp = NULL;
}

const char *lf_safe_strerror(int err)
{
	switch (err) {
	case ELOOP: return _("a symbolic link is in its place; laifang does not write through links (remove it or choose another name)");
	case EISDIR: return _("it is a folder, not a file");
	case LF_SAFE_ENOTREG: return _("something that is not an ordinary file (a pipe or a device) is in its place");
	default: return strerror(err);
	}
}
