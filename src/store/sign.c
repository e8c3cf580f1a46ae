/* Signed entries on a case: 领导批示 (instruction) and 办理情况 (handling),
 * appended in order and joined onto the sheet's fields. */
#include "store_internal.h"

#include "clocks_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

#define UUID_LEN STORE_UUID_LEN
#define bind_text store_bind_text

static bool empty(const char *s)
{
	return !s || !*s;
}


typedef struct sign_in {
	const char *key, *kind, *text, *signer_id, *signer_name;
	char signed_at[LF_TIMESTAMP_LEN];
	const char *action;
	char case_id[UUID_LEN], case_no[16];
	char *joined; /* every entry of the kind in order, one per line */
} sign_in;

/* The case's id and number; NOTFOUND with a sentence when there is none. */
static lf_store_err find_case(lf_store *st, sign_in *x)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT id, case_no FROM case_file WHERE id = ?1 OR case_no = ?1",
	                            -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(s, 1, x->key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(x->case_id, sizeof x->case_id, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(x->case_no, sizeof x->case_no, "%s", (const char *)sqlite3_column_text(s, 1));
		sqlite3_finalize(s);
		return LF_STORE_OK;
	}
	lf_store_err e = LF_STORE_OK;
	if (rc != SQLITE_DONE)
		e = store_fail(st, rc);
	sqlite3_finalize(s);
	if (e != LF_STORE_OK)
		return e;
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), x->key, st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

/* Append the entry with the next position, then join the kind's entries. */
static int add_entry(lf_store *st, sign_in *x, long long *position)
{
	static const char sql[] =
		"INSERT INTO case_entry (id, case_id, kind, position, text, signer_id, signer_name, signed_at) "
		"SELECT :id, :case_id, :kind, coalesce(max(position), 0) + 1, :text, :signer_id, :signer_name, "
		":signed_at FROM case_entry WHERE case_id = :case_id AND kind = :kind RETURNING position";
	sqlite3_stmt *s = NULL;
	char id[UUID_LEN];
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	store_new_uuid(id);
	if (rc == SQLITE_OK &&
	    !((rc = bind_text(s, ":id", id)) || (rc = bind_text(s, ":case_id", x->case_id)) ||
	      (rc = bind_text(s, ":kind", x->kind)) || (rc = bind_text(s, ":text", x->text)) ||
	      (rc = bind_text(s, ":signer_id", x->signer_id)) || (rc = bind_text(s, ":signer_name", x->signer_name)) ||
	      (rc = bind_text(s, ":signed_at", x->signed_at))) &&
	    (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*position = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int join_entries(lf_store *st, sign_in *x)
{
	sqlite3_stmt *s = NULL;
	size_t len = 0;
	int rc = sqlite3_prepare_v2(st->db, "SELECT text FROM case_entry WHERE case_id = ?1 AND kind = ?2 "
	                                    "ORDER BY position", -1, &s, NULL);
	free(x->joined);
	x->joined = NULL;
	if (rc == SQLITE_OK && (rc = sqlite3_bind_text(s, 1, x->case_id, -1, SQLITE_STATIC)) == SQLITE_OK)
		rc = sqlite3_bind_text(s, 2, x->kind, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		size_t n = t ? strlen(t) : 0;
		char *j = realloc(x->joined, len + n + 2);
		if (!j) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (len)
			j[len++] = '\n';
		memcpy(j + len, t ? t : "", n + 1);
		len += n;
		x->joined = j;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? SQLITE_OK : rc;
}

static int update_case(lf_store *st, const sign_in *x)
{
	/* Two statements, not a column name pasted in: the kind is checked. The
	 * leader asked for an instruction has given it when they sign one: the
	 * case leaves their 待批示 queue. */
	const char *sql = !strcmp(x->kind, "instruction")
		? "UPDATE case_file SET instruction = ?1, instruction_signer = ?2, instruction_date = ?3, "
		  "instruction_leader_id = CASE WHEN instruction_leader_id = ?5 THEN NULL "
		  "ELSE instruction_leader_id END WHERE id = ?4"
		: "UPDATE case_file SET handling = ?1, handling_signer = ?2, handling_date = ?3 WHERE id = ?4";
	char shown[17]; /* "YYYY-MM-DD HH:MM" from "YYYY-MM-DDTHH:MM:SS+08:00" */
	sqlite3_stmt *s = NULL;
	memcpy(shown, x->signed_at, 16); /* at least 16 long: checked on the way in */
	shown[16] = '\0';
	if (shown[10] == 'T')
		shown[10] = ' ';
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK && !((rc = sqlite3_bind_text(s, 1, x->joined, -1, SQLITE_STATIC)) ||
	                         (rc = sqlite3_bind_text(s, 2, x->signer_name, -1, SQLITE_STATIC)) ||
	                         (rc = sqlite3_bind_text(s, 3, shown, -1, SQLITE_STATIC)) ||
	                         (rc = sqlite3_bind_text(s, 4, x->case_id, -1, SQLITE_STATIC)) ||
	                         (sqlite3_bind_parameter_count(s) == 5 &&
	                          (rc = sqlite3_bind_text(s, 5, x->signer_id, -1, SQLITE_STATIC)))))
		rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static lf_store_err sign_body(lf_store *st, void *ctx)
{
	sign_in *x = ctx;
	long long position = 0;
	int rc;
	lf_store_err e = find_case(st, x);
	if (e == LF_STORE_OK)
		e = store_case_gate(st, x->case_id);
	if (e != LF_STORE_OK)
		return e;
	if ((rc = add_entry(st, x, &position)) != SQLITE_OK || (rc = join_entries(st, x)) != SQLITE_OK ||
	    (rc = update_case(st, x)) != SQLITE_OK)
		return store_fail(st, rc);
	/* An instruction opens its report clock; a handling report stops clocks. */
	if ((e = store_clocks_sync(st, x->case_id, NULL, NULL, NULL)) != LF_STORE_OK)
		return e;
	json_t *o = json_object();
	char *changes = NULL;
	if (o) {
		store_json_set(o, "case_no", x->case_no);
		json_object_set_new(o, "position", json_integer(position));
		store_json_set(o, "text", x->text);
		store_json_set(o, "signer_name", x->signer_name);
		store_json_set(o, "signed_at", x->signed_at);
	}
	if (!(changes = store_json_take(o)))
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
	e = store_audit_append(st, x->action, x->case_id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_case_sign(lf_store *st, const char *case_id, const char *kind, const char *text,
                                const char *signer_id, const char *signer_name, const char *signed_at)
{
	sign_in x = {.key = case_id, .kind = kind, .text = text, .signer_id = signer_id,
	             .signer_name = signer_name};
	if (kind && !strcmp(kind, "instruction"))
		x.action = "case.instruct";
	else if (kind && !strcmp(kind, "handling"))
		x.action = "case.report";
	else
		return store_fail_msg(st, LF_STORE_INVALID, _("A signed entry is an instruction or a handling report."));
	if (empty(case_id) || empty(text) || empty(signer_id) || empty(signer_name))
		return store_fail_msg(st, LF_STORE_INVALID, _("A signed entry needs a case, a text and a signer."));
	if (empty(signed_at))
		lf_timestamp_now(x.signed_at, sizeof x.signed_at);
	else
		snprintf(x.signed_at, sizeof x.signed_at, "%s", signed_at);
	if (strlen(x.signed_at) < 16) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("The signing time \"%s\" is not a timestamp (YYYY-MM-DDTHH:MM...)."), x.signed_at);
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	lf_store_err e = store_write(st, sign_body, &x);
	free(x.joined);
	return e;
}
