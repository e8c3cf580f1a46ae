/* A new file beside the target, put in place only once it is whole. */
#include "laifang/safe_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *lf_safe_open(lf_safe_file *sf, const char *path)
{
	sf->f = NULL;
	size_t len = strlen(path);
	sf->tmp = malloc(len + 8);
	if (!sf->tmp) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(sf->tmp, path, len);
	memcpy(sf->tmp + len, ".XXXXXX", 8);
	/* mkstemp makes the file 0600: never readable by others, not even for
	 * a moment; fchmod says so whatever the umask did. */
	int fd = mkstemp(sf->tmp);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(sf->f = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(sf->tmp);
		}
		free(sf->tmp);
		sf->tmp = NULL;
		errno = e;
		return NULL;
	}
	return sf->f;
}

int lf_safe_finish(lf_safe_file *sf)
{
	if (!sf->f)
		return 0;
	int rc = 0;
	if (fflush(sf->f) != 0 || fsync(fileno(sf->f)) != 0)
		rc = -1;
	int e = errno;
	if (fclose(sf->f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	sf->f = NULL;
	errno = e;
	return rc;
}

int lf_safe_commit(lf_safe_file *sf, const char *path)
{
	if (!sf->tmp) {
		errno = EINVAL;
		return -1;
	}
	if (lf_safe_finish(sf) != 0 || rename(sf->tmp, path) != 0) {
		int e = errno;
		lf_safe_abort(sf);
		errno = e;
		return -1;
	}
	free(sf->tmp);
	sf->tmp = NULL;
	return 0;
}

void lf_safe_abort(lf_safe_file *sf)
{
	if (sf->f)
		fclose(sf->f);
	sf->f = NULL;
	if (sf->tmp) {
		unlink(sf->tmp);
		free(sf->tmp);
	}
	sf->tmp = NULL;
}
