/* Registering a visit: check the sheet as the form declares it, then hand
 * the normalised values to the store. The TUI and `laifang import` both come
 * through here, so a rule added to the form holds for both. */
#include "laifang/registration.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/date.h"
#include "laifang/deadline.h"
#include "laifang/document.h"
#include "laifang/i18n.h"
#include "laifang/store_group.h"

#include "intake.h"

/* An import of at least this many rows takes the planner's statistics
 * again after its commit (lf_store_analyze). */
#define LF_ANALYZE_ROWS 1000

/* The value of field id, or NULL when the form has no such field or it is
 * empty. */
static const char *value_of(const lf_form_def *form, char **values, const char *id)
{
	int i = lf_form_find(form, id);
	if (i < 0 || !values[i] || !values[i][0])
		return NULL;
	return values[i];
}

lf_store_err lf_identity_check(lf_store *st, const char *doc_type, const char *number, const char *name,
                               char *msg, size_t len)
{
	lf_doc_type t = lf_doc_type_parse(doc_type);
	char key[128];
	if (msg && len)
		msg[0] = '\0';
	if (!lf_doc_key(t, number, key, sizeof key))
		return LF_STORE_OK; /* 无证件: nobody to match */
	lf_visitor_info info;
	lf_store_err e = lf_store_find_visitor_doc(st, lf_doc_type_name(t), key, &info);
	if (e == LF_STORE_NOTFOUND)
		return LF_STORE_OK;
	if (e != LF_STORE_OK)
		return e;
	bool differs = info.name && name && strcmp(info.name, name);
	if (differs && msg && len) {
		if (t == LF_DOC_ID_CARD)
			snprintf(msg, len, _("This ID number is on record as %s; this sheet says %s."), info.name, name);
		else
			snprintf(msg, len, _("This document number is on record as %s; this sheet says %s."), info.name,
			         name);
	}
	lf_visitor_info_free(&info);
	if (differs) {
		lf_store_set_error(st, LF_STORE_CONFLICT, msg ? msg : "");
		return LF_STORE_CONFLICT;
	}
	return LF_STORE_OK;
}

int lf_registration_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                         lf_form_issue *issues, size_t max_issues, size_t *n_issues,
                         lf_saved_case *out, lf_store_err *err)
{
	return lf_registration_save_full(st, actor, form, values, false, LF_IDENTITY_ASK, issues, max_issues, n_issues,
	                                 out, err);
}

int lf_registration_save_repeat(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                                bool repeat, lf_form_issue *issues, size_t max_issues, size_t *n_issues,
                                lf_saved_case *out, lf_store_err *err)
{
	return lf_registration_save_full(st, actor, form, values, repeat, LF_IDENTITY_ASK, issues, max_issues,
	                                 n_issues, out, err);
}

int lf_registration_save_as(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                            lf_identity_choice choice, lf_form_issue *issues, size_t max_issues,
                            size_t *n_issues, lf_saved_case *out, lf_store_err *err)
{
	return lf_registration_save_full(st, actor, form, values, false, choice, issues, max_issues, n_issues, out,
	                                 err);
}

int lf_registration_save_full(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                              bool repeat, lf_identity_choice choice, lf_form_issue *issues, size_t max_issues,
                              size_t *n_issues, lf_saved_case *out, lf_store_err *err)
{
	return lf_intake_save(st, actor, form, values, NULL, repeat, choice, issues, max_issues, n_issues, out, err);
}

static int intake_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                       const char *channel, const lf_sheet_answers *a, lf_form_issue *issues,
                       size_t max_issues, size_t *n_issues, lf_saved_case *out, lf_store_err *err);

int lf_registration_save_answered(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                                  const lf_sheet_answers *answers, lf_form_issue *issues, size_t max_issues,
                                  size_t *n_issues, lf_saved_case *out, lf_store_err *err)
{
	return intake_save(st, actor, form, values, NULL, answers, issues, max_issues, n_issues, out, err);
}

int lf_intake_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                   const char *channel, bool repeat, lf_identity_choice choice, lf_form_issue *issues,
                   size_t max_issues, size_t *n_issues, lf_saved_case *out, lf_store_err *err)
{
	lf_sheet_answers a = {.repeat = repeat, .identity = choice, .earlier_seen = -1};
	return intake_save(st, actor, form, values, channel, &a, issues, max_issues, n_issues, out, err);
}

static int intake_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                       const char *channel, const lf_sheet_answers *a, lf_form_issue *issues,
                       size_t max_issues, size_t *n_issues, lf_saved_case *out, lf_store_err *err)
{
	bool repeat = a->repeat;
	lf_identity_choice choice = a->identity;
	lf_saved_case unused;
	if (!out)
		out = &unused;
	memset(out, 0, sizeof *out);
	*n_issues = 0;
	if (err)
		*err = LF_STORE_OK;
	char why[512];
	if (!lf_require(actor, LF_PERM_REGISTER, why, sizeof why)) {
		lf_store_set_error(st, LF_STORE_DENIED, why);
		if (err)
			*err = LF_STORE_DENIED;
		return -1;
	}
	/* 接待人员 is the person logged in unless the sheet (or an imported
	 * row) names someone. */
	int r = lf_form_find(form, "receptionist");
	if (r >= 0 && (!values[r] || !values[r][0])) {
		const char *who = actor->name && actor->name[0] ? actor->name : actor->login;
		size_t n = who ? strlen(who) + 1 : 0;
		char *copy = n ? malloc(n) : NULL;
		if (copy) {
			memcpy(copy, who, n);
			free(values[r]);
			values[r] = copy;
		}
	}
	size_t found = lf_form_check(form, values, lf_date_today(), issues, max_issues);
	size_t shown = found < max_issues ? found : max_issues;
	size_t invalid = 0;
	for (size_t i = 0; i < shown; i++)
		invalid += issues[i].verdict == LF_INVALID;
	if (invalid) {
		/* lf_form_check puts invalid issues first: report only those. */
		*n_issues = invalid;
		return 1;
	}
	if (lf_group_sheet_check(form, values, issues, max_issues, n_issues) > 0)
		return 1;

	lf_registration reg = {
		.receptionist = value_of(form, values, "receptionist"),
		.received_on = value_of(form, values, "received_on"),
		.name = value_of(form, values, "name"),
		.sex = value_of(form, values, "sex"),
		.phone = value_of(form, values, "phone"),
		.id_number = value_of(form, values, "id_number"),
		.address = value_of(form, values, "address"),
		.content = value_of(form, values, "content"),
		.channel = value_of(form, values, "channel"),
		.repeat = repeat,
		.doc_type = value_of(form, values, "doc_type"),
		.update_visitor = choice == LF_IDENTITY_UPDATE,
		.ask_if_newer = a->earlier_seen >= 0,
		.earlier_seen = a->earlier_seen,
	};
	/* The channel, an anonymous letter or call, the form's own fields. */
	intake_extra extra;
	size_t bad = intake_prepare(form, values, channel, &reg, &extra, issues, max_issues);
	if (bad) {
		*n_issues = bad < max_issues ? bad : max_issues;
		if (err)
			*err = LF_STORE_INVALID;
		return 1;
	}
	/* A letter or call that names its writer but gives no document: the
	 * person is recorded without one (a new record each time). */
	if (!reg.anonymous && !reg.id_number && strcmp(form->id, "registration")) {
		reg.doc_type = "无证件";
		reg.id_number = strcmp(reg.channel, "phone") ? "来信未注明证件号码" : "来电未注明证件号码";
	}
	/* The document: the number as typed stays on the case; the person is
	 * known by lf_doc_key's form of it; without a document the number box
	 * holds the required note. */
	lf_doc_type dt = reg.anonymous ? LF_DOC_NONE : lf_doc_type_parse(reg.doc_type);
	if (dt == LF_DOC_UNKNOWN)
		dt = LF_DOC_ID_CARD; /* the form's choice list already refused it */
	reg.doc_type = reg.anonymous ? NULL : lf_doc_type_name(dt);
	char key[128];
	if (reg.anonymous) {
		/* nobody to record */
	} else if (dt == LF_DOC_NONE) {
		reg.doc_note = reg.id_number;
		reg.id_number = NULL;
	} else if (reg.id_number && lf_doc_key(dt, reg.id_number, key, sizeof key)) {
		reg.doc_key = key;
	}
	if (choice == LF_IDENTITY_ASK && !reg.anonymous && dt != LF_DOC_NONE && reg.id_number && reg.name) {
		char q[sizeof issues[0].message];
		lf_store_err ce = lf_identity_check(st, reg.doc_type, reg.id_number, reg.name, q, sizeof q);
		if (ce == LF_STORE_CONFLICT) {
			if (max_issues > 0) {
				int nf = lf_form_find(form, "name");
				issues[0].field = nf >= 0 ? (size_t)nf : 0;
				issues[0].verdict = LF_INVALID;
				snprintf(issues[0].message, sizeof issues[0].message, "%s", q);
				*n_issues = 1;
			}
			if (err)
				*err = LF_STORE_CONFLICT;
			return 2;
		}
		if (ce != LF_STORE_OK) {
			if (err)
				*err = ce;
			return -1;
		}
	}
	/* The first deadline: route the case and notify the visitor within 15
	 * days of receipt, on the office's calendar. */
	lf_date received;
	if (!reg.received_on || !lf_date_parse(reg.received_on, &received))
		received = lf_date_today();
	char due[LF_DATE_LEN];
	lf_date_format(lf_deadline_due(lf_office_calendar(st), LF_DL_ROUTE, received), due);
	reg.due_on = due;
	reg.due_rule = lf_deadline_rule_get(LF_DL_ROUTE)->key;
	/* The case and what the sheet adds to it (issue 12: representatives,
	 * headcount, further phones, 候谈) are one transaction. */
	bool own = !lf_store_in_transaction(st);
	lf_store_err e = own ? lf_store_begin(st) : LF_STORE_OK;
	if (e == LF_STORE_OK)
		e = lf_store_save_registration(st, &reg, out);
	char m[512] = "";
	if (e == LF_STORE_OK)
		e = lf_group_sheet_save(st, actor, form, values, out->case_id, reg.update_visitor, m, sizeof m);
	if (e == LF_STORE_OK && own)
		e = lf_store_commit(st);
	if (e != LF_STORE_OK && own) {
		char keep[512];
		snprintf(keep, sizeof keep, "%s", m[0] ? m : lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, keep);
	} else if (e != LF_STORE_OK && m[0]) {
		lf_store_set_error(st, e, m);
	}
	if (err)
		*err = e;
	if (e == LF_STORE_CONFLICT && out->newer_case_no[0] && max_issues > 0) {
		int idf = lf_form_find(form, "id_number");
		issues[0].field = idf >= 0 ? (size_t)idf : 0;
		issues[0].verdict = LF_INVALID;
		snprintf(issues[0].message, sizeof issues[0].message, "%s", lf_store_errmsg(st));
		*n_issues = 1;
		return 3;
	}
	return e == LF_STORE_OK ? 0 : -1;
}

int lf_registration_save_all(lf_store *st, const lf_user *actor, const lf_form_def *form, char **const *rows,
                             size_t n, lf_form_issue *issues, size_t max_issues, size_t *n_issues, size_t *bad,
                             lf_saved_case *first, lf_saved_case *last, lf_store_err *err)
{
	return lf_intake_save_all(st, actor, form, rows, NULL, n, issues, max_issues, n_issues, bad, first, last, err);
}

int lf_intake_save_all(lf_store *st, const lf_user *actor, const lf_form_def *form, char **const *rows,
                       const char *const *channels, size_t n, lf_form_issue *issues, size_t max_issues,
                       size_t *n_issues, size_t *bad, lf_saved_case *first, lf_saved_case *last,
                       lf_store_err *err)
{
	*n_issues = 0;
	*bad = SIZE_MAX;
	if ((*err = lf_store_begin(st)) != LF_STORE_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		lf_saved_case saved;
		int r = lf_intake_save(st, actor, form, rows[i], channels ? channels[i] : NULL, false, LF_IDENTITY_ASK,
		                       issues, max_issues, n_issues, &saved, err);
		if (r != 0) {
			*bad = i;
			lf_store_rollback(st);
			return r;
		}
		if (i == 0)
			*first = saved;
		*last = saved;
	}
	if ((*err = lf_store_commit(st)) != LF_STORE_OK) {
		*bad = n;
		char m[512];
		snprintf(m, sizeof m, "%s", lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, *err, m);
		return -1;
	}
	/* A bulk load: the planner's figures of the tables it grew. The rows
	 * are saved whatever this says (statistics only). */
	if (n >= LF_ANALYZE_ROWS)
		(void)lf_store_analyze(st);
	return 0;
}
