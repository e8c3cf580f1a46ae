/* A saved registration corrected and its repeat flag decided (issue 11):
 * who may (the clerk who registered the case, or a supervisor), until when
 * (the case is still registered, not yet screened), the value checked as
 * the sheet checks it; the store keeps the old value in the timeline and
 * the audit log, and refuses when another desk changed the case first. */
#include "laifang/correct.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/access.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/form.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

const char *const lf_correct_fields[LF_CORRECT_N_FIELDS] = {"name", "sex", "phone", "address", "content"};

bool lf_correct_field_known(const char *field)
{
	for (size_t i = 0; field && i < LF_CORRECT_N_FIELDS; i++)
		if (!strcmp(lf_correct_fields[i], field))
			return true;
	return false;
}

/* The clerk who registered the case, or a role that corrects anyone's. */
static lf_store_err may_correct(lf_store *st, const lf_user *actor, const char *case_id, char *msg, size_t len)
{
	char why[512];
	if (lf_require(actor, LF_PERM_CORRECT_REGISTRATION, why, sizeof why))
		return LF_STORE_OK;
	if (!lf_require(actor, LF_PERM_REGISTER, NULL, 0))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	lf_case_facts f;
	memset(&f, 0, sizeof f);
	lf_store_err e = lf_store_case_facts(st, case_id, &f);
	if (e != LF_STORE_OK)
		return cf_passed(st, e, msg, len);
	bool own = f.receptionist_id[0] && !strcmp(f.receptionist_id, actor->id);
	char case_no[16];
	snprintf(case_no, sizeof case_no, "%s", f.case_no);
	lf_case_facts_free(&f);
	if (own)
		return LF_STORE_OK;
	return cf_refuse(st, LF_STORE_DENIED, msg, len,
	                 _("not allowed: case %s was registered by another clerk; only that clerk or a supervisor "
	                   "corrects its registration"),
	                 case_no);
}

/* Who and when, on a case already read (flow). */
static lf_store_err correctable(lf_store *st, const lf_user *actor, const lf_case_flow *flow, const char *case_no,
                                char *msg, size_t len)
{
	lf_store_err e = cf_unlocked(st, flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if ((e = may_correct(st, actor, flow->case_id, msg, len)) != LF_STORE_OK)
		return e;
	if (flow->state != LF_ST_REGISTERED)
		return cf_refuse(st, LF_STORE_DENIED, msg, len,
		                 _("case %s is already screened (%s): its registration can no longer be corrected; "
		                   "add an annotation or a note to the file instead"),
		                 case_no, lf_state_label(flow->state));
	return LF_STORE_OK;
}

lf_store_err lf_case_correct_check(lf_store *st, const lf_user *actor, const char *case_key, char *msg,
                                   size_t len)
{
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_key, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case c;
	if ((e = lf_store_get_case(st, flow.case_id, &c)) != LF_STORE_OK) {
		lf_case_flow_free(&flow);
		return cf_passed(st, e, msg, len);
	}
	e = correctable(st, actor, &flow, c.case_no, msg, len);
	lf_case_free(&c);
	lf_case_flow_free(&flow);
	return e;
}

/* The value checked by the registration form's own rule for the field,
 * with the case's other words around it (a check may look at them).
 * *out: the normalised value (malloc'd). */
static lf_store_err check_value(lf_store *st, const lf_case *c, const char *field, const char *value, char **out,
                                const char **label, char *msg, size_t len)
{
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	*out = NULL;
	if (!form)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", err);
	int fi = lf_form_find(form, field);
	if (fi < 0)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("the registration form has no field \"%s\""), field);
	*label = form->fields[fi].label;
	char **values = calloc(form->n_fields, sizeof *values);
	if (!values)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	for (size_t i = 0; i < form->n_fields; i++) {
		const char *v = (int)i == fi ? value : lf_case_field(c, form->fields[i].id);
		values[i] = (char *)(v ? v : "");
	}
	lf_form_issue issue;
	char *norm = NULL;
	lf_verdict vd = lf_form_check_field(form, (size_t)fi, values, lf_date_today(), &issue, &norm);
	free(values);
	if (vd == LF_INVALID) {
		free(norm);
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", issue.message);
	}
	if (vd == LF_WARNING && msg && len)
		snprintf(msg, len, "%s", issue.message);
	if (!norm) {
		/* A valid value the check did not rewrite: the text cleaned as a
		 * sheet's field is. */
		const lf_field_def *f = &form->fields[fi];
		norm = lf_text_clean(value, strlen(value), f->kind == LF_FIELD_MULTILINE, NULL);
		if (norm)
			lf_text_trim(norm);
	}
	*out = norm;
	return norm ? LF_STORE_OK : cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
}

lf_store_err lf_case_correct(lf_store *st, const lf_user *actor, const char *case_key, const char *field,
                             const char *value, const char *expect_old, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	if (!lf_correct_field_known(field))
		return cf_refuse(st, LF_STORE_INVALID, msg, len,
		                 _("a correction changes one of the fields name, sex, phone, address, content; not \"%s\""),
		                 field ? field : "");
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_key, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case c;
	if ((e = lf_store_get_case(st, flow.case_id, &c)) != LF_STORE_OK) {
		lf_case_flow_free(&flow);
		return cf_passed(st, e, msg, len);
	}
	char *norm = NULL;
	const char *label = field;
	char warning[512] = "";
	e = correctable(st, actor, &flow, c.case_no, msg, len);
	/* Issue 13: an anonymous case records no person; only its content is
	 * corrected. */
	if (e == LF_STORE_OK && c.anonymous && strcmp(field, "content"))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("case %s is anonymous (匿名): it records no person, so only its content is corrected"),
		              c.case_no);
	if (e == LF_STORE_OK &&
	    (e = check_value(st, &c, field, value ? value : "", &norm, &label, warning, sizeof warning)) != LF_STORE_OK)
		snprintf(msg, len, "%s", warning);
	if (e == LF_STORE_OK) {
		char signer[256];
		cf_signer(actor, signer, sizeof signer);
		lf_correction_in in = {.case_key = flow.case_id, .field = field, .label = label, .value = norm,
		                       .expect_state = lf_state_id(LF_ST_REGISTERED), .check_old = expect_old != NULL,
		                       .expect_old = expect_old, .signer_name = signer};
		e = cf_passed(st, lf_store_case_correct(st, &in), msg, len);
		if (e == LF_STORE_OK && warning[0] && msg && len)
			snprintf(msg, len, "%s", warning);
	}
	free(norm);
	lf_case_free(&c);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- 重复访 ---- */

static int count_one(const lf_earlier_case *c, void *ud)
{
	(void)c;
	(void)ud;
	return 1;
}

lf_store_err lf_case_set_repeat(lf_store *st, const lf_user *actor, const char *case_key, bool repeat, char *msg,
                                size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_key, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case c;
	if ((e = lf_store_get_case(st, flow.case_id, &c)) != LF_STORE_OK) {
		lf_case_flow_free(&flow);
		return cf_passed(st, e, msg, len);
	}
	if ((e = cf_unlocked(st, &flow, msg, len)) == LF_STORE_OK)
		e = may_correct(st, actor, flow.case_id, msg, len);
	if (e == LF_STORE_OK && repeat) {
		/* A repeat is the same matter as an earlier visit: there must be one. */
		int others = 0;
		e = cf_passed(st, lf_store_visitor_cases(st, c.id_number, flow.case_id, 1, count_one, NULL, &others), msg,
		              len);
		if (e == LF_STORE_OK && others == 0)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len,
			              _("case %s: the visitor has no other case, so this visit cannot be a repeat (重复访)"),
			              c.case_no);
	}
	if (e == LF_STORE_OK) {
		char signer[256];
		cf_signer(actor, signer, sizeof signer);
		e = cf_passed(st, lf_store_case_set_repeat(st, flow.case_id, repeat, signer), msg, len);
	}
	lf_case_free(&c);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- a returning visitor's earlier cases ---- */

typedef struct earlier_filter {
	lf_earlier_fn fn;
	void *ud;
	bool referrals;
} earlier_filter;

static int hide_referrals(const lf_earlier_case *c, void *ud)
{
	earlier_filter *x = ud;
	lf_earlier_case shown = *c;
	/* 《信访工作条例》第三十条: an accusation's material stays with those who
	 * handle it; the sheet shows only that the case exists. */
	if (!x->referrals && c->status && !strcmp(c->status, "referred"))
		shown.content = NULL;
	return x->fn ? x->fn(&shown, x->ud) : 0;
}

lf_store_err lf_visitor_earlier_cases(lf_store *st, const lf_user *actor, const char *id_number, const char *exclude,
                                      int limit, lf_earlier_fn fn, void *ud, int *total, char *msg, size_t len)
{
	char why[512];
	if (total)
		*total = 0;
	if (msg && len)
		msg[0] = '\0';
	if (!lf_require(actor, LF_PERM_LOOKUP_VISITOR, why, sizeof why) &&
	    !lf_require(actor, LF_PERM_CORRECT_REGISTRATION, NULL, 0))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	earlier_filter x = {fn, ud, lf_can(actor->roles, LF_PERM_READ_REFERRALS)};
	return cf_passed(st, lf_store_visitor_cases(st, id_number, exclude, limit, hide_referrals, &x, total), msg,
	                 len);
}

void lf_earlier_case_line(const lf_earlier_case *c, size_t words, char *buf, size_t len)
{
	lf_case_state s;
	const char *state = c->status && lf_state_parse(c->status, &s) ? lf_state_label(s) : (c->status ? c->status : "");
	char gist[256] = "";
	if (c->content) {
		/* The first words on one line: newlines become spaces, cut by width. */
		char flat[1024];
		snprintf(flat, sizeof flat, "%s", c->content);
		for (char *p = flat; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		/* Cut after words characters (not columns: the same in every locale). */
		size_t fit = 0, chars = 0;
		while (flat[fit] && !(chars == words && ((unsigned char)flat[fit] & 0xC0) != 0x80)) {
			if (((unsigned char)flat[fit] & 0xC0) != 0x80)
				chars++;
			fit++;
		}
		bool cut = flat[fit] != '\0';
		snprintf(gist, sizeof gist, "%.*s%s", (int)fit, flat, cut ? "…" : "");
	} else {
		snprintf(gist, sizeof gist, "%s", "—");
	}
	snprintf(buf, len, "%s  %s  %s  %s", c->case_no ? c->case_no : "", c->received_on ? c->received_on : "",
	         state, gist);
}
