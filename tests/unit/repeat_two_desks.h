/* Two desks registering the same person at once (test_repeat_two_desks.c
 * on SQLite, tests/pg/ on PostgreSQL): the clerk answers 重复访 against the
 * earlier cases the sheet listed, and a case another desk saved after that
 * list is never left unasked. The save counts the person's cases in its own
 * transaction; with more than the clerk saw it saves nothing and names the
 * newer case (lf_registration_save_answered returns 3); asked again with it
 * in view, the clerk's new answer is saved. Imports, which list nothing,
 * are not asked. The includer has a fixture (caseflow_fixture.h: t->db
 * opens a second desk, user zhang 张三 a clerk) and raw_count(t, sql), the
 * first number sql answers read behind laifang's back. The tests may share
 * a database: they count what they add. */
#ifndef LAIFANG_TEST_REPEAT_TWO_DESKS_H
#define LAIFANG_TEST_REPEAT_TWO_DESKS_H

#include <pthread.h>

#include "laifang/correct.h"

#define ROUNDS 12

/* A sheet of one visitor, as a clerk filled it in (caller frees). */
static char **sheet(const lf_form_def *form, const char *id_number, const char *name, const char *content)
{
	char **v = calloc(form->n_fields, sizeof *v);
	assert_non_null(v);
	char day[LF_DATE_LEN];
	lf_date_format(lf_date_today(), day);
	const char *const fill[][2] = {{"received_on", day}, {"name", name},           {"sex", "男"},
	                               {"phone", "13900001111"}, {"id_number", id_number}, {"content", content}};
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++)
		v[lf_form_find(form, fill[i][0])] = strdup(fill[i][1]);
	return v;
}

static void sheet_free(const lf_form_def *form, char **v)
{
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
}

/* The save of a clerk at store st who was shown seen earlier cases. */
typedef struct desk_save {
	lf_store *st;
	const char *id_number, *content;
	bool repeat;
	int seen;
	int result;
	lf_saved_case out;
	lf_form_issue issue;
} desk_save;

static void save_at(desk_save *d)
{
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	char **v = sheet(form, d->id_number, "陈建国", d->content);
	lf_user clerk = sf_user(d->st, "zhang");
	lf_store_set_actor(d->st, clerk.id, clerk.login);
	lf_sheet_answers a = {.repeat = d->repeat, .identity = LF_IDENTITY_KEEP, .earlier_seen = d->seen};
	lf_form_issue issues[16];
	size_t n = 0;
	lf_store_err e;
	memset(&d->out, 0, sizeof d->out);
	d->result = lf_registration_save_answered(d->st, &clerk, form, v, &a, issues, 16, &n, &d->out, &e);
	d->issue = n ? issues[0] : (lf_form_issue){0};
	lf_user_free(&clerk);
	sheet_free(form, v);
}

static int earlier_total(lf_store *st, const char *id_number)
{
	lf_user zhang = as(st, "zhang");
	int total = -1;
	char msg[512];
	assert_int_equal(lf_visitor_earlier_cases(st, &zhang, id_number, NULL, 1, NULL, NULL, &total, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&zhang);
	return total;
}

static lf_store *second_desk(const fixture *t)
{
	char msg[512];
	lf_store *st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!st)
		fail_msg("second desk: %s", msg);
	return st;
}

/* Desk A lists the person (nobody yet), desk B saves them, desk A saves:
 * asked, not saved; answered again, saved with the answer. */
static void test_asked_again_after_another_desk(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_store *b_st = second_desk(t);
	long long cases = raw_count(t, "SELECT count(*) FROM case_file");
	int seen = earlier_total(t->st, ID_NUMBER); /* what desk A's sheet listed */
	assert_int_equal(seen, 0);

	desk_save b = {.st = b_st, .id_number = ID_NUMBER, .content = "反映单位拖欠三个月工资。", .seen = 0};
	save_at(&b);
	assert_int_equal(b.result, 0);

	desk_save a = {.st = t->st, .id_number = ID_NUMBER, .content = "反映单位拖欠工资，要求发放。", .seen = seen};
	save_at(&a);
	assert_int_equal(a.result, 3);
	assert_string_equal(a.out.newer_case_no, b.out.case_no);
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_int_equal(a.issue.field, (size_t)lf_form_find(form, "id_number"));
	assert_non_null(strstr(a.issue.message, b.out.case_no));
	assert_non_null(strstr(a.issue.message, "张三")); /* who registered it */
	/* Nothing of desk A's was written: B's case only, and the next number
	 * is still B's + 1. */
	assert_int_equal(earlier_total(t->st, ID_NUMBER), 1);
	assert_int_equal(raw_count(t, "SELECT count(*) FROM case_file"), cases + 1);

	/* Shown B's case, the clerk says it is the same matter. */
	a.seen = 1;
	a.repeat = true;
	save_at(&a);
	assert_int_equal(a.result, 0);
	assert_true(a.out.repeat);
	assert_int_equal(a.out.newer_case_no[0], '\0');
	assert_int_equal(atoi(b.out.case_no + 5) + 1, atoi(a.out.case_no + 5)); /* gapless */
	assert_int_equal(earlier_total(t->st, ID_NUMBER), 2);

	/* A sheet that listed nothing (-1, as import) is not asked. */
	desk_save c = {.st = b_st, .id_number = ID_NUMBER, .content = "第三次来访。", .seen = -1};
	save_at(&c);
	assert_int_equal(c.result, 0);
	assert_false(c.out.repeat);
	/* Nor is a sheet that saw them all. */
	desk_save d = {.st = t->st, .id_number = ID_NUMBER, .content = "第四次来访。", .seen = 3, .repeat = true};
	save_at(&d);
	assert_int_equal(d.result, 0);
	assert_true(d.out.repeat);
	lf_store_close(b_st);
}

/* Both desks at once, ROUNDS new people: each pair's saves are ordered by
 * the store, so whichever comes second is asked, whatever the timing. */
typedef struct racer {
	desk_save save;
	pthread_barrier_t *go;
} racer;

static void *race(void *arg)
{
	racer *r = arg;
	pthread_barrier_wait(r->go);
	save_at(&r->save);
	return NULL;
}

/* An 18-digit ID number with its check digit (GB 11643), a man's. */
static void id_number(int k, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	snprintf(out, 19, "11010519800101%03d", 2 * k + 1);
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static void test_two_desks_at_once(void **state)
{
	fixture *t = *state;
	today("2026-11-24");
	lf_store *b_st = second_desk(t);
	long long cases = raw_count(t, "SELECT count(*) FROM case_file");
	long long last = raw_count(t, "SELECT coalesce(max(number), 0) FROM case_file WHERE year = 2026");
	for (int k = 0; k < ROUNDS; k++) {
		char id[19];
		id_number(k, id);
		pthread_barrier_t go;
		assert_int_equal(pthread_barrier_init(&go, NULL, 2), 0);
		racer x = {{.st = t->st, .id_number = id, .content = "反映征地补偿款未到位。", .seen = 0}, &go};
		racer y = {{.st = b_st, .id_number = id, .content = "反映征地补偿款未到位。", .seen = 0}, &go};
		pthread_t tx, ty;
		assert_int_equal(pthread_create(&tx, NULL, race, &x), 0);
		assert_int_equal(pthread_create(&ty, NULL, race, &y), 0);
		pthread_join(tx, NULL);
		pthread_join(ty, NULL);
		pthread_barrier_destroy(&go);
		/* One saved, the other asked about exactly that case. */
		desk_save *won = x.save.result == 0 ? &x.save : &y.save, *asked = won == &x.save ? &y.save : &x.save;
		assert_int_equal(won->result, 0);
		assert_int_equal(asked->result, 3);
		assert_string_equal(asked->out.newer_case_no, won->out.case_no);
		assert_int_equal(earlier_total(t->st, id), 1);
	}
	assert_int_equal(raw_count(t, "SELECT count(*) FROM case_file"), cases + ROUNDS);
	/* The numbers stayed gapless: the asked saves gave theirs back. */
	assert_int_equal(raw_count(t, "SELECT max(number) FROM case_file WHERE year = 2026"), last + ROUNDS);
	lf_store_close(b_st);
}

#define REPEAT_TWO_DESKS_TESTS(setup, teardown)                                       \
	cmocka_unit_test_setup_teardown(test_asked_again_after_another_desk, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_two_desks_at_once, setup, teardown)

#endif
