/* Need to know: the readability rule of core (access.h) on its own, the
 * same rule as the store's list clause (every list a user can reach keeps
 * exactly the cases the rule allows), opening and stepping refused and
 * audited, exports masked unless export_personal_data, and the
 * returning-visitor lookup through core. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "laifang/access.h"
#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/caseops.h"
#include "laifang/ledger.h"
#include "laifang/mask.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_search.h"
#include "laifang/visitor.h"
#include "store_fixture.h"

/* ---- the rule alone ---- */

static lf_user user(const char *id, unsigned roles, const char *unit)
{
	lf_user u = {.roles = roles, .active = true, .login = (char *)id};
	snprintf(u.id, sizeof u.id, "%s", id);
	snprintf(u.unit_id, sizeof u.unit_id, "%s", unit ? unit : "");
	return u;
}

static void test_rule(void **state)
{
	(void)state;
	char *signers[] = {"lead2"};
	lf_case_facts f = {.receptionist_id = "clerk1", .lead_unit_id = "unitA", .owner_id = "lead1",
	                   .named = signers, .n_named = 1};
	static const struct {
		const char *id;
		unsigned roles;
		const char *unit;
		bool plain, in_visit, referral;
	} who[] = {
		{"clerk1", LF_ROLE_CLERK, NULL, 1, 1, 1},       /* registered it */
		{"clerk2", LF_ROLE_CLERK, NULL, 0, 1, 0},       /* another clerk: only while the visitor waits */
		{"lead1", LF_ROLE_LEADER, NULL, 1, 1, 1},       /* owns it */
		{"lead2", LF_ROLE_LEADER, NULL, 1, 1, 1},       /* signed on it */
		{"lead3", LF_ROLE_LEADER, NULL, 0, 1, 0},
		{"handA", LF_ROLE_HANDLER, "unitA", 1, 1, 1},   /* the unit it is routed (referred) to */
		{"handB", LF_ROLE_HANDLER, "unitB", 0, 0, 0},   /* another unit */
		{"handN", LF_ROLE_HANDLER, NULL, 0, 0, 0},      /* no unit */
		{"clerkA", LF_ROLE_CLERK, "unitA", 0, 1, 0},    /* a unit but not a handler */
		{"sup", LF_ROLE_SUPERVISOR, NULL, 1, 1, 1},
		{"arch", LF_ROLE_ARCHIVIST, NULL, 1, 1, 1},
		{"admin", LF_ROLE_ADMIN, NULL, 1, 1, 0},        /* every case but a referral */
	};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		lf_user u = user(who[i].id, who[i].roles, who[i].unit);
		f.referral = false;
		f.in_visit = false;
		if (lf_case_readable(&u, &f) != who[i].plain)
			fail_msg("%s: plain case", who[i].id);
		f.in_visit = true;
		if (lf_case_readable(&u, &f) != who[i].in_visit)
			fail_msg("%s: a visitor waiting", who[i].id);
		f.referral = true;
		if (lf_case_readable(&u, &f) != who[i].referral)
			fail_msg("%s: a discipline referral", who[i].id);
		u.active = false;
		assert_false(lf_case_readable(&u, &f));
	}
	assert_false(lf_case_readable(NULL, &f));
	/* Empty ids never match one another. */
	lf_case_facts none = {0};
	lf_user blank = user("", LF_ROLE_HANDLER, NULL);
	assert_false(lf_case_readable(&blank, &none));
}

/* ---- the store's lists against the rule ---- */

typedef struct fixture {
	char dir[64], db[128];
	lf_store *st;
	char unit_a[37], unit_b[37], unit_d[37];
	char case_no[6][16];
} fixture;

static const struct {
	const char *login;
	unsigned roles;
	char unit; /* 'A', 'B' or 0 */
} people[] = {
	{"clerk1", LF_ROLE_CLERK, 0},       {"clerk2", LF_ROLE_CLERK, 0},     {"lead1", LF_ROLE_LEADER, 0},
	{"lead2", LF_ROLE_LEADER, 0},       {"sup", LF_ROLE_SUPERVISOR, 0},   {"handA", LF_ROLE_HANDLER, 'A'},
	{"handB", LF_ROLE_HANDLER, 'B'},    {"handN", LF_ROLE_HANDLER, 0},    {"arch", LF_ROLE_ARCHIVIST, 0},
	{"admin", LF_ROLE_ADMIN, 0},
};
#define N_PEOPLE (sizeof people / sizeof *people)

static const char *const ids[] = {"440104198501011234", "11010519491231002X", "320102196803120031",
                                  "510107199008080246", "320102199003154560", "440106199001011238"};

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "access"))
		return -1;
	char msg[512];
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!t->st || lf_store_unit_add(t->st, "信访督查处", "department", t->unit_a) != LF_STORE_OK ||
	    lf_store_unit_add(t->st, "区人社局", "peer", t->unit_b) != LF_STORE_OK ||
	    lf_store_unit_add(t->st, "区纪委监委", "discipline", t->unit_d) != LF_STORE_OK)
		return -1;
	for (size_t i = 0; i < N_PEOPLE; i++) {
		const char *unit = people[i].unit == 'A' ? t->unit_a : people[i].unit == 'B' ? t->unit_b : NULL;
		if (lf_store_user_add(t->st, people[i].login, people[i].login, NULL, unit, people[i].roles, "x", NULL) !=
		    LF_STORE_OK)
			return -1;
	}
	for (int i = 0; i < 6; i++) {
		char content[64];
		snprintf(content, sizeof content, "拖欠工资第%d件", i + 1);
		lf_registration reg = {.receptionist = "某人", .received_on = "2026-11-23", .name = "李来访",
		                       .phone = "13812345678", .id_number = ids[i], .content = content};
		lf_saved_case c;
		if (lf_store_save_registration(t->st, &reg, &c) != LF_STORE_OK)
			return -1;
		snprintf(t->case_no[i], sizeof t->case_no[i], "%s", c.case_no);
	}
	/* 1: registered by clerk1; 2: routed to unit A; 3: routed to B, owned
	 * by lead1; 4: a visitor waiting; 5: referred to discipline, registered
	 * by clerk2; 6: lead2 signed an entry on it. */
	char *sql = sqlite3_mprintf(
		"UPDATE case_file SET receptionist_id = (SELECT id FROM app_user WHERE login = 'clerk1') WHERE number = 1;"
		"UPDATE case_file SET lead_unit_id = %Q, status = 'in_house' WHERE number = 2;"
		"UPDATE case_file SET lead_unit_id = %Q, status = 'transferred', "
		"owner_id = (SELECT id FROM app_user WHERE login = 'lead1') WHERE number = 3;"
		"UPDATE case_file SET visit_state = 'waiting', visit_at = '2026-11-23T09:00:00+08:00' WHERE number = 4;"
		"UPDATE case_file SET lead_unit_id = %Q, status = 'referred', "
		"receptionist_id = (SELECT id FROM app_user WHERE login = 'clerk2') WHERE number = 5;",
		t->unit_a, t->unit_b, t->unit_d);
	int rc = sf_exec(t->db, sql);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return -1;
	lf_user l2 = {0};
	if (lf_store_user_get(t->st, "lead2", &l2, NULL) != LF_STORE_OK ||
	    lf_store_case_sign(t->st, t->case_no[5], "instruction", "阅。", l2.id, "lead2", "2026-11-23T10:00:00+08:00") !=
	        LF_STORE_OK)
		return -1;
	lf_user_free(&l2);
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

/* The user, made actor and reader as logging in does. */
static lf_user as(fixture *t, const char *login)
{
	lf_user u = sf_user(t->st, login);
	lf_store_set_actor(t->st, u.id, u.login);
	lf_access_apply(t->st, &u);
	return u;
}

/* Which of the six cases a list held, as bits. */
static int index_of(const fixture *t, const char *no)
{
	for (int i = 0; i < 6; i++)
		if (no && !strcmp(t->case_no[i], no))
			return i;
	fail_msg("a case that is not of the fixture: %s", no ? no : "(null)");
	return -1;
}

typedef struct seen {
	const fixture *t;
	unsigned bits;
} seen;

static int saw_case(const lf_case *c, void *ud)
{
	seen *s = ud;
	s->bits |= 1u << index_of(s->t, c->case_no);
	return 0;
}

static int saw_row(const lf_queue_row *r, void *ud)
{
	seen *s = ud;
	s->bits |= 1u << index_of(s->t, r->case_no);
	return 0;
}

static int saw_hit(const lf_search_row *r, void *ud)
{
	seen *s = ud;
	s->bits |= 1u << index_of(s->t, r->case_no);
	return 0;
}

static void test_lists_follow_the_rule(void **state)
{
	fixture *t = *state;
	for (size_t p = 0; p < N_PEOPLE; p++) {
		lf_user u = as(t, people[p].login);
		unsigned want = 0;
		for (int i = 0; i < 6; i++) {
			lf_case_facts f;
			assert_int_equal(lf_store_case_facts(t->st, t->case_no[i], &f), LF_STORE_OK);
			if (lf_case_readable(&u, &f))
				want |= 1u << i;
			lf_case_facts_free(&f);
		}
		seen all = {t, 0}, day = {t, 0}, queue = {t, 0}, found = {t, 0}, byno = {t, 0}, wait = {t, 0};
		assert_int_equal(lf_store_each_case(t->st, saw_case, &all), LF_STORE_OK);
		assert_int_equal(lf_store_cases_on(t->st, "2026-11-23", saw_case, &day), LF_STORE_OK);
		lf_queue_filter qf = {.limit = 100};
		assert_int_equal(lf_store_queue(t->st, &qf, saw_row, &queue), LF_STORE_OK);
		long count = -1;
		assert_int_equal(lf_store_queue_count(t->st, &qf, &count), LF_STORE_OK);
		lf_search_query q = {.kind = LF_SEARCH_TEXT, .terms = {"拖欠工资"}, .n_terms = 1, .limit = 50};
		assert_int_equal(lf_store_search(t->st, &q, saw_hit, &found), LF_STORE_OK);
		lf_search_query qn = {.kind = LF_SEARCH_CASE_NO, .number = "2026-", .limit = 50};
		assert_int_equal(lf_store_search(t->st, &qn, saw_hit, &byno), LF_STORE_OK);
		int people_waiting = 0;
		assert_int_equal(lf_store_waiting(t->st, "2026-11-23", saw_row, &wait, &people_waiting), LF_STORE_OK);
		if (all.bits != want || day.bits != want || queue.bits != want || found.bits != want || byno.bits != want)
			fail_msg("%s: the rule allows %#x; each_case %#x, the day %#x, the queue %#x, search %#x, by number %#x",
			         people[p].login, want, all.bits, day.bits, queue.bits, found.bits, byno.bits);
		assert_int_equal(count, __builtin_popcount(want));
		assert_int_equal(wait.bits, want & (1u << 3));
		lf_user_free(&u);
	}
	/* What the rule says about the fixture, spelled out for the roles the
	 * issue names. */
	lf_user hb = as(t, "handB");
	seen s = {t, 0};
	assert_int_equal(lf_store_each_case(t->st, saw_case, &s), LF_STORE_OK);
	assert_int_equal(s.bits, 1u << 2); /* only the case routed to unit B */
	lf_user_free(&hb);
	lf_user hn = as(t, "handN");
	s.bits = 0;
	assert_int_equal(lf_store_each_case(t->st, saw_case, &s), LF_STORE_OK);
	assert_int_equal(s.bits, 0);
	lf_user_free(&hn);
	lf_user ad = as(t, "admin");
	s.bits = 0;
	assert_int_equal(lf_store_each_case(t->st, saw_case, &s), LF_STORE_OK);
	assert_int_equal(s.bits, 0x3fu & ~(1u << 4)); /* all but the referral */
	lf_user_free(&ad);
	/* No reader (set-up, check): every case. */
	lf_store_set_reader(t->st, NULL);
	s.bits = 0;
	assert_int_equal(lf_store_each_case(t->st, saw_case, &s), LF_STORE_OK);
	assert_int_equal(s.bits, 0x3fu);
}

static int count_action(const lf_audit_entry *e, void *ud)
{
	const char **want = ud;
	if (!strcmp(e->action, want[0]) && (!want[1] || (e->login && !strcmp(e->login, want[1]))))
		want[2]++;
	return 0;
}

static int audited(lf_store *st, const char *action, const char *login)
{
	const char *want[3] = {action, login, NULL};
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(st, &f, count_action, want), LF_STORE_OK);
	return (int)(intptr_t)want[2];
}

static void test_open_print_step_refused(void **state)
{
	fixture *t = *state;
	lf_user hb = as(t, "handB");
	lf_case c;
	char msg[512];
	/* Case 2 is routed to unit A. */
	assert_int_equal(lf_case_open(t->st, &hb, t->case_no[1], &c), LF_STORE_DENIED);
	assert_null(c.name);
	assert_non_null(strstr(lf_store_errmsg(t->st), t->case_no[1]));
	assert_int_equal(lf_case_step(t->st, &hb, t->case_no[1], LF_STEP_TAKE_UP, NULL, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "not allowed"));
	assert_int_equal(audited(t->st, "case.denied", "handB"), 2);
	assert_int_equal(audited(t->st, "case.view", "handB"), 0);
	/* Its own unit's case opens. */
	assert_int_equal(lf_case_open(t->st, &hb, t->case_no[2], &c), LF_STORE_OK);
	lf_case_free(&c);
	lf_user_free(&hb);
	lf_user ha = as(t, "handA");
	assert_int_equal(lf_case_open(t->st, &ha, t->case_no[1], &c), LF_STORE_OK);
	lf_case_free(&c);
	/* The referral is not handA's, nor a leader's who is not named on it. */
	assert_int_equal(lf_case_open(t->st, &ha, t->case_no[4], &c), LF_STORE_DENIED);
	lf_user_free(&ha);
	lf_user l1 = as(t, "lead1");
	assert_int_equal(lf_case_open(t->st, &l1, t->case_no[4], &c), LF_STORE_DENIED);
	assert_int_equal(lf_case_instruct(t->st, &l1, t->case_no[4], "查。", msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&l1);
	lf_user c2 = as(t, "clerk2");
	assert_int_equal(lf_case_open(t->st, &c2, t->case_no[4], &c), LF_STORE_OK); /* registered it */
	lf_case_free(&c);
	lf_user_free(&c2);
}

/* ---- exports ---- */

static char *ledger_text(fixture *t, const char *login, lf_ledger_format fmt)
{
	lf_user u = as(t, login);
	char *text = NULL, msg[512];
	size_t len = 0, n = 0;
	FILE *f = open_memstream(&text, &len);
	assert_int_equal(lf_ledger_write(t->st, &u, NULL, fmt, f, &n, msg, sizeof msg), LF_STORE_OK);
	fclose(f);
	lf_user_free(&u);
	return text;
}

/* The newest export entry's detail. */
static int last_export(const lf_audit_entry *e, void *ud)
{
	json_t **o = ud;
	if (strcmp(e->action, "export") || *o)
		return 0;
	*o = json_loads(e->changes ? e->changes : "{}", 0, NULL);
	return 0;
}

static json_t *export_entry(fixture *t)
{
	json_t *o = NULL;
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(t->st, &f, last_export, &o), LF_STORE_OK);
	assert_non_null(o);
	return o;
}

static void test_exports_masked(void **state)
{
	fixture *t = *state;
	for (int fmt = 0; fmt < 2; fmt++) {
		/* The administrator: every case it may read, numbers masked. */
		char *text = ledger_text(t, "admin", (lf_ledger_format)fmt);
		for (int i = 0; i < 6; i++)
			if (strstr(text, ids[i]))
				fail_msg("the administrator's %s export holds %s in full", fmt ? "JSON" : "CSV", ids[i]);
		assert_null(strstr(text, "13812345678"));
		assert_non_null(strstr(text, "138****5678"));
		assert_non_null(strstr(text, "440104********1234"));
		assert_null(strstr(text, t->case_no[4])); /* the referral is not the administrator's */
		free(text);
		json_t *o = export_entry(t);
		assert_true(json_is_false(json_object_get(o, "personal_data")));
		assert_int_equal(json_integer_value(json_object_get(o, "count")), 5);
		json_decref(o);

		/* The archivist holds export_personal_data: in full, and said so. */
		text = ledger_text(t, "arch", (lf_ledger_format)fmt);
		for (int i = 0; i < 6; i++)
			assert_non_null(strstr(text, ids[i]));
		assert_non_null(strstr(text, "13812345678"));
		free(text);
		o = export_entry(t);
		assert_true(json_is_true(json_object_get(o, "personal_data")));
		assert_int_equal(json_integer_value(json_object_get(o, "count")), 6);
		json_decref(o);
	}
	/* The field rule itself. */
	char buf[64];
	assert_string_equal(lf_mask_field("id_number", "440104198501011234", false, buf, sizeof buf), "440104********1234");
	assert_string_equal(lf_mask_field("phone", "020-83186312", false, buf, sizeof buf), "020-****6312");
	assert_string_equal(lf_mask_field("phone", "13812345678", true, buf, sizeof buf), "13812345678");
	assert_string_equal(lf_mask_field("name", "李来访", false, buf, sizeof buf), "李来访");
	assert_null(lf_mask_field("phone", NULL, false, buf, sizeof buf));
}

/* ---- the returning-visitor lookup ---- */

static void test_visitor_lookup(void **state)
{
	fixture *t = *state;
	lf_visitor_info info;
	char msg[512];
	lf_user l1 = as(t, "lead1");
	assert_int_equal(lf_visitor_lookup(t->st, &l1, ids[0], &info, msg, sizeof msg), LF_STORE_DENIED);
	assert_null(info.name);
	assert_non_null(strstr(msg, "not allowed"));
	lf_user_free(&l1);
	lf_user c1 = as(t, "clerk1");
	int before = audited(t->st, "visitor.lookup", "clerk1");
	assert_int_equal(lf_visitor_lookup(t->st, &c1, "440106199001011230", &info, msg, sizeof msg),
	                 LF_STORE_NOTFOUND);
	assert_int_equal(audited(t->st, "visitor.lookup", "clerk1"), before); /* nothing shown */
	assert_int_equal(lf_visitor_lookup(t->st, &c1, ids[0], &info, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(info.name, "李来访");
	assert_string_equal(info.phone, "13812345678"); /* the clerk holds view_full_id */
	assert_int_equal(audited(t->st, "visitor.lookup", "clerk1"), before + 1);
	lf_visitor_info_free(&info);
	lf_user_free(&c1);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule),
		cmocka_unit_test_setup_teardown(test_lists_follow_the_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_print_step_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exports_masked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visitor_lookup, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
