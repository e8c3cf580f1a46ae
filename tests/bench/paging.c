/* Paging by key (issue 16): the audit screen's reads (End: the oldest two
 * pages; PgDn and PgUp: the page next to a row; a day's End) and the search
 * screen's (one ranking of a long phrase, then its pages read by row
 * number; what Enter does, its audit entry included, rolled back), each
 * beside the same statements run raw on the same keys. Then the audit
 * screen's window scrolled from the first page to the last, and the
 * archived queue's from its last page up to its first: the time a page and
 * the resident memory it added. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/search.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_search.h"
#include "../../src/tui/list_window.h" /* the screens' window, scrolled end to end */

#define PAGING_SAMPLES 201
#define SEARCH_SAMPLES 21
#define SCREEN_PAGE 17 /* rows a PgDn moves at 80x24 */

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmRSS:", 6))
			kib = atol(line + 6);
	if (f)
		fclose(f);
	return kib;
}

/* ---- the audit log ------------------------------------------------------------ */

typedef struct audit_call {
	lf_store *st;
	long long max;
	char day[16];
	int kind; /* 0 End, 1 PgDn, 2 PgUp, 3 the day's End */
	lf_audit_filter f;
} audit_call;

static int audit_sink(const lf_audit_entry *e, void *ud)
{
	(*(long *)ud) += e->seq > 0;
	return 0;
}

static void audit_key(void *ud, int i)
{
	audit_call *c = ud;
	(void)i;
	switch (c->kind) {
	case 0: c->f = (lf_audit_filter){.oldest_first = true, .limit = 2 * SCREEN_PAGE}; break;
	case 1: c->f = (lf_audit_filter){.before_seq = 1 + (long long)bench_rnd((unsigned)c->max), .limit = SCREEN_PAGE}; break;
	case 2:
		c->f = (lf_audit_filter){.after_seq = 1 + (long long)bench_rnd((unsigned)c->max), .oldest_first = true,
		                         .limit = SCREEN_PAGE};
		break;
	default: c->f = (lf_audit_filter){.day = c->day, .oldest_first = true, .limit = 2 * SCREEN_PAGE};
	}
}

static void audit_ours(void *ud)
{
	audit_call *c = ud;
	long n = 0;
	if (lf_store_audit_each(c->st, &c->f, audit_sink, &n) != LF_STORE_OK)
		die(c->st);
}

/* The audit screen's window from the first page to the last. */
typedef struct wscroll {
	lf_store *st;
	lf_list *into;
} wscroll;

static int scroll_row(const lf_audit_entry *e, void *ud)
{
	long long *r = lf_list_push(((wscroll *)ud)->into);
	if (r)
		*r = e->seq;
	return !r;
}

static bool scroll_read(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	wscroll *s = ctx;
	const long long *r = from;
	lf_audit_filter f = {.before_seq = r && !up ? *r : 0, .after_seq = r && up ? *r : 0, .oldest_first = up,
	                     .limit = (int)limit};
	s->into = into;
	return lf_store_audit_each(s->st, &f, scroll_row, s) == LF_STORE_OK;
}

static void bench_audit_scroll(const bench_db *db, lf_store *st)
{
	LINES = 24;
	lf_list l = {.row_size = sizeof(long long), .y = 2};
	wscroll s = {st, NULL};
	lf_window w = {.l = &l, .ctx = &s, .read = scroll_read};
	lf_window_home(&w);
	long before = rss_kib(), pages = 0;
	double t0 = now_ms();
	while (w.more_below || l.sel + 1 < l.n) {
		lf_window_key(&w, LF_A_PAGE_DOWN);
		pages++;
	}
	double per = (now_ms() - t0) / (double)(pages ? pages : 1);
	long grew = rss_kib() - before;
	char what[64], unit[64];
	snprintf(what, sizeof what, "audit: %ld PgDn to the end, each", pages);
	report_alone(db, what, per, "ms");
	snprintf(unit, sizeof unit, "KiB resident (%ld rows held)", (long)l.n);
	report_alone(db, "audit: PgDn to the end, RSS grew", (double)grew, unit);
	lf_list_clear(&l);
}

/* ---- a long queue's window --------------------------------------------------------- */

typedef struct qkey {
	char case_no[16], due_on[11];
	bool urgent;
} qkey;

typedef struct qscroll {
	lf_store *st;
	lf_queue_filter f;
	lf_list *into;
} qscroll;

static int qscroll_row(const lf_queue_row *r, void *ud)
{
	qkey *k = lf_list_push(((qscroll *)ud)->into);
	if (!k)
		return 1;
	snprintf(k->case_no, sizeof k->case_no, "%s", r->case_no);
	snprintf(k->due_on, sizeof k->due_on, "%s", r->due_on ? r->due_on : "");
	k->urgent = r->urgent;
	return 0;
}

static bool qscroll_read(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	qscroll *s = ctx;
	const qkey *k = from;
	lf_queue_filter f = s->f;
	f.limit = (int)limit;
	f.backward = up;
	if (k) {
		f.after_case_no = k->case_no;
		f.after_urgent = k->urgent;
		f.after_due_on = k->due_on;
	}
	s->into = into;
	return lf_store_queue(s->st, &f, qscroll_row, s) == LF_STORE_OK;
}

/* The archived queue (the longest) as its screen holds it: End, then PgUp
 * to the first case; the time a PgUp and the resident memory it added. */
static void bench_queue_scroll(const bench_db *db, lf_store *st)
{
	LINES = 24;
	lf_list l = {.row_size = sizeof(qkey), .y = 2};
	qscroll s = {st, {.states = 1u << LF_ST_ARCHIVED}, NULL};
	lf_window w = {.l = &l, .ctx = &s, .read = qscroll_read};
	double t0 = now_ms();
	lf_window_end(&w);
	double end_ms = now_ms() - t0;
	long before = rss_kib(), pages = 0;
	t0 = now_ms();
	while (w.more_above || l.sel > 0) {
		lf_window_key(&w, LF_A_PAGE_UP);
		pages++;
	}
	double per = (now_ms() - t0) / (double)(pages ? pages : 1);
	long grew = rss_kib() - before;
	char what[64], unit[64];
	report_alone(db, "archived queue: End", end_ms, "ms");
	snprintf(what, sizeof what, "archived queue: %ld PgUp to the top, each", pages);
	report_alone(db, what, per, "ms");
	snprintf(unit, sizeof unit, "KiB resident (%ld rows held)", (long)l.n);
	report_alone(db, "archived queue: PgUp to the top, RSS grew", (double)grew, unit);
	lf_list_clear(&l);
}

/* ---- the ranked search ---------------------------------------------------------- */

typedef struct hitsink {
	long n;
} hitsink;

static int hit_sink(const lf_search_row *r, void *ud)
{
	((hitsink *)ud)->n += r->seq > 0;
	return 0;
}

typedef struct ranked_call {
	lf_store *st;
	lf_search_query q;
	long long *seqs; /* of the last ranking */
	size_t n, page_n;
	const char *phrase;
} ranked_call;

/* The ranking and its first two screen pages. */
static void ranked_ours(void *ud)
{
	ranked_call *c = ud;
	hitsink h = {0};
	free(c->seqs);
	c->seqs = NULL;
	if (lf_store_search_ids(c->st, &c->q, &c->seqs, &c->n) != LF_STORE_OK ||
	    lf_store_search_rows(c->st, &c->q, c->seqs, c->n < 2 * SCREEN_PAGE ? c->n : 2 * SCREEN_PAGE, hit_sink,
	                         &h) != LF_STORE_OK)
		die(c->st);
}

/* The last whole screen page of that ranking, by row numbers. */
static void page_ours(void *ud)
{
	ranked_call *c = ud;
	hitsink h = {0};
	size_t from = c->page_n * SCREEN_PAGE, left = c->n - from;
	if (lf_store_search_rows(c->st, &c->q, c->seqs + from, left < SCREEN_PAGE ? left : SCREEN_PAGE, hit_sink,
	                         &h) != LF_STORE_OK)
		die(c->st);
}

/* What the search screen does on Enter: the search's audit entry, the
 * ranking, the first two pages; inside a transaction rolled back, so the
 * office stays as it was (the commit's fsync is not in it). */
static void enter_ours(void *ud)
{
	ranked_call *c = ud;
	lf_user boss = {.id = "", .login = "bench", .roles = LF_ROLE_ADMIN, .active = true};
	lf_search_ranked r;
	hitsink h = {0};
	char msg[512] = "";
	if (lf_store_begin(c->st) != LF_STORE_OK ||
	    lf_search_rank(c->st, &boss, c->phrase, &r, msg, sizeof msg) != LF_STORE_OK ||
	    lf_search_ranked_rows(c->st, &r, 0, 2 * SCREEN_PAGE, hit_sink, &h) != LF_STORE_OK)
		fail("search", msg[0] ? msg : lf_store_errmsg(c->st));
	lf_store_rollback(c->st);
	lf_search_ranked_free(&r);
}

static int newest_day(const lf_audit_entry *e, void *ud)
{
	snprintf(ud, 16, "%.10s", e->at);
	return 0;
}

void bench_paging(const bench_db *db)
{
	lf_store *st = open_store(db);
	raw_db *raw = raw_open(db);
	audit_call a = {.st = st, .max = raw_value(raw, "SELECT max(seq) FROM audit_log")};
	lf_audit_filter newest = {.limit = 1};
	if (lf_store_audit_each(st, &newest, newest_day, a.day) != LF_STORE_OK)
		die(st);
	char what[64];
	static const char *const names[] = {"End", "PgDn at a random entry", "PgUp at a random entry",
	                                    "End of the newest day"};
	for (int k = 0; k < 4; k++) {
		a.kind = k;
		if (k == 0)
			snprintf(what, sizeof what, "audit (%lld): End", a.max);
		else
			snprintf(what, sizeof what, "audit: %s", names[k]);
		bench_pair p = {.st = st, .raw = raw, .ud = &a, .key = audit_key, .ours = audit_ours, .same_key = k == 0 || k == 3};
		measure_pair(db, &p, PAGING_SAMPLES, what, "ms", false);
	}
	bench_audit_scroll(db, st);
	bench_queue_scroll(db, st);

	static const char phrase[] = "反映单位拖欠工资问题";
	ranked_call c = {.st = st, .q = {.kind = LF_SEARCH_TEXT, .terms = {phrase}, .n_terms = 1}, .phrase = phrase};
	ranked_ours(&c);
	c.page_n = c.n > SCREEN_PAGE ? c.n / SCREEN_PAGE - 1 : 0;
	snprintf(what, sizeof what, "search phrase (%zu): ranked+page 1", c.n);
	bench_pair p = {.st = st, .raw = raw, .ud = &c, .ours = ranked_ours, .same_key = true};
	measure_pair(db, &p, SEARCH_SAMPLES, what, "ms", false);
	snprintf(what, sizeof what, "search phrase: page %zu by ids", c.page_n + 1);
	p.ours = page_ours;
	measure_pair(db, &p, SEARCH_SAMPLES, what, "ms", false);
	long long before = raw_value(raw, "SELECT count(*) FROM audit_log");
	p.ours = enter_ours;
	measure_pair(db, &p, SEARCH_SAMPLES, "search phrase on Enter, audited", "ms (rolled back)", false);
	if (raw_value(raw, "SELECT count(*) FROM audit_log") != before)
		fail("search", "the audited search changed the office");
	free(c.seqs);
	raw_close(raw);
	lf_store_close(st);
}
