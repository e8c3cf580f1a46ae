/* The ledger (台账): the cases the filters select, as CSV or JSON onto a
 * stream or into a file put in place atomically, and the audit entry.
 * Moved here from the command line so the export screen writes the same
 * bytes. Reads through the store; no SQL here. */
#include "laifang/ledger.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/csv.h"
#include "laifang/date.h"
#include "laifang/form.h"
#include "laifang/i18n.h"
#include "laifang/mask.h"
#include "laifang/safe_file.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/workflow.h"
#include "ledger_internal.h"

typedef struct ledger {
	const lf_form_def *form;
	lf_ledger_format fmt;
	bool filtered;
	char **nos;       /* filtered: the selected case numbers, in order */
	size_t n_nos, cap;
	char last_no[16], last_due[11];
	bool last_urgent;
	bool oom;
	FILE *out;
	const char **row; /* CSV: one record's values */
	lf_store *st;     /* the ledger's facts of each case (ledger_facts.c) */
	size_t n;         /* cases written */
	bool bad_text;    /* a value jansson refused (not UTF-8) */
	bool facts_failed;/* a case's flow or timeline could not be read */
	char bad_case[16];
	bool full;        /* ID and phone numbers in full (LF_PERM_EXPORT_PERSONAL) */
	char masked[2][512]; /* CSV: a record's masked values */
} ledger;

static bool given(const char *s)
{
	return s && *s;
}

bool lf_ledger_format_parse(const char *s, lf_ledger_format *out)
{
	if (s && !strcmp(s, "csv"))
		*out = LF_LEDGER_CSV;
	else if (s && !strcmp(s, "json"))
		*out = LF_LEDGER_JSON;
	else
		return false;
	return true;
}

const char *lf_ledger_format_id(lf_ledger_format fmt)
{
	return fmt == LF_LEDGER_JSON ? "json" : "csv";
}

static lf_store_err fail(lf_store_err e, char *msg, size_t len, const char *text)
{
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return e;
}

/* ---- writing the cases ---------------------------------------------------- */

static int json_case(const lf_case *c, void *ud)
{
	ledger *lg = ud;
	json_t *o = json_object();
	if (!o)
		goto bad;
	for (size_t i = 0; i < lg->form->n_fields; i++) {
		const char *id = lg->form->fields[i].id;
		const char *v = lf_mask_field(id, lf_case_field(c, id), lg->full, lg->masked[0], sizeof lg->masked[0]);
		if (json_object_set_new(o, id, json_string(v ? v : "")) < 0)
			goto bad;
	}
	if (json_object_set_new(o, "case_no", json_string(c->case_no ? c->case_no : "")) < 0 ||
	    json_object_set_new(o, "case_id", json_string(c->case_id ? c->case_id : "")) < 0 ||
	    json_object_set_new(o, "repeat", json_boolean(c->repeat)) < 0)
		goto bad;
	lf_ledger_facts lf;
	if (lf_ledger_facts_get(lg->st, c->case_id, &lf) != LF_STORE_OK) {
		lg->facts_failed = true;
		json_decref(o);
		return 1;
	}
	const char *const facts[][2] = {{"accepted_on", lf.accepted_on}, {"status", lf.status},
	                                {"lead_unit", lf.lead_unit},     {"due_on", lf.due_on},
	                                {"due_rule", lf.due_rule},       {"closed_on", lf.closed_on},
	                                {"satisfaction", lf.satisfaction}};
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
		if (json_object_set_new(o, facts[i][0], json_string(facts[i][1])) < 0)
			goto bad;
	char *s = json_dumps(o, JSON_PRESERVE_ORDER);
	json_decref(o);
	o = NULL;
	if (!s)
		goto bad;
	fputs(lg->n ? ",\n" : "\n", lg->out);
	fputs(s, lg->out);
	free(s);
	lg->n++;
	return ferror(lg->out) ? 1 : 0;
bad:
	json_decref(o);
	/* json_string refuses text that is not UTF-8; the store should never
	 * hold such text, so this names the case rather than guess. */
	lg->bad_text = true;
	snprintf(lg->bad_case, sizeof lg->bad_case, "%s", c->case_no ? c->case_no : "?");
	return 1;
}

/* The CSV's columns: 案件编号, the sheet's fields, then the ledger's own. */
#define CSV_EXTRA 9
/* Case numbers held at once by a whole-office export (issue 16: at 1M cases
 * every number held was 36 MB). */
#define EXPORT_PAGE 1000

static int csv_case(const lf_case *c, void *ud)
{
	ledger *lg = ud;
	size_t nf = lg->form->n_fields;
	int m = 0;
	lf_ledger_facts lf;
	if (lf_ledger_facts_get(lg->st, c->case_id, &lf) != LF_STORE_OK) {
		lg->facts_failed = true;
		return 1;
	}
	lg->row[0] = c->case_no;
	for (size_t i = 0; i < nf; i++) {
		const char *id = lg->form->fields[i].id, *v = lf_case_field(c, id);
		/* Each masked value needs its own buffer until the record is written. */
		if (v && !lg->full && lf_mask_field_personal(id) && m < 2) {
			v = lf_mask_field(id, v, false, lg->masked[m], sizeof lg->masked[m]);
			m++;
		} else if (v && !lg->full && lf_mask_field_personal(id)) {
			v = "";
		}
		lg->row[1 + i] = v;
	}
	const char *const tail[CSV_EXTRA] = {c->repeat ? "是" : "否", lf.accepted_on, lf.status,
	                                     lf.lead_unit,            lf.due_on,      lf.due_rule,
	                                     lf.closed_on,            lf.satisfaction, c->case_id};
	for (size_t i = 0; i < CSV_EXTRA; i++)
		lg->row[1 + nf + i] = tail[i];
	lg->n++;
	return lf_csv_write_record(lg->out, lg->row, 1 + nf + CSV_EXTRA) < 0 ? 1 : 0;
}

/* A page of the office's case numbers, in the store's order. */
static int collect_no(const lf_case *c, void *ud)
{
	ledger *lg = ud;
	if (lg->n_nos == lg->cap) {
		size_t cap = lg->cap ? 2 * lg->cap : 256;
		char **v = realloc(lg->nos, cap * sizeof *v);
		if (!v) {
			lg->oom = true;
			return 1;
		}
		lg->nos = v;
		lg->cap = cap;
	}
	if (!(lg->nos[lg->n_nos] = strdup(c->case_no ? c->case_no : ""))) {
		lg->oom = true;
		return 1;
	}
	lg->n_nos++;
	return 0;
}

/* Each of the numbers in lg->nos read whole and given to fn; 1 when fn
 * stopped. */
static int each_listed(lf_store *st, ledger *lg, lf_case_fn fn, lf_store_err *e)
{
	for (size_t i = 0; i < lg->n_nos; i++) {
		lf_case c;
		if ((*e = lf_store_get_case(st, lg->nos[i], &c)) != LF_STORE_OK)
			return 1;
		int stop = fn(&c, lg);
		lf_case_free(&c);
		if (stop)
			return 1;
	}
	return 0;
}

static void forget_numbers(ledger *lg)
{
	for (size_t i = 0; i < lg->n_nos; i++)
		free(lg->nos[i]);
	lg->n_nos = 0;
}

/* Every case, or the selected ones in order, each read whole. The whole
 * office a page of numbers at a time (keyset on the number): each case's
 * facts are read while no other statement is open (one connection, two
 * backends), and only a page of numbers is held, whatever the office. */
static lf_store_err each_case(lf_store *st, ledger *lg, lf_case_fn fn)
{
	lf_store_err e = LF_STORE_OK;
	if (lg->filtered) {
		each_listed(st, lg, fn, &e);
		return e;
	}
	char after[16] = "";
	for (;;) {
		forget_numbers(lg);
		if ((e = lf_store_each_case_after(st, after, EXPORT_PAGE, collect_no, lg)) != LF_STORE_OK)
			return e;
		if (lg->oom) {
			lf_store_set_error(st, LF_STORE_IO, _("out of memory"));
			return LF_STORE_IO;
		}
		if (!lg->n_nos || each_listed(st, lg, fn, &e) || lg->n_nos < EXPORT_PAGE)
			return e;
		snprintf(after, sizeof after, "%s", lg->nos[lg->n_nos - 1]);
	}
}

static lf_store_err write_cases(lf_store *st, ledger *lg, FILE *f, char *msg, size_t len)
{
	const lf_form_def *form = lg->form;
	lg->out = f;
	lf_store_err e;
	if (lg->fmt == LF_LEDGER_JSON) {
		fputs("[", f);
		e = each_case(st, lg, json_case);
		fputs(lg->n ? "\n]\n" : "]\n", f);
	} else {
		/* The byte order mark makes spreadsheet programs read UTF-8. */
		fputs("\xEF\xBB\xBF", f);
		/* Chinese column names (issue 15): the sheet's labels. */
		static const char *const tail[CSV_EXTRA] = {"repeat",   "accepted_on", "status",
		                                            "lead_unit", "due_on",      "due_rule",
		                                            "closed_on", "satisfaction", "case_id"};
		lg->row[0] = lf_ledger_column_name(form, "case_no");
		for (size_t i = 0; i < form->n_fields; i++)
			lg->row[1 + i] = lf_ledger_column_name(form, form->fields[i].id);
		for (size_t i = 0; i < CSV_EXTRA; i++)
			lg->row[1 + form->n_fields + i] = lf_ledger_column_name(form, tail[i]);
		lf_csv_write_record(f, lg->row, 1 + form->n_fields + CSV_EXTRA);
		e = each_case(st, lg, csv_case);
	}
	if (fflush(f) != 0 || ferror(f))
		return fail(LF_STORE_IO, msg, len, _("cannot write the export (disk full, or the reader went away?)"));
	if (lg->facts_failed)
		return fail(lf_store_errcode(st), msg, len, lf_store_errmsg(st));
	if (lg->bad_text) {
		snprintf(msg, len, _("case %s holds text that is not UTF-8; the export is incomplete (run laifang check)"),
		         lg->bad_case);
		return LF_STORE_INVALID;
	}
	if (e != LF_STORE_OK)
		return fail(e, msg, len, lf_store_errmsg(st));
	return LF_STORE_OK;
}

/* ---- the selection ------------------------------------------------------- */

static int select_row(const lf_queue_row *r, void *ud)
{
	ledger *lg = ud;
	if (lg->n_nos == lg->cap) {
		size_t cap = lg->cap ? 2 * lg->cap : 256;
		char **v = realloc(lg->nos, cap * sizeof *v);
		if (!v) {
			lg->oom = true;
			return 1;
		}
		lg->nos = v;
		lg->cap = cap;
	}
	if (!(lg->nos[lg->n_nos] = strdup(r->case_no ? r->case_no : ""))) {
		lg->oom = true;
		return 1;
	}
	lg->n_nos++;
	snprintf(lg->last_no, sizeof lg->last_no, "%s", r->case_no ? r->case_no : "");
	snprintf(lg->last_due, sizeof lg->last_due, "%s", r->due_on ? r->due_on : "");
	lg->last_urgent = r->urgent;
	return 0;
}

static int cmp_no(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool date_ok(const char *s)
{
	lf_date d;
	return !given(s) || (lf_date_parse(s, &d) && lf_date_valid(d.y, d.m, d.d));
}

/* The store filter for the query: the queue's own for the actor, narrowed
 * by the rest. unit_id receives the unit's id. */
static lf_store_err make_filter(lf_store *st, const lf_user *actor, const lf_ledger_query *q, lf_queue_filter *f,
                                char unit_id[37], char *msg, size_t len)
{
	memset(f, 0, sizeof *f);
	if (!date_ok(q->from) || !date_ok(q->to))
		return fail(LF_STORE_INVALID, msg, len, _("from and to are dates (YYYY-MM-DD)"));
	if (given(q->queue)) {
		lf_queue_id id;
		if (!lf_queue_parse(q->queue, &id)) {
			snprintf(msg, len, _("unknown queue %s"), q->queue);
			return LF_STORE_INVALID;
		}
		if (!lf_queue_filter_for(st, actor, id, f, msg, len))
			return LF_STORE_DENIED;
	}
	if (given(q->status)) {
		unsigned states = 0;
		char *list = strdup(q->status), *save = NULL;
		if (!list)
			return fail(LF_STORE_IO, msg, len, _("out of memory"));
		for (char *w = strtok_r(list, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
			lf_case_state s;
			if (!lf_state_parse(w, &s)) {
				snprintf(msg, len, _("unknown status %s"), w);
				free(list);
				return LF_STORE_INVALID;
			}
			states |= 1u << s;
		}
		free(list);
		/* With a queue too: the cases in both. */
		f->states = f->states ? f->states & states : states;
		if (!f->states)
			return fail(LF_STORE_INVALID, msg, len, _("the queue holds no case of that status"));
	}
	if (given(q->unit)) {
		lf_unit u;
		if (lf_store_unit_get(st, q->unit, &u) != LF_STORE_OK) {
			snprintf(msg, len, _("there is no unit %s (see laifang unit list)"), q->unit);
			return LF_STORE_INVALID;
		}
		snprintf(unit_id, 37, "%s", u.id);
		lf_unit_free(&u);
		f->unit_id = unit_id;
	}
	f->from = given(q->from) ? q->from : NULL;
	f->to = given(q->to) ? q->to : NULL;
	f->limit = 1000;
	return LF_STORE_OK;
}

/* Every case the filter selects, by pages (keyset), in case-number order. */
static lf_store_err select_cases(lf_store *st, lf_queue_filter *f, ledger *lg, char *msg, size_t len)
{
	for (;;) {
		size_t before = lg->n_nos;
		if (lf_store_queue(st, f, select_row, lg) != LF_STORE_OK)
			return fail(lf_store_errcode(st), msg, len, lf_store_errmsg(st));
		if (lg->oom)
			return fail(LF_STORE_IO, msg, len, _("out of memory"));
		if (lg->n_nos - before < (size_t)f->limit)
			break;
		f->after_case_no = lg->last_no;
		f->after_due_on = lg->last_due;
		f->after_urgent = lg->last_urgent;
	}
	if (lg->n_nos)
		qsort(lg->nos, lg->n_nos, sizeof *lg->nos, cmp_no);
	return LF_STORE_OK;
}

/* ---- the audit entry ------------------------------------------------------- */

/* The format, how many cases, the filters (when any) and the file (when
 * any). */
static lf_store_err audit(lf_store *st, const ledger *lg, const lf_ledger_query *q, const char *path, char *msg,
                          size_t len)
{
	json_t *o = json_pack("{s:s, s:I, s:b}", "format", lf_ledger_format_id(lg->fmt), "count", (json_int_t)lg->n,
	                      "personal_data", lg->full);
	if (o && lg->filtered) {
		json_t *f = json_object();
		const char *const kv[][2] = {
			{"from", q->from}, {"to", q->to}, {"queue", q->queue}, {"unit", q->unit}, {"status", q->status}};
		for (size_t i = 0; f && i < sizeof kv / sizeof kv[0]; i++)
			if (given(kv[i][1]))
				json_object_set_new(f, kv[i][0], json_string(kv[i][1]));
		json_object_set_new(o, "filters", f);
	}
	if (o && path)
		json_object_set_new(o, "file", json_string(path));
	char *detail = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	lf_store_err e = lf_store_audit(st, "export", NULL, detail);
	free(detail);
	if (e != LF_STORE_OK)
		snprintf(msg, len, _("the export could not be recorded in the audit log: %s"), lf_store_errmsg(st));
	return e;
}

/* ---- the two ways out ------------------------------------------------------ */

/* Check, load the form, select: everything before the first byte. */
static lf_store_err prepare(lf_store *st, const lf_user *actor, const lf_ledger_query *q, lf_ledger_format fmt,
                            ledger *lg, char *msg, size_t len)
{
	static const lf_ledger_query none;
	if (!q)
		q = &none;
	memset(lg, 0, sizeof *lg);
	lg->fmt = fmt;
	if (!lf_require(actor, LF_PERM_EXPORT, msg, len))
		return LF_STORE_DENIED;
	/* Numbers in full only for a role that says it needs them. */
	lg->full = lf_can(actor->roles, LF_PERM_EXPORT_PERSONAL);
	char ferr[512];
	lg->form = lf_form_get("registration", ferr, sizeof ferr);
	if (!lg->form) {
		snprintf(msg, len, _("cannot load the registration form: %s"), ferr);
		return LF_STORE_IO;
	}
	lg->row = calloc(1 + lg->form->n_fields + CSV_EXTRA, sizeof *lg->row);
	lg->st = st;
	if (!lg->row)
		return fail(LF_STORE_IO, msg, len, _("out of memory"));
	lg->filtered = given(q->from) || given(q->to) || given(q->queue) || given(q->unit) || given(q->status);
	if (!lg->filtered)
		return LF_STORE_OK;
	lf_queue_filter f;
	char unit_id[37] = "";
	lf_store_err e = make_filter(st, actor, q, &f, unit_id, msg, len);
	return e != LF_STORE_OK ? e : select_cases(st, &f, lg, msg, len);
}

static void release(ledger *lg)
{
	forget_numbers(lg);
	free(lg->nos);
	free(lg->row);
}

lf_store_err lf_ledger_write(lf_store *st, const lf_user *actor, const lf_ledger_query *q, lf_ledger_format fmt,
                             FILE *out, size_t *count, char *msg, size_t len)
{
	static const lf_ledger_query none;
	ledger lg;
	lf_store_err e = prepare(st, actor, q, fmt, &lg, msg, len);
	if (e == LF_STORE_OK)
		e = write_cases(st, &lg, out, msg, len);
	/* Standard output cannot be taken back: record what went out. */
	if (e == LF_STORE_OK)
		e = audit(st, &lg, q ? q : &none, NULL, msg, len);
	if (count)
		*count = lg.n;
	release(&lg);
	return e;
}

lf_store_err lf_ledger_write_file(lf_store *st, const lf_user *actor, const lf_ledger_query *q,
                                  lf_ledger_format fmt, const char *path, size_t *count, char *msg, size_t len)
{
	static const lf_ledger_query none;
	ledger lg;
	if (count)
		*count = 0;
	lf_store_err e = prepare(st, actor, q, fmt, &lg, msg, len);
	if (e != LF_STORE_OK) {
		release(&lg);
		return e;
	}
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	if (!f) {
		snprintf(msg, len, _("cannot create %s: %s"), path, lf_safe_strerror(errno));
		release(&lg);
		return LF_STORE_IO;
	}
	e = write_cases(st, &lg, f, msg, len);
	if (lf_safe_finish(&sf) != 0 && e == LF_STORE_OK)
		e = fail(LF_STORE_IO, msg, len, _("cannot write the export (disk full, or the reader went away?)"));
	/* Audited before it is put in place: no file without its entry. */
	if (e == LF_STORE_OK)
		e = audit(st, &lg, q ? q : &none, path, msg, len);
	if (e == LF_STORE_OK && lf_safe_commit(&sf, path) != 0) {
		snprintf(msg, len, _("cannot create %s: %s"), path, lf_safe_strerror(errno));
		e = LF_STORE_IO;
	}
	if (e != LF_STORE_OK)
		lf_safe_abort(&sf);
	if (count)
		*count = lg.n;
	release(&lg);
	return e;
}
