/* What the fuzz targets that work on a database share: its directory, its
 * files removed at the end, and the small office they start from (an
 * administrator "admin" and a clerk "clerk" 王芳). */
#ifndef LAIFANG_FUZZ_STORE_H
#define LAIFANG_FUZZ_STORE_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/people.h"
#include "laifang/store.h"
#include "laifang/store_people.h"

/* A new directory laifang-fuzz-<tag>-XXXXXX under $TMPDIR (or /tmp). */
static inline bool fuzz_temp_dir(char *dir, size_t len, const char *tag)
{
	snprintf(dir, len, "%s/laifang-fuzz-%s-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", tag);
	return mkdtemp(dir) != NULL;
}

/* The database file and its -wal and -shm companions removed. */
static inline void fuzz_unlink_db(const char *db)
{
	char side[160];
	unlink(db);
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
}

/* The office keys laifang wrote under dir (XDG_CONFIG_HOME = dir:
 * dir/laifang/<office>.key) removed, and their folder: no key is left in
 * /tmp after a run. */
static inline void fuzz_remove_keys(const char *dir)
{
	char keys[200];
	snprintf(keys, sizeof keys, "%s/laifang", dir);
	DIR *d = opendir(keys);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", keys, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(keys);
}

/* The administrator and the clerk added; false with the reason in msg. */
static inline bool fuzz_admin_and_clerk(lf_store *st, char *msg, size_t len)
{
	lf_user admin = {0};
	bool ok = lf_people_init_admin(st, "admin", "管理员", "admin-pass-1", msg, len) == LF_STORE_OK &&
	          lf_store_user_get(st, "admin", &admin, NULL) == LF_STORE_OK &&
	          lf_people_add_user(st, &admin, "clerk", "王芳", NULL, NULL, LF_ROLE_CLERK, "clerk-pass-1", msg, len) ==
	                  LF_STORE_OK;
	lf_user_free(&admin);
	return ok;
}

#endif
