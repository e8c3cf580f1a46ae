/* libFuzzer target: a search as typed (lf_search_parse, then lf_search
 * against a small office of four cases). Besides not crashing: the query
 * read is clean, trimmed text; each term is non-empty without spaces; a
 * number holds only digits and a final X; a case number is YYYY-digits;
 * the search answers OK, or INVALID only for an empty query, and every hit
 * has its ID number masked and marks that pair up. Whatever a query holds
 * (FTS5 syntax, quotes, NUL), it is a search for text, never SQL. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_OWN_INIT
#include "fuzz_common.h"
#include "fuzz_store.h"

#include "laifang/auth.h"
#include "laifang/people.h"
#include "laifang/search.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"

static lf_store *st;
static lf_user clerk;
static char dir[64], db[128];

static void die(const char *what)
{
	fprintf(stderr, "fuzz_search: %s\n", what);
	abort();
}

static void remove_dir(void)
{
	lf_store_close(st);
	lf_user_free(&clerk);
	fuzz_unlink_db(db);
	fuzz_remove_keys(dir);
	rmdir(dir);
}

static void save(const char *name, const char *idno, const char *phone, const char *content)
{
	lf_registration r = {.receptionist = "王芳", .received_on = "2026-11-20", .name = name, .sex = "男",
	                     .phone = phone, .id_number = idno, .address = "广州市越秀区", .content = content};
	lf_saved_case c;
	if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
		die(lf_store_errmsg(st));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	if (!fuzz_temp_dir(dir, sizeof dir, "search"))
		die("mkdtemp");
	setenv("XDG_CONFIG_HOME", dir, 1); /* the office key, beside the database */
	snprintf(db, sizeof db, "%s/t.db", dir);
	char msg[512];
	st = lf_store_open(db, NULL, msg, sizeof msg);
	if (!st)
		die(msg);
	if (!fuzz_admin_and_clerk(st, msg, sizeof msg) || lf_store_user_get(st, "clerk", &clerk, NULL) != LF_STORE_OK)
		die(msg);
	lf_store_set_actor(st, clerk.id, clerk.login);
	save("张三", "440104198501010011", "13812345678", "反映单位拖欠工资问题，请求督促支付。");
	save("李四", "44010419850101002X", "020-83186312", "小区旁建筑工地夜间施工噪音扰民。\n第二行 ABC公司 50000元");
	save("王五", "440104198501010038", NULL, "。。。");
	save("Zoë \"x\" OR y*", "440104198501010046", NULL, "NEAR(a b) AND \"quoted\" -minus ^start col:umn");
	atexit(remove_dir);
	return 0;
}

static void marks_pair(const char *s)
{
	bool on = false;
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '\001' || *p == '\002') {
			if ((*p == '\001') == on)
				abort();
			on = !on;
		} else if ((unsigned char)*p < 0x20 && *p != '\n') {
			abort();
		}
	}
	if (on)
		abort();
}

static int hit(const lf_search_row *r, void *ud)
{
	(void)ud;
	marks_pair(r->name);
	marks_pair(r->snippet);
	if (r->id_number && strlen(r->id_number) == 18 && strncmp(r->id_number + 6, "********", 8) != 0)
		abort();
	return 0;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *q = fuzz_cstr(data, size);
	lf_search_parsed p;
	lf_search_kind k = lf_search_parse(q, &p);
	size_t bl = strlen(p.buf);
	if ((k == LF_SEARCH_NONE) != (bl == 0) || bl > LF_SEARCH_QUERY_MAX)
		abort();
	for (const unsigned char *c = (const unsigned char *)p.buf; *c; c++)
		if (*c < 0x20 && *c != 0) /* terms are cut by NULs in buf */
			abort();
	if (k == LF_SEARCH_TEXT) {
		if (p.q.n_terms < 1 || p.q.n_terms > LF_SEARCH_MAX_TERMS)
			abort();
		for (int i = 0; i < p.q.n_terms; i++)
			if (!p.q.terms[i][0] || strchr(p.q.terms[i], ' '))
				abort();
	} else if (k == LF_SEARCH_NUMBER) {
		size_t n = strlen(p.q.number);
		for (size_t i = 0; i < n; i++)
			if (!digit(p.q.number[i]) && !(p.q.number[i] == 'X' && i == n - 1))
				abort();
		if (n < 4 || n > 18)
			abort();
	} else if (k == LF_SEARCH_CASE_NO) {
		if (strlen(p.q.number) < 6 || p.q.number[4] != '-')
			abort();
	}
	char msg[1024];
	lf_search_cursor cur = {0};
	int n = 0;
	lf_store_err e = lf_search(st, &clerk, q, &cur, 10, hit, NULL, &n, msg, sizeof msg);
	if (e != LF_STORE_OK && !(e == LF_STORE_INVALID && k == LF_SEARCH_NONE)) {
		fprintf(stderr, "fuzz_search: %s: %s\n", q, msg);
		abort();
	}
	if (e == LF_STORE_OK && n > 0) { /* the next page */
		e = lf_search(st, &clerk, q, &cur, 10, hit, NULL, &n, msg, sizeof msg);
		if (e != LF_STORE_OK)
			abort();
	}
	free(q);
	return 0;
}
