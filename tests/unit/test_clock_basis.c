/* A clock's basis is kept as a code and said in the reader's language
 * (clocks.h, issue 16): the same bytes whichever desk derived it, words in
 * Chinese for a Chinese desk and in English for an English one; a basis
 * written as words before the codes is shown as it was. */
#include "caseflow_fixture.h"

#include <unistd.h>

#include "laifang/case_clocks.h"
#include "laifang/case_read.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/store_clocks.h"

/* The catalogues built beside the tests (build/locale), in language lang. */
static void speak(const char *lang)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);
	assert_true(n > 0);
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	assert_non_null(slash);
	strcpy(slash, "/../locale");
	setenv("LAIFANG_LOCALEDIR", exe, 1);
	setenv("LANGUAGE", lang, 1);
	lf_i18n_init(lang);
}

static lf_date day(const char *s)
{
	lf_date d;
	assert_true(lf_date_parse(s, &d));
	return d;
}

/* Every character of s whole (no UTF-8 sequence cut short). */
static bool utf8_whole(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
		if (!n)
			return false;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

static void test_said_in_each_language(void **state)
{
	(void)state;
	char b[LF_CLOCK_BASIS_LEN], said[1024], due[LF_DATE_LEN];
	lf_clock_basis_start(b, "handle34", day("2026-06-30"));
	lf_clock_basis_add(b, "routed", "2026-05-01", NULL);
	lf_clock_basis_add(b, "extended", "2026-06-01", "李局长（局长）");
	assert_string_equal(b, "@handle34\x1e" "2026-06-30\x1frouted\x1e" "2026-05-01\x1f"
	                       "extended\x1e" "2026-06-01\x1e李局长（局长）");
	speak("en");
	assert_string_equal(lf_clock_basis_say(b, said, sizeof said),
	                    "Regulations on Letters and Visits, art. 34: within 60 days of acceptance; due date set at "
	                    "routing: 2026-05-01; extended to 2026-06-01, approved by 李局长（局长）");
	/* What it said when it started: the rule and its first due date. */
	assert_string_equal(lf_clock_basis_say_start(b, said, sizeof said, due),
	                    "Regulations on Letters and Visits, art. 34: within 60 days of acceptance");
	assert_string_equal(due, "2026-06-30");
	/* The 台账's words are Chinese at an English desk. */
	assert_string_equal(lf_clock_basis_say_zh(b, said, sizeof said),
	                    "《信访工作条例》第三十四条：受理之日起60日内；分办时限定2026-05-01；"
	                    "延期至2026-06-01（批准人：李局长（局长））");
	speak("zh_CN");
	assert_string_equal(lf_clock_basis_say(b, said, sizeof said),
	                    "《信访工作条例》第三十四条：受理之日起60日内；分办时限定2026-05-01；"
	                    "延期至2026-06-01（批准人：李局长（局长））");
	lf_clock_basis_start(b, "rereview36", day("2026-12-01"));
	lf_clock_basis_add(b, "hearing", "2026-11-10", "2026-11-12");
	lf_clock_basis_add(b, "receipt", NULL, NULL);
	assert_string_equal(lf_clock_basis_say(b, said, sizeof said),
	                    "《信访工作条例》第三十六条：自收到复核请求之日起30日内提出复核意见；"
	                    "2026-11-10至2026-11-12听证所需时间不计算在内（第三十六条）；自受理机关收到之日起计算");
	/* The paper's own Chinese is the catalogue's, rule by rule. */
	static const char *const codes[] = {"route22",     "handle34", "object23", "report000", "review35",
	                                    "rereview36", "supervise40", "notify23", "redo"};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		char zh[1024];
		lf_clock_basis_start(b, codes[i], day("2026-12-01"));
		lf_clock_basis_say(b, said, sizeof said);
		assert_string_equal(lf_clock_basis_say_zh(b, zh, sizeof zh), said);
		assert_non_null(strstr(said, "《") ? said : strstr(said, "："));
	}
	speak("en");
}

/* Words stored before the codes are given back as they are; a code this
 * build does not know is shown as its code, nothing dropped; the longest
 * approver the desk takes (64 characters and a title of 64) keeps the
 * extension's date, the name cut to whole characters; a part that cannot
 * fit at all is left out. */
static void test_old_words_unknown_codes_and_a_full_basis(void **state)
{
	(void)state;
	char b[LF_CLOCK_BASIS_LEN], said[1024], due[LF_DATE_LEN];
	static const char old[] = "《信访工作条例》第二十二条：登记之日起15日内";
	assert_string_equal(lf_clock_basis_say(old, said, sizeof said), old);
	assert_string_equal(lf_clock_basis_say_start(old, said, sizeof said, due), old);
	assert_string_equal(due, "");
	assert_string_equal(lf_clock_basis_say(NULL, said, sizeof said), "");
	assert_string_equal(lf_clock_basis_say("@art99\x1fpaused\x1e" "2026-01-01", said, sizeof said),
	                    "art99; paused 2026-01-01 ");
	char name[1024] = "";
	for (int i = 0; i < 16; i++)
		strcat(name, "欧阳明华");
	strcat(name, "（");
	for (int i = 0; i < 16; i++)
		strcat(name, "信访工作联席会议办公室"); /* longer than any title */
	strcat(name, "）");
	lf_clock_basis_start(b, "handle34", day("2026-06-30"));
	lf_clock_basis_add(b, "routed", "2026-05-01", NULL);
	lf_clock_basis_add(b, "extended", "2026-06-01", name);
	assert_true(strlen(b) < LF_CLOCK_BASIS_LEN);
	speak("en");
	lf_clock_basis_say(b, said, sizeof said);
	assert_non_null(strstr(said, "; extended to 2026-06-01, approved by 欧阳明华欧阳明华"));
	assert_true(utf8_whole(b));
	/* Full: a further part is left out whole. */
	size_t was = strlen(b);
	lf_clock_basis_add(b, "hearing", "2026-11-10", "2026-11-12");
	assert_int_equal(strlen(b), was);
	/* A value cannot carry a separator into the code. */
	lf_clock_basis_start(b, "handle34", day("2026-06-30"));
	lf_clock_basis_add(b, "extended", "2026-06-01", "张三\x1f" "routed");
	assert_string_equal(b, "@handle34\x1e" "2026-06-30\x1f" "extended\x1e" "2026-06-01\x1e张三");
}

typedef struct said_list {
	char text[8][1024];
	size_t n;
} said_list;

static int keep_said(const lf_clock_row *r, void *ud)
{
	said_list *l = ud;
	if (l->n < 8)
		snprintf(l->text[l->n++], sizeof l->text[0], "%s", r->basis);
	return 0;
}

/* The handling clock's start on the timeline. */
typedef struct start_seen {
	char due[LF_DATE_LEN], text[1024];
} start_seen;

static int see_start(const lf_event *e, void *ud)
{
	start_seen *s = ud;
	if (e->kind && !strcmp(e->kind, "clock_start") && e->rule && !strcmp(e->rule, "handle")) {
		snprintf(s->due, sizeof s->due, "%s", e->due_on ? e->due_on : "");
		snprintf(s->text, sizeof s->text, "%s", e->text ? e->text : "");
	}
	return 0;
}

/* A case's clocks derived by a Chinese desk, derived again by an English
 * command: the same rows, byte for byte (before the codes, the second
 * rewrote every basis in English); each desk reads them in its own words. */
static void test_one_basis_whichever_desk(void **state)
{
	fixture *t = *state;
	speak("zh_CN");
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "陈建国", "反映小区供暖不足");
	today("2024-03-04");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	char rows_zh[2048], rows_en[2048];
	static const char rows[] = "SELECT group_concat(rule || '=' || basis, ' ') FROM "
	                           "(SELECT rule, basis FROM case_clock ORDER BY id)";
	sf_raw(t->db, rows, rows_zh, sizeof rows_zh);
	assert_string_equal(rows_zh, "route=@route22\x1e" "2024-03-18 handle=@handle34\x1e" "2024-05-06");
	speak("en");
	int moved = -1;
	assert_int_equal(lf_store_clocks_recompute(t->st, &moved), LF_STORE_OK);
	assert_int_equal(moved, 0);
	sf_raw(t->db, rows, rows_en, sizeof rows_en);
	assert_string_equal(rows_en, rows_zh);
	lf_user sun = as(t->st, "sun");
	char msg[512] = "";
	said_list l = {0};
	assert_int_equal(lf_case_clocks(t->st, &sun, c.case_id, keep_said, &l, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.text[1], "Regulations on Letters and Visits, art. 34: within 60 days of acceptance");
	speak("zh_CN");
	memset(&l, 0, sizeof l);
	assert_int_equal(lf_case_clocks(t->st, &sun, c.case_id, keep_said, &l, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(l.text[0], "《信访工作条例》第二十二条：登记之日起15日内");
	speak("en");

	/* Routed with an earlier due date: the clock says so; the timeline's
	 * start of the clock still says what it said on the day it started. */
	today("2024-03-06");
	lf_step_args dept = {.unit = U_DEPT, .due = "2024-04-10"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	memset(&l, 0, sizeof l);
	assert_int_equal(lf_case_clocks(t->st, &sun, c.case_id, keep_said, &l, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(l.text[1], "Regulations on Letters and Visits, art. 34: within 60 days of acceptance; due date "
	                               "set at routing: 2024-04-10");
	start_seen seen = {0};
	assert_int_equal(lf_case_read_events(t->st, c.case_id, see_start, &seen), LF_STORE_OK);
	assert_string_equal(seen.due, "2024-05-06");
	assert_string_equal(seen.text, "Regulations on Letters and Visits, art. 34: within 60 days of acceptance");
	lf_user_free(&sun);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_said_in_each_language),
		cmocka_unit_test(test_old_words_unknown_codes_and_a_full_basis),
		cmocka_unit_test_setup_teardown(test_one_basis_whichever_desk, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
