/* What the case-flow tests share: a temporary database with the office's
 * people (one per role, handlers in two units), the four kinds of unit,
 * cases registered through the sheet as a clerk does, and small readers of
 * the result (flow, timeline, audit count). Included by test_caseflow*.c. */
#ifndef LAIFANG_TEST_CASEFLOW_FIXTURE_H
#define LAIFANG_TEST_CASEFLOW_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/caseops.h"
#include "laifang/form.h"
#include "laifang/registration.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "test_clock.h"
#include "store_fixture.h"

#define ID_NUMBER "11010519491231002X"

/* The written answer (第三十二条) a reply of a case the office handled itself
 * (an U_DEPT lead) carries: opinion, facts and reasons, basis. */
#define ANSWER_PARTS .answer_opinion = "support", .answer_facts = "经查，情况属实。", \
	.answer_basis = "《信访工作条例》第三十二条第（一）项"
#define U_DEPT "综合科"
#define U_PEER "市人力资源和社会保障局"
#define U_LOWER "越秀区人社局"
#define U_DISC "市纪委监委"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
} fixture;

static const struct {
	const char *login, *name, *title, *unit;
	unsigned roles;
} people[] = {
	{"zhang", "张三", NULL, NULL, LF_ROLE_CLERK},
	{"wang", "王五", "副局长", NULL, LF_ROLE_LEADER},
	{"zhao", "赵六", NULL, NULL, LF_ROLE_LEADER},
	{"sun", "孙七", NULL, NULL, LF_ROLE_SUPERVISOR},
	{"zhou", "周八", "科长", U_PEER, LF_ROLE_HANDLER},
	{"qian", "钱九", NULL, U_DEPT, LF_ROLE_HANDLER},
	{"wu", "吴十", NULL, NULL, LF_ROLE_ARCHIVIST},
	{"admin", "管理员", NULL, NULL, LF_ROLE_ADMIN},
};
#define N_PEOPLE (sizeof people / sizeof *people)

static inline int cf_setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "caseflow"))
		return -1;
	char msg[512];
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!t->st)
		return -1;
	static const char *const units[][2] = {
		{U_DEPT, "department"}, {U_PEER, "peer"}, {U_LOWER, "lower"}, {U_DISC, "discipline"}};
	for (size_t i = 0; i < 4; i++)
		if (lf_store_unit_add(t->st, units[i][0], units[i][1], NULL) != LF_STORE_OK)
			return -1;
	/* Nobody logs in here: a hash no password matches does. */
	for (size_t i = 0; i < N_PEOPLE; i++) {
		char unit_id[37] = "";
		if (people[i].unit) {
			lf_unit u;
			if (lf_store_unit_get(t->st, people[i].unit, &u) != LF_STORE_OK)
				return -1;
			snprintf(unit_id, sizeof unit_id, "%s", u.id);
			lf_unit_free(&u);
		}
		if (lf_store_user_add(t->st, people[i].login, people[i].name, people[i].title,
		                      unit_id[0] ? unit_id : NULL, people[i].roles, "x", NULL) != LF_STORE_OK)
			return -1;
	}
	*state = t;
	return 0;
}

SF_TEARDOWN(cf_teardown)

/* The user, also made the store's actor (as logging in would). */
static inline lf_user as(lf_store *st, const char *login)
{
	lf_user u = sf_user(st, login);
	lf_store_set_actor(st, u.id, u.login);
	return u;
}

static inline void today(const char *date)
{
	test_clock_day(date);
}

/* A case registered on the sheet by the clerk, received today. */
static inline lf_saved_case register_case(lf_store *st, const char *name, const char *content)
{
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	char **v = calloc(form->n_fields, sizeof *v);
	char day[LF_DATE_LEN];
	lf_date_format(lf_date_today(), day);
	const char *const fill[][2] = {
		{"received_on", day}, {"name", name},           {"sex", "女"},
		{"phone", "13812345678"}, {"id_number", ID_NUMBER}, {"content", content},
	};
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++) {
		int k = lf_form_find(form, fill[i][0]);
		assert_true(k >= 0);
		v[k] = strdup(fill[i][1]);
	}
	lf_user clerk = as(st, "zhang");
	lf_form_issue issues[16];
	size_t n_issues = 0;
	lf_saved_case out;
	lf_store_err e;
	/* Several names at one ID number: the record stays the first one's. */
	int r = lf_registration_save_as(st, &clerk, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out, &e);
	if (r != 0)
		fail_msg("registration refused (%d): %s %s", r, n_issues ? issues[0].message : "",
		         lf_store_errmsg(st));
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
	lf_user_free(&clerk);
	return out;
}

/* The case's flow (freed by the caller with lf_case_flow_free). */
static inline lf_case_flow flow_of(lf_store *st, const char *case_id)
{
	lf_case_flow f;
	memset(&f, 0, sizeof f);
	assert_int_equal(lf_store_case_flow(st, case_id, &f), LF_STORE_OK);
	return f;
}

static inline void expect_flow(lf_store *st, const char *case_id, lf_case_state s, const char *due_on,
                               const char *due_rule)
{
	lf_case_flow f = flow_of(st, case_id);
	if (f.state != s)
		fail_msg("state %s, expected %s", lf_state_id(f.state), lf_state_id(s));
	if (strcmp(f.due_on, due_on))
		fail_msg("due_on \"%s\", expected \"%s\" (%s)", f.due_on, due_on, lf_state_id(s));
	if (due_rule && strcmp(f.due_rule, due_rule))
		fail_msg("due_rule \"%s\", expected \"%s\"", f.due_rule, due_rule);
	lf_case_flow_free(&f);
}

static int count_entry(const lf_audit_entry *e, void *ud)
{
	(void)e;
	++*(int *)ud;
	return 0;
}

/* Every audit entry: "nothing written" is this number unchanged. */
static inline int n_audit(lf_store *st)
{
	int n = 0;
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(st, &f, count_entry, &n), LF_STORE_OK);
	return n;
}

typedef struct found_event {
	const char *kind;
	int n;
	char text[2048], unit[128], by[128], due_on[16], reason[512];
} found_event;

static int find_event(const lf_event *e, void *ud)
{
	found_event *f = ud;
	if (!e->kind || strcmp(e->kind, f->kind))
		return 0;
	f->n++;
	snprintf(f->text, sizeof f->text, "%s", e->text ? e->text : "");
	snprintf(f->unit, sizeof f->unit, "%s", e->unit_name ? e->unit_name : "");
	snprintf(f->by, sizeof f->by, "%s", e->by_name ? e->by_name : "");
	snprintf(f->due_on, sizeof f->due_on, "%s", e->due_on ? e->due_on : "");
	snprintf(f->reason, sizeof f->reason, "%s", e->reason ? e->reason : "");
	return 0;
}

/* The latest event of kind in the timeline. */
static inline found_event event_of(lf_store *st, const char *case_id, const char *kind)
{
	found_event f;
	memset(&f, 0, sizeof f);
	f.kind = kind;
	assert_int_equal(lf_store_case_events(st, case_id, find_event, &f), LF_STORE_OK);
	return f;
}

/* Take a step as login; returns the result, msg kept for the caller. */
static inline lf_store_err step_as(lf_store *st, const char *login, const char *case_id, lf_step step,
                                   const lf_step_args *args, char *msg, size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_case_step(st, &u, case_id, step, args, msg, len);
	lf_user_free(&u);
	return e;
}

#define STEP_OK(st, login, id, step, args) \
	do { \
		char m_[1024] = ""; \
		lf_store_err e_ = step_as(st, login, id, step, args, m_, sizeof m_); \
		if (e_ != LF_STORE_OK) \
			fail_msg("%s by %s: %d %s", lf_step_get(step)->key, login, e_, m_); \
	} while (0)

#endif
