/* The reception-day log in the store: one row a day, its signatures, its
 * attachments (the files live in DB.d/attachments, named by SHA-256; the
 * integrity check hashes them again) and the day's cases. */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_reception.h"
#include "laifang/file_hash.h"
#include "reception_internal.h"

lf_store_err lf_store_reception_get(lf_store *st, const char *day, lf_reception_log *out)
{
	sql_stmt *s = store_rc_prepare(
		st, "SELECT id, day, slot_id, leader, department, registrar_id, registrar, situation, situation_signer_id, "
		    "situation_signer, situation_signed_at, demands, instruction, instruction_signer_id, "
		    "instruction_signer, instruction_signed_at, meeting_attendees, meeting_decisions, created_at, "
		    "updated_at, version, saved_by FROM reception_log WHERE day = :day");
	memset(out, 0, sizeof *out);
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":day", day ? day : "");
	if (rc == SQL_OK)
		rc = sql_step(s);
	bool oom = false;
	if (rc == SQL_ROW) {
		store_rc_col(out->id, sizeof out->id, s, 0);
		store_rc_col(out->day, sizeof out->day, s, 1);
		store_rc_col(out->slot_id, sizeof out->slot_id, s, 2);
		out->leader = store_rc_dup(s, 3, &oom);
		out->department = store_rc_dup(s, 4, &oom);
		store_rc_col(out->registrar_id, sizeof out->registrar_id, s, 5);
		out->registrar = store_rc_dup(s, 6, &oom);
		out->situation = store_rc_dup(s, 7, &oom);
		store_rc_col(out->situation_signer_id, sizeof out->situation_signer_id, s, 8);
		out->situation_signer = store_rc_dup(s, 9, &oom);
		out->situation_signed_at = store_rc_dup(s, 10, &oom);
		out->demands = store_rc_dup(s, 11, &oom);
		out->instruction = store_rc_dup(s, 12, &oom);
		store_rc_col(out->instruction_signer_id, sizeof out->instruction_signer_id, s, 13);
		out->instruction_signer = store_rc_dup(s, 14, &oom);
		out->instruction_signed_at = store_rc_dup(s, 15, &oom);
		out->meeting_attendees = store_rc_dup(s, 16, &oom);
		out->meeting_decisions = store_rc_dup(s, 17, &oom);
		out->created_at = store_rc_dup(s, 18, &oom);
		out->updated_at = store_rc_dup(s, 19, &oom);
		out->version = sql_column_int64(s, 20);
		out->saved_by = store_rc_dup(s, 21, &oom);
	}
	sql_finalize(s);
	if (oom) {
		lf_reception_log_free(out);
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	}
	if (rc == SQL_ROW)
		return store_ok(st);
	if (rc == SQL_DONE) {
		char m[128];
		snprintf(m, sizeof m, _("There is no reception-day log of %s yet."), day ? day : "");
		return store_fail_msg(st, LF_STORE_NOTFOUND, m);
	}
	return store_fail(st, rc);
}

/* Which log row a day has: its id into id (37 bytes), "" when none. */
static lf_store_err log_id_of(lf_store *st, const char *day, char *id)
{
	id[0] = '\0';
	sql_stmt *s = store_rc_prepare(st, "SELECT id FROM reception_log WHERE day = :day");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":day", day);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		store_rc_col(id, LF_ID_LEN, s, 0);
	sql_finalize(s);
	return rc == SQL_ROW || rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

/* The stored version of the day's log (-1: none), read in the write. */
static lf_store_err log_version_of(lf_store *st, const char *day, long long *version)
{
	*version = -1;
	sql_stmt *s = store_rc_prepare(st, "SELECT version FROM reception_log WHERE day = :day");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":day", day);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		*version = sql_column_int64(s, 0);
	sql_finalize(s);
	return rc == SQL_ROW || rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static lf_store_err save_body(lf_store *st, void *vctx)
{
	lf_reception_log *l = vctx;
	char id[LF_ID_LEN], now[LF_TIMESTAMP_LEN];
	long long stored;
	lf_store_err e = log_id_of(st, l->day, id);
	if (e == LF_STORE_OK)
		e = log_version_of(st, l->day, &stored);
	if (e != LF_STORE_OK)
		return e;
	/* The desk saw version l->version (0: no log yet); another desk's save
	 * or signature since then moved it on. */
	if ((id[0] && stored != l->version) || (!id[0] && l->version > 0)) {
		char m[256];
		snprintf(m, sizeof m, _("The reception-day log of %s was changed at another desk since it was opened."),
		         l->day);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	bool created = !id[0];
	if (created)
		store_new_uuid(id);
	lf_timestamp_now(now, sizeof now);
	sql_stmt *s = store_rc_prepare(
		st, created ? "INSERT INTO reception_log (id, day, slot_id, leader, department, registrar_id, registrar, "
		              "situation, demands, instruction, meeting_attendees, meeting_decisions, created_at, "
		              "updated_at, version, saved_by) VALUES (:id, :day, :slot, :leader, :department, "
		              ":registrar_id, :registrar, :situation, :demands, :instruction, :attendees, :decisions, "
		              ":now, :now, 1, :by)"
		            : "UPDATE reception_log SET slot_id = :slot, leader = :leader, department = :department, "
		              "registrar_id = :registrar_id, registrar = :registrar, situation = :situation, "
		              "demands = :demands, instruction = :instruction, meeting_attendees = :attendees, "
		              "meeting_decisions = :decisions, updated_at = :now, version = version + 1, saved_by = :by "
		              "WHERE id = :id AND day = :day");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":id", id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":day", l->day);
	if (rc == SQL_OK) rc = store_bind_text(s, ":slot", l->slot_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":leader", l->leader);
	if (rc == SQL_OK) rc = store_bind_text(s, ":department", l->department);
	if (rc == SQL_OK) rc = store_bind_text(s, ":registrar_id", l->registrar_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":registrar", l->registrar);
	if (rc == SQL_OK) rc = store_bind_text(s, ":situation", l->situation);
	if (rc == SQL_OK) rc = store_bind_text(s, ":demands", l->demands);
	if (rc == SQL_OK) rc = store_bind_text(s, ":instruction", l->instruction);
	if (rc == SQL_OK) rc = store_bind_text(s, ":attendees", l->meeting_attendees);
	if (rc == SQL_OK) rc = store_bind_text(s, ":decisions", l->meeting_decisions);
	if (rc == SQL_OK) rc = store_bind_text(s, ":now", now);
	if (rc == SQL_OK) rc = store_bind_text(s, ":by", st->actor_login);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);

	/* The day's cases: every case received that day, linked once; an
	 * archived one is not linked afterwards (archive_lock.c). */
	if ((e = store_case_gate_day(st, id, l->day)) != LF_STORE_OK)
		return e;
	s = store_rc_prepare(st, "INSERT INTO reception_log_case (log_id, case_id) SELECT :id, c.id FROM case_file c "
	                         "WHERE c.received_on = :day AND NOT EXISTS (SELECT 1 FROM reception_log_case x "
	                         "WHERE x.log_id = :id AND x.case_id = c.id)");
	if (!s)
		return st->err;
	rc = store_bind_text(s, ":id", id);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":day", l->day);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);

	json_t *o = json_object();
	store_json_set(o, "day", l->day);
	store_json_set(o, "leader", l->leader);
	store_json_set(o, "department", l->department);
	store_json_set(o, "registrar", l->registrar);
	store_json_set(o, "situation", l->situation);
	store_json_set(o, "demands", l->demands);
	store_json_set(o, "instruction", l->instruction);
	store_json_set(o, "meeting_attendees", l->meeting_attendees);
	store_json_set(o, "meeting_decisions", l->meeting_decisions);
	char *js = store_json_take(o);
	e = store_audit_append(st, "reception.save", id, js);
	free(js);
	if (e == LF_STORE_OK) {
		memcpy(l->id, id, sizeof l->id);
		l->version = created ? 1 : stored + 1;
	}
	return e;
}

lf_store_err lf_store_reception_save(lf_store *st, lf_reception_log *log)
{
	lf_store_err e = store_write(st, save_body, log);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

typedef struct sign_ctx {
	const char *day, *which, *signer_id, *signer_name, *at;
} sign_ctx;

static lf_store_err sign_body(lf_store *st, void *vctx)
{
	sign_ctx *c = vctx;
	char id[LF_ID_LEN];
	lf_store_err e = log_id_of(st, c->day, id);
	if (e != LF_STORE_OK)
		return e;
	if (!id[0])
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("Save the reception-day log before signing it."));
	bool instr = !strcmp(c->which, "instruction");
	sql_stmt *s = store_rc_prepare(
		st, instr ? "UPDATE reception_log SET instruction_signer_id = :by, instruction_signer = :name, "
		            "instruction_signed_at = :at, updated_at = :at, version = version + 1 "
		            "WHERE id = :id AND instruction_signer_id IS NULL"
		          : "UPDATE reception_log SET situation_signer_id = :by, situation_signer = :name, "
		            "situation_signed_at = :at, updated_at = :at, version = version + 1 "
		            "WHERE id = :id AND situation_signer_id IS NULL");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":by", c->signer_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":name", c->signer_name);
	if (rc == SQL_OK) rc = store_bind_text(s, ":at", c->at);
	if (rc == SQL_OK) rc = store_bind_text(s, ":id", id);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	/* Signed once: a signature already there (another desk's) stays. */
	if (sql_changes(st->db) == 0)
		return store_fail_msg(st, LF_STORE_CONFLICT, _("This part of the log was signed at another desk just now."));
	json_t *o = json_object();
	store_json_set(o, "day", c->day);
	store_json_set(o, "part", c->which);
	store_json_set(o, "signer_id", c->signer_id);
	store_json_set(o, "signed_at", c->at);
	store_json_set(o, "signer", c->signer_name);
	char *js = store_json_take(o);
	e = store_audit_append(st, "reception.sign", id, js);
	free(js);
	return e;
}

lf_store_err lf_store_reception_sign(lf_store *st, const char *day, const char *which, const char *signer_id,
                                     const char *signer_name, const char *signed_at)
{
	sign_ctx c = {day, which, signer_id, signer_name, signed_at};
	lf_store_err e = store_write(st, sign_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

/* ---- attachments -------------------------------------------------------- */

typedef struct attach_ctx {
	const char *day, *by_id;
	const lf_attachment *a;
} attach_ctx;

static lf_store_err attach_body(lf_store *st, void *vctx)
{
	attach_ctx *c = vctx;
	char id[LF_ID_LEN], now[LF_TIMESTAMP_LEN];
	lf_store_err e = log_id_of(st, c->day, id);
	if (e != LF_STORE_OK)
		return e;
	if (!id[0])
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("Save the reception-day log before attaching files."));
	/* The leader's signature closes the log's photos (issue 11); checked
	 * here too, inside the write, against a signature given meanwhile. */
	sql_stmt *s = store_rc_prepare(st, "SELECT 1 FROM reception_log WHERE id = :id AND "
	                                       "coalesce(instruction_signer_id, '') <> ''");
	if (!s)
		return st->err;
	int rc0 = store_bind_text(s, ":id", id);
	if (rc0 == SQL_OK)
		rc0 = sql_step(s);
	sql_finalize(s);
	if (rc0 == SQL_ROW)
		return store_fail_msg(st, LF_STORE_INVALID,
		                      _("接访照片: the leader has signed this day's log; no photo or video is attached after "
		                        "the signature."));
	if (rc0 != SQL_DONE)
		return store_fail(st, rc0);
	lf_timestamp_now(now, sizeof now);
	s = store_rc_prepare(st, "INSERT INTO reception_attachment (log_id, sha256, name, size, type, "
	                                       "added_at, by_id) VALUES (:log, :sha, :name, :size, :type, :now, :by)");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":log", id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":sha", c->a->sha256);
	if (rc == SQL_OK) rc = store_bind_text(s, ":name", c->a->name);
	if (rc == SQL_OK) rc = store_bind_int(s, ":size", c->a->size);
	if (rc == SQL_OK) rc = store_bind_text(s, ":type", c->a->type);
	if (rc == SQL_OK) rc = store_bind_text(s, ":now", now);
	if (rc == SQL_OK) rc = store_bind_text(s, ":by", c->by_id);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	char size[24];
	snprintf(size, sizeof size, "%lld", c->a->size);
	store_json_set(o, "day", c->day);
	store_json_set(o, "name", c->a->name);
	store_json_set(o, "size", size);
	store_json_set(o, "type", c->a->type);
	store_json_set(o, "sha256", c->a->sha256);
	char *js = store_json_take(o);
	e = store_audit_append(st, "reception.attach", id, js);
	free(js);
	return e;
}

lf_store_err lf_store_reception_attach(lf_store *st, const char *day, const lf_attachment *a, const char *by_id)
{
	attach_ctx c = {day, by_id, a};
	lf_store_err e = store_write(st, attach_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

static void row_to_attachment(sql_stmt *s, lf_attachment *a)
{
	memset(a, 0, sizeof *a);
	a->id = sql_column_int64(s, 0);
	store_rc_col(a->sha256, sizeof a->sha256, s, 1);
	store_rc_col(a->name, sizeof a->name, s, 2);
	a->size = sql_column_int64(s, 3);
	store_rc_col(a->type, sizeof a->type, s, 4);
	store_rc_col(a->added_at, sizeof a->added_at, s, 5);
}

lf_store_err lf_store_reception_attachments(lf_store *st, const char *day, lf_attachment_fn fn, void *ud)
{
	sql_stmt *s = store_rc_prepare(st, "SELECT a.id, a.sha256, a.name, a.size, a.type, a.added_at "
	                                       "FROM reception_attachment a JOIN reception_log l ON l.id = a.log_id "
	                                       "WHERE l.day = :day ORDER BY a.id");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":day", day ? day : "");
	if (rc != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_attachment a;
		row_to_attachment(s, &a);
		if (fn && fn(&a, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_reception_cases(lf_store *st, const char *day, lf_case_no_fn fn, void *ud)
{
	sql_stmt *s = store_rc_prepare(st, "SELECT c.id, c.case_no FROM reception_log_case x "
	                                       "JOIN reception_log l ON l.id = x.log_id JOIN case_file c ON c.id = x.case_id "
	                                       "WHERE l.day = :day ORDER BY c.year, c.number");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":day", day ? day : "");
	if (rc != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		if (fn && fn((const char *)sql_column_text(s, 0), (const char *)sql_column_text(s, 1), ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

int lf_store_attachments_check(lf_store *st, lf_problem_fn fn, void *ud)
{
	char *dir = lf_store_attachment_dir(st);
	if (!dir && sql_dialect_of(st->db) == SQL_POSTGRES) {
		/* No folder named: fine while nothing is attached. */
		sql_stmt *any = store_rc_prepare(st, "SELECT count(*) FROM reception_attachment");
		long long n = any && sql_step(any) == SQL_ROW ? sql_column_int64(any, 0) : -1;
		sql_finalize(any);
		if (n == 0)
			return store_ok(st), 0;
		return -1;
	}
	if (!dir) {
		store_fail_msg(st, LF_STORE_IO, _("Out of memory while checking the database."));
		return -1;
	}
	/* One row per stored file, however many logs attach it. */
	/* Streamed: on PostgreSQL a batch of the rows at a time (sql.h). */
	sql_stmt *s = NULL;
	int prc = sql_prepare_v3(st->db, "SELECT sha256, min(name), min(size) FROM reception_attachment "
	                                 "GROUP BY sha256 ORDER BY min(id)", -1, SQL_PREPARE_STREAM, &s, NULL);
	if (prc != SQL_OK) {
		store_fail(st, prc);
		sql_finalize(s);
		free(dir);
		return -1;
	}
	int rc, problems = 0;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *sha = (const char *)sql_column_text(s, 0);
		const char *name = (const char *)sql_column_text(s, 1);
		long long size = sql_column_int64(s, 2), got_size = 0;
		char path[4096], got[LF_SHA256_HEX], line[1024], why[256];
		line[0] = '\0';
		/* The hash names the stored file: anything but 64 hex digits could
		 * name another path ("../x"), so it is reported, never opened. */
		bool hex = sha && strlen(sha) == 64 && strspn(sha, "0123456789abcdef") == 64;
		int r = 0;
		if (hex) {
			snprintf(path, sizeof path, "%s/%s", dir, sha);
			r = lf_file_sha256(path, got, &got_size);
		}
		if (!hex)
			snprintf(line, sizeof line, _("Attachment %s: its stored hash is not 64 hex digits, so its file "
			                              "was not opened."), name ? name : "");
		else if (r != 0) {
			snprintf(why, sizeof why, "%s", strerror(r));
			snprintf(line, sizeof line, _("Attachment %s (%s): its stored file %s cannot be read (%s)."),
			         name ? name : "", sha ? sha : "", path, why);
		} else if (strcmp(got, sha ? sha : "") || got_size != size)
			snprintf(line, sizeof line,
			         _("Attachment %s (%s): its stored file %s has been changed (its SHA-256 is now %s)."),
			         name ? name : "", sha ? sha : "", path, got);
		if (line[0]) {
			problems++;
			if (fn)
				fn(line, ud);
		}
	}
	sql_finalize(s);
	free(dir);
	if (rc != SQL_DONE) {
		store_fail(st, rc);
		return -1;
	}
	return problems;
}

lf_store_err lf_store_attachment_each(lf_store *st, lf_attachment_hash_fn fn, void *ud)
{
	/* Every stored file: the reception days' photos, the agencies' scans
	 * and the documents packages from other offices brought (db/026). */
	sql_stmt *s = store_rc_prepare(st, "SELECT sha256 FROM reception_attachment UNION "
	                                   "SELECT file_sha256 FROM case_agency_answer WHERE file_sha256 IS NOT NULL "
	                                   "UNION SELECT sha256 FROM exchange_document "
	                                   "ORDER BY 1");
	if (!s)
		return st->err;
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *sha = (const char *)sql_column_text(s, 0);
		if (sha && fn(sha, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
