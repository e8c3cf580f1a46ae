/* A clock's basis is kept as a code and said in the reader's language
 * (clocks.h, issue 16): the same bytes whichever desk derived it, words in
 * Chinese for a Chinese desk and in English for an English one; a basis
 * written as words before the codes is shown as it was. */
#include "caseflow_fixture.h"

#include <unistd.h>

#include "laifang/case_clocks.h"
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

static void test_said_in_each_language(void **state)
{
	(void)state;
	char b[LF_CLOCK_BASIS_LEN], said[1024];
	lf_clock_basis_start(b, "handle34");
	lf_clock_basis_add(b, "routed", "2026-05-01", NULL);
	lf_clock_basis_add(b, "extended", "2026-06-01", "李局长（局长）");
	assert_string_equal(b, "@handle34\x1frouted\x1e" "2026-05-01\x1f" "extended\x1e" "2026-06-01\x1e李局长（局长）");
	speak("en");
	assert_string_equal(lf_clock_basis_say(b, said, sizeof said),
	                    "Regulations on Letters and Visits, art. 34: within 60 days of acceptance; due date set at "
	                    "routing: 2026-05-01; extended to 2026-06-01, approved by 李局长（局长）");
	speak("zh_CN");
	assert_string_equal(lf_clock_basis_say(b, said, sizeof said),
	                    "《信访工作条例》第三十四条：受理之日起60日内；分办时限定2026-05-01；延期至2026-06-01（批准人：李局长（局长））");
	lf_clock_basis_start(b, "rereview36");
	lf_clock_basis_add(b, "hearing", "2026-11-10", "2026-11-12");
	lf_clock_basis_add(b, "receipt", NULL, NULL);
	assert_string_equal(lf_clock_basis_say(b, said, sizeof said),
	                    "《信访工作条例》第三十六条：自收到复核请求之日起30日内提出复核意见；2026-11-10至2026-11-12听证所需时间不计算在内（第三十六条）；"
	                    "自受理机关收到之日起计算");
	speak("en");
}

/* Words stored before the codes are given back as they are; a code this
 * build does not know is shown as its code, nothing dropped; a part that
 * would not fit whole is left out, never cut inside a date. */
static void test_old_words_unknown_codes_and_a_full_basis(void **state)
{
	(void)state;
	char b[LF_CLOCK_BASIS_LEN], said[1024];
	static const char old[] = "《信访工作条例》第二十二条：登记之日起15日内";
	assert_string_equal(lf_clock_basis_say(old, said, sizeof said), old);
	assert_string_equal(lf_clock_basis_say(NULL, said, sizeof said), "");
	assert_string_equal(lf_clock_basis_say("@art99\x1fpaused\x1e" "2026-01-01", said, sizeof said),
	                    "art99; paused 2026-01-01 ");
	lf_clock_basis_start(b, "handle34");
	int parts = 0;
	for (; parts < 40; parts++) {
		size_t before = strlen(b);
		lf_clock_basis_add(b, "extended", "2026-06-01", "某某某某某某（副局长）");
		if (strlen(b) == before)
			break;
	}
	assert_true(parts >= 3 && parts < 40);
	assert_true(strlen(b) < LF_CLOCK_BASIS_LEN);
	const char *last = strrchr(b, '\x1f');
	assert_non_null(last);
	assert_string_equal(last, "\x1f" "extended\x1e" "2026-06-01\x1e某某某某某某（副局长）");
	/* A value cannot carry a separator into the code. */
	lf_clock_basis_start(b, "handle34");
	lf_clock_basis_add(b, "extended", "2026-06-01", "张三\x1f" "routed");
	assert_string_equal(b, "@handle34\x1f" "extended\x1e" "2026-06-01\x1e张三");
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
	assert_string_equal(rows_zh, "route=@route22 handle=@handle34");
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
