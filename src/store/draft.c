/* Drafts: the sheet being typed, on disk as a small JSON file
 *   {"form": "registration", "saved_at": "2026-11-23T09:30:05+08:00",
 *    "values": {"name": "张三", ...}}
 * written to a temporary file in the same directory, flushed, then renamed
 * over the old draft: a crash leaves the old draft or the new, never half. */
#include "laifang/draft.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "laifang/date.h"
#include "laifang/paths.h"

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

static char *join(const char *dir, const char *name, const char *suffix)
{
	size_t len = strlen(dir) + strlen(name) + strlen(suffix) + 2;
	char *p = malloc(len);
	if (p)
		snprintf(p, len, "%s/%s%s", dir, name, suffix);
	return p;
}

char *lf_draft_path(const char *form_id)
{
	if (!safe_id(form_id)) {
		errno = EINVAL;
		return NULL;
	}
	char *dir = lf_path_state_dir();
	if (!dir) {
		errno = ENOENT;
		return NULL;
	}
	char *path = join(dir, form_id, ".draft.json");
	free(dir);
	return path;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
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

int lf_draft_save(const char *form_id, const char *const *ids, const char *const *values, size_t n)
{
	char *dir = NULL, *path = NULL, *tmp = NULL, *text = NULL;
	int fd = -1, rc = -1, saved = 0;

	errno = 0;
	if (!safe_id(form_id)) {
		errno = EINVAL;
		return -1;
	}
	if (!(dir = lf_path_state_dir())) {
		errno = ENOENT;
		goto cleanup;
	}
	if (lf_path_mkdirs(dir, 0700) != 0)
		goto cleanup;
	/* The temporary name starts with a dot and lacks the form id, so
	 * nothing that looks for drafts takes a half-written one. */
	if (!(path = join(dir, form_id, ".draft.json")) || !(tmp = join(dir, ".draft-", "XXXXXX")))
		goto cleanup;
	if (!(text = encode(form_id, ids, values, n)))
		goto cleanup;
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		tmp = NULL;
		goto cleanup;
	}
	if (fchmod(fd, 0600) != 0 || write_all(fd, text, strlen(text)) != 0 || write_all(fd, "\n", 1) != 0 ||
	    fsync(fd) != 0)
		goto cleanup;
	if (close(fd) != 0) {
		fd = -1;
		goto cleanup;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto cleanup;
	free(tmp);
	tmp = NULL; /* renamed: nothing to remove */
	sync_dir(dir);
	rc = 0;
cleanup:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(text);
	free(path);
	free(dir);
	errno = saved;
	return rc;
}

int lf_draft_load(const char *form_id, const char *const *ids, char **values, size_t n)
{
	char *path = lf_draft_path(form_id);
	json_t *root = NULL;
	json_error_t jerr;
	int rc = -1, saved = 0;

	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	if (!path)
		return -1;
	FILE *f = fopen(path, "rb");
	if (!f) {
		rc = errno == ENOENT ? 0 : -1;
		saved = errno;
		goto cleanup;
	}
	root = json_loadf(f, 0, &jerr);
	saved = ferror(f) ? errno : EBADMSG; /* not a draft laifang wrote */
	fclose(f);
	json_t *vals = json_object_get(root, "values");
	const char *form = json_string_value(json_object_get(root, "form"));
	if (!root || !json_is_object(vals) || !form || strcmp(form, form_id))
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
	free(path);
	if (rc < 0)
		errno = saved;
	return rc;
}

void lf_draft_discard(const char *form_id)
{
	char *path = lf_draft_path(form_id);
	if (path && unlink(path) == 0) {
		char *slash = strrchr(path, '/');
		if (slash && slash != path) {
			*slash = '\0';
			sync_dir(path);
		}
	}
	free(path);
}
