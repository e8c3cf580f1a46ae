/* The queues and the reception day's waiting list.
 *
 * A queue is sorted by case_file.sort_key (urgent first, due date with none
 * last, case number; db/003_flow.sql) and paged by keyset: the next page is
 * "sort_key > the last row's key". Its SQL is one index range per "arm",
 * each arm already in sort_key order, merged by the database (UNION ALL
 * with ORDER BY is a merge of ordered inputs, read lazily up to the LIMIT):
 * - an owner or a leader asked: one range of (owner_id | leader, sort_key)
 *   (on PostgreSQL with the state and the id after, db/pg/043);
 * - a unit: one range of (lead_unit_id, status, sort_key) per state;
 * - states: one range of (status, sort_key) per state;
 * - nothing: one range of (sort_key) (on PostgreSQL of (sort_key || ''), db/pg/042);
 * and with a due date limit (supervision) each of those splits in two, the
 * urgent keys ('0'...) and the others ('1'...), each bounded by the date.
 * Paging up (backward) reads the same ranges from their top down: "sort_key
 * < the first row's key", ORDER BY ... DESC, the index walked in reverse.
 * The other filters are written so that no index serves them (coalesce,
 * CASE): an index chosen for a filter instead of the order would sort. So
 * no queue query sorts, however many rows match, and EXPLAIN QUERY PLAN
 * shows it (tests/unit/test_store_flow.c). */
#include "store_internal.h"
#include "access_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_flow.h"
#include "laifang/store_stats.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 1000
#define QUEUE_SLOTS (STMT_QUEUE_LAST - STMT_QUEUE_FIRST + 1)

/* The columns of a queue row, then the joins every row needs. */
#define ROW_COLS                                                                                     \
	"SELECT c.sort_key, c.id, c.case_no, c.received_on, "                                            \
	"CASE WHEN c.anonymous <> 0 THEN '匿名' ELSE cv.name END, " STORE_DOC_SHOWN ", c.content, c.status, " \
	"u.name, o.name, c.due_on, c.due_rule, c.urgent, c.major, c.is_repeat, c.headcount "
#define ROW_JOINS_AFTER                                                                              \
	"LEFT JOIN case_visitor cv ON cv.case_id = c.id AND cv.position = 0 "                            \
	"LEFT JOIN visitor v ON v.id = cv.visitor_id LEFT JOIN unit u ON u.id = c.lead_unit_id "         \
	"LEFT JOIN app_user o ON o.id = c.owner_id "
#define ROW_JOINS "FROM case_file c " ROW_JOINS_AFTER
#define VISITOR_JOIN "FROM case_file c LEFT JOIN case_visitor cv ON cv.case_id = c.id AND cv.position = 0 "

static bool empty(const char *s)
{
	return !s || !*s;
}

/* ---- building the SQL text -------------------------------------------- */

typedef struct sbuf {
	char *p;
	size_t len, cap;
	bool oom;
} sbuf;

__attribute__((format(printf, 2, 3)))
static void put(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		if (b->oom)
			return;
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = true;
			return;
		}
		if (b->p && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		size_t cap = b->cap ? b->cap : 2048;
		while (cap < b->len + (size_t)n + 1)
			cap *= 2;
		char *q = realloc(b->p, cap);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
}

enum drive { DRIVE_OWNER, DRIVE_LEADER, DRIVE_UNIT, DRIVE_STATES, DRIVE_ALL };

typedef struct shape {
	const lf_queue_filter *f;
	enum drive drive;
	unsigned states; /* the states of the filter; every state when it gave none */
	bool count;
	bool backward; /* a page up (never a count) */
	/* pg, a page of several arms, or a generic one of a leader's or an
	 * owner's range: the arms give keys, joined once after (build) */
	bool keys_only;
	bool readable; /* every row the filter takes is the reader's to read */
	int limit_in_text; /* pg, a page of several arms or a generic one: its LIMIT written in (build); else 0 */
	/* pg, a page of one range of one state, a leader's or an owner's:
	 * run with its plan made once, without the values
	 * (SQL_PREPARE_GENERIC_PLAN; see build). */
	bool generic;
	/* pg, the ranges over every state (DRIVE_ALL): the key as
	 * case_file_sort's expression, (sort_key || '') (db/pg/042). */
	const char *key;
	unsigned long long sig; /* what the SQL text depends on, as bits (never 0) */
} shape;

/* Where each field of shape.sig starts (shape_of). */
enum {
	SIG_STATES_AT = 5,
	SIG_FLAGS_AT = SIG_STATES_AT + LF_ST_COUNT,
	SIG_FLAGS = 11,
	SIG_LIMIT_AT = SIG_FLAGS_AT + SIG_FLAGS,
};
_Static_assert(LF_ST_COUNT < 32, "the states are bits of an unsigned");
_Static_assert(DRIVE_ALL < 8, "the drive has 3 bits of the signature");
_Static_assert(MAX_LIMIT < 1024, "the LIMIT written in has 10 bits of the signature");
_Static_assert(SIG_LIMIT_AT + 10 <= 64, "the signature fits in 64 bits");

/* Whether the filter itself keeps to cases the reader may read, so the
 * readability clause can go: a reader every case is open to, or a leader's
 * own instructions and an owner's own cases (the clause's "instruction
 * leader / owner is the reader"). Then the leader's count reads its index
 * alone (db/040): 1,400 rows of case_file a count at 1M, read each. */
static bool readable_by_filter(const lf_case_reader *r, const lf_queue_filter *f, enum drive drive)
{
	if (r->open)
		return true;
	if (!r->user_id[0])
		return false;
	return (drive == DRIVE_LEADER && !strcmp(f->instruction_leader_id, r->user_id)) ||
	       (drive == DRIVE_OWNER && !strcmp(f->owner_id, r->user_id));
}

static void shape_of(const lf_queue_filter *f, const lf_case_reader *reader, bool count, bool pg, shape *sh)
{
	sh->f = f;
	sh->count = count;
	sh->backward = !count && f->backward;
	sh->states = f->states & ((1u << LF_ST_COUNT) - 1);
	if (!empty(f->owner_id))
		sh->drive = DRIVE_OWNER;
	else if (!empty(f->instruction_leader_id))
		sh->drive = DRIVE_LEADER;
	else if (!empty(f->unit_id))
		sh->drive = DRIVE_UNIT;
	else if (sh->states)
		sh->drive = DRIVE_STATES;
	else
		sh->drive = DRIVE_ALL;
	if (sh->drive == DRIVE_UNIT && !sh->states)
		sh->states = (1u << LF_ST_COUNT) - 1;
	sh->readable = readable_by_filter(reader, f, sh->drive);
	int parts = empty(f->due_before) ? 1 : 2, arms = parts; /* the index ranges build reads */
	if (sh->drive == DRIVE_UNIT || sh->drive == DRIVE_STATES) {
		arms = 0;
		for (int i = 0; i < LF_ST_COUNT; i++)
			if (sh->states & (1u << i))
				arms += parts;
	}
	/* These follow from the bits below and the store's dialect (see build). */
	bool person = sh->drive == DRIVE_LEADER || sh->drive == DRIVE_OWNER;
	sh->generic = pg && !count && arms == 1 && (sh->drive == DRIVE_STATES || person);
	sh->keys_only = pg && !count && (arms > 1 || (sh->generic && person));
	sh->key = pg && sh->drive == DRIVE_ALL ? "(c.sort_key || '')" : "c.sort_key";
	sh->limit_in_text = 0;
	if (pg && !count && (arms > 1 || sh->generic)) /* < 1024: its bits of the signature */
		sh->limit_in_text = f->limit > 0 ? (f->limit < MAX_LIMIT ? f->limit : MAX_LIMIT) : DEFAULT_LIMIT;
	/* The signature, low bit first: 1, count, the drive (3 bits), the
	 * states (LF_ST_COUNT bits), one bit a flag, then the LIMIT written in
	 * (10 bits). Each field has its own bits, whatever the number of states. */
	const bool flags[SIG_FLAGS] = {
		!empty(f->unit_id), !empty(f->instruction_leader_id), !empty(f->due_before), !empty(f->from),
		!empty(f->to), !empty(f->keyword), count && f->count_cap > 0, !empty(f->evaluation_before),
		sh->readable, sh->backward, f->report_unapproved,
	};
	unsigned long long sig = 1ull | (unsigned long long)count << 1 | (unsigned long long)sh->drive << 2 |
	                         (unsigned long long)sh->states << SIG_STATES_AT;
	for (int i = 0; i < SIG_FLAGS; i++)
		sig |= (unsigned long long)flags[i] << (SIG_FLAGS_AT + i);
	sh->sig = sig | (unsigned long long)sh->limit_in_text << SIG_LIMIT_AT;
}

/* The filters no index serves (see the top of the file). */
static void residuals(sbuf *b, const shape *sh)
{
	const lf_queue_filter *f = sh->f;
	if (f->states && sh->drive != DRIVE_UNIT && sh->drive != DRIVE_STATES) {
		put(b, " AND CASE c.status");
		for (int i = 0; i < LF_ST_COUNT; i++)
			if (f->states & (1u << i))
				put(b, " WHEN '%s' THEN 1", lf_state_id((lf_case_state)i));
		put(b, " ELSE 0 END = 1");
	}
	if (!empty(f->unit_id) && sh->drive != DRIVE_UNIT)
		put(b, " AND coalesce(c.lead_unit_id, '') = :unit");
	if (!empty(f->instruction_leader_id) && sh->drive != DRIVE_LEADER)
		put(b, " AND coalesce(c.instruction_leader_id, '') = :leader");
	if (!empty(f->from))
		put(b, " AND coalesce(c.received_on, '') >= :from");
	if (!empty(f->to))
		put(b, " AND coalesce(c.received_on, '') <= :to");
	if (!empty(f->keyword))
		put(b, " AND (cv.name LIKE :kw ESCAPE '\\' OR c.content LIKE :kw ESCAPE '\\')");
	/* Issue 13, 超期未评价: the evaluation's period ended (db/028); the
	 * states' ranges keep the queue order. */
	if (!empty(f->evaluation_before))
		put(b, " AND c.evaluation_due IS NOT NULL AND c.evaluation_due < :evalb");
	/* 待审核: no approval names the latest report (case_entry's unique
	 * (case_id, kind, position) serves both lookups). */
	if (f->report_unapproved)
		put(b, " AND NOT EXISTS (SELECT 1 FROM case_entry a WHERE a.case_id = c.id AND a.kind = 'approval' "
		       "AND a.refers = (SELECT max(h.position) FROM case_entry h WHERE h.case_id = c.id "
		       "AND h.kind = 'handling'))");
	/* Need to know: only the cases the handle's reader may read. */
	if (!sh->readable)
		put(b, " AND %s", STORE_READABLE);
}

/* One arm: the driving equality (state is the arm's, or -1), the sort_key
 * range (part 0: one range; with a due limit, 1 urgent, 2 the others). */
static void arm(sbuf *b, const shape *sh, int state, int part)
{
	if (sh->count)
		put(b, "SELECT %s AS n %s", sh->f->count_cap > 0 ? "1" : "count(*)",
		    empty(sh->f->keyword) ? "FROM case_file c " : VISITOR_JOIN);
	else if (sh->keys_only)
		put(b, "SELECT %s, c.id %s", sh->key, empty(sh->f->keyword) ? "FROM case_file c " : VISITOR_JOIN);
	else
		put(b, "%s%s", ROW_COLS, ROW_JOINS);
	switch (sh->drive) {
	case DRIVE_OWNER: put(b, "WHERE c.owner_id = :owner"); break;
	case DRIVE_LEADER: put(b, "WHERE c.instruction_leader_id = :leader"); break;
	case DRIVE_UNIT: put(b, "WHERE c.lead_unit_id = :unit AND c.status = '%s'", lf_state_id((lf_case_state)state)); break;
	case DRIVE_STATES: put(b, "WHERE c.status = '%s'", lf_state_id((lf_case_state)state)); break;
	case DRIVE_ALL: put(b, "WHERE 1 = 1"); break;
	}
	const char *k = sh->key;
	if (sh->backward) { /* the ranges' tops lowered to the first row's key (store_queue_bind) */
		if (part == 2)
			put(b, " AND %s > '1' AND %s < :up1", k, k);
		else
			put(b, " AND %s < %s", k, part == 1 ? ":up0" : ":before");
	} else if (part == 2)
		put(b, " AND %s > :lo1 AND %s <= :hi1", k, k);
	else if (part == 1)
		put(b, " AND %s > :after AND %s <= :hi0", k, k);
	else
		put(b, " AND %s > :after", k);
	residuals(b, sh);
}

/* The whole statement for a shape; NULL when out of memory. pg: each arm of
 * a page is limited in its own order too: PostgreSQL's planner does not
 * merge ordered arms as SQLite does, and would otherwise sort every row of
 * every arm before the LIMIT (the supervision queue: 14 arms). And the arms
 * give only the rows' keys, joined to the visitor, unit and owner once,
 * for the page's rows: planning 14 arms of five tables each took 8-20 ms
 * (every run: the plan for no values is far worse, so PostgreSQL plans
 * each run for its values), and each arm joined its own page of rows.
 * Such a page's LIMIT is written into the text, not bound: with LIMIT $n
 * PostgreSQL's plan for no values assumes a tenth of each arm's rows are
 * wanted, costs more than a run's own plan, and so every run was planned
 * again (1.5 ms of the supervision queue's 2.3 ms End at 100k). With the
 * number in the text the two cost the same, and the plan for no values is
 * kept from the sixth run (PostgreSQL's plancache.c); a desk asks for two
 * or three page sizes. A page of one range over every case, or of a
 * unit's one state (the unit head's 待审核), keeps LIMIT $n: there the plan
 * for no values is the cheaper guess on a small office (a page 0.13-0.5 ms
 * at 10k); with the number written in, its pages down were planned every
 * run at every size (0.8-1.2 ms), and the unit's plan for no values, made
 * once, read and joined all the unit's reports before the LIMIT (0.6-0.8
 * ms at 100k against 0.3-0.4). A page of one state's range was planned at
 * every run too, LIMIT $n or not (0.6 of its 1.0-1.2 ms at 100k): it runs
 * with the plan for no values, made once (generic, SQL_PREPARE_GENERIC_PLAN),
 * 0.25-0.4 ms at 10k and 100k. Its LIMIT is written in: with $n that plan
 * is priced for a tenth of the state's rows, and on a large office
 * (case_file's statistics ten times 100k's) it chose a parallel Gather
 * Merge, 8-14 ms a page, where the number keeps one index scan (0.3 ms).
 * That plan can only read case_file_queue (status, sort_key) in order:
 * db/pg/042 made case_file_sort an index on (sort_key || ''), which the
 * queues over every state alone use (key); one on sort_key let it read
 * every case in order and skip the other states (the archived queue, at
 * the end of that order: 4-19 ms). A page of a leader's range (待批示) or
 * an owner's (我的包案) runs on the plan made once too, LIMIT written in,
 * and gives keys joined after, as a page of several arms does: its states
 * are a CASE (no index may serve them), which PostgreSQL guesses keeps one
 * row in 200, so every plan, for the values or not, read all the person's
 * cases by case_file_leader or case_file_owner and joined each to visitor,
 * unit and owner before sorting (1.4 ms at 100k the leader's page, 2.4 the
 * owner's). Now only the page's keys are sorted, then joined: 0.5-0.9 ms. */
static char *build(const shape *sh)
{
	sbuf b = {0};
	int arms = 0;
	int parts = empty(sh->f->due_before) ? 1 : 2;
	bool per_state = sh->drive == DRIVE_UNIT || sh->drive == DRIVE_STATES;
	bool capped = sh->count && sh->f->count_cap > 0;
	if (sh->count)
		put(&b, "SELECT %s FROM (", capped ? "count(*)" : "coalesce(sum(n), 0)");
	bool own_limit = sh->keys_only;
	/* one range's keys (a leader's, an owner's): its ORDER BY and LIMIT
	 * are the page's */
	bool one = own_limit && (parts == 1 && (!per_state || !(sh->states & (sh->states - 1))));
	if (own_limit)
		put(&b, "%s FROM (", ROW_COLS);
	for (int i = per_state ? 0 : -1; i < (per_state ? LF_ST_COUNT : 0); i++) {
		if (i >= 0 && !(sh->states & (1u << i)))
			continue;
		for (int p = parts == 1 ? 0 : 1; p <= (parts == 1 ? 0 : 2); p++) {
			if (arms++)
				put(&b, " UNION ALL ");
			if (own_limit && !one)
				put(&b, "(");
			arm(&b, sh, i, p);
			if (own_limit)
				put(&b, " ORDER BY %s%s LIMIT %d%s", sh->key, sh->backward ? " DESC" : "", sh->limit_in_text,
				    one ? "" : ")");
		}
	}
	const char *desc = sh->backward ? " DESC" : "";
	if (own_limit && one)
		put(&b, ") k JOIN case_file c ON c.id = k.id " ROW_JOINS_AFTER "ORDER BY c.sort_key%s", desc);
	else if (own_limit)
		put(&b, " ORDER BY 1%s LIMIT %d) k JOIN case_file c ON c.id = k.id " ROW_JOINS_AFTER
		        "ORDER BY c.sort_key%s", desc, sh->limit_in_text, desc);
	else if (capped) /* the rows of the arms, read until the cap (no sort) */
		put(&b, " LIMIT :cap) t");
	else if (sh->count)
		put(&b, ") t");
	else if (arms > 1)
		put(&b, " ORDER BY 1%s LIMIT :limit", desc);
	else if (sh->limit_in_text > 0)
		put(&b, " ORDER BY %s%s LIMIT %d", sh->key, desc, sh->limit_in_text);
	else
		put(&b, " ORDER BY %s%s LIMIT :limit", sh->key, desc);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* The prepared statement for a shape: the slot holding it, or the next
 * slot (round robin) with the shape's SQL built and prepared. Finding it by
 * its bits spares building the text on every page. A slot in use (a
 * callback reading another queue) is never taken. */
static sql_stmt *shape_stmt(lf_store *st, const shape *sh)
{
	for (int i = 0; i < QUEUE_SLOTS; i++)
		if (st->queue_shape[i] == sh->sig && st->stmts[STMT_QUEUE_FIRST + i])
			return st->stmts[STMT_QUEUE_FIRST + i];
	for (int tries = 0; tries < QUEUE_SLOTS; tries++) {
		int slot = st->queue_slot_next, id = STMT_QUEUE_FIRST + slot;
		st->queue_slot_next = (slot + 1) % QUEUE_SLOTS;
		if (st->stmts[id] && sql_stmt_busy(st->stmts[id]))
			continue;
		sql_finalize(st->stmts[id]);
		st->stmts[id] = NULL;
		st->queue_shape[slot] = 0;
		char *sql = build(sh);
		if (!sql) {
			store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
			return NULL;
		}
		sql_stmt *s = sh->generic ? store_stmt_generic_plan(st, (enum store_stmt_id)id, sql)
		                          : store_stmt(st, (enum store_stmt_id)id, sql);
		free(sql);
		if (s)
			st->queue_shape[slot] = sh->sig;
		return s;
	}
	store_fail_msg(st, LF_STORE_BUSY, _("Too many queues are being read at once."));
	return NULL;
}

/* ---- binding ------------------------------------------------------------ */

/* Bind text when the statement has the parameter ("" stays ""). */
static int bind_if(sql_stmt *s, const char *param, const char *value)
{
	int i = sql_bind_parameter_index(s, param);
	if (i == 0)
		return SQL_OK;
	return sql_bind_text(s, i, value ? value : "", -1, SQL_TRANSIENT);
}

/* "%word%" with LIKE's own characters escaped. */
static char *like_pattern(const char *kw)
{
	size_t n = strlen(kw);
	char *p = malloc(2 * n + 3), *q = p;
	if (!p)
		return NULL;
	*q++ = '%';
	for (const char *c = kw; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			*q++ = '\\';
		*q++ = *c;
	}
	*q++ = '%';
	*q = '\0';
	return p;
}

int store_queue_bind(sql_stmt *s, const lf_queue_filter *f, bool count)
{
	char after[STORE_SORT_KEY_LEN] = "", hi0[24] = "", hi1[24] = "";
	const char *lo1 = "1", *before = "2", *up0 = hi0, *up1 = hi1;
	int rc;
	if (!count && !empty(f->after_case_no))
		store_sort_key(after, f->after_urgent, f->after_due_on, f->after_case_no);
	if (!count && f->backward && after[0])
		before = after; /* every key is below "2" ('0' urgent, '1' not) */
	if (!empty(f->due_before)) {
		/* Keys of rows due on or before the date: every case number sorts
		 * below '~', so no key equals these and "<=" and "<" agree. */
		snprintf(hi0, sizeof hi0, "0%.10s~", f->due_before);
		snprintf(hi1, sizeof hi1, "1%.10s~", f->due_before);
		if (strcmp(after, lo1) > 0)
			lo1 = after;
		/* Paging up: each range's top is the lower of its own and the key. */
		if (strcmp(before, up0) < 0)
			up0 = before;
		if (strcmp(before, up1) < 0)
			up1 = before;
	}
	char *kw = empty(f->keyword) ? NULL : like_pattern(f->keyword);
	if (!empty(f->keyword) && !kw)
		return SQL_NOMEM;
	int limit = f->limit > 0 ? (f->limit < MAX_LIMIT ? f->limit : MAX_LIMIT) : DEFAULT_LIMIT;
	int li = sql_bind_parameter_index(s, ":limit"), ci = sql_bind_parameter_index(s, ":cap");
	if (ci && (rc = sql_bind_int64(s, ci, f->count_cap + 1)) != SQL_OK) {
		free(kw);
		return rc;
	}
	if ((rc = bind_if(s, ":after", after)) || (rc = bind_if(s, ":lo1", lo1)) || (rc = bind_if(s, ":hi0", hi0)) ||
	    (rc = bind_if(s, ":before", before)) || (rc = bind_if(s, ":up0", up0)) || (rc = bind_if(s, ":up1", up1)) ||
	    (rc = bind_if(s, ":hi1", hi1)) || (rc = bind_if(s, ":owner", f->owner_id)) ||
	    (rc = bind_if(s, ":leader", f->instruction_leader_id)) || (rc = bind_if(s, ":unit", f->unit_id)) ||
	    (rc = bind_if(s, ":from", f->from)) ||
	    (rc = bind_if(s, ":to", f->to)) || (rc = bind_if(s, ":kw", kw)) ||
	    (rc = bind_if(s, ":evalb", f->evaluation_before)) ||
	    (li && (rc = sql_bind_int(s, li, limit)))) {
		free(kw);
		return rc;
	}
	free(kw);
	return SQL_OK;
}

/* The statement for a filter, bound; NULL with the error recorded. */
sql_stmt *store_queue_stmt(lf_store *st, const lf_queue_filter *f, bool count)
{
	shape sh;
	shape_of(f, &st->reader, count, sql_dialect_of(st->db) == SQL_POSTGRES, &sh);
	sql_stmt *s = shape_stmt(st, &sh);
	if (!s)
		return NULL;
	int rc = store_queue_bind(s, f, count);
	if (rc == SQL_OK)
		rc = store_reader_bind(st, s);
	if (rc != SQL_OK) {
		store_done(s);
		store_fail(st, rc);
		return NULL;
	}
	return s;
}

/* ---- reading rows --------------------------------------------------------- */

#define T(i) ((const char *)sql_column_text(s, i))

static lf_store_err each_row(lf_store *st, sql_stmt *s, lf_queue_fn fn, void *ud, int *people)
{
	bool stopped = false; /* the waiting list still counts its people */
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_queue_row r = {
			.case_id = T(1), .case_no = T(2), .received_on = T(3), .name = T(4), .id_number = T(5),
			.content = T(6), .state = T(7), .unit_name = T(8), .owner_name = T(9), .due_on = T(10),
			.due_rule = T(11), .urgent = sql_column_int(s, 12) != 0,
			.major = sql_column_int(s, 13) != 0, .repeat = sql_column_int(s, 14) != 0,
		};
		if (people)
			*people += sql_column_int(s, 15);
		if (!stopped && fn && fn(&r, ud))
			stopped = true;
		if (stopped && !people) {
			rc = SQL_DONE;
			break;
		}
	}
	store_done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

#undef T

lf_store_err lf_store_queue(lf_store *st, const lf_queue_filter *f, lf_queue_fn fn, void *ud)
{
	sql_stmt *s = store_queue_stmt(st, f, false);
	return s ? each_row(st, s, fn, ud, NULL) : st->err;
}

/* Only states, read by someone who may read every case: the state
 * counters answer, whatever the size. */
static bool states_only(const lf_store *st, const lf_queue_filter *f)
{
	return (st->reader.open || (st->reader.all && st->reader.referrals)) && empty(f->unit_id) &&
	       empty(f->owner_id) && empty(f->instruction_leader_id) && empty(f->due_before) && empty(f->from) &&
	       empty(f->to) && empty(f->keyword) && empty(f->evaluation_before) && !f->report_unapproved;
}

lf_store_err lf_store_queue_count(lf_store *st, const lf_queue_filter *f, long *count)
{
	*count = 0;
	if (states_only(st, f)) {
		long n[LF_ST_COUNT];
		lf_store_err e = lf_store_status_counts(st, n);
		for (int i = 0; e == LF_STORE_OK && i < LF_ST_COUNT; i++)
			if (!f->states || (f->states & (1u << i)))
				*count += n[i];
		return e;
	}
	sql_stmt *s = store_queue_stmt(st, f, true);
	if (!s)
		return st->err;
	int rc = sql_step(s);
	if (rc == SQL_ROW)
		*count = (long)sql_column_int64(s, 0);
	store_done(s);
	return rc == SQL_ROW ? store_ok(st) : store_fail(st, rc);
}

/* ---- the waiting list ----------------------------------------------------- */

lf_store_err lf_store_waiting(lf_store *st, const char *date, lf_queue_fn fn, void *ud, int *people)
{
	/* The day's visits by when they last moved: the (visit_at) index range
	 * of one day serves filter and order. */
	static const char sql[] = ROW_COLS ROW_JOINS
		"WHERE c.visit_at >= :day AND c.visit_at < :next AND c.visit_state IN ('waiting', 'interview') "
		"AND " STORE_READABLE " ORDER BY c.visit_at";
	lf_date d;
	char day[LF_DATE_LEN], next[LF_DATE_LEN];
	int n = 0, rc;
	if (people)
		*people = 0;
	if (empty(date))
		d = lf_date_today();
	else if (!lf_date_parse(date, &d) || !lf_date_valid(d.y, d.m, d.d))
		return store_fail_msg(st, LF_STORE_INVALID, _("The waiting list's date is not a date (YYYY-MM-DD)."));
	lf_date_format(d, day);
	lf_date_format(lf_date_add(d, 1), next);
	sql_stmt *s = store_stmt(st, STMT_WAITING, sql);
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":day", day)) || (rc = store_bind_text(s, ":next", next)) ||
	    (rc = store_reader_bind(st, s))) {
		store_done(s);
		return store_fail(st, rc);
	}
	lf_store_err e = each_row(st, s, fn, ud, &n);
	if (people)
		*people = n;
	return e;
}
