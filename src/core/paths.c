/* Where laifang keeps its files, after the XDG base directory rules: the
 * database and state paths, mkdir -p, and the login name. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* strdup, getpwuid */
#endif

#include "laifang/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The variable's value when it is set and not empty, else NULL. */
static const char *env_nonempty(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* The XDG rules: a base directory variable that is empty or holds a
 * relative path is invalid and must be ignored. */
static const char *env_xdg(const char *name)
{
	const char *v = getenv(name);
	return v && v[0] == '/' ? v : NULL;
}

/* base + tail in a new string; trailing slashes of base are dropped so the
 * result has no "//" (tail starts with '/'). */
static char *join(const char *base, const char *tail)
{
	size_t blen = strlen(base), tlen = strlen(tail);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	char *s = malloc(blen + tlen + 1);
	if (!s)
		return NULL;
	memcpy(s, base, blen);
	memcpy(s + blen, tail, tlen + 1);
	return s;
}

/* The first usable one: the override variable, $xdg_var + tail, then
 * $HOME + home_tail + tail. NULL when none (or out of memory). */
static char *resolve(const char *override, const char *xdg_var, const char *home_tail,
                     const char *tail)
{
	const char *v;
	if ((v = env_nonempty(override)))
		return strdup(v);
	if ((v = env_xdg(xdg_var)))
		return join(v, tail);
	if (!(v = env_nonempty("HOME"))) {
		errno = ENOENT;
		return NULL;
	}
	char *home = join(v, home_tail);
	if (!home)
		return NULL;
	char *path = join(home, tail);
	free(home);
	return path;
}

char *lf_path_database(const char *arg)
{
	if (arg && *arg)
		return strdup(arg);
	return resolve("LAIFANG_DB", "XDG_DATA_HOME", "/.local/share", "/laifang/laifang.db");
}

void lf_path_redact(const char *db, char *out, size_t len)
{
	if (!len)
		return;
	size_t o = 0;
	const char *p = db ? db : "";
	/* A URI's user:password@ (up to the first '@' of its authority). */
	const char *scheme = strstr(p, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at && (!slash || at < slash) && colon && colon < at) {
		o = (size_t)snprintf(out, len, "%.*s:***", (int)(colon - p), p);
		p = at;
	}
	/* password=... and password in a query (?password=...&) */
	while (*p && o + 1 < len) {
		if (!strncmp(p, "password=", 9) && (p == db || p[-1] == ' ' || p[-1] == '?' || p[-1] == '&')) {
			o += (size_t)snprintf(out + o, len - o, "password=***");
			p += 9;
			while (*p && *p != ' ' && *p != '&')
				p++;
			continue;
		}
		out[o++] = *p++;
	}
	out[o < len ? o : len - 1] = '\0';
}

bool lf_path_is_server_db(const char *db)
{
	return db && (!strncmp(db, "postgresql:", 11) || !strncmp(db, "postgres://", 11));
}

char *lf_path_state_dir(void)
{
	return resolve("LAIFANG_STATE_DIR", "XDG_STATE_HOME", "/.local/state", "/laifang");
}

char *lf_path_config_dir(void)
{
	return resolve("LAIFANG_CONFIG_DIR", "XDG_CONFIG_HOME", "/.config", "/laifang");
}

/* Make path a directory unless it already is one. */
static int make_one(const char *path, mode_t mode)
{
	struct stat st;
	/* stat first: mkdir of an existing directory can fail with EACCES or
	 * EROFS rather than EEXIST, which would wrongly stop the walk. */
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	if (errno != ENOENT)
		return -1;
	if (mkdir(path, mode) == 0)
		return 0;
	int saved = errno;
	/* Another process may have made it between stat and mkdir. */
	if (saved == EEXIST && stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		saved = ENOTDIR;
	}
	errno = saved;
	return -1;
}

int lf_path_mkdirs(const char *dir, unsigned mode)
{
	if (!dir || !*dir) {
		errno = ENOENT;
		return -1;
	}
	char *path = strdup(dir);
	if (!path)
		return -1;
	int rc = 0;
	size_t len = strlen(path);
	/* Cut the path after each component in turn; the root needs no making
	 * and doubled or trailing slashes give no empty components. */
	for (size_t i = 1; i <= len && rc == 0; i++) {
		if (i < len && path[i] != '/')
			continue;
		if (path[i - 1] == '/')
			continue;
		char saved = path[i];
		path[i] = '\0';
		rc = make_one(path, (mode_t)mode);
		path[i] = saved;
	}
	int err = errno;
	free(path);
	errno = err;
	return rc;
}

const char *lf_os_user(void)
{
	static char name[256];
	if (name[0])
		return name;
	struct passwd *pw = getpwuid(geteuid());
	const char *v = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : env_nonempty("USER");
	snprintf(name, sizeof name, "%s", v ? v : "unknown");
	return name;
}
