/* A case's life in the store: one event per step or note, with its effect
 * on the case (state, lead unit, owner, deadline, flags, visit), the
 * timeline, the facts the archive gate reads, and group petitions. No rule
 * is checked here but the two desks' one: a step taken from a state the case
 * has already left is refused (expect_state). Core decides the rest. */
#include "store_internal.h"

#include "clocks_internal.h"
#include "flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_flow.h"

#define bind_text store_bind_text
#define bind_int store_bind_int
#define done store_done

static bool empty(const char *s)
{
	return !s || !*s;
}

static void copy_col(char *dst, size_t len, sql_stmt *s, int col)
{
	const char *v = (const char *)sql_column_text(s, col);
	snprintf(dst, len, "%s", v ? v : "");
}

static lf_store_err out_of_memory(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

void store_sort_key(char out[STORE_SORT_KEY_LEN], bool urgent, const char *due_on, const char *case_no)
{
	snprintf(out, STORE_SORT_KEY_LEN, "%c%s%s", urgent ? '0' : '1', empty(due_on) ? "9999-12-31" : due_on,
	         case_no ? case_no : "");
}

/* ---- a case's flow columns -------------------------------------------- */

/* The case by id or number; LF_STORE_NOTFOUND with a sentence when none. */
static lf_store_err read_flow(lf_store *st, const char *key, flow_row *r)
{
	static const char sql[] =
		"SELECT id, case_no, status, lead_unit_id, owner_id, instruction_leader_id, due_on, due_rule, "
		"urgent, major, extended, visit_state, visit_at FROM case_file WHERE id = :key OR case_no = :key";
	sql_stmt *s = store_stmt(st, STMT_FLOW_CASE, sql);
	int rc;
	memset(r, 0, sizeof *r);
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":key", key)) == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		copy_col(r->id, sizeof r->id, s, 0);
		copy_col(r->case_no, sizeof r->case_no, s, 1);
		copy_col(r->status, sizeof r->status, s, 2);
		copy_col(r->lead_unit_id, sizeof r->lead_unit_id, s, 3);
		copy_col(r->owner_id, sizeof r->owner_id, s, 4);
		copy_col(r->leader_id, sizeof r->leader_id, s, 5);
		copy_col(r->due_on, sizeof r->due_on, s, 6);
		copy_col(r->due_rule, sizeof r->due_rule, s, 7);
		r->urgent = sql_column_int(s, 8);
		r->major = sql_column_int(s, 9);
		r->extended = sql_column_int(s, 10);
		copy_col(r->visit_state, sizeof r->visit_state, s, 11);
		copy_col(r->visit_at, sizeof r->visit_at, s, 12);
		done(s);
		return LF_STORE_OK;
	}
	done(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), key ? key : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

/* ---- recording an event ------------------------------------------------ */

typedef struct event_ctx {
	const lf_event_in *ev;
	char due_on[LF_DATE_LEN]; /* normalised; "" clears, when ev->due_on is not NULL */
	long long seq;
} event_ctx;

/* Text to bind as is: NULL stays NULL, "" stays "" (a cleared deadline). */
static int bind_keep(sql_stmt *s, const char *param, const char *value)
{
	int i = sql_bind_parameter_index(s, param);
	if (i == 0)
		return SQL_RANGE;
	return value ? sql_bind_text(s, i, value, -1, SQL_STATIC) : sql_bind_null(s, i);
}

static const char *signer(lf_store *st, const lf_event_in *ev)
{
	if (!empty(ev->signer_name))
		return ev->signer_name;
	return st->actor_login ? st->actor_login : "system";
}

static int insert_event(lf_store *st, event_ctx *x, const flow_row *r, const char *now)
{
	static const char sql[] =
		"INSERT INTO case_event (case_id, seq, kind, at, user_id, by_name, unit_id, leader_id, from_state, "
		"to_state, reason, text, satisfaction, due_on, due_rule, approver_id, urgent, major, "
		"satisfaction_stance, answer_opinion, answer_facts, answer_basis, agreement_parties, agreement_mediator) "
		"SELECT :case_id, coalesce(max(seq), 0) + 1, :kind, :at, :user_id, :by_name, :unit_id, :leader_id, "
		":from_state, :to_state, :reason, :text, :satisfaction, :due_on, :due_rule, :approver_id, :urgent, "
		":major, :stance, :answer_opinion, :answer_facts, :answer_basis, :agreement_parties, :agreement_mediator "
		"FROM case_event WHERE case_id = :case_id RETURNING seq";
	const lf_event_in *ev = x->ev;
	bool flag = !strcmp(ev->kind, "flag");
	/* 未表态 has its own column (db/018). */
	bool unstated = ev->satisfaction && !strcmp(ev->satisfaction, "unstated");
	sql_stmt *s = store_stmt(st, STMT_EVENT_INSERT, sql);
	int rc;
	if (!s)
		return -1;
	if ((rc = bind_text(s, ":case_id", r->id)) || (rc = bind_text(s, ":kind", ev->kind)) ||
	    (rc = bind_text(s, ":at", now)) || (rc = bind_text(s, ":user_id", st->actor_id)) ||
	    (rc = bind_text(s, ":by_name", signer(st, ev))) || (rc = bind_text(s, ":unit_id", ev->unit_id)) ||
	    (rc = bind_text(s, ":leader_id", ev->user_id)) || (rc = bind_text(s, ":from_state", r->status)) ||
	    (rc = bind_text(s, ":to_state", ev->to_state)) || (rc = bind_text(s, ":reason", ev->reason)) ||
	    (rc = bind_text(s, ":text", ev->text)) || (rc = bind_text(s, ":satisfaction", unstated ? NULL : ev->satisfaction)) ||
	    (rc = bind_text(s, ":stance", unstated ? "unstated" : NULL)) ||
	    (rc = bind_keep(s, ":due_on", ev->due_on ? x->due_on : NULL)) ||
	    (rc = bind_text(s, ":due_rule", x->due_on[0] ? ev->due_rule : NULL)) ||
	    (rc = bind_text(s, ":approver_id", ev->approver_id)) ||
	    (rc = bind_text(s, ":answer_opinion", ev->answer_opinion)) ||
	    (rc = bind_text(s, ":answer_facts", ev->answer_facts)) ||
	    (rc = bind_text(s, ":answer_basis", ev->answer_basis)) ||
	    (rc = bind_text(s, ":agreement_parties", ev->agreement_parties)) ||
	    (rc = bind_text(s, ":agreement_mediator", ev->agreement_mediator)) ||
	    (flag && ev->urgent >= 0 && (rc = bind_int(s, ":urgent", ev->urgent != 0))) ||
	    (flag && ev->major >= 0 && (rc = bind_int(s, ":major", ev->major != 0))))
		goto cleanup;
	if ((rc = sql_step(s)) == SQL_ROW) {
		x->seq = sql_column_int64(s, 0);
		rc = sql_step(s);
	}
	if (rc == SQL_DONE)
		rc = SQL_OK;
cleanup:
	done(s);
	return rc;
}

/* The event's effect on the case's columns, applied to r. */
static void apply(const event_ctx *x, flow_row *r, const char *now)
{
	const lf_event_in *ev = x->ev;
	if (!empty(ev->to_state))
		snprintf(r->status, sizeof r->status, "%s", ev->to_state);
	if (!empty(ev->unit_id))
		snprintf(r->lead_unit_id, sizeof r->lead_unit_id, "%s", ev->unit_id);
	if (!strcmp(ev->kind, "own"))
		snprintf(r->owner_id, sizeof r->owner_id, "%s", ev->user_id);
	else if (!strcmp(ev->kind, "request_instruction"))
		snprintf(r->leader_id, sizeof r->leader_id, "%s", ev->user_id);
	else if (!strcmp(ev->kind, "extend"))
		r->extended = 1;
	else if (!strcmp(ev->kind, "flag")) {
		if (ev->urgent >= 0)
			r->urgent = ev->urgent != 0;
		if (ev->major >= 0)
			r->major = ev->major != 0;
	} else if (!strncmp(ev->kind, "visit.", 6)) {
		snprintf(r->visit_state, sizeof r->visit_state, "%s", ev->kind + 6);
		snprintf(r->visit_at, sizeof r->visit_at, "%s", now);
	}
	if (ev->due_on) {
		snprintf(r->due_on, sizeof r->due_on, "%s", x->due_on);
		snprintf(r->due_rule, sizeof r->due_rule, "%s", x->due_on[0] && ev->due_rule ? ev->due_rule : "");
	}
}

static int update_flow(lf_store *st, const flow_row *r)
{
	static const char sql[] =
		"UPDATE case_file SET status = :status, lead_unit_id = :unit, owner_id = :owner, "
		"instruction_leader_id = :leader, due_on = :due_on, due_rule = :due_rule, urgent = :urgent, "
		"major = :major, extended = :extended, visit_state = :visit_state, visit_at = :visit_at, "
		"sort_key = :sort_key WHERE id = :id";
	sql_stmt *s = store_stmt(st, STMT_FLOW_UPDATE, sql);
	char key[STORE_SORT_KEY_LEN];
	int rc;
	if (!s)
		return -1;
	store_sort_key(key, r->urgent, r->due_on, r->case_no);
	if ((rc = bind_text(s, ":status", r->status)) || (rc = bind_text(s, ":unit", r->lead_unit_id)) ||
	    (rc = bind_text(s, ":owner", r->owner_id)) || (rc = bind_text(s, ":leader", r->leader_id)) ||
	    (rc = bind_text(s, ":due_on", r->due_on)) || (rc = bind_text(s, ":due_rule", r->due_rule)) ||
	    (rc = bind_int(s, ":urgent", r->urgent)) || (rc = bind_int(s, ":major", r->major)) ||
	    (rc = bind_int(s, ":extended", r->extended)) || (rc = bind_text(s, ":visit_state", r->visit_state)) ||
	    (rc = bind_text(s, ":visit_at", r->visit_at)) || (rc = bind_text(s, ":sort_key", key)) ||
	    (rc = bind_text(s, ":id", r->id))) {
		done(s);
		return rc;
	}
	rc = sql_step(s);
	done(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

/* The audit entry: the event's fields, never an ID or phone number (an
 * event carries none). */
static lf_store_err audit_event(lf_store *st, const event_ctx *x, const flow_row *before, const flow_row *r)
{
	const lf_event_in *ev = x->ev;
	char action[64];
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", r->case_no);
		json_object_set_new(o, "seq", json_integer(x->seq));
		store_json_set(o, "from_state", before->status);
		store_json_set(o, "to_state", ev->to_state);
		store_json_set(o, "unit_id", ev->unit_id);
		store_json_set(o, "user_id", ev->user_id);
		store_json_set(o, "reason", ev->reason);
		store_json_set(o, "text", ev->text);
		store_json_set(o, "satisfaction", ev->satisfaction);
		if (ev->due_on) {
			json_object_set_new(o, "due_on", json_string(x->due_on));
			store_json_set(o, "due_rule", ev->due_rule);
		}
		store_json_set(o, "approver_id", ev->approver_id);
		store_json_set(o, "case_kind", ev->case_kind);
		if (!strcmp(ev->kind, "flag")) {
			json_object_set_new(o, "urgent", json_boolean(r->urgent));
			json_object_set_new(o, "major", json_boolean(r->major));
		}
		store_json_set(o, "by_name", signer(st, ev));
	}
	char *changes = store_json_take(o);
	if (!changes)
		return out_of_memory(st);
	snprintf(action, sizeof action, "case.%s", ev->kind);
	lf_store_err e = store_audit_append(st, action, r->id, changes);
	free(changes);
	return e;
}

static lf_store_err event_fail(lf_store *st, int rc)
{
	if (rc == -1)
		return st->err;
	if (sql_extended_errcode(st->db) == SQL_CONSTRAINT_FOREIGNKEY)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("The unit or user named for this step is not in the "
		                                               "database; nothing was saved."));
	return store_fail(st, rc);
}

static lf_store_err event_body(lf_store *st, void *ctx)
{
	event_ctx *x = ctx;
	const lf_event_in *ev = x->ev;
	flow_row before, r;
	char now[LF_TIMESTAMP_LEN];
	int rc;
	lf_store_err e = read_flow(st, ev->case_id, &before);
	if (e != LF_STORE_OK)
		return e;
	if (!empty(ev->expect_state) && strcmp(before.status, ev->expect_state)) {
		lf_case_state cur;
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("Case %s was just moved by someone else to \"%s\"; look again."), before.case_no,
		         lf_state_parse(before.status, &cur) ? lf_state_label(cur) : before.status);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	/* What core checked before the write, checked again under its lock
	 * (flow_recheck.c): another desk may have acted meanwhile. */
	if ((e = flow_recheck(st, ev, &before)) != LF_STORE_OK)
		return e;
	/* Archived means locked: an annotation that changes nothing is the one
	 * event an archived case takes; it leaves case_file as it is. */
	bool note = !strcmp(ev->kind, "annotate") && empty(ev->to_state) && empty(ev->unit_id) &&
	            empty(ev->user_id) && !ev->due_on && empty(ev->approver_id);
	if (!note && (e = store_case_gate(st, before.id)) != LF_STORE_OK)
		return e;
	bool locked = !strcmp(before.status, "archived");
	lf_timestamp_now(now, sizeof now);
	r = before;
	apply(x, &r, now);
	if ((rc = insert_event(st, x, &before, now)) != SQL_OK)
		return event_fail(st, rc);
	/* The clocks move with the history, and the case keeps the earliest
	 * running one as its deadline (the event's due_on is an input to them). */
	if (!locked && (e = store_clocks_sync(st, r.id, r.due_on, r.due_rule, NULL)) != LF_STORE_OK)
		return e;
	if (!locked && !empty(ev->case_kind)) {
		sql_stmt *k = store_stmt(st, STMT_KIND_SET, "UPDATE case_file SET kind = :kind WHERE id = :id");
		if (!k)
			return st->err;
		if ((rc = bind_text(k, ":kind", ev->case_kind)) == SQL_OK && (rc = bind_text(k, ":id", r.id)) == SQL_OK)
			rc = sql_step(k);
		done(k);
		if (rc != SQL_DONE)
			return event_fail(st, rc);
	}
	/* Issue 13: the reply opens the petitioner's evaluation period; the
	 * answer's delivery moves a period still open (evaluated meanwhile at
	 * another desk, it stays closed). */
	if (!locked && !empty(ev->evaluation_due)) {
		sql_stmt *k = store_stmt(st, STMT_EVAL_DUE_SET,
		                         "UPDATE case_file SET evaluation_due = :due WHERE id = :id "
		                         "AND (:open_only = 0 OR evaluation_due IS NOT NULL)");
		if (!k)
			return st->err;
		if ((rc = bind_text(k, ":due", ev->evaluation_due)) == SQL_OK && (rc = bind_text(k, ":id", r.id)) == SQL_OK &&
		    (rc = bind_int(k, ":open_only", !strcmp(ev->kind, "deliver"))) == SQL_OK)
			rc = sql_step(k);
		done(k);
		if (rc != SQL_DONE)
			return event_fail(st, rc);
	}
	if ((!locked && (rc = update_flow(st, &r)) != SQL_OK) ||
	    (rc = store_counts_move(st, before.status, r.status)) != SQL_OK)
		return event_fail(st, rc);
	return audit_event(st, x, &before, &r);
}

/* What the tables need, said plainly (core has checked the rules). */
static lf_store_err check_event(lf_store *st, const lf_event_in *ev, event_ctx *x)
{
	lf_case_state s;
	lf_date d;
	if (empty(ev->case_id) || empty(ev->kind))
		return store_fail_msg(st, LF_STORE_INVALID, _("An event needs a case and a kind."));
	if (strlen(ev->kind) > 40)
		return store_fail_msg(st, LF_STORE_INVALID, _("An event's kind is too long."));
	if (!empty(ev->case_kind) && strcmp(ev->case_kind, "suggestion") && strcmp(ev->case_kind, "accusation") &&
	    strcmp(ev->case_kind, "claim"))
		return store_fail_msg(st, LF_STORE_INVALID, _("A category is suggestion, accusation or claim."));
	if (!empty(ev->to_state) && !lf_state_parse(ev->to_state, &s))
		return store_fail_msg(st, LF_STORE_INVALID, _("An event names a state the workflow does not know."));
	if (!empty(ev->satisfaction) && !lf_satisfaction_valid(ev->satisfaction))
		return store_fail_msg(st, LF_STORE_INVALID, _("The satisfaction is not one of satisfied, basically, "
		                                              "dissatisfied or unstated."));
	if ((!strcmp(ev->kind, "own") || !strcmp(ev->kind, "request_instruction")) && empty(ev->user_id))
		return store_fail_msg(st, LF_STORE_INVALID, _("Owning a case or asking for an instruction needs a leader."));
	if (!strncmp(ev->kind, "visit.", 6) && strcmp(ev->kind + 6, "waiting") && strcmp(ev->kind + 6, "interview") &&
	    strcmp(ev->kind + 6, "done") && strcmp(ev->kind + 6, "returned"))
		return store_fail_msg(st, LF_STORE_INVALID, _("A visit is waiting, interview, done or returned."));
	x->due_on[0] = '\0';
	if (!empty(ev->due_on)) {
		if (!lf_date_parse(ev->due_on, &d) || !lf_date_valid(d.y, d.m, d.d)) {
			char m[sizeof st->msg];
			snprintf(m, sizeof m, _("The due date \"%s\" is not a date (YYYY-MM-DD); nothing was saved."),
			         ev->due_on);
			return store_fail_msg(st, LF_STORE_INVALID, m);
		}
		lf_date_format(d, x->due_on);
	}
	return LF_STORE_OK;
}

lf_store_err lf_store_case_event(lf_store *st, const lf_event_in *ev)
{
	event_ctx x = {.ev = ev};
	lf_store_err e = check_event(st, ev, &x);
	return e != LF_STORE_OK ? e : store_write(st, event_body, &x);
}

/* ---- the timeline -------------------------------------------------------- */

lf_store_err lf_store_case_events(lf_store *st, const char *case_id, lf_event_fn fn, void *ud)
{
	/* Events and signed entries, each read by its (case_id, ...) unique
	 * index; a case has tens of rows, so sorting them costs nothing. */
	static const char sql[] =
		"SELECT seq, kind, at, by_name, unit_name, reason, text, satisfaction, due_on, to_state, approver, rule, "
		"a_opinion, a_facts, a_basis, g_parties, g_mediator "
		"FROM ("
		" SELECT e.seq AS seq, e.kind AS kind, e.at AS at, e.by_name AS by_name, u.name AS unit_name,"
		" e.reason AS reason, e.text AS text, coalesce(e.satisfaction, e.satisfaction_stance) AS satisfaction, e.due_on AS due_on,"
		" e.to_state AS to_state, 0 AS src,"
		" CASE WHEN a.title <> '' THEN a.name || '（' || a.title || '）' ELSE a.name END AS approver,"
		" NULL AS rule, e.answer_opinion AS a_opinion, e.answer_facts AS a_facts, e.answer_basis AS a_basis,"
		" e.agreement_parties AS g_parties, e.agreement_mediator AS g_mediator"
		" FROM case_event e LEFT JOIN unit u ON u.id = e.unit_id LEFT JOIN app_user a ON a.id = e.approver_id"
		" WHERE e.case_id = :id"
		" UNION ALL"
		" SELECT n.position, n.kind, n.signed_at, n.signer_name, NULL, NULL, n.text, NULL, NULL, NULL, 1, NULL, NULL,"
		" NULL, NULL, NULL, NULL, NULL"
		" FROM case_entry n WHERE n.case_id = :id"
		/* A forwarding opinion is on the timeline already: the routing
		 * step's reason, by the same person at the same moment. */
		" AND n.kind <> 'routing'"
		/* The clocks' starts and stops (clocks.h): the basis as text, the
		 * clock's state as to_state. */
		" UNION ALL"
		" SELECT k.id, 'clock_start', k.start_at, '', NULL, NULL, k.basis, NULL, k.due_on, 'running', 2, NULL,"
		" k.rule, NULL, NULL, NULL, NULL, NULL FROM case_clock k WHERE k.case_id = :id"
		" UNION ALL"
		" SELECT k.id, 'clock_stop', k.stop_at, '', NULL, k.stop_reason, NULL, NULL, k.due_on, k.state, 2, NULL,"
		" k.rule, NULL, NULL, NULL, NULL, NULL FROM case_clock k WHERE k.case_id = :id AND k.stop_at IS NOT NULL"
		") t ORDER BY at, src, seq";
	flow_row r;
	lf_store_err e = read_flow(st, case_id, &r);
	if (e != LF_STORE_OK)
		return e;
	sql_stmt *s = store_stmt(st, STMT_CASE_EVENTS, sql);
	int rc;
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":id", r.id)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		lf_event ev = {.seq = sql_column_int64(s, 0), .kind = T(1), .at = T(2), .by_name = T(3),
		               .unit_name = T(4), .reason = T(5), .text = T(6), .satisfaction = T(7),
		               .due_on = T(8), .to_state = T(9), .approver = T(10), .rule = T(11),
		               .answer_opinion = T(12), .answer_facts = T(13), .answer_basis = T(14),
		               .agreement_parties = T(15), .agreement_mediator = T(16)};
#undef T
		if (fn(&ev, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* ---- a case's flow and the archive gate's facts ------------------------- */

static char *dup_col(sql_stmt *s, int col, bool *oom)
{
	const char *v = (const char *)sql_column_text(s, col);
	if (empty(v))
		return NULL;
	char *d = strdup(v);
	if (!d)
		*oom = true;
	return d;
}

/* The facts: the sheet's required fields; events by kind (a notice is the
 * text of a decline, referral, transfer or assignment); signed entries. */
#define EVENTS_OF(cond) "(SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND " cond ")"
static const char case_flow_sql[] =
	"SELECT c.id, c.status, c.lead_unit_id, u.name, u.kind, c.owner_id, "
	"CASE WHEN o.title <> '' THEN o.name || '（' || o.title || '）' ELSE o.name END, "
	"c.instruction_leader_id, c.due_on, c.due_rule, c.urgent, c.major, c.extended, c.headcount, c.visit_state, "
	"(SELECT count(*) FROM case_visitor r WHERE r.case_id = c.id), "
	"CASE WHEN c.content <> '' AND EXISTS (SELECT 1 FROM case_visitor s JOIN visitor v ON v.id = s.visitor_id "
	" WHERE s.case_id = c.id AND s.position = 0 AND s.name <> '' AND v.id_number <> '') THEN 1 ELSE 0 END, "
	EVENTS_OF(STORE_EVENT_KIND("e") " IN ('accept', 'decline', 'refer', 'refer_law')") ", "
	EVENTS_OF(STORE_EVENT_KIND("e") " IN ('in_house', 'transfer', 'assign')") ", "
	"(SELECT count(*) FROM case_entry n WHERE n.case_id = c.id AND n.kind = 'instruction'), "
	"(SELECT count(*) FROM case_entry n WHERE n.case_id = c.id AND n.kind = 'handling'), "
	EVENTS_OF(STORE_EVENT_KIND("e") " = 'report' AND e.text <> ''") ", "
	EVENTS_OF(STORE_EVENT_KIND("e") " = 'reply'") ", "
	EVENTS_OF(STORE_EVENT_KIND("e") " = 'reply' AND coalesce(e.satisfaction, e.satisfaction_stance) IS NOT NULL") ", "
	EVENTS_OF(STORE_EVENT_KIND("e") " IN ('decline', 'refer', 'refer_law', 'transfer', 'assign') AND e.text <> ''") " "
	"FROM case_file c LEFT JOIN unit u ON u.id = c.lead_unit_id LEFT JOIN app_user o ON o.id = c.owner_id "
	"WHERE c.id = :key OR c.case_no = :key";
#undef EVENTS_OF

static void row_to_flow(sql_stmt *s, lf_case_flow *f, bool *oom)
{
	lf_case_file_facts *k = &f->facts;
	copy_col(f->case_id, sizeof f->case_id, s, 0);
	const char *status = (const char *)sql_column_text(s, 1);
	if (!lf_state_parse(status, &f->state))
		f->state = LF_ST_REGISTERED;
	f->lead_unit_id = dup_col(s, 2, oom);
	f->lead_unit_name = dup_col(s, 3, oom);
	f->lead_unit_kind = dup_col(s, 4, oom);
	f->owner_id = dup_col(s, 5, oom);
	f->owner_name = dup_col(s, 6, oom);
	f->instruction_leader_id = dup_col(s, 7, oom);
	copy_col(f->due_on, sizeof f->due_on, s, 8);
	copy_col(f->due_rule, sizeof f->due_rule, s, 9);
	f->urgent = sql_column_int(s, 10) != 0;
	f->major = sql_column_int(s, 11) != 0;
	f->extended = sql_column_int(s, 12) != 0;
	f->headcount = sql_column_int(s, 13);
	copy_col(f->visit_state, sizeof f->visit_state, s, 14);
	f->representatives = sql_column_int(s, 15);
	k->state = f->state;
	k->has_sheet = sql_column_int(s, 16) != 0;
	k->has_decision = sql_column_int(s, 17) > 0;
	k->has_routing = sql_column_int(s, 18) > 0;
	k->instructions = sql_column_int(s, 19);
	/* A report is a signed handling entry or the report step's text; a desk
	 * recording both for one report counts it once. */
	int entries = sql_column_int(s, 20), steps = sql_column_int(s, 21);
	k->reports = entries > steps ? entries : steps;
	k->has_reply = sql_column_int(s, 22) > 0;
	k->has_satisfaction = sql_column_int(s, 23) > 0;
	k->has_notice = sql_column_int(s, 24) > 0;
}

lf_store_err lf_store_case_flow(lf_store *st, const char *case_id, lf_case_flow *out)
{
	sql_stmt *s = store_stmt(st, STMT_CASE_FLOW, case_flow_sql);
	bool oom = false;
	int rc;
	memset(out, 0, sizeof *out);
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":key", case_id)) == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		row_to_flow(s, out, &oom);
		done(s);
		if (oom) {
			lf_case_flow_free(out);
			return out_of_memory(st);
		}
		return store_ok(st);
	}
	done(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), case_id ? case_id : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

/* An event recorded inside another write's body (agency.c): the same
 * checks and effect, in the caller's transaction; *seq gets its number. */
lf_store_err store_case_event_in(lf_store *st, const lf_event_in *ev, long long *seq)
{
	event_ctx x = {.ev = ev};
	lf_store_err e = check_event(st, ev, &x);
	if (e == LF_STORE_OK)
		e = event_body(st, &x);
	if (e == LF_STORE_OK && seq)
		*seq = x.seq;
	return e;
}
