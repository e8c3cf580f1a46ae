/* The written answer's rules (answer.h, 《信访工作条例》第三十二条): the
 * three opinions by id, Chinese word and label; a reply of the office's
 * own case needs all three parts; another reply none or all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "laifang/answer.h"

static void test_opinions(void **state)
{
	(void)state;
	assert_true(lf_answer_opinion_valid("support"));
	assert_true(lf_answer_opinion_valid("explain"));
	assert_true(lf_answer_opinion_valid("reject"));
	assert_false(lf_answer_opinion_valid("upheld"));
	assert_false(lf_answer_opinion_valid(NULL));
	assert_string_equal(lf_answer_opinion_parse("予以支持"), "support");
	assert_string_equal(lf_answer_opinion_parse("支持"), "support");
	assert_string_equal(lf_answer_opinion_parse("解释说明"), "explain");
	assert_string_equal(lf_answer_opinion_parse("不予支持"), "reject");
	assert_string_equal(lf_answer_opinion_parse("reject"), "reject");
	assert_string_equal(lf_answer_opinion_parse(lf_answer_opinion_label("explain")), "explain");
	assert_null(lf_answer_opinion_parse("维持"));
	assert_null(lf_answer_opinion_parse(NULL));
	assert_string_equal(lf_answer_opinion_word("support"), "予以支持");
	assert_string_equal(lf_answer_opinion_word("explain"), "解释说明");
	assert_string_equal(lf_answer_opinion_word("reject"), "不予支持");
	assert_null(lf_answer_opinion_word("x"));
}

static void test_check(void **state)
{
	(void)state;
	char why[256];
	/* Required: each part in turn. */
	assert_false(lf_answer_check(true, NULL, NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "opinion"));
	assert_false(lf_answer_check(true, "endorse", "事实", "依据", why, sizeof why));
	assert_non_null(strstr(why, "不予支持"));
	assert_false(lf_answer_check(true, "support", " \n ", "依据", why, sizeof why));
	assert_non_null(strstr(why, "facts"));
	assert_false(lf_answer_check(true, "support", "事实", "", why, sizeof why));
	assert_non_null(strstr(why, "basis"));
	assert_true(lf_answer_check(true, "explain", "事实", "依据", why, sizeof why));
	/* Which part is missing, for a form's cursor. */
	lf_step_field part = LF_IN_NONE;
	assert_false(lf_answer_check_field(true, NULL, "事实", "依据", why, sizeof why, &part));
	assert_int_equal(part, LF_IN_ANSWER_OPINION);
	assert_false(lf_answer_check_field(true, "support", "", "依据", why, sizeof why, &part));
	assert_int_equal(part, LF_IN_ANSWER_FACTS);
	assert_false(lf_answer_check_field(true, "support", "事实", NULL, why, sizeof why, &part));
	assert_int_equal(part, LF_IN_ANSWER_BASIS);
	assert_true(lf_answer_check_field(true, "support", "事实", "依据", why, sizeof why, &part));
	assert_int_equal(part, LF_IN_NONE);
	/* Not required: none is fine, a part alone is not. */
	assert_true(lf_answer_check(false, NULL, "", "  ", why, sizeof why));
	assert_false(lf_answer_check(false, NULL, "事实", NULL, why, sizeof why));
	assert_non_null(strstr(why, "opinion"));
	assert_false(lf_answer_check(false, "reject", NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "facts"));
	/* Lengths in characters, not bytes. */
	char *facts = malloc(LF_ANSWER_FACTS_MAX * 3 + 4);
	assert_non_null(facts);
	facts[0] = '\0';
	for (int i = 0; i < LF_ANSWER_FACTS_MAX; i++)
		strcat(facts + (size_t)i * 3, "实");
	assert_true(lf_answer_check(true, "support", facts, "依据", why, sizeof why));
	strcat(facts, "x");
	assert_false(lf_answer_check(true, "support", facts, "依据", why, sizeof why));
	free(facts);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opinions),
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
