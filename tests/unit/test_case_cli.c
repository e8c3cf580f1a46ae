/* laifang case (src/cli/case*.c): the batch file's shell-like word
 * splitting, the safe reading of --text-file, and the parsing of a step's
 * options against its table line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/cli/case_internal.h"

static int split(const char *line, char **w, char **store, const char **why)
{
	return cli_case_split(line, w, 16, store, why);
}

static void test_split_quotes(void **state)
{
	(void)state;
	char *w[16], *store = NULL;
	const char *why = NULL;
	int n = split("route 2026-000001  --transfer '市 住建局' --text \"说\\\"明\\\\\"x a\\ b", w, &store, &why);
	assert_int_equal(n, 7);
	assert_string_equal(w[0], "route");
	assert_string_equal(w[1], "2026-000001");
	assert_string_equal(w[2], "--transfer");
	assert_string_equal(w[3], "市 住建局");
	assert_string_equal(w[4], "--text");
	assert_string_equal(w[5], "说\"明\\x");
	assert_string_equal(w[6], "a b");
	free(store);
	n = split("a a\\ b '' \"\"", w, &store, &why);
	assert_int_equal(n, 4);
	assert_string_equal(w[1], "a b");
	assert_string_equal(w[2], "");
	assert_string_equal(w[3], "");
	free(store);
}

static void test_split_errors(void **state)
{
	(void)state;
	char *w[16], *store = NULL;
	const char *why = NULL;
	assert_int_equal(split("accept 'open", w, &store, &why), -1);
	assert_non_null(why);
	free(store);
	assert_int_equal(split("accept \"open", w, &store, &why), -1);
	free(store);
	char many[200] = "";
	for (int i = 0; i < 20; i++)
		strcat(many, "x ");
	assert_int_equal(split(many, w, &store, &why), -1);
	free(store);
	assert_int_equal(split("   \t ", w, &store, &why), 0);
	free(store);
}

static void test_read_text(void **state)
{
	(void)state;
	char dir[] = "/tmp/lf-case-cli-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256], why[256] = "";
	snprintf(path, sizeof path, "%s/t.txt", dir);
	FILE *f = fopen(path, "w");
	fputs("办理情况\n第二行", f);
	fclose(f);
	char *t = cli_case_read_text(path, 1024, why, sizeof why);
	assert_non_null(t);
	assert_string_equal(t, "办理情况\n第二行");
	free(t);
	assert_null(cli_case_read_text(path, 4, why, sizeof why)); /* too large */
	assert_null(cli_case_read_text(dir, 1024, why, sizeof why)); /* a folder */
	char fifo[256];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_null(cli_case_read_text(fifo, 1024, why, sizeof why)); /* never hangs */
	f = fopen(path, "w");
	fwrite("a\0b", 1, 3, f);
	fclose(f);
	assert_null(cli_case_read_text(path, 1024, why, sizeof why)); /* a NUL byte */
	unlink(fifo);
	unlink(path);
	rmdir(dir);
}

static int parse(const char *line, cli_case_parsed *p)
{
	static char *w[16], *store;
	const char *why;
	free(store);
	store = NULL;
	int n = cli_case_split(line, w, 16, &store, &why);
	assert_true(n >= 0);
	FILE *err = fopen("/dev/null", "w");
	int rc = cli_case_parse(n, w, p, err);
	fclose(err);
	return rc;
}

static void test_parse_options(void **state)
{
	(void)state;
	cli_case_parsed p;
	assert_int_equal(parse("route 2026-000001 --transfer 市住建局 --due=2026-12-01 --json", &p), 0);
	assert_string_equal(cli_case_opt(&p.ctx, "transfer"), "市住建局");
	assert_string_equal(cli_case_opt(&p.ctx, "due"), "2026-12-01");
	assert_true(p.ctx.json);
	assert_string_equal(p.ctx.case_no, "2026-000001");
	cli_case_parsed_free(&p);
	/* A text that starts with dashes is still the value. */
	assert_int_equal(parse("report 2026-000001 --text --json", &p), 0);
	assert_string_equal(p.ctx.text, "--json");
	assert_false(p.ctx.json);
	cli_case_parsed_free(&p);
	assert_int_equal(parse("accept 2026-000001 --unit x", &p), 2);   /* not this step's */
	cli_case_parsed_free(&p);
	assert_int_equal(parse("accept", &p), 2);                         /* no case number */
	cli_case_parsed_free(&p);
	assert_int_equal(parse("accept 1 2", &p), 2);                     /* two */
	cli_case_parsed_free(&p);
	assert_int_equal(parse("nosuch 1", &p), 2);
	cli_case_parsed_free(&p);
	assert_int_equal(parse("report 1 --text a --text b", &p), 2);     /* twice */
	cli_case_parsed_free(&p);
	assert_int_equal(parse("route 1 --in-house=yes", &p), 2);         /* a flag with a value */
	cli_case_parsed_free(&p);
	assert_int_equal(parse("route 1 --due", &p), 2);                  /* no value */
	cli_case_parsed_free(&p);
	assert_int_equal(parse("accept 1 --text-file /etc/hostname", &p), 2); /* accept takes no text */
	cli_case_parsed_free(&p);
	assert_non_null(cli_case_find("apply"));
	assert_null(cli_case_find("apply")->fn); /* apply is run by lf_cli_case_main */
	parse("accept 1", &p);                    /* frees the static store */
	cli_case_parsed_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_quotes),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_read_text),
		cmocka_unit_test(test_parse_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
