/* Signed entries on a case: 领导批示 (instruction), 办理情况 (handling),
 * 批转意见 (routing) and the unit head's approval of a report (approval),
 * appended in order; instructions and reports also joined onto the case's
 * own columns (kept for older readers; every face reads the entries). */
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
	char case_id[UUID_LEN], case_no[32];
	char *joined; /* every entry of the kind in order, one per line */
	long long refers; /* approval: the handling entry approved */
	long long refers_seen; /* approval: the report the head read (0: the latest) */
} sign_in;

/* Append the entry with the next position, then join the kind's entries. */
static int add_entry(lf_store *st, sign_in *x, long long *position)
{
	static const char sql[] =
		"INSERT INTO case_entry (id, case_id, kind, position, text, signer_id, signer_name, signed_at, refers) "
		"SELECT :id, :case_id, :kind, coalesce(max(position), 0) + 1, :text, :signer_id, :signer_name, "
		":signed_at, :refers FROM case_entry WHERE case_id = :case_id AND kind = :kind RETURNING position";
	sql_stmt *s = NULL;
	char id[UUID_LEN];
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	store_new_uuid(id);
	if (rc == SQL_OK &&
	    !((rc = bind_text(s, ":id", id)) || (rc = bind_text(s, ":case_id", x->case_id)) ||
	      (rc = bind_text(s, ":kind", x->kind)) || (rc = bind_text(s, ":text", x->text)) ||
	      (rc = bind_text(s, ":signer_id", x->signer_id)) || (rc = bind_text(s, ":signer_name", x->signer_name)) ||
	      (rc = bind_text(s, ":signed_at", x->signed_at)) ||
	      (rc = x->refers > 0 ? sql_bind_int64(s, sql_bind_parameter_index(s, ":refers"), x->refers)
	                          : SQL_OK)) &&
	    (rc = sql_step(s)) == SQL_ROW) {
		*position = sql_column_int64(s, 0);
		rc = sql_step(s);
	}
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static int join_entries(lf_store *st, sign_in *x)
{
	sql_stmt *s = NULL;
	size_t len = 0;
	int rc = sql_prepare_v2(st->db, "SELECT text FROM case_entry WHERE case_id = ?1 AND kind = ?2 "
	                                    "ORDER BY position", -1, &s, NULL);
	free(x->joined);
	x->joined = NULL;
	if (rc == SQL_OK && (rc = sql_bind_text(s, 1, x->case_id, -1, SQL_STATIC)) == SQL_OK)
		rc = sql_bind_text(s, 2, x->kind, -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *t = (const char *)sql_column_text(s, 0);
		size_t n = t ? strlen(t) : 0;
		char *j = realloc(x->joined, len + n + 2);
		if (!j) {
			rc = SQL_NOMEM;
			break;
		}
		if (len)
			j[len++] = '\n';
		memcpy(j + len, t ? t : "", n + 1);
		len += n;
		x->joined = j;
		rc = SQL_OK;
	}
	sql_finalize(s);
	return rc == SQL_DONE || rc == SQL_OK ? SQL_OK : rc;
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
	sql_stmt *s = NULL;
	memcpy(shown, x->signed_at, 16); /* at least 16 long: checked on the way in */
	shown[16] = '\0';
	if (shown[10] == 'T')
		shown[10] = ' ';
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && !((rc = sql_bind_text(s, 1, x->joined, -1, SQL_STATIC)) ||
	                         (rc = sql_bind_text(s, 2, x->signer_name, -1, SQL_STATIC)) ||
	                         (rc = sql_bind_text(s, 3, shown, -1, SQL_STATIC)) ||
	                         (rc = sql_bind_text(s, 4, x->case_id, -1, SQL_STATIC)) ||
	                         (sql_bind_parameter_count(s) == 5 &&
	                          (rc = sql_bind_text(s, 5, x->signer_id, -1, SQL_STATIC)))))
		rc = sql_step(s);
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

/* The report an approval countersigns: the latest handling entry, which
 * no approval names yet, and the one the head read. Read inside the write:
 * two unit heads approving at once cannot both sign the same report, and a
 * report signed at another desk while the head read the earlier one is not
 * approved unread. */
static lf_store_err approval_target(lf_store *st, sign_in *x)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "SELECT h.position, EXISTS (SELECT 1 FROM case_entry a WHERE a.case_id = h.case_id "
	                            "AND a.kind = 'approval' AND a.refers = h.position) FROM case_entry h "
	                            "WHERE h.case_id = ?1 AND h.kind = 'handling' ORDER BY h.position DESC LIMIT 1",
	                            -1, &s, NULL);
	long long pos = 0;
	bool approved = false;
	if (rc == SQL_OK && (rc = sql_bind_text(s, 1, x->case_id, -1, SQL_STATIC)) == SQL_OK &&
	    (rc = sql_step(s)) == SQL_ROW) {
		pos = sql_column_int64(s, 0);
		approved = sql_column_int(s, 1) != 0;
		rc = SQL_DONE;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	if (!pos) {
		snprintf(m, sizeof m, _("Case %s has no handling report to approve."), x->case_no);
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	if (x->refers_seen > pos) {
		snprintf(m, sizeof m, _("Case %s has no handling report %lld; its latest is report %lld. Nothing was approved."),
		         x->case_no, x->refers_seen, pos);
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	if (x->refers_seen > 0 && pos != x->refers_seen) {
		snprintf(m, sizeof m,
		         _("Handling report %lld of case %s was signed at another desk after report %lld, which you read; "
		           "read it before approving. Nothing was approved."),
		         pos, x->case_no, x->refers_seen);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	if (approved) {
		snprintf(m, sizeof m, _("The latest handling report of case %s is approved already."), x->case_no);
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	x->refers = pos;
	return LF_STORE_OK;
}

static lf_store_err sign_body(lf_store *st, void *ctx)
{
	sign_in *x = ctx;
	long long position = 0;
	int rc;
	lf_store_err e = store_case_key(st, x->key, x->case_id, x->case_no);
	if (e == LF_STORE_OK)
		e = store_case_gate(st, x->case_id);
	if (e == LF_STORE_OK && !strcmp(x->kind, "approval"))
		e = approval_target(st, x);
	if (e != LF_STORE_OK)
		return e;
	bool joined = !strcmp(x->kind, "instruction") || !strcmp(x->kind, "handling");
	if ((rc = add_entry(st, x, &position)) != SQL_OK ||
	    (joined && ((rc = join_entries(st, x)) != SQL_OK || (rc = update_case(st, x)) != SQL_OK)))
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
		if (x->refers > 0)
			json_object_set_new(o, "refers", json_integer(x->refers));
	}
	if (!(changes = store_json_take(o)))
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
	e = store_audit_append(st, x->action, x->case_id, changes);
	free(changes);
	return e;
}

static lf_store_err sign(lf_store *st, const char *case_id, const char *kind, long long report_seen,
                         const char *text, const char *signer_id, const char *signer_name, const char *signed_at)
{
	sign_in x = {.key = case_id, .kind = kind, .text = text, .signer_id = signer_id,
	             .signer_name = signer_name, .refers_seen = report_seen};
	if (kind && !strcmp(kind, "instruction"))
		x.action = "case.instruct";
	else if (kind && !strcmp(kind, "handling"))
		x.action = "case.report";
	else if (kind && !strcmp(kind, "routing"))
		x.action = "case.route_note";
	else if (kind && !strcmp(kind, "approval"))
		x.action = "case.approve_report";
	else
		return store_fail_msg(st, LF_STORE_INVALID,
		                      _("A signed entry is an instruction, a handling report, a forwarding opinion or "
		                        "an approval."));
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

lf_store_err lf_store_case_sign(lf_store *st, const char *case_id, const char *kind, const char *text,
                                const char *signer_id, const char *signer_name, const char *signed_at)
{
	return sign(st, case_id, kind, 0, text, signer_id, signer_name, signed_at);
}

lf_store_err lf_store_case_approve(lf_store *st, const char *case_id, int report_seen, const char *text,
                                   const char *signer_id, const char *signer_name, const char *signed_at)
{
	return sign(st, case_id, "approval", report_seen > 0 ? report_seen : 0, text, signer_id, signer_name,
	            signed_at);
}
