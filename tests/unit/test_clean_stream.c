/* The streams the batch commands print through (clean_stream.c): control
 * characters, C1 controls and bidi controls dropped, everything else
 * (Chinese, line feeds, tabs) kept byte for byte, also when a character is
 * cut between two writes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/cli.h"

/* What the stream wrote when given the pieces (unbuffered: one write each). */
static void through(const char *const *pieces, size_t n, const char *want)
{
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	FILE *f = lf_cli_clean_stream(fileno(tmp));
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0);
	for (size_t i = 0; i < n; i++)
		fputs(pieces[i], f);
	assert_int_equal(fclose(f), 0);
	char got[256];
	rewind(tmp);
	size_t len = fread(got, 1, sizeof got - 1, tmp);
	got[len] = '\0';
	fclose(tmp);
	assert_string_equal(got, want);
}

static void test_drops_controls(void **state)
{
	(void)state;
	const char *one[] = {"laifang: 没有案件“2026-\033]0;pwned\007\0331”\n"};
	through(one, 1, "laifang: 没有案件“2026-]0;pwned1”\n");
	const char *kinds[] = {"a\tb\r\x7f" "c\xc2\x9b" "d\xe2\x80\xae" "e\xe2\x81\xa6" "f\xe2\x80\x8f" "g\n"};
	through(kinds, 1, "a\tbcdef\xe2\x80\x8f" "g\n");
}

static void test_cut_characters(void **state)
{
	(void)state;
	/* U+202E and U+0085 cut between writes are still dropped; 王 and ’
	 * (E2 80 99) cut between writes are still whole. */
	const char *pieces[] = {"x\xe2", "\x80", "\xae" "y\xc2", "\x85" "z\xe7\x8e", "\x8b\xe2\x80", "\x99\n"};
	through(pieces, sizeof pieces / sizeof pieces[0], "xyz王\xe2\x80\x99\n");
	/* A cut character left at the end is written when the stream closes. */
	const char *tail[] = {"末\xe2"};
	through(tail, 1, "末\xe2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drops_controls),
		cmocka_unit_test(test_cut_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
