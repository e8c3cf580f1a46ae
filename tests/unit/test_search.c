/* Search (search.h, store_search.h): the tokenizer's tokens, each kind of
 * query finding the right cases and nothing else, ranking, the index kept
 * current by a save and a new representative, the plan of a two-character
 * query (an index search, no scan of case_file), the permission for ID
 * numbers, masking and the audit entry. */
#include "flow_fixture.h"

#include <math.h>
#include "schema_undo.h"

#include "laifang/auth.h"
#include "laifang/search.h"
#include "laifang/store_search.h"
#include "../../src/store/search_internal.h"
#include "../../src/store/sqlite/sqlite_driver.h"
#include "../../src/store/sqlite/sqlite_internal.h"
#include "schema_undo.h"

/* ---- the tokenizer -------------------------------------------------------- */

typedef struct toks {
	char s[2048];
	int pos;
} toks;

/* Each token as "tok@pos", a colocated one as "+tok". */
static int take(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
	toks *t = ctx;
	size_t used = strlen(t->s);
	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		snprintf(t->s + used, sizeof t->s - used, "%s+%.*s", used ? " " : "", ntok, tok);
	else
		snprintf(t->s + used, sizeof t->s - used, "%s%.*s@%d", used ? " " : "", ntok, tok, t->pos++);
	return SQLITE_OK;
}

static void tokens_are(const char *text, bool query, const char *want)
{
	toks t = {{0}, 0};
	assert_int_equal(lf_bigram_tokenize(text, (int)strlen(text), query, &t, take), SQLITE_OK);
	assert_string_equal(t.s, want);
}

static void test_tokenizer(void **state)
{
	(void)state;
	tokens_are("拆迁补偿", false, "拆迁@0 +拆 迁补@1 +迁 补偿@2 +补 偿@3");
	tokens_are("拆迁补偿", true, "拆迁@0 迁补@1 补偿@2");
	tokens_are("拆", true, "拆@0");
	tokens_are("拆迁abc", true, "拆迁@0 迁@1 abc@2");
	/* Latin lowercased, letters and digits apart, full-width folded,
	 * punctuation (both widths) a separator taking no position. */
	tokens_are("A座3号楼，ＩＰhone15！王", false,
	           "a@0 座@1 3@2 号楼@3 +号 楼@4 iphone@5 15@6 王@7");
	tokens_are("工资 (2025年) ok", false, "工资@0 +工 资@1 2025@2 年@3 ok@4");
	tokens_are("，。！ - ", false, "");
	/* Bad UTF-8 is a separator, not a crash. */
	tokens_are("\xe6\x8b\xe5\xb7\xa5\xe8\xb5\x84", false, "工资@0 +工 资@1");
}

/* ---- an office ---------------------------------------------------------------- */

static const lf_user clerk = {.id = "", .login = "wangfang", .name = "王芳", .roles = LF_ROLE_CLERK, .active = true};
static const lf_user handler = {.id = "", .login = "zhou", .name = "周", .roles = LF_ROLE_HANDLER, .active = true};

static void save(fixture *t, const char *name, const char *idno, const char *phone, const char *address,
                 const char *content, char no[16])
{
	lf_registration r = {.receptionist = "王芳", .received_on = "2026-11-20", .name = name, .sex = "男",
	                     .phone = phone, .id_number = idno, .address = address, .content = content};
	lf_saved_case c;
	if (lf_store_save_registration(t->st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(t->st));
	snprintf(no, 16, "%s", c.case_no);
}

#define N_CASES 7
static char nos[N_CASES][16];

static void office(fixture *t)
{
	save(t, "张三", "440104198501010011", "13812345678", "广州市越秀区解放中路1号",
	     "反映单位拖欠工资问题，请求督促支付。", nos[0]);
	save(t, "李四", "44010419850101002X", "020-83186312", "广州市海珠区",
	     "小区旁建筑工地夜间施工噪音扰民。", nos[1]);
	save(t, "王五", "440104198501010038", NULL, "广州市天河区", "房屋拆迁补偿标准过低，请求重新评估。", nos[2]);
	save(t, "赵六", "440104198501010046", "13900001111", NULL, "邻居王五占用消防通道。", nos[3]);
	save(t, "孙七", "440104198501010054", NULL, NULL, "拆迁安置房漏水，拆迁办不予处理，拆迁户多次反映。",
	     nos[4]);
	save(t, "周八", "440104198501010062", NULL, NULL, "反映ABC公司拖欠货款50000元。", nos[5]);
	save(t, "吴九", "440104198501011234", NULL, NULL, "迁坟补偿问题。", nos[6]);
}

typedef struct hits {
	int n;
	char no[64][16];
	char name[64][64];
	char id[64][32];
	char snippet[64][256];
} hits;

static int collect(const lf_search_row *r, void *ud)
{
	hits *h = ud;
	if (h->n < 64) {
		snprintf(h->no[h->n], 16, "%s", r->case_no);
		snprintf(h->name[h->n], 64, "%s", r->name ? r->name : "");
		snprintf(h->id[h->n], 32, "%s", r->id_number ? r->id_number : "");
		snprintf(h->snippet[h->n], 256, "%s", r->snippet ? r->snippet : "");
		h->n++;
	}
	return 0;
}

/* Search as a user; the hits' case numbers, in order, joined by spaces. */
static lf_store_err find(fixture *t, const lf_user *u, const char *q, hits *h, char *got, size_t len)
{
	lf_search_cursor cur = {0};
	char msg[700];
	memset(h, 0, sizeof *h);
	lf_store_err e = lf_search(t->st, u, q, &cur, 50, collect, h, NULL, msg, sizeof msg);
	got[0] = '\0';
	for (int i = 0; i < h->n; i++)
		snprintf(got + strlen(got), len - strlen(got), "%s%s", i ? " " : "", h->no[i]);
	return e;
}

/* The query finds exactly the cases want (indexes into nos, in order; -1 ends). */
static void finds(fixture *t, const char *q, const int *want)
{
	hits h;
	char got[1024], exp[1024] = "";
	assert_int_equal(find(t, &clerk, q, &h, got, sizeof got), LF_STORE_OK);
	for (int i = 0; want[i] >= 0; i++)
		snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%s%s", i ? " " : "", nos[want[i]]);
	if (strcmp(got, exp))
		fail_msg("query %s: got [%s], want [%s]", q, got, exp);
}

static void test_queries(void **state)
{
	fixture *t = *state;
	office(t);
	finds(t, "工资", (int[]){0, -1});         /* two characters */
	finds(t, "噪音", (int[]){1, -1});
	finds(t, "拆迁", (int[]){4, 2, -1});      /* three times first */
	finds(t, "补偿", (int[]){6, 2, -1});      /* the shorter text first */
	finds(t, "迁", (int[]){4, 6, 2, -1});     /* one character: three times first */
	finds(t, "坟", (int[]){6, -1});
	finds(t, "拆迁补偿标准", (int[]){2, -1}); /* a phrase: 拆迁 and 补偿 apart do not match */
	finds(t, "拆迁 补偿", (int[]){2, -1});    /* both words */
	finds(t, "迁补", (int[]){2, -1});
	finds(t, "王五", (int[]){2, 3, -1});      /* the name first, then the content */
	finds(t, "越秀区", (int[]){0, -1});       /* address */
	finds(t, "abc公司", (int[]){5, -1});      /* Latin, any case */
	finds(t, "ABC", (int[]){5, -1});
	finds(t, "货款50000", (int[]){5, -1});    /* a number in the content is a word */
	finds(t, "消防 通道", (int[]){3, -1});
	finds(t, "火锅", (int[]){-1});
	finds(t, "\"拆迁\"", (int[]){4, 2, -1});  /* FTS5's syntax is not the user's */
	finds(t, "拆迁 OR 噪音", (int[]){-1});
	finds(t, "2026-000003", (int[]){2, -1});  /* a case number */
	finds(t, "2026-3", (int[]){2, -1});
	finds(t, "2026-00000", (int[]){0, 1, 2, 3, 4, 5, 6, -1});
	finds(t, "2025-1", (int[]){-1});
	finds(t, "1234", (int[]){6, -1});         /* an ID number's last 4 */
	finds(t, "002X", (int[]){1, -1});
	finds(t, "002x", (int[]){1, -1});
	finds(t, "440104198501010038", (int[]){2, -1});
	finds(t, "0101", (int[]){-1});            /* a middle of an ID number is no suffix */
	finds(t, "5678", (int[]){0, -1});         /* a phone's last 4 */
	finds(t, "8318-6312", (int[]){1, -1});
	finds(t, "1111", (int[]){3, -1});
}

/* Matches are marked and the ID number masked for everyone. */
static void test_marks_and_masks(void **state)
{
	fixture *t = *state;
	hits h;
	char got[256];
	office(t);
	assert_int_equal(find(t, &clerk, "噪音", &h, got, sizeof got), LF_STORE_OK);
	assert_int_equal(h.n, 1);
	assert_non_null(strstr(h.snippet[0], "施工\001噪音\002扰民"));
	assert_string_equal(h.id[0], "440104********002X");
	/* One character marks one character; a phrase the whole phrase. */
	assert_int_equal(find(t, &clerk, "坟", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(h.snippet[0], "迁\001坟\002补偿问题。");
	assert_int_equal(find(t, &clerk, "拆迁补偿标准", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(h.snippet[0], "房屋\001拆迁补偿标准\002过低，请求重新评估。");
	assert_int_equal(find(t, &clerk, "abc 公司", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(h.snippet[0], "反映\001ABC公司\002拖欠货款50000元。");
	assert_int_equal(find(t, &clerk, "李四", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(h.name[0], "\001李四\002");
	assert_int_equal(find(t, &clerk, "1234", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(h.id[0], "440104********1234");
}

/* Words past the eighth are not searched for; none sticks to the last
 * term as a phrase (found by fuzz_search). */
static void test_parse_many_words(void **state)
{
	(void)state;
	lf_search_parsed p;
	assert_int_equal(lf_search_parse("a b c d e f g h i j", &p), LF_SEARCH_TEXT);
	assert_int_equal(p.q.n_terms, LF_SEARCH_MAX_TERMS);
	assert_string_equal(p.q.terms[0], "a");
	assert_string_equal(p.q.terms[LF_SEARCH_MAX_TERMS - 1], "h");
	assert_int_equal(lf_search_parse("  电梯　故障  ", &p), LF_SEARCH_TEXT);
	assert_int_equal(p.q.n_terms, 2);
	assert_string_equal(p.q.terms[1], "故障");
	/* An X only ends a number (found by fuzz_search). */
	assert_int_equal(lf_search_parse("8310x 8310x", &p), LF_SEARCH_TEXT);
	assert_int_equal(lf_search_parse("0031x ", &p), LF_SEARCH_NUMBER);
	assert_string_equal(p.q.number, "0031X");
}

/* Fill freed heap blocks of the sizes the marker allocates with a
 * negative int pattern, so that reading one uninitialised (the crash of
 * issue 10) fails here rather than by luck somewhere else. */
static void poison_heap(void)
{
	void *p[32];
	for (int i = 0; i < 32; i++) {
		p[i] = malloc((size_t)(i % 4 + 1) * sizeof(int));
		memset(p[i], 0xAA, (size_t)(i % 4 + 1) * sizeof(int));
	}
	for (int i = 0; i < 32; i++)
		free(p[i]);
}

/* A text with no searchable character (only punctuation, or empty) is
 * returned as it is, unmarked, whatever the terms. */
static void test_mark_no_token(void **state)
{
	(void)state;
	const char *terms[] = {"张三", "。", "a"};
	const char *texts[] = {"。。。", "", "，！ - ", "\xe3\x80"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (int snip = 0; snip <= 40; snip += 40) {
			poison_heap();
			char *m = store_search_mark(texts[i], terms, 3, snip);
			assert_non_null(m);
			assert_string_equal(m, texts[i]);
			free(m);
		}
	/* A term longer than the text, and a text ending in punctuation. */
	const char *two[] = {"电梯故障", "梯"};
	poison_heap();
	char *m = store_search_mark("电梯。。", two, 2, 0);
	assert_string_equal(m, "电\001梯\002。。");
	free(m);
}

/* A case whose content has no searchable character is found by its name,
 * and its snippet comes back as stored (laifang search crashed here). */
static void test_search_punctuation_only(void **state)
{
	fixture *t = *state;
	hits h;
	char got[256], no[16];
	save(t, "张三", "440104198501010011", NULL, NULL, "。。。", no);
	poison_heap();
	assert_int_equal(find(t, &clerk, "张三", &h, got, sizeof got), LF_STORE_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.name[0], "\001张三\002");
	assert_string_equal(h.snippet[0], "。。。");
}

/* Issue 12: a landline with its extension is found by its local digits
 * (schema 33: the extension is not part of the phone's key). */
static void test_phone_extension(void **state)
{
	fixture *t = *state;
	hits h;
	char got[256], no[16];
	save(t, "钱九", "440104198501010089", "020-83186312-805", NULL, "反映物业问题。", no);
	assert_int_equal(find(t, &clerk, "83186312", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, no);
	assert_int_equal(find(t, &clerk, "020-83186312", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, no);
	assert_int_equal(find(t, &clerk, "6312", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, no);
	assert_int_equal(raw(t, "SELECT count(*) FROM search_key WHERE key = 'p21368138020'"), 1);

	/* A database of schema 32 kept the extension in the key: opening it
	 * makes the phone keys again (db/033_phone_keys.sql). */
	long long latest = raw(t, "PRAGMA user_version");
	assert_true(latest >= 33);
	lf_store_close(t->st);
	raw(t, "UPDATE search_key SET key = 'p50821368138020' WHERE key = 'p21368138020'");
	{
		/* Back to 32 with every later migration undone (schema_undo.h), so
		 * 033 and those after it run again at the open. */
		sqlite3 *db = NULL;
		assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
		assert_int_equal(schema_undo_to(db, 32), SQLITE_OK);
		sqlite3_close(db);
	}
	assert_int_equal(raw(t, "SELECT count(*) FROM search_key WHERE key = 'p21368138020'"), 0);
	char msg[512];
	lf_store_err e;
	t->st = lf_store_open(t->db, &e, msg, sizeof msg);
	assert_non_null(t->st);
	lf_store_set_actor(t->st, t->super, "chenjing");
	assert_int_equal(raw(t, "PRAGMA user_version"), latest);
	assert_int_equal(raw(t, "SELECT count(*) FROM search_key WHERE key = 'p21368138020'"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM search_key WHERE key = 'p50821368138020'"), 0);
	assert_int_equal(find(t, &clerk, "83186312", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, no);
}

/* Issue 12: digits are found inside the content as well as at the end of
 * ID and phone numbers, the number's hits first, each case once; a user
 * who may not search numbers finds the content's only. Both paths: one
 * page (lf_search) and the ranking paged through (lf_search_rank). */
static void test_digits_in_content(void **state)
{
	fixture *t = *state;
	hits h;
	char got[256], no[16];
	office(t);
	save(t, "郑十", "440104198501010070", NULL, NULL, "2024年以来拨打12345热线，反映被拖欠工资1234元。", no);
	assert_int_equal(find(t, &clerk, "50000", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, nos[5]);
	assert_non_null(strstr(h.snippet[0], "\00150000\002"));
	assert_int_equal(find(t, &clerk, "2024", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, no);
	assert_int_equal(find(t, &clerk, "12345", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, no);
	/* 1234: 吴九's ID number ends so (first), 郑十 wrote 1234元. */
	char want[64];
	snprintf(want, sizeof want, "%s %s", nos[6], no);
	assert_int_equal(find(t, &clerk, "1234", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, want);
	/* The phone's tail: 李四's 020-83186312, by its local digits. */
	assert_int_equal(find(t, &clerk, "83186312", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, nos[1]);
	/* A handler: the content only (and only what the handler may read). */
	assert_int_equal(find(t, &handler, "1234", &h, got, sizeof got), LF_STORE_OK);
	assert_null(strstr(got, nos[6]));

	/* The ranking kept and paged: the same order. */
	lf_search_ranked r;
	char msg[512];
	assert_int_equal(lf_search_rank(t->st, &clerk, "1234", &r, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(r.n, 2);
	memset(&h, 0, sizeof h);
	assert_int_equal(lf_search_ranked_rows(t->st, &r, 0, r.n, collect, &h), LF_STORE_OK);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.no[0], nos[6]);
	assert_string_equal(h.no[1], no);
	lf_search_ranked_free(&r);
	assert_int_equal(lf_search_rank(t->st, &clerk, "9999", &r, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(r.n, 0);
	lf_search_ranked_free(&r);
}

/* A handler may search words and case numbers, never ID or phone digits;
 * each search is logged, a number's digits never. */
static void test_permission_and_audit(void **state)
{
	fixture *t = *state;
	hits h;
	char got[256], action[64], changes[2048];
	office(t);
	long long before = raw(t, "SELECT count(*) FROM audit_log");
	/* Digits: an ID number's check letter is refused; other digits are
	 * searched in the content only (吴九's ID ends in 1234: not found). */
	assert_int_equal(find(t, &handler, "44010419850101002X", &h, got, sizeof got), LF_STORE_DENIED);
	assert_int_equal(h.n, 0);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log"), before);
	assert_int_equal(find(t, &handler, "1234", &h, got, sizeof got), LF_STORE_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log"), before + 1);
	assert_int_equal(find(t, &handler, "440104198501010038", &h, got, sizeof got), LF_STORE_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(find(t, &handler, "拆迁", &h, got, sizeof got), LF_STORE_OK);
	assert_int_equal(h.n, 2);
	last_audit(t, action, changes);
	assert_string_equal(action, "search");
	assert_string_equal(changes, "{\"kind\":\"text\",\"length\":2,\"query\":\"拆迁\"}");
	assert_int_equal(find(t, &clerk, "1234", &h, got, sizeof got), LF_STORE_OK);
	last_audit(t, action, changes);
	assert_string_equal(action, "search");
	assert_string_equal(changes, "{\"kind\":\"number\",\"length\":4}");
	assert_int_equal(find(t, &handler, "2026-3", &h, got, sizeof got), LF_STORE_OK);
	last_audit(t, action, changes);
	assert_string_equal(changes, "{\"kind\":\"case_no\",\"length\":6,\"query\":\"2026-3\"}");
	assert_int_equal(find(t, &clerk, "  ", &h, got, sizeof got), LF_STORE_INVALID);
	lf_user gone = clerk;
	gone.active = false;
	assert_int_equal(find(t, &gone, "拆迁", &h, got, sizeof got), LF_STORE_DENIED);
}

/* Pages by keyset: every hit once, in the order of one big page. */
static void test_pages(void **state)
{
	fixture *t = *state;
	char no[16];
	for (int i = 0; i < 23; i++)
		save(t, i % 2 ? "钱一" : "钱二", "440104198501019999", NULL, NULL,
		     i % 3 ? "工资拖欠" : "拖欠工资问题多次反映无果", no);
	hits all, page;
	char got[2048];
	assert_int_equal(find(t, &clerk, "工资", &all, got, sizeof got), LF_STORE_OK);
	assert_int_equal(all.n, 23);
	for (int size = 1; size <= 10; size += 4) {
		lf_search_cursor cur = {0};
		int total = 0, n;
		char msg[512];
		do {
			memset(&page, 0, sizeof page);
			assert_int_equal(lf_search(t->st, &clerk, "工资", &cur, size, collect, &page, &n, msg, sizeof msg),
			                 LF_STORE_OK);
			assert_int_equal(n, page.n);
			for (int i = 0; i < page.n; i++)
				assert_string_equal(page.no[i], all.no[total + i]);
			total += page.n;
		} while (page.n == size);
		assert_int_equal(total, 23);
	}
	/* Numbers and case numbers page too. */
	lf_search_cursor cur = {0};
	int n, total = 0;
	char msg[512];
	do {
		assert_int_equal(lf_search(t->st, &clerk, "9999", &cur, 5, NULL, NULL, &n, msg, sizeof msg), LF_STORE_OK);
		total += n;
	} while (n == 5);
	assert_int_equal(total, 23);
	cur = (lf_search_cursor){0};
	total = 0;
	do {
		assert_int_equal(lf_search(t->st, &clerk, "2026-0000", &cur, 4, NULL, NULL, &n, msg, sizeof msg),
		                 LF_STORE_OK);
		total += n;
	} while (n == 4);
	assert_int_equal(total, 23);
}

/* The index follows the store's writes: a save, a representative. */
static void test_index_current(void **state)
{
	fixture *t = *state;
	hits h;
	char got[256];
	office(t);
	assert_int_equal(find(t, &clerk, "冯十", &h, got, sizeof got), LF_STORE_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(lf_store_case_add_visitor(t->st, nos[1], "440104198501017777", "冯十", "男", "13700007777",
	                                           "佛山市南海区"),
	                 LF_STORE_OK);
	assert_int_equal(find(t, &clerk, "冯十", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, nos[1]);
	assert_non_null(strstr(h.name[0], "李四 \001冯十\002"));
	assert_int_equal(find(t, &clerk, "南海", &h, got, sizeof got), LF_STORE_OK);
	assert_string_equal(got, nos[1]);
	assert_int_equal(find(t, &clerk, "7777", &h, got, sizeof got), LF_STORE_OK); /* ID and phone: once */
	assert_string_equal(got, nos[1]);
	assert_int_equal(find(t, &clerk, "噪音", &h, got, sizeof got), LF_STORE_OK); /* still found once */
	assert_string_equal(got, nos[1]);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_search_docsize"), N_CASES);
	/* A failed save leaves no index row. */
	lf_registration r = {.received_on = "2026-11-20", .name = "无内容", .id_number = "440104198501018888"};
	assert_int_not_equal(lf_store_save_registration(t->st, &r, NULL), LF_STORE_OK);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_search_docsize"), N_CASES);
}

/* laifang_rank (src/store/sqlite/fts_rank.c) against FTS5's bm25 on the
 * same rows: for a query of several phrases the same score; for one
 * phrase bm25's score divided by the phrase's IDF (one factor for every
 * row), so the same order; the search's statement ranks with it. */
static void test_rank_is_bm25(void **state)
{
	fixture *t = *state;
	office(t);
	char extra[16];
	save(t, "钱拆迁", "440104198501010070", NULL, "拆迁安置小区", "拆迁补偿问题，拆迁。", extra);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(store_search_register(db), SQLITE_OK);
	static const char *const queries[] = {"\"拆迁\"", "\"反映\"", "\"王五\"", "\"补偿\"",
	                                      "\"拆迁\" \"补偿\"", "\"反映\" \"拖欠\"", "\"补偿\" \"问题\" \"迁\""};
	for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
		bool one = !strchr(queries[k] + 1, ' ');
		sqlite3_stmt *s = NULL;
		assert_int_equal(sqlite3_prepare_v2(db,
		                                    "SELECT rowid, bm25(case_search, 10.0, 2.0, 1.0), "
		                                    "laifang_rank(case_search, 10.0, 2.0, 1.0) FROM case_search "
		                                    "WHERE case_search MATCH ?1 ORDER BY rowid DESC",
		                                    -1, &s, NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(s, 1, queries[k], -1, SQLITE_STATIC);
		double factor = 0;
		int rows = 0;
		while (sqlite3_step(s) == SQLITE_ROW) {
			double bm25 = sqlite3_column_double(s, 1), ours = sqlite3_column_double(s, 2);
			assert_true(ours < 0 && bm25 < 0);
			double f = one ? bm25 / ours : 1.0;
			if (!rows++)
				factor = f;
			if (fabs(f - factor) > 1e-9 * factor || fabs(bm25 - factor * ours) > 1e-9 * fabs(bm25))
				fail_msg("%s, row %lld: bm25 %.17g, laifang_rank %.17g (factor %.17g)", queries[k],
				         (long long)sqlite3_column_int64(s, 0), bm25, ours, factor);
		}
		sqlite3_finalize(s);
		if (rows < 2)
			fail_msg("%s: %d rows, too few to compare", queries[k], rows);
		if (one && factor <= 1.0 + 1e-9 && factor >= 1.0 - 1e-9)
			fail_msg("%s: one phrase and the same score as bm25: its IDF still counted?", queries[k]);
	}
	sqlite3_close(db);
	/* the search ranks by it: the name's case first, then the most hits */
	hits h;
	char got[1024];
	assert_int_equal(find(t, &clerk, "拆迁", &h, got, sizeof got), LF_STORE_OK);
	char want[1024];
	snprintf(want, sizeof want, "%s %s %s", extra, nos[4], nos[2]);
	assert_string_equal(got, want);
}

/* EXPLAIN QUERY PLAN of the search's own SQL: the FTS index and case_file
 * by its primary key, never a scan of case_file. */
static void test_plan(void **state)
{
	fixture *t = *state;
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char plan[8192] = "";
	size_t used = 0;
	office(t);
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(store_search_register(db), SQLITE_OK);
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", store_search_text_sql);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":q"), "\"工资\"", -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW && used < sizeof plan - 200)
		used += (size_t)snprintf(plan + used, sizeof plan - used, "%s\n", (const char *)sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
	sqlite3_free(sql);
	sqlite3_close(db);
	if (!strstr(plan, "VIRTUAL TABLE INDEX") || !strstr(plan, "SEARCH c USING INTEGER PRIMARY KEY") ||
	    strstr(plan, "SCAN c\n") || strstr(plan, "SCAN c ") || strstr(plan, "SCAN cv") || strstr(plan, "SCAN v"))
		fail_msg("plan:\n%s", plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenizer),
		cmocka_unit_test_setup_teardown(test_queries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marks_and_masks, setup, teardown),
		cmocka_unit_test(test_mark_no_token),
		cmocka_unit_test(test_parse_many_words),
		cmocka_unit_test_setup_teardown(test_search_punctuation_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_in_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone_extension, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permission_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_current, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rank_is_bm25, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
