/* The sheet's own group visit, further phone numbers and 候谈 (issue 12):
 * the rules between the registration form's fields visit_kind, headcount,
 * rep2_name..rep5_id, phone_more and wait, and the writes that follow the
 * case's creation in the same transaction (registration.c). */
#include "laifang/registration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/caseflow.h"
#include "laifang/document.h"
#include "laifang/i18n.h"
#include "laifang/store_group.h"
#include "laifang/validate.h"

#define GROUP_FIRST_REP 2
#define GROUP_LAST_REP LF_MAX_REPRESENTATIVES
#define HEADCOUNT_MAX 10000

static const char *value(const lf_form_def *form, char **values, const char *id, int *at)
{
	int i = lf_form_find(form, id);
	if (at)
		*at = i;
	return i >= 0 && values[i] ? values[i] : "";
}

static void rep_ids(int k, char name[24], char id[24])
{
	snprintf(name, 24, "rep%d_name", k);
	snprintf(id, 24, "rep%d_id", k);
}

static bool add_issue(const lf_form_def *form, lf_form_issue *issues, size_t max, size_t *n, int field,
                      const char *reason)
{
	if (*n < max && field >= 0) {
		issues[*n].field = (size_t)field;
		issues[*n].verdict = LF_INVALID;
		snprintf(issues[*n].message, sizeof issues[*n].message, "%s：%s", form->fields[field].label, reason);
		(*n)++;
	}
	return false;
}

bool lf_group_sheet_is_group(const lf_form_def *form, char **values)
{
	return !strcmp(value(form, values, "visit_kind", NULL), "集体访");
}

/* The person's key of an ID number as the record knows it (18 digits). */
static void id_key(const char *id, char out[64])
{
	char key[128];
	if (lf_doc_key(LF_DOC_ID_CARD, id, key, sizeof key))
		snprintf(out, 64, "%.63s", key);
	else
		snprintf(out, 64, "%.63s", id);
}

size_t lf_group_sheet_check(const lf_form_def *form, char **values, lf_form_issue *issues, size_t max,
                            size_t *n_issues)
{
	size_t n = 0;
	bool group = lf_group_sheet_is_group(form, values);
	int at;
	/* 其他电话: each number as 联系电话. */
	const char *more = value(form, values, "phone_more", &at);
	if (at >= 0 && *more) {
		lf_check c;
		if (lf_check_phones(more, &c) == LF_INVALID)
			add_issue(form, issues, max, &n, at, c.message);
		else {
			char *tidy = strdup(c.normalized);
			if (tidy) {
				free(values[at]);
				values[at] = tidy;
			}
		}
	}
	/* 到访人数: a number; a group is at least two people. */
	const char *hc = value(form, values, "headcount", &at);
	long people = 1;
	if (at >= 0 && *hc) {
		char *end;
		people = strtol(hc, &end, 10);
		if (*end || people < 1 || people > HEADCOUNT_MAX) {
			char m[128];
			snprintf(m, sizeof m, _("a number from 1 to %d"), HEADCOUNT_MAX);
			add_issue(form, issues, max, &n, at, m);
			people = 1;
		}
	}
	if (group && at >= 0 && people < 2 && !n)
		add_issue(form, issues, max, &n, at, _("a group visit is at least 2 people"));
	/* The representatives: a name and an ID number each, no one twice. */
	char seen[GROUP_LAST_REP + 1][64];
	int reps = 1;
	id_key(value(form, values, "id_number", NULL), seen[0]);
	for (int k = GROUP_FIRST_REP; k <= GROUP_LAST_REP; k++) {
		char nid[24], iid[24];
		int nf, idf;
		rep_ids(k, nid, iid);
		const char *name = value(form, values, nid, &nf);
		const char *id = value(form, values, iid, &idf);
		if (nf < 0 || idf < 0 || (!*name && !*id))
			continue;
		if (!group) {
			add_issue(form, issues, max, &n, *name ? nf : idf,
			          _("representatives are for a group visit: choose 集体访 in 来访形式, or clear this"));
			continue;
		}
		if (!*name)
			add_issue(form, issues, max, &n, nf, _("the representative's name goes with the ID number"));
		else if (!*id)
			add_issue(form, issues, max, &n, idf, _("required for a representative"));
		else {
			char key[64];
			id_key(id, key);
			bool twice = false;
			for (int j = 0; j < reps; j++)
				twice |= !strcmp(seen[j], key);
			if (twice)
				add_issue(form, issues, max, &n, idf, _("this person is already on the sheet"));
			else
				snprintf(seen[reps++], 64, "%s", key);
		}
	}
	if (group && people < reps && !n) {
		char m[160];
		snprintf(m, sizeof m, _("at least the %d representatives on the sheet"), reps);
		add_issue(form, issues, max, &n, lf_form_find(form, "headcount"), m);
	}
	*n_issues = n;
	return n;
}

lf_store_err lf_group_sheet_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                                 const char *case_id, bool update_visitor, char *msg, size_t len)
{
	lf_store_err e = LF_STORE_OK;
	if (msg && len)
		msg[0] = '\0';
	const char *more = value(form, values, "phone_more", NULL);
	if (*more)
		e = lf_store_case_set_phones(st, case_id, more, update_visitor);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (lf_group_sheet_is_group(form, values)) {
		for (int k = GROUP_FIRST_REP; k <= GROUP_LAST_REP && e == LF_STORE_OK; k++) {
			char nid[24], iid[24];
			rep_ids(k, nid, iid);
			const char *name = value(form, values, nid, NULL), *id = value(form, values, iid, NULL);
			if (*name && *id)
				e = lf_case_add_representative(st, actor, case_id, id, name, NULL, NULL, NULL, msg, len);
		}
		const char *hc = value(form, values, "headcount", NULL);
		int people = *hc ? atoi(hc) : 1;
		if (e == LF_STORE_OK && people > 1)
			e = lf_case_set_headcount(st, actor, case_id, people, msg, len);
	}
	if (e == LF_STORE_OK && !strcmp(value(form, values, "wait", NULL), "是"))
		e = lf_case_visit(st, actor, case_id, LF_VISIT_WAIT, msg, len);
	return e;
}
