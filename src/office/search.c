/* Search: reading the query, the permission for ID and phone numbers,
 * masking and the audit entry; the index is the store's (store_search.h). */
#include "laifang/search.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/mask.h"
#include "laifang/store_audit.h"
#include "laifang/text.h"

#define MIN_NUMBER_DIGITS 4
#define MAX_NUMBER_DIGITS 18

const char *lf_search_kind_id(lf_search_kind kind)
{
	switch (kind) {
	case LF_SEARCH_TEXT: return "text";
	case LF_SEARCH_CASE_NO: return "case_no";
	case LF_SEARCH_NUMBER: return "number";
	case LF_SEARCH_NONE:
	default: return "none";
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "2026-0001": a year of the case numbers, a dash, 1 to 6 digits. */
static bool case_no_like(const char *s)
{
	size_t n = strlen(s), d;
	if (n < 6 || n > 11 || (s[0] != '1' && s[0] != '2') || s[4] != '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (i != 4 && !is_digit(s[i]))
			return false;
	d = n - 5;
	return d >= 1 && d <= 6;
}

/* Digits with dashes and spaces (a phone "020-8318 6312"), an X last (an ID
 * number): the digits and X into out; false for anything else. */
static bool number_like(const char *s, char *out, size_t len)
{
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		/* An X only last (spaces after it aside): "8310X 8310X" is no number. */
		bool x = (*p == 'X' || *p == 'x') && p[strspn(p + 1, " ") + 1] == '\0';
		if ((!is_digit(*p) && !x) || n + 1 >= len)
			return false;
		out[n++] = x ? 'X' : *p;
	}
	out[n] = '\0';
	return n >= MIN_NUMBER_DIGITS && n <= MAX_NUMBER_DIGITS;
}

/* Turn U+3000 (the ideographic space) into ASCII spaces, in place: the
 * terms are split at spaces of both kinds. */
static void ascii_spaces(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if ((unsigned char)r[0] == 0xe3 && (unsigned char)r[1] == 0x80 && (unsigned char)r[2] == 0x80) {
			*w++ = ' ';
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

lf_search_kind lf_search_parse(const char *query, lf_search_parsed *out)
{
	memset(out, 0, sizeof *out);
	size_t qlen = query ? strnlen(query, LF_SEARCH_QUERY_MAX) : 0;
	char *clean = lf_text_clean(query ? query : "", qlen, false, NULL);
	if (!clean)
		return LF_SEARCH_NONE;
	/* A character cut at the limit became U+FFFD: harmless in a search. */
	snprintf(out->buf, sizeof out->buf, "%s", clean);
	free(clean);
	ascii_spaces(out->buf);
	lf_text_trim(out->buf);
	if (!out->buf[0])
		return LF_SEARCH_NONE;

	char digits[LF_SEARCH_QUERY_MAX + 1];
	lf_search_query *q = &out->q;
	if (case_no_like(out->buf)) {
		q->kind = LF_SEARCH_CASE_NO;
		q->number = out->buf;
	} else if (number_like(out->buf, digits, sizeof digits)) {
		memcpy(out->buf, digits, strlen(digits) + 1);
		q->kind = LF_SEARCH_NUMBER;
		q->number = out->buf;
		q->id = q->phone = true;
	} else {
		q->kind = LF_SEARCH_TEXT;
		for (char *p = out->buf; *p && q->n_terms < LF_SEARCH_MAX_TERMS;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			q->terms[q->n_terms++] = p;
			while (*p && *p != ' ')
				p++;
		}
		/* Words past the last term's room are not searched for (they
		 * would otherwise stick to the last term as one phrase). */
		for (char *r = q->n_terms ? (char *)q->terms[q->n_terms - 1] : out->buf; *r; r++)
			if (*r == ' ') {
				*r = '\0';
				break;
			}
	}
	return q->kind;
}

/* The audit entry: the kind, the length, and the words but never a number. */
static lf_store_err audit_search(lf_store *st, const lf_search_parsed *p, const char *query)
{
	json_t *o = json_object();
	char *text = NULL;
	if (o) {
		json_object_set_new(o, "kind", json_string(lf_search_kind_id(p->q.kind)));
		json_object_set_new(o, "length", json_integer((json_int_t)lf_text_chars(p->buf)));
		if (p->q.kind != LF_SEARCH_NUMBER && query)
			json_object_set_new(o, "query", json_string(p->buf));
		text = json_dumps(o, JSON_COMPACT);
		json_decref(o);
	}
	if (!text) {
		lf_store_set_error(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
		return LF_STORE_IO;
	}
	lf_store_err e = lf_store_audit(st, "search", NULL, text);
	free(text);
	return e;
}

typedef struct masking {
	lf_search_row_fn fn;
	void *ud;
	lf_search_cursor *cursor;
	int n;
} masking;

static int mask_row(const lf_search_row *r, void *ud)
{
	masking *m = ud;
	char id[64];
	lf_search_row copy = *r;
	lf_mask_id_number(r->id_number, id, sizeof id);
	copy.id_number = id;
	lf_search_cursor_at(m->cursor, r);
	m->n++;
	return m->fn ? m->fn(&copy, m->ud) : 0;
}

static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *why)
{
	lf_store_set_error(st, kind, why);
	if (msg && len)
		snprintf(msg, len, "%s", why);
	return kind;
}

/* Who may search for what; the query parsed into p. LF_STORE_OK to go on. */
static lf_store_err may_search(lf_store *st, const lf_user *actor, const char *query, lf_search_parsed *p,
                               char *msg, size_t len)
{
	char why[512];
	if (!actor || !actor->active) {
		lf_require(actor, LF_PERM_VIEW_FULL_ID, why, sizeof why);
		return refuse(st, LF_STORE_DENIED, msg, len, why);
	}
	if (lf_search_parse(query, p) == LF_SEARCH_NONE)
		return refuse(st, LF_STORE_INVALID, msg, len, _("Type what to search for."));
	/* The digits of an ID or phone number are for those who may see them:
	 * a search by them would show whose number it is. Others find the
	 * digits in the content only (issue 12: 2024, 12000). */
	if (p->q.kind == LF_SEARCH_NUMBER && !lf_require(actor, LF_PERM_VIEW_FULL_ID, why, sizeof why)) {
		if (strchr(p->q.number, 'X')) { /* an ID number's check letter: nothing else ends so */
			char m[700];
			snprintf(m, sizeof m, _("Searching by ID or phone number is not allowed for you (%s). "
			                        "Search by name, case number or words of the content."), why);
			return refuse(st, LF_STORE_DENIED, msg, len, m);
		}
		p->q.id = p->q.phone = false;
	}
	return LF_STORE_OK;
}

/* Issue 12: digits are also words of the content ("2024年", "12000元",
 * "12345热线"): the same digits as a text query of one term. False when
 * q is no plain number (an X last is an ID number's, not a word). */
static bool digits_as_words(const lf_search_query *q, lf_search_query *words)
{
	if (q->kind != LF_SEARCH_NUMBER || !q->number || strchr(q->number, 'X'))
		return false;
	memset(words, 0, sizeof *words);
	words->kind = LF_SEARCH_TEXT;
	words->terms[0] = q->number;
	words->n_terms = 1;
	words->limit = q->limit;
	return true;
}

/* The content's hits after the number's, each case once. */
typedef struct seen_rows {
	long long *seq; /* limit of them */
	int n;
	lf_search_row_fn fn;
	void *ud;
	int limit, passed;
} seen_rows;

static bool seen_before(const seen_rows *s, long long seq)
{
	for (int i = 0; i < s->n; i++)
		if (s->seq[i] == seq)
			return true;
	return false;
}

static int note_row(const lf_search_row *r, void *ud)
{
	seen_rows *s = ud;
	if (seen_before(s, r->seq))
		return 0;
	if (s->passed >= s->limit)
		return 1;
	s->seq[s->n++] = r->seq;
	s->passed++;
	return s->fn ? s->fn(r, s->ud) : 0;
}

lf_store_err lf_search(lf_store *st, const lf_user *actor, const char *query, lf_search_cursor *cursor, int limit,
                       lf_search_row_fn fn, void *ud, int *n, char *msg, size_t len)
{
	lf_search_parsed p;
	if (n)
		*n = 0;
	if (msg && len)
		msg[0] = '\0';
	lf_store_err e = may_search(st, actor, query, &p, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_search_cursor start = {0};
	if (!cursor)
		cursor = &start;
	if (!cursor->set) {
		e = audit_search(st, &p, query);
		if (e != LF_STORE_OK) { /* a search that cannot be logged is not run */
			if (msg && len)
				snprintf(msg, len, "%s", lf_store_errmsg(st));
			return e;
		}
	}
	p.q.after = *cursor;
	p.q.limit = limit;
	masking m = {fn, ud, cursor, 0};
	lf_search_query words;
	if (!digits_as_words(&p.q, &words)) {
		e = lf_store_search(st, &p.q, mask_row, &m);
	} else if (cursor->set) {
		/* A later page of a number: its ID and phone hits only (the
		 * content's came on the first page). */
		e = p.q.id || p.q.phone ? lf_store_search(st, &p.q, mask_row, &m) : LF_STORE_OK;
	} else {
		int page = limit <= 0 ? 50 : limit;
		seen_rows seen = {.seq = calloc((size_t)page, sizeof *seen.seq), .fn = mask_row, .ud = &m, .limit = page};
		if (!seen.seq)
			return refuse(st, LF_STORE_IO, msg, len, _("Out of memory."));
		e = p.q.id || p.q.phone ? lf_store_search(st, &p.q, note_row, &seen) : LF_STORE_OK;
		if (e == LF_STORE_OK && seen.passed < page)
			e = lf_store_search(st, &words, note_row, &seen);
		free(seen.seq);
	}
	if (n)
		*n = m.n;
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

/* ---- one ranking, paged through --------------------------------------------- */

/* A number's content hits after its ID and phone hits, each case once, at
 * most LF_SEARCH_IDS_MAX in all. */
static lf_store_err add_content_ids(lf_store *st, const lf_search_query *words, lf_search_ranked *r)
{
	long long *more = NULL;
	size_t n_more = 0;
	lf_store_err e = lf_store_search_ids(st, words, &more, &n_more);
	if (e != LF_STORE_OK || n_more == 0) {
		free(more);
		return e;
	}
	long long *all = realloc(r->seqs, (r->n + n_more) * sizeof *all);
	if (!all) {
		free(more);
		lf_store_set_error(st, LF_STORE_IO, _("Out of memory."));
		return LF_STORE_IO;
	}
	r->seqs = all;
	size_t had = r->n;
	for (size_t i = 0; i < n_more && r->n < LF_SEARCH_IDS_MAX; i++) {
		bool dup = false;
		for (size_t k = 0; k < had && !dup; k++) /* had: the number's few hits */
			dup = all[k] == more[i];
		if (!dup)
			all[r->n++] = more[i];
	}
	free(more);
	return LF_STORE_OK;
}

lf_store_err lf_search_rank(lf_store *st, const lf_user *actor, const char *query, lf_search_ranked *r, char *msg,
                            size_t len)
{
	memset(r, 0, sizeof *r);
	if (msg && len)
		msg[0] = '\0';
	lf_store_err e = may_search(st, actor, query, &r->p, msg, len);
	if (e == LF_STORE_OK)
		e = audit_search(st, &r->p, query); /* a search that cannot be logged is not run */
	lf_search_query words;
	if (e == LF_STORE_OK && (!digits_as_words(&r->p.q, &words) || r->p.q.id || r->p.q.phone))
		e = lf_store_search_ids(st, &r->p.q, &r->seqs, &r->n);
	if (e == LF_STORE_OK && digits_as_words(&r->p.q, &words))
		e = add_content_ids(st, &words, r);
	if (e != LF_STORE_OK && msg && len && !msg[0])
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

typedef struct mask_only {
	lf_search_row_fn fn;
	void *ud;
} mask_only;

static int mask_only_row(const lf_search_row *r, void *ud)
{
	mask_only *m = ud;
	char id[64];
	lf_search_row copy = *r;
	lf_mask_id_number(r->id_number, id, sizeof id);
	copy.id_number = id;
	return m->fn ? m->fn(&copy, m->ud) : 0;
}

lf_store_err lf_search_ranked_rows(lf_store *st, const lf_search_ranked *r, size_t from, size_t count,
                                   lf_search_row_fn fn, void *ud)
{
	if (from >= r->n)
		return LF_STORE_OK;
	if (count > r->n - from)
		count = r->n - from;
	mask_only m = {fn, ud};
	return lf_store_search_rows(st, &r->p.q, r->seqs + from, count, mask_only_row, &m);
}

void lf_search_ranked_free(lf_search_ranked *r)
{
	free(r->seqs);
	r->seqs = NULL;
	r->n = 0;
}
