/* What can be added to an open case besides its steps: the owning leader
 * (包案), a request for an instruction, the urgent and major flags,
 * supervision notes (督办), the one extension, and an annotation on an
 * archived file. Permission first, then inputs, then one event. */
#include "laifang/caseflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/case_clocks.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"

#define NOTE_MAX_CHARS 2000
#define EXTEND_MAX_DAYS 30

/* The case, which must still be tracked for anything but an annotation. */
lf_store_err cf_tracked_flow(lf_store *st, const lf_user *actor, const char *case_id, lf_case_flow *flow, char *msg, size_t len)
{
	lf_store_err e = cf_flow(st, actor, case_id, flow, msg, len);
	if (e == LF_STORE_OK)
		e = cf_unlocked(st, flow, msg, len);
	if (e == LF_STORE_OK && !cf_tracked(flow->state))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the case is %s: nothing more can be added to it"),
		              lf_state_label(flow->state));
	return e;
}

/* One event of kind on the case as it was read, signed by actor. */
lf_store_err cf_record(lf_store *st, const lf_user *actor, const lf_case_flow *flow, lf_event_in *ev,
                           char *msg, size_t len)
{
	char signer[256];
	cf_signer(actor, signer, sizeof signer);
	ev->case_id = flow->case_id;
	ev->expect_state = lf_state_id(flow->state);
	ev->signer_name = signer;
	return cf_event(st, ev, msg, len);
}

lf_store_err lf_case_set_owner(lf_store *st, const lf_user *actor, const char *case_id, const char *leader,
                               char *msg, size_t len)
{
	return lf_case_set_owner_seen(st, actor, case_id, leader, NULL, msg, len);
}

lf_store_err lf_case_set_owner_seen(lf_store *st, const lf_user *actor, const char *case_id, const char *leader,
                                    const char *seen, char *msg, size_t len)
{
	/* A supervisor names any leader; a leader takes a case for themselves. */
	bool names = actor && lf_can(actor->roles, LF_PERM_ROUTE);
	lf_store_err e = cf_require(st, actor, names ? LF_PERM_ROUTE : LF_PERM_INSTRUCT, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (!names && leader && leader[0] && strcmp(leader, actor->login) && strcmp(leader, actor->id))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		                 _("not allowed: a leader takes ownership of a case for themselves; a supervisor "
		                   "names another leader"));
	lf_user who;
	e = cf_user_with(st, leader && leader[0] ? leader : actor->login, LF_ROLE_LEADER, N_("owning leader"), &who,
	                 msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "own", .user_id = who.id, .urgent = -1, .major = -1, .expect_owner_id = seen};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	lf_user_free(&who);
	return e;
}

lf_store_err lf_case_request_instruction(lf_store *st, const lf_user *actor, const char *case_id,
                                         const char *leader, char *msg, size_t len)
{
	return lf_case_request_instruction_seen(st, actor, case_id, leader, NULL, msg, len);
}

lf_store_err lf_case_request_instruction_seen(lf_store *st, const lf_user *actor, const char *case_id,
                                              const char *leader, const char *seen, char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_user who;
	e = cf_user_with(st, leader, LF_ROLE_LEADER, N_("leader"), &who, msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "request_instruction", .user_id = who.id, .urgent = -1, .major = -1,
		                  .expect_leader_id = seen};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	lf_user_free(&who);
	return e;
}

lf_store_err lf_case_set_flags(lf_store *st, const lf_user *actor, const char *case_id, int urgent, int major,
                               char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (urgent < -1 || urgent > 1)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("urgent: yes or no"));
	if (major < -1 || major > 1)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("major: yes or no"));
	if (urgent < 0 && major < 0)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("flags: choose urgent or major"));
	lf_case_flow flow;
	e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "flag", .urgent = urgent, .major = major};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	return e;
}

lf_store_err lf_case_supervise(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                               char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *note = NULL;
	e = cf_text(st, text, true, true, NOTE_MAX_CHARS, N_("supervision note"), &note, msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "supervise", .text = note, .urgent = -1, .major = -1};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	free(note);
	return e;
}

/* Extension: while the case is being handled, before any report. */
static bool extendable(lf_case_state s)
{
	return s == LF_ST_ACCEPTED || s == LF_ST_IN_HOUSE || s == LF_ST_TRANSFERRED || s == LF_ST_ASSIGNED ||
	       s == LF_ST_HANDLING;
}

lf_store_err lf_case_extend(lf_store *st, const lf_user *actor, const char *case_id, int days,
                            const char *approver, const char *reason, char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (days < 1 || days > EXTEND_MAX_DAYS)
		return cf_refuse(st, LF_STORE_INVALID, msg, len,
		                 _("extension: 1 to %d days (Regulations on Letters and Visits 2022, art. 34)"),
		                 EXTEND_MAX_DAYS);
	char *why = NULL;
	lf_user ok_by;
	memset(&ok_by, 0, sizeof ok_by);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	e = cf_text(st, reason, true, true, NOTE_MAX_CHARS, N_("reason for the extension"), &why, msg, len);
	if (e == LF_STORE_OK)
		e = cf_user_with(st, approver, LF_ROLES_ALL, N_("approved by"), &ok_by, msg, len);
	/* The office's head approves (第三十四条: 经本机关、单位负责人批准), and
	 * never the person who asks. */
	if (e == LF_STORE_OK && !lf_can(ok_by.roles, LF_PERM_APPROVE_EXTENSION))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("approved by: %s may not approve an extension (permission approve_extension)"),
		              ok_by.login);
	if (e == LF_STORE_OK && (!strcmp(ok_by.id, actor->id) || !strcmp(ok_by.login, actor->login)))
		e = cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		              _("approved by: the person who asks for an extension cannot approve it"));
	if (e == LF_STORE_OK)
		e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK)
		e = cf_unlocked(st, &flow, msg, len);
	if (e == LF_STORE_OK && (!extendable(flow.state) || !lf_case_handle_clock_runs(st, flow.case_id)))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("extension: the case is %s and no handling deadline runs; only handling is extended"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK && flow.extended)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("extension: handling was already extended once; it can be extended only once"));
	lf_date base;
	if (e == LF_STORE_OK && !cf_handle_due(st, &flow, true, &base) && !cf_handle_due(st, &flow, false, &base))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("extension: the case has no handling due date"));
	if (e == LF_STORE_OK) {
		const lf_calendar *cal = lf_office_calendar(st);
		lf_date due = lf_calendar_add_days(cal, base, days);
		char day[LF_DATE_LEN];
		lf_date_format(due, day);
		/* The handling clock's new due date; the store keeps the earliest
		 * running clock as the case's deadline. */
		lf_event_in ev = {.kind = "extend", .reason = why, .approver_id = ok_by.id, .due_on = day,
		                  .due_rule = "extend", .urgent = -1, .major = -1};
		e = cf_record(st, actor, &flow, &ev, msg, len);
		if (e == LF_STORE_OK)
			cf_warn_uncovered(st, due, msg, len);
	}
	lf_case_flow_free(&flow);
	lf_user_free(&ok_by);
	free(why);
	return e;
}

lf_store_err lf_case_annotate(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                              char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ARCHIVE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *note = NULL;
	e = cf_text(st, text, true, true, NOTE_MAX_CHARS, N_("annotation"), &note, msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK && flow.state != LF_ST_ARCHIVED)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("annotation: only an archived case is annotated; this one is %s"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "annotate", .text = note, .urgent = -1, .major = -1};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	free(note);
	return e;
}
