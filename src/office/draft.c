/* Drafts: the sheet being typed, on disk as a small JSON file
 *   {"form": "registration", "saved_at": "2026-11-23T09:30:05+08:00",
 *    "values": {"name": "张三", ...}}
 * written whole through safe_file.h: a crash leaves the old draft or the
 * new, never half, and a link planted in its place is refused. One file
 * per form, login, database and desk (draft.h says how they are named and
 * how a desk that stopped hands its draft to the next). */
#include "laifang/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "laifang/date.h"
#include "laifang/paths.h"
#include "laifang/safe_file.h"

#define DRAFT_SUFFIX ".draft.json"
#define LOCK_SUFFIX ".lock"

struct lf_draft {
	char *dir;       /* the state directory */
	char *prefix;    /* "FORM.DB.LOGIN." */
	char *name;      /* this desk's draft: prefix + desk + DRAFT_SUFFIX */
	char *path;      /* dir/name */
	char *lock_path; /* dir/.prefix + desk + LOCK_SUFFIX (hidden) */
	char *form;
	char *login;
	int lock_fd;
};

/* A form id becomes part of a file name: letters, digits, '_' and '-'. */
static bool safe_id(const char *id)
{
	if (!id || !*id)
		return false;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-'))
			return false;
	return true;
}

/* a + b + c + d in a new string. */
static char *cat4(const char *a, const char *b, const char *c, const char *d)
{
	size_t len = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
	char *p = malloc(len);
	if (p)
		snprintf(p, len, "%s%s%s%s", a, b, c, d);
	return p;
}

/* The first n hex digits of the SHA-256 of text. */
static void hash_hex(const char *text, char *hex, size_t n)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++)
		hex[i] = digits[(digest[i / 2] >> (i % 2 ? 0 : 4)) & 15];
	hex[n] = '\0';
}

/* The database's absolute path (the same file named two ways is one
 * database; a file not yet made by its folder's real path), malloc'd. */
static char *absolute(const char *db_path)
{
	char *real = realpath(db_path, NULL);
	if (real)
		return real;
	const char *slash = strrchr(db_path, '/');
	char *dir = slash ? strndup(db_path, slash == db_path ? 1 : (size_t)(slash - db_path)) : strdup(".");
	char *rdir = dir ? realpath(dir, NULL) : NULL;
	free(dir);
	if (rdir) {
		char *p = cat4(rdir, "/", slash ? slash + 1 : db_path, "");
		free(rdir);
		return p;
	}
	if (db_path[0] == '/')
		return strdup(db_path);
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		return strdup(db_path);
	return cat4(cwd, "/", db_path, "");
}

/* Does the desk whose lock is dir/lock still run? A lock file that is gone
 * or free says no; one that is not a plain file is never trusted (yes). */
static bool desk_runs(int dir_fd, const char *lock)
{
	int fd = openat(dir_fd, lock, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT;
	struct stat sb;
	bool runs = fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || flock(fd, LOCK_SH | LOCK_NB) != 0;
	close(fd);
	return runs;
}

/* Lock files of desks of this login that stopped without a word (a kill)
 * and left no draft: removed once they are a minute older than this desk's
 * own (a desk between making its lock file and locking it is younger). */
static void sweep_locks(const lf_draft *d)
{
	struct stat own;
	const char *mine = strrchr(d->lock_path, '/') + 1;
	DIR *dir = opendir(d->dir);
	if (!dir)
		return;
	/* Our lock read the same way as the others (fstatat), so both ages come
	 * from one view of the file system's clock. */
	if (fstatat(dirfd(dir), mine, &own, AT_SYMLINK_NOFOLLOW) != 0) {
		closedir(dir);
		return;
	}
	size_t plen = strlen(d->prefix), slen = strlen(LOCK_SUFFIX);
	for (struct dirent *de; (de = readdir(dir));) {
		const char *nm = de->d_name;
		size_t len = strlen(nm);
		if (len <= 1 + plen + slen || nm[0] != '.' || strncmp(nm + 1, d->prefix, plen) ||
		    strcmp(nm + len - slen, LOCK_SUFFIX) || !strcmp(nm, mine))
			continue;
		struct stat sb;
		char draft[600];
		snprintf(draft, sizeof draft, "%.*s%s", (int)(len - 1 - slen), nm + 1, DRAFT_SUFFIX);
		if (fstatat(dirfd(dir), nm, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode) ||
		    own.st_mtime - sb.st_mtime < 60 || fstatat(dirfd(dir), draft, &sb, AT_SYMLINK_NOFOLLOW) == 0 ||
		    desk_runs(dirfd(dir), nm))
			continue;
		unlinkat(dirfd(dir), nm, 0);
	}
	closedir(dir);
}

lf_draft *lf_draft_open(const char *form_id, const char *db_path, const char *login)
{
	if (!safe_id(form_id) || !db_path || !login || !login[0]) {
		errno = EINVAL;
		return NULL;
	}
	if (sodium_init() < 0) {
		errno = ENOMEM;
		return NULL;
	}
	lf_draft *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->lock_fd = -1;
	char *abs = NULL;
	int e = 0;
	if (!(d->form = strdup(form_id)) || !(d->login = strdup(login)) || !(abs = absolute(db_path)))
		goto fail;
	if (!(d->dir = lf_path_state_dir())) {
		errno = ENOENT;
		goto fail;
	}
	if (lf_path_mkdirs(d->dir, 0700) != 0)
		goto fail;
	char db[17], who[80], desk[48];
	hash_hex(abs, db, 16);
	if (safe_id(login) && strlen(login) < sizeof who)
		snprintf(who, sizeof who, "%s", login);
	else {
		who[0] = '~'; /* never in a login kept as it is */
		hash_hex(login, who + 1, 16);
	}
	if (!(d->prefix = cat4(form_id, ".", db, ".")))
		goto fail;
	char *p2 = cat4(d->prefix, who, ".", "");
	free(d->prefix);
	if (!(d->prefix = p2))
		goto fail;
	uint32_t r = 0;
	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		r = (uint32_t)(uintptr_t)d ^ (uint32_t)lf_clock_now();
	snprintf(desk, sizeof desk, "%ld-%08x", (long)getpid(), (unsigned)r);
	if (!(d->name = cat4(d->prefix, desk, DRAFT_SUFFIX, "")) || !(d->path = cat4(d->dir, "/", d->name, "")) ||
	    !(d->lock_path = cat4(d->dir, "/.", d->prefix, desk)))
		goto fail;
	char *lp = cat4(d->lock_path, LOCK_SUFFIX, "", "");
	free(d->lock_path);
	if (!(d->lock_path = lp))
		goto fail;
	/* The desk's lock: held until lf_draft_close or the process ends. */
	d->lock_fd = open(d->lock_path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (d->lock_fd < 0)
		goto fail;
	if (flock(d->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		e = errno;
		unlink(d->lock_path);
		errno = e;
		goto fail;
	}
	free(abs);
	sweep_locks(d);
	return d;
fail:
	e = errno ? errno : ENOMEM;
	free(abs);
	if (d->lock_fd >= 0)
		close(d->lock_fd);
	d->lock_fd = -1;
	free(d->lock_path);
	d->lock_path = NULL;
	lf_draft_close(d);
	errno = e;
	return NULL;
}

void lf_draft_close(lf_draft *d)
{
	if (!d)
		return;
	if (d->lock_fd >= 0) {
		if (d->lock_path)
			unlink(d->lock_path);
		close(d->lock_fd);
	}
	free(d->dir);
	free(d->prefix);
	free(d->name);
	free(d->path);
	free(d->lock_path);
	free(d->form);
	free(d->login);
	free(d);
}

const char *lf_draft_path(const lf_draft *d)
{
	return d ? d->path : NULL;
}

const char *lf_draft_login(const lf_draft *d)
{
	return d ? d->login : "";
}

/* The draft as JSON text, malloc'd; NULL with errno set. */
static char *encode(const char *form_id, const char *const *ids, const char *const *values, size_t n)
{
	char now[LF_TIMESTAMP_LEN];
	char *text = NULL;
	json_t *root = json_object(), *vals = json_object();
	errno = 0;
	if (!root || !vals)
		goto cleanup;
	lf_timestamp_now(now, sizeof now);
	if (json_object_set_new(root, "form", json_string(form_id)) ||
	    json_object_set_new(root, "saved_at", json_string(now)))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		if (!ids[i] || !values[i])
			continue;
		/* json_string refuses text that is not UTF-8: say so, drop nothing silently. */
		json_t *v = json_string(values[i]);
		if (!v) {
			errno = EILSEQ;
			goto cleanup;
		}
		if (json_object_set_new(vals, ids[i], v))
			goto cleanup;
	}
	if (json_object_set(root, "values", vals))
		goto cleanup;
	text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
cleanup:
	if (!text && !errno)
		errno = ENOMEM;
	json_decref(vals);
	json_decref(root);
	return text;
}

/* Make sure the rename reaches the disk too. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int lf_draft_save(lf_draft *d, const char *const *ids, const char *const *values, size_t n)
{
	errno = 0;
	if (!d) {
		errno = EINVAL;
		return -1;
	}
	if (lf_path_mkdirs(d->dir, 0700) != 0)
		return -1;
	char *text = encode(d->form, ids, values, n);
	if (!text)
		return -1;
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, d->path);
	int rc = -1;
	if (f) {
		fputs(text, f);
		fputc('\n', f);
		if (ferror(f)) {
			int e = errno ? errno : EIO;
			lf_safe_abort(&sf);
			errno = e;
		} else if (lf_safe_commit(&sf, d->path) == 0)
			rc = 0;
	}
	int e = errno;
	free(text);
	errno = e;
	return rc;
}

/* Take the newest draft of a desk of this login on this database that no
 * longer runs: renamed to this desk's name. 1 taken, 0 none. */
static int take_orphan(lf_draft *d)
{
	size_t plen = strlen(d->prefix), slen = strlen(DRAFT_SUFFIX);
	for (int attempt = 0; attempt < 8; attempt++) {
		DIR *dir = opendir(d->dir);
		if (!dir)
			return 0;
		char best[512] = "";
		struct timespec best_at = {0, 0};
		for (struct dirent *de; (de = readdir(dir));) {
			const char *nm = de->d_name;
			size_t len = strlen(nm);
			if (len <= plen + slen || len >= sizeof best || strncmp(nm, d->prefix, plen) ||
			    strcmp(nm + len - slen, DRAFT_SUFFIX) || !strcmp(nm, d->name))
				continue;
			struct stat sb;
			if (fstatat(dirfd(dir), nm, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
				continue; /* a link is never offered */
			char lock[512];
			snprintf(lock, sizeof lock, ".%.*s%s", (int)(len - slen), nm, LOCK_SUFFIX);
			if (desk_runs(dirfd(dir), lock))
				continue;
			if (!best[0] || sb.st_mtim.tv_sec > best_at.tv_sec ||
			    (sb.st_mtim.tv_sec == best_at.tv_sec && sb.st_mtim.tv_nsec > best_at.tv_nsec)) {
				snprintf(best, sizeof best, "%s", nm);
				best_at = sb.st_mtim;
			}
		}
		int taken = 0;
		if (best[0]) {
			/* Atomic: of two desks starting at once, one gets it. */
			if (renameat(dirfd(dir), best, dirfd(dir), d->name) == 0) {
				char lock[512];
				snprintf(lock, sizeof lock, ".%.*s%s", (int)(strlen(best) - slen), best, LOCK_SUFFIX);
				unlinkat(dirfd(dir), lock, 0); /* the stopped desk's, if it left one */
				taken = 1;
			} else if (errno == ENOENT)
				taken = -1; /* another desk took it: look again */
		}
		closedir(dir);
		if (taken >= 0)
			return taken;
	}
	return 0;
}

int lf_draft_load(lf_draft *d, const char *const *ids, char **values, size_t n)
{
	json_t *root = NULL;
	json_error_t jerr;
	int rc = -1, saved = 0;

	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	if (!d) {
		errno = EINVAL;
		return -1;
	}
	struct stat sb;
	if (lstat(d->path, &sb) != 0 && errno == ENOENT && !take_orphan(d))
		return 0;
	/* Never through a link; a FIFO in its place does not block. */
	int fd = open(d->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rc = errno == ENOENT ? 0 : -1;
		saved = errno;
		goto cleanup;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		saved = errno && !S_ISREG(sb.st_mode) ? LF_SAFE_ENOTREG : errno;
		close(fd);
		goto cleanup;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		saved = errno;
		close(fd);
		goto cleanup;
	}
	root = json_loadf(f, 0, &jerr);
	saved = ferror(f) ? errno : EBADMSG; /* not a draft laifang wrote */
	fclose(f);
	json_t *vals = json_object_get(root, "values");
	const char *form = json_string_value(json_object_get(root, "form"));
	if (!root || !json_is_object(vals) || !form || strcmp(form, d->form))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		const char *v = ids[i] ? json_string_value(json_object_get(vals, ids[i])) : NULL;
		if (v && !(values[i] = strdup(v))) {
			saved = ENOMEM;
			for (size_t j = 0; j < i; j++) {
				free(values[j]);
				values[j] = NULL;
			}
			goto cleanup;
		}
	}
	rc = 1;
cleanup:
	json_decref(root);
	if (rc < 0)
		errno = saved;
	return rc;
}

void lf_draft_discard(lf_draft *d)
{
	if (d && unlink(d->path) == 0)
		sync_dir(d->dir);
}
