/* The office key's file: 64 hex digits and a newline, mode 0600, never
 * inside the database. Written only with O_CREAT|O_EXCL|O_NOFOLLOW, so an
 * existing key (or a planted symlink) is never overwritten or followed. */
#include "seal_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/paths.h"

int seal_key_read(const char *path, unsigned char key[SEAL_KEY_LEN])
{
	char buf[160];
	struct stat sb;
	/* O_NONBLOCK: a FIFO named by the setting must not hang the open; it is
	 * then refused as not a regular file. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return errno == ELOOP ? EINVAL : errno;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return EINVAL;
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	int err = n < 0 ? errno : 0;
	close(fd);
	if (n < 0)
		return err;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	size_t got = 0;
	if (n != SEAL_KEY_LEN * 2 ||
	    sodium_hex2bin(key, SEAL_KEY_LEN, buf, (size_t)n, NULL, &got, NULL) != 0 || got != SEAL_KEY_LEN) {
		sodium_memzero(buf, sizeof buf);
		return EINVAL;
	}
	sodium_memzero(buf, sizeof buf);
	return 0;
}

int seal_key_write(const char *path, const unsigned char key[SEAL_KEY_LEN])
{
	char hex[SEAL_KEY_LEN * 2 + 2];
	const char *slash = strrchr(path, '/');
	if (slash && slash != path) {
		char *dir = strndup(path, (size_t)(slash - path));
		if (!dir)
			return ENOMEM;
		int r = lf_path_mkdirs(dir, 0700);
		int saved = errno;
		free(dir);
		if (r != 0)
			return saved;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	sodium_bin2hex(hex, sizeof hex, key, SEAL_KEY_LEN);
	size_t len = strlen(hex);
	hex[len++] = '\n';
	int err = 0;
	if (write(fd, hex, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	else if (fsync(fd) != 0)
		err = errno;
	sodium_memzero(hex, sizeof hex);
	if (close(fd) != 0 && !err)
		err = errno;
	if (err)
		unlink(path);
	return err;
}

bool seal_key_path(lf_store *st, const char *db_id, char *out, size_t len, bool *by_setting)
{
	sql_stmt *s = NULL;
	bool set = false;
	/* An office that keeps its keys elsewhere names the file in a setting. */
	if (sql_prepare_v2(st->db, "SELECT value FROM main.setting WHERE key = 'audit_key_file'", -1, &s,
	                       NULL) == SQL_OK &&
	    sql_step(s) == SQL_ROW) {
		const char *v = (const char *)sql_column_text(s, 0);
		if (v && *v) {
			snprintf(out, len, "%s", v);
			set = true;
		}
	}
	sql_finalize(s);
	*by_setting = set;
	if (set)
		return true;
	char *dir = lf_path_config_dir();
	if (!dir)
		return false;
	int n = snprintf(out, len, "%s/%s.key", dir, db_id);
	free(dir);
	return n > 0 && (size_t)n < len;
}
