/* The reception-day log as people fill it: who may write which part,
 * signatures from logins, and the attachment store (files copied beside
 * the database, named by their SHA-256). */
#include "laifang/reception.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/file_hash.h"
#include "laifang/i18n.h"
#include "laifang/image_info.h"
#include "laifang/paths.h"
#include "laifang/safe_file.h"
#include "laifang/settings.h"
#include "laifang/text.h"

#define LOG_TEXT_MAX 20000 /* characters in one of the log's long fields */

__attribute__((format(printf, 5, 6)))
static lf_store_err refuse(lf_store *st, lf_store_err e, char *msg, size_t len, const char *fmt, ...)
{
	char m[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	if (msg && len)
		snprintf(msg, len, "%s", m);
	lf_store_set_error(st, e, m);
	return e;
}

/* After a store call: its sentence into msg. */
static lf_store_err passed(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", e == LF_STORE_OK ? "" : lf_store_errmsg(st));
	return e;
}

void lf_signature(const lf_user *u, char *buf, size_t len)
{
	const char *name = u && u->name && u->name[0] ? u->name : u && u->login ? u->login : "";
	if (u && u->title && u->title[0])
		snprintf(buf, len, "%s（%s）", name, u->title);
	else
		snprintf(buf, len, "%s", name);
}

const char *lf_attachment_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"png", "image/png"}, {"gif", "image/gif"},
		{"webp", "image/webp"}, {"heic", "image/heic"}, {"bmp", "image/bmp"}, {"tif", "image/tiff"},
		{"tiff", "image/tiff"}, {"mp4", "video/mp4"}, {"mov", "video/quicktime"}, {"avi", "video/x-msvideo"},
		{"mkv", "video/x-matroska"}, {"3gp", "video/3gpp"}, {"webm", "video/webm"}, {"mp3", "audio/mpeg"},
		{"m4a", "audio/mp4"}, {"wav", "audio/wav"}, {"amr", "audio/amr"}, {"pdf", "application/pdf"},
	};
	const char *dot = name ? strrchr(name, '.') : NULL;
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcasecmp(dot + 1, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* ---- the log ------------------------------------------------------------ */

static bool may_write_log(const lf_user *actor, char *why, size_t len)
{
	if (lf_require(actor, LF_PERM_REGISTER, NULL, 0))
		return true;
	return lf_require(actor, LF_PERM_INSTRUCT, why, len);
}

/* Opening the log: those who write it, and a unit head, who signs its
 * 接访情况 (issue 11) without writing its fields. */
static bool may_open_log(const lf_user *actor, char *why, size_t len)
{
	if (lf_require(actor, LF_PERM_APPROVE_REPORT, NULL, 0))
		return true;
	return may_write_log(actor, why, len);
}

/* The first reception slot's leader and department on a new log. */
static void fill_from_slot(lf_store *st, const char *day, lf_reception_log *l)
{
	lf_date d;
	lf_slot_rec r;
	if (!lf_date_parse(day, &d) || !lf_schedule_slot_on(st, d, &r))
		return;
	char who[LF_SLOT_NAME + LF_SLOT_TEXT + 8];
	if (r.slot.leader.title[0])
		snprintf(who, sizeof who, "%s（%s）", r.slot.leader.name, r.slot.leader.title);
	else
		snprintf(who, sizeof who, "%s", r.slot.leader.name);
	l->leader = strdup(who);
	l->department = r.slot.department[0] ? strdup(r.slot.department) : NULL;
	memcpy(l->slot_id, r.id, sizeof l->slot_id);
}

lf_store_err lf_reception_open(lf_store *st, const lf_user *actor, const char *day, lf_reception_log *out,
                               char *msg, size_t len)
{
	char why[512];
	lf_date d;
	memset(out, 0, sizeof *out);
	if (!may_open_log(actor, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	if (!day || !lf_date_parse(day, &d) || !lf_date_valid(d.y, d.m, d.d))
		return refuse(st, LF_STORE_INVALID, msg, len, _("接访时间: \"%s\" is not a date (YYYY-MM-DD)"),
		              day ? day : "");
	char iso[LF_DATE_LEN];
	lf_date_format(d, iso);
	lf_store_err e = lf_store_reception_get(st, iso, out);
	if (e != LF_STORE_NOTFOUND)
		return passed(st, e, msg, len);
	memset(out, 0, sizeof *out);
	memcpy(out->day, iso, sizeof out->day);
	fill_from_slot(st, iso, out);
	char me[256];
	lf_signature(actor, me, sizeof me);
	out->registrar = strdup(actor->name ? actor->name : me);
	memcpy(out->registrar_id, actor->id, sizeof out->registrar_id);
	lf_store_set_error(st, LF_STORE_OK, "");
	if (msg && len)
		msg[0] = '\0';
	return LF_STORE_OK;
}

/* Clean a typed field in place: control characters out, blanks trimmed;
 * false when it is longer than the limit. */
static bool clean_field(char **v, bool multiline)
{
	if (!*v)
		return true;
	char *c = lf_text_clean(*v, strlen(*v), multiline, NULL);
	if (!c)
		return false;
	if (multiline)
		lf_text_trim_lines(c); /* the paragraph indents stay */
	else
		lf_text_trim(c);
	free(*v);
	*v = c[0] ? c : NULL;
	if (!c[0])
		free(c);
	return !*v || lf_text_chars(*v) <= LOG_TEXT_MAX;
}

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

lf_store_err lf_reception_save(lf_store *st, const lf_user *actor, lf_reception_log *log, char *msg, size_t len)
{
	char why[512];
	if (!may_write_log(actor, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	lf_date d;
	if (!lf_date_parse(log->day, &d) || !lf_date_valid(d.y, d.m, d.d))
		return refuse(st, LF_STORE_INVALID, msg, len, _("接访时间: \"%s\" is not a date (YYYY-MM-DD)"), log->day);
	struct {
		char **v;
		bool multi;
		const char *label;
	} fields[] = {
		{&log->leader, false, "接访领导"}, {&log->department, false, "牵头处室"},
		{&log->registrar, false, "登记人"}, {&log->situation, true, "接访情况"},
		{&log->demands, true, "信访人诉求内容"}, {&log->instruction, true, "领导批示"},
		{&log->meeting_attendees, true, "信访总结会议"}, {&log->meeting_decisions, true, "信访总结会议"},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (!clean_field(fields[i].v, fields[i].multi))
			return refuse(st, LF_STORE_INVALID, msg, len, _("%s: at most %d characters"), fields[i].label,
			              LOG_TEXT_MAX);

	lf_reception_log old;
	lf_store_err e = lf_store_reception_get(st, log->day, &old);
	if (e != LF_STORE_OK && e != LF_STORE_NOTFOUND)
		return passed(st, e, msg, len);
	bool have_old = e == LF_STORE_OK;
	if (have_old && old.instruction_signer) {
		e = refuse(st, LF_STORE_INVALID, msg, len,
		           _("The log of %s was signed by %s on %s; it can no longer be changed."), log->day,
		           old.instruction_signer, old.instruction_signed_at ? old.instruction_signed_at : "");
		lf_reception_log_free(&old);
		return e;
	}
	bool instr_changed = !same_text(log->instruction, have_old ? old.instruction : NULL);
	bool situation_signed = have_old && old.situation_signer;
	bool situation_changed = !same_text(log->situation, have_old ? old.situation : NULL);
	lf_reception_log_free(&old);
	if (instr_changed && !lf_require(actor, LF_PERM_INSTRUCT, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, _("领导批示: %s"), why);
	if (situation_signed && situation_changed)
		return refuse(st, LF_STORE_INVALID, msg, len,
		              "%s", _("接访情况 is signed by the lead department and can no longer be changed."));
	e = lf_store_reception_save(st, log);
	if (e == LF_STORE_CONFLICT) {
		/* Say whose save it was; the desk shows their text beside its own. */
		lf_reception_log now;
		if (lf_store_reception_get(st, log->day, &now) == LF_STORE_OK) {
			char at[32];
			snprintf(at, sizeof at, "%.16s", now.updated_at ? now.updated_at : "");
			if (at[10] == 'T')
				at[10] = ' ';
			e = refuse(st, LF_STORE_CONFLICT, msg, len,
			           _("The log of %s was saved at another desk (%s, %s) since you opened it: nothing was "
			             "saved. Your text is kept; compare it with theirs and save again."),
			           log->day, now.saved_by ? now.saved_by : "?", at);
			lf_reception_log_free(&now);
			return e;
		}
		return refuse(st, LF_STORE_CONFLICT, msg, len, "%s", lf_store_errmsg(st));
	}
	return passed(st, e, msg, len);
}

/* The reception-day log's 牵头处室负责人签名 (issue 11): a head of a unit
 * (LF_ROLE_UNIT_HEAD) whose unit is the log's 牵头处室, not a case worker. */
static lf_store_err may_sign_situation(lf_store *st, const lf_user *actor, const lf_reception_log *l, char *msg,
                                       size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_APPROVE_REPORT, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, _("接访情况 is signed by the head of the lead unit (%s): %s"),
		              l->department ? l->department : "", why);
	if (!l->department || !l->department[0])
		return refuse(st, LF_STORE_INVALID, msg, len, "%s", _("牵头处室: write the lead unit (and save) before "
		                                                      "its head signs"));
	lf_unit u;
	memset(&u, 0, sizeof u);
	bool same = actor->unit_id[0] && lf_store_unit_get(st, actor->unit_id, &u) == LF_STORE_OK && u.name &&
	            !strcmp(u.name, l->department);
	lf_store_err e = LF_STORE_OK;
	if (!same)
		e = refuse(st, LF_STORE_DENIED, msg, len,
		           _("not allowed: 接访情况 is signed by the head of %s, and you are head of %s"), l->department,
		           u.name ? u.name : _("no unit"));
	lf_unit_free(&u);
	return e;
}

lf_store_err lf_reception_sign(lf_store *st, const lf_user *actor, const char *day, lf_reception_part part,
                               char *msg, size_t len)
{
	char why[512];
	bool instr = part == LF_RLOG_INSTRUCTION;
	if (instr && !lf_require(actor, LF_PERM_INSTRUCT, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	if (!instr && !lf_require(actor, LF_PERM_APPROVE_REPORT, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	lf_reception_log l;
	lf_store_err e = lf_store_reception_get(st, day ? day : "", &l);
	if (e == LF_STORE_NOTFOUND)
		return refuse(st, e, msg, len, "%s", _("Save the reception-day log before signing it."));
	if (e != LF_STORE_OK)
		return passed(st, e, msg, len);
	const char *text = instr ? l.instruction : l.situation;
	const char *signer = instr ? l.instruction_signer : l.situation_signer;
	if (!instr && (e = may_sign_situation(st, actor, &l, msg, len)) != LF_STORE_OK) {
		lf_reception_log_free(&l);
		return e;
	}
	if (signer)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("%s is already signed by %s."), instr ? "领导批示" : "接访情况",
		           signer);
	else if (!text || !text[0])
		e = refuse(st, LF_STORE_INVALID, msg, len, _("%s: write it (and save) before signing"),
		           instr ? "领导批示" : "接访情况");
	lf_reception_log_free(&l);
	if (e != LF_STORE_OK)
		return e;
	char name[256], at[LF_TIMESTAMP_LEN];
	lf_signature(actor, name, sizeof name);
	lf_timestamp_now(at, sizeof at);
	e = lf_store_reception_sign(st, day, instr ? "instruction" : "situation", actor->id, name, at);
	return passed(st, e, msg, len);
}

#define STALE_COPY_SECONDS (24 * 3600)
/* copy_in's answer for a file that is not a JPEG or PNG by its bytes. */
#define NOT_A_PHOTO EILSEQ

/* A copy cut short by a kill or a power cut leaves its new file behind:
 * the next attach removes any a day older than its own new file (a copy
 * still running at another desk is younger). The file system's clock on
 * both sides: no clock is read here. */
static void remove_stale_copies(const char *dir, const char *own_path)
{
	struct stat own;
	DIR *d = opendir(dir);
	if (!d)
		return;
	/* Our copy read the same way as the others (fstatat): one view of the
	 * file system's clock for both ages. */
	if (fstatat(AT_FDCWD, own_path, &own, AT_SYMLINK_NOFOLLOW) != 0) {
		closedir(d);
		return;
	}
	time_t now = own.st_mtime;
	for (struct dirent *de; (de = readdir(d));) {
		size_t n = strlen(de->d_name);
		if (strncmp(de->d_name, ".incoming.", 10) || n < 14 || strcmp(de->d_name + n - 4, ".tmp"))
			continue;
		struct stat sb;
		/* Never our own copy, whatever two views of one clock say of it. */
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !(sb.st_ino == own.st_ino && sb.st_dev == own.st_dev) && now - sb.st_mtime > STALE_COPY_SECONDS)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

/* Copy path into dir/<sha256> through a new file (safe_file.h), so a half
 * copy never carries a hash name and a failed one leaves nothing. 0 or an
 * errno (EFBIG: more than max bytes; ENODATA: empty; NOT_A_PHOTO: photo
 * only and the first bytes are not a JPEG's or a PNG's); *at_source says
 * which file it is about. */
static int copy_in(const char *path, const char *dir, long long max, bool photo_only, lf_attachment *a,
                   bool *at_source)
{
	int in, e;
	long long size = 0;
	*at_source = true;
	/* A photo added by name (reception photo add) is the file itself: a
	 * link is refused (ELOOP), as safe_file.h refuses one to write. */
	if ((e = lf_file_open_regular(path, !photo_only, &in, &size)) != 0)
		return e;
	if (size == 0 || size > max) {
		close(in);
		a->size = size;
		return size == 0 ? ENODATA : EFBIG;
	}
	if (photo_only) {
		/* Read where the copy reads (the same descriptor, its offset kept):
		 * the bytes judged are the bytes stored. */
		unsigned char head[16];
		ssize_t got = pread(in, head, sizeof head, 0);
		if (got < 8 || lf_image_magic(head, (size_t)got) == LF_IMAGE_NONE) {
			close(in);
			return NOT_A_PHOTO;
		}
	}
	*at_source = false;
	if (lf_path_mkdirs(dir, 0700) != 0) {
		e = errno ? errno : EIO;
		close(in);
		return e;
	}
	char where[4096], final[4096];
	snprintf(where, sizeof where, "%s/incoming", dir);
	lf_safe_file sf;
	if (lf_safe_create(&sf, where) < 0) {
		e = errno;
		close(in);
		return e;
	}
	remove_stale_copies(dir, sf.tmp);
	e = lf_file_hash_stream(in, sf.fd, max, a->sha256, &a->size);
	if (e)
		*at_source = e != ENOSPC && e != EDQUOT; /* a read error is the source's */
	else if (a->size == 0) {
		*at_source = true; /* emptied while it was copied */
		e = ENODATA;
	}
	close(in);
	/* The hash is the name: the file is never changed. */
	if (!e && fchmod(sf.fd, 0400) != 0)
		e = errno;
	if (!e) {
		snprintf(final, sizeof final, "%s/%s", dir, a->sha256);
		if (lf_safe_commit(&sf, final) != 0)
			e = errno;
	}
	if (e)
		lf_safe_abort(&sf);
	return e;
}

static lf_store_err attach_file(lf_store *st, const lf_user *actor, const char *day, const char *path,
                                bool photo_only, lf_attachment *out, char *msg, size_t len)
{
	char why[512];
	if (!may_write_log(actor, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	if (!path || !path[0])
		return refuse(st, LF_STORE_INVALID, msg, len, "%s", _("接访照片: give the path of a photo or video file"));
	lf_reception_log l;
	lf_store_err e = lf_store_reception_get(st, day ? day : "", &l);
	/* Signed by the leader: the log's photos are closed (issue 11). */
	bool signed_by_leader = e == LF_STORE_OK && l.instruction_signer_id[0];
	lf_reception_log_free(&l);
	if (e == LF_STORE_NOTFOUND)
		return refuse(st, e, msg, len, "%s", _("Save the reception-day log before attaching files."));
	if (e != LF_STORE_OK)
		return passed(st, e, msg, len);
	if (signed_by_leader)
		return refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("接访照片: the leader has signed this day's log; no photo or video is attached after the "
		                "signature."));
	char *dir = lf_store_attachment_dir(st);
	if (!dir)
		return passed(st, lf_store_errcode(st), msg, len);
	lf_attachment a;
	memset(&a, 0, sizeof a);
	bool at_source;
	int max = lf_setting(st, "attachment_max_bytes");
	int err = copy_in(path, dir, max, photo_only, &a, &at_source);
	if (err) {
		if (at_source && err == NOT_A_PHOTO)
			e = refuse(st, LF_STORE_INVALID, msg, len,
			           _("接访照片: %s is not a JPEG or PNG photo (told by the file's first bytes, not its name); "
			             "only JPEG and PNG photos are taken"),
			           path);
		else if (at_source && err == ELOOP)
			e = refuse(st, LF_STORE_INVALID, msg, len,
			           _("接访照片: %s is a symbolic link; give the photo file itself"), path);
		else if (at_source && err == ENOENT)
			e = refuse(st, LF_STORE_INVALID, msg, len, _("接访照片: there is no file %s"), path);
		else if (at_source && err == EISDIR)
			e = refuse(st, LF_STORE_INVALID, msg, len, _("接访照片: %s is a folder, not a file"), path);
		else if (at_source && err == LF_SAFE_ENOTREG)
			e = refuse(st, LF_STORE_INVALID, msg, len,
			           _("接访照片: %s is not an ordinary file (a pipe or a device); only files can be attached"),
			           path);
		else if (at_source && err == ENODATA)
			e = refuse(st, LF_STORE_INVALID, msg, len, _("接访照片: %s is empty; there is nothing to attach"), path);
		else if (at_source && err == EFBIG)
			e = refuse(st, LF_STORE_INVALID, msg, len,
			           _("接访照片: %s is larger than the %d bytes allowed (setting attachment_max_bytes)"), path,
			           max);
		else if (at_source)
			e = refuse(st, LF_STORE_INVALID, msg, len, _("接访照片: the file %s cannot be read (%s)"), path,
			           strerror(err));
		else
			e = refuse(st, LF_STORE_IO, msg, len, _("接访照片: the file could not be copied into %s (%s)"), dir,
			           lf_safe_strerror(err));
		free(dir);
		return e;
	}
	free(dir);
	const char *base = strrchr(path, '/');
	/* The name is shown on screens, paper and exports: one clean line. */
	lf_text_echo(a.name, sizeof a.name, base ? base + 1 : path);
	snprintf(a.type, sizeof a.type, "%s", lf_attachment_type(a.name));
	e = lf_store_reception_attach(st, day, &a, actor->id);
	if (e == LF_STORE_OK && out)
		*out = a;
	return passed(st, e, msg, len);
}

lf_store_err lf_reception_attach(lf_store *st, const lf_user *actor, const char *day, const char *path,
                                 lf_attachment *out, char *msg, size_t len)
{
	return attach_file(st, actor, day, path, false, out, msg, len);
}

lf_store_err lf_reception_photo_add(lf_store *st, const lf_user *actor, const char *day, const char *path,
                                    lf_attachment *out, char *msg, size_t len)
{
	/* A day on the schedule whose log nobody has saved yet: the log as it
	 * opens (from the slot) is saved first, as the log's screen does. */
	lf_reception_log l;
	lf_store_err e = lf_reception_open(st, actor, day, &l, msg, len);
	if (e == LF_STORE_OK && !l.id[0] && (e = lf_reception_day_held(st, l.day, msg, len)) == LF_STORE_OK)
		e = lf_reception_save(st, actor, &l, msg, len);
	lf_reception_log_free(&l);
	if (e != LF_STORE_OK)
		return e;
	return attach_file(st, actor, day, path, true, out, msg, len);
}

/* ---- the leader on duty ---------------------------------------------------- */

typedef struct duty_ctx {
	char *buf;
	size_t len, used;
	int n;
} duty_ctx;

static int add_duty(const lf_slot_rec *r, void *ud)
{
	duty_ctx *c = ud;
	if (r->slot.kind != LF_SLOT_RECEPTION)
		return 0;
	char who[LF_SLOT_NAME + 2 * LF_SLOT_TEXT + 32];
	int k;
	if (r->slot.leader.title[0])
		k = snprintf(who, sizeof who, "%s（%s）", r->slot.leader.name, r->slot.leader.title);
	else
		k = snprintf(who, sizeof who, "%s", r->slot.leader.name);
	if (r->slot.department[0] && k > 0 && (size_t)k < sizeof who)
		snprintf(who + k, sizeof who - (size_t)k, " · %s", r->slot.department);
	int w = snprintf(c->buf + c->used, c->len - c->used, "%s%s", c->n ? "、" : "", who);
	if (w > 0)
		c->used = c->used + (size_t)w < c->len ? c->used + (size_t)w : c->len - 1;
	c->n++;
	return 0;
}

const char *lf_reception_on_duty(lf_store *st, lf_date d, char *buf, size_t len)
{
	char day[LF_DATE_LEN], people[512];
	duty_ctx c = {people, sizeof people, 0, 0};
	people[0] = '\0';
	lf_date_format(d, day);
	if (!len || lf_store_slots_between(st, day, day, add_duty, &c) != LF_STORE_OK || c.n == 0)
		return NULL;
	snprintf(buf, len, _("Reception today: %s"), people);
	return buf;
}

static int first_reception(const lf_slot_rec *r, void *ud)
{
	if (r->slot.kind != LF_SLOT_RECEPTION)
		return 0;
	*(lf_slot_rec *)ud = *r;
	return 1;
}

bool lf_schedule_slot_on(lf_store *st, lf_date d, lf_slot_rec *out)
{
	char day[LF_DATE_LEN];
	lf_date_format(d, day);
	out->id[0] = '\0';
	return lf_store_slots_between(st, day, day, first_reception, out) == LF_STORE_OK && out->id[0];
}

/* Issue 11 (agency.c): a file that belongs to a case (an agency's scanned
 * reply) copied in as the reception log's photos are; label names the
 * field in each refusal. The caller records it. */
lf_store_err lf_attachment_copy(lf_store *st, const char *label, const char *path, lf_attachment *out, char *msg,
                                size_t len)
{
	memset(out, 0, sizeof *out);
	char *dir = lf_store_attachment_dir(st);
	if (!dir)
		return passed(st, lf_store_errcode(st), msg, len);
	bool at_source;
	int max = lf_setting(st, "attachment_max_bytes");
	int err = copy_in(path, dir, max, false, out, &at_source);
	lf_store_err e = LF_STORE_OK;
	if (err && at_source && err == ENOENT)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("%s: there is no file %s"), label, path);
	else if (err && at_source && (err == EISDIR || err == LF_SAFE_ENOTREG))
		e = refuse(st, LF_STORE_INVALID, msg, len, _("%s: %s is not an ordinary file"), label, path);
	else if (err && at_source && err == ENODATA)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("%s: %s is empty; there is nothing to attach"), label, path);
	else if (err && at_source && err == EFBIG)
		e = refuse(st, LF_STORE_INVALID, msg, len,
		           _("%s: %s is larger than the %d bytes allowed (setting attachment_max_bytes)"), label, path, max);
	else if (err && at_source)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("%s: the file %s cannot be read (%s)"), label, path,
		           strerror(err));
	else if (err)
		e = refuse(st, LF_STORE_IO, msg, len, _("%s: the file could not be copied into %s (%s)"), label, dir,
		           lf_safe_strerror(err));
	free(dir);
	if (e != LF_STORE_OK)
		return e;
	const char *base = strrchr(path, '/');
	lf_text_echo(out->name, sizeof out->name, base ? base + 1 : path);
	snprintf(out->type, sizeof out->type, "%s", lf_attachment_type(out->name));
	return LF_STORE_OK;
}

lf_store_err lf_reception_attachments(lf_store *st, const char *day, lf_attachment_fn fn, void *ud)
{
	return lf_store_reception_attachments(st, day, fn, ud);
}
