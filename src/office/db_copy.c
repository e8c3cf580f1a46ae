/* db copy: the office's whole database into a new one, for an office that
 * moves from its file to a server, back from the server to a file, or to
 * another file or server. Permission, record, the attached files and the
 * check on arrival here; the rows are moved by the store
 * (src/store/copy.c). */
#include "laifang/db_copy.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/audit.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/paths.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "laifang/store_audit.h"
#include "laifang/store_copy.h"
#include "laifang/store_reception.h"

static int count_file(const char *sha, void *ud)
{
	(void)sha;
	(*(long long *)ud)++;
	return 0;
}

typedef struct files {
	lf_store *to;
	const char *from_dir;
	long long copied;
	char *msg;
	size_t len;
	lf_store_err e;
} files;

/* One stored file into the destination's folder, by its hash again. */
static int copy_file(const char *sha, void *ud)
{
	files *f = ud;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", f->from_dir, sha);
	lf_attachment a;
	f->e = lf_attachment_copy(f->to, _("Attachment"), path, &a, f->msg, f->len);
	if (f->e == LF_STORE_OK && strcmp(a.sha256, sha)) {
		snprintf(f->msg, f->len, _("Attachment %s: its stored file %s has been changed (its SHA-256 is now %s)."),
		         sha, path, a.sha256);
		f->e = LF_STORE_CONFLICT;
	}
	f->copied++;
	return f->e != LF_STORE_OK;
}

/* On arrival: the attached files go to the copy's folder (on a server the
 * one the office named, for a file the folder beside it), then the copy
 * is checked as `laifang check` would. */
static lf_store_err arrive(const char *to, const lf_user *actor, lf_store *from, const char *attach_dir,
                           long long nfiles, lf_problem_fn fn, void *ud, int *problems, char *msg, size_t len)
{
	lf_store_err e;
	lf_store *dst = lf_office_open(to, &e, msg, len);
	if (!dst)
		return e;
	if (nfiles > 0) {
		/* The same person, whose account came along with the copy. */
		lf_store_set_actor(dst, actor->id, actor->login);
		e = lf_path_is_server_db(to) ? lf_setting_set(dst, actor, "attachments_dir", attach_dir, msg, len)
		                             : LF_STORE_OK;
		char *from_dir = e == LF_STORE_OK ? lf_store_attachment_dir(from) : NULL;
		if (e == LF_STORE_OK && !from_dir) {
			snprintf(msg, len, "%s", lf_office_errmsg(from));
			e = lf_office_errcode(from);
		}
		files f = {dst, from_dir, 0, msg, len, LF_STORE_OK};
		if (e == LF_STORE_OK && (e = lf_store_attachment_each(from, copy_file, &f)) == LF_STORE_OK)
			e = f.e;
		free(from_dir);
	}
	if (e == LF_STORE_OK) {
		*problems = lf_audit_check(dst, 0, NULL, fn, ud);
		if (*problems < 0) {
			snprintf(msg, len, "%s", lf_office_errmsg(dst));
			e = lf_office_errcode(dst);
		}
	}
	lf_office_close(dst);
	return e;
}

lf_store_err lf_office_db_copy(lf_store *from, const lf_user *actor, const char *to, const char *attach_dir,
                               long long *rows, lf_problem_fn fn, void *ud, int *problems, char *msg, size_t len)
{
	*rows = 0;
	*problems = 0;
	if (!lf_require(actor, LF_PERM_ADMINISTER, msg, len)) {
		lf_store_set_error(from, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	long long nfiles = 0;
	lf_store_err e = lf_store_attachment_each(from, count_file, &nfiles);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_office_errmsg(from));
		return e;
	}
	bool server = lf_path_is_server_db(to);
	if (!server && attach_dir) {
		snprintf(msg, len,
		         _("--attachments names a folder on a server; a copy into a file keeps its attached files in "
		           "the folder beside it (%s.d/attachments)."),
		         to);
		lf_store_set_error(from, LF_STORE_INVALID, msg);
		return LF_STORE_INVALID;
	}
	if (server && nfiles > 0 && (!attach_dir || attach_dir[0] != '/')) {
		snprintf(msg, len,
		         _("This office has %lld attached files: name the folder on the server they go to with "
		           "--attachments DIR (an absolute path every desk reaches)."),
		         nfiles);
		lf_store_set_error(from, LF_STORE_INVALID, msg);
		return LF_STORE_INVALID;
	}
	bool was_absent = !server && lf_office_absent(to);
	lf_store *dst = lf_store_open_copy_target(to, &e, msg, len);
	if (!dst) {
		if (was_absent)
			lf_store_copy_discard(to);
		return e;
	}
	/* Named as the store names it in messages: never the password. */
	json_t *o = json_pack("{s:s, s:I}", "to", lf_store_path(dst), "files", (json_int_t)nfiles);
	char *detail = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	e = lf_store_audit(from, "db.copy", NULL, detail);
	free(detail);
	if (e != LF_STORE_OK)
		snprintf(msg, len, "%s", lf_store_errmsg(from));
	else if ((e = lf_store_copy(from, dst, rows)) != LF_STORE_OK)
		snprintf(msg, len, "%s", lf_store_errmsg(dst));
	lf_store_close(dst);
	if (e != LF_STORE_OK && was_absent)
		lf_store_copy_discard(to);
	if (e == LF_STORE_OK)
		e = arrive(to, actor, from, attach_dir, nfiles, fn, ud, problems, msg, len);
	return e;
}
