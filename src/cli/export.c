/* laifang export --format json|csv [--output FILE]: every case, keyed by
 * the registration form's field ids (in form order), then case_no, case_id
 * and repeat; with --from/--to/--queue/--unit/--status the ledger (台账) of
 * the cases the filters select, in case-number order; with --case one
 * case's whole file (一事一档) as JSON. Needs LF_PERM_EXPORT and is
 * recorded in the audit log. */
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli_internal.h"
#include "laifang/csv.h"
#include "laifang/form.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_reception.h"
#include "laifang/store_stats.h"

typedef struct export export;
struct export {
	const lf_form_def *form;
	bool json;
	const char *format;
	bool selected;    /* the ledger: only the selected case numbers, in order */
	char **nos;
	size_t n_nos;
	const char *case_no; /* the whole file of one case */
	char case_id[37];
	json_t *filters;  /* for the audit entry, or NULL */
	int (*write)(lf_store *st, export *ex, FILE *f, FILE *err);
	FILE *out;
	const char **row; /* CSV: one record's values */
	size_t n;         /* cases written */
	bool bad_text;    /* a value jansson refused (not UTF-8) */
	char bad_case[16];
};

static int json_case(const lf_case *c, void *ud)
{
	export *ex = ud;
	json_t *o = json_object();
	if (!o)
		goto fail;
	for (size_t i = 0; i < ex->form->n_fields; i++) {
		const char *v = lf_case_field(c, ex->form->fields[i].id);
		if (json_object_set_new(o, ex->form->fields[i].id, json_string(v ? v : "")) < 0)
			goto fail;
	}
	if (json_object_set_new(o, "case_no", json_string(c->case_no ? c->case_no : "")) < 0 ||
	    json_object_set_new(o, "case_id", json_string(c->case_id ? c->case_id : "")) < 0 ||
	    json_object_set_new(o, "repeat", json_boolean(c->repeat)) < 0)
		goto fail;
	char *s = json_dumps(o, JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		goto fail_nojson;
	fputs(ex->n ? ",\n" : "\n", ex->out);
	fputs(s, ex->out);
	free(s);
	ex->n++;
	return ferror(ex->out) ? 1 : 0;
fail:
	json_decref(o);
fail_nojson:
	/* json_string refuses text that is not UTF-8; the store should never
	 * hold such text, so this names the case rather than guess. */
	ex->bad_text = true;
	snprintf(ex->bad_case, sizeof ex->bad_case, "%s", c->case_no ? c->case_no : "?");
	return 1;
}

static int csv_case(const lf_case *c, void *ud)
{
	export *ex = ud;
	size_t nf = ex->form->n_fields;
	for (size_t i = 0; i < nf; i++)
		ex->row[i] = lf_case_field(c, ex->form->fields[i].id);
	ex->row[nf] = c->case_no;
	ex->row[nf + 1] = c->case_id;
	ex->row[nf + 2] = c->repeat ? "1" : "0";
	ex->n++;
	return lf_csv_write_record(ex->out, ex->row, nf + 3) < 0 ? 1 : 0;
}

/* The audit entry: the format, how many cases, the filters or the case,
 * and the file if any. */
static lf_store_err audit_export(lf_store *st, const export *ex, const char *output)
{
	json_t *o = json_pack("{s:s, s:I}", "format", ex->format, "count", (json_int_t)ex->n);
	if (o && ex->case_no)
		json_object_set_new(o, "case_no", json_string(ex->case_no));
	if (o && ex->filters)
		json_object_set(o, "filters", ex->filters);
	if (o && output)
		json_object_set_new(o, "file", json_string(output));
	char *detail = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	lf_store_err e = lf_store_audit(st, "export", ex->case_no ? ex->case_id : NULL, detail);
	free(detail);
	return e;
}

/* The selected cases (the ledger) in order, each read whole. */
static lf_store_err each_selected(lf_store *st, export *ex, lf_case_fn fn)
{
	if (!ex->selected)
		return lf_store_each_case(st, fn, ex);
	for (size_t i = 0; i < ex->n_nos; i++) {
		lf_case c;
		lf_store_err e = lf_store_get_case(st, ex->nos[i], &c);
		if (e != LF_STORE_OK)
			return e;
		int stop = fn(&c, ex);
		lf_case_free(&c);
		if (stop)
			break;
	}
	return LF_STORE_OK;
}

/* Every case (or the selected ones) to f. Returns the exit status; ex->n
 * counts the cases. */
static int write_cases(lf_store *st, export *ex, FILE *f, FILE *err)
{
	const lf_form_def *form = ex->form;
	bool json = ex->json;
	ex->out = f;
	lf_store_err e;
	if (json) {
		fputs("[", f);
		e = each_selected(st, ex, json_case);
		fputs(ex->n ? "\n]\n" : "]\n", f);
	} else {
		/* The byte order mark makes spreadsheet programs read UTF-8. */
		fputs("\xEF\xBB\xBF", f);
		for (size_t i = 0; i < form->n_fields; i++)
			ex->row[i] = form->fields[i].id;
		ex->row[form->n_fields] = "case_no";
		ex->row[form->n_fields + 1] = "case_id";
		ex->row[form->n_fields + 2] = "repeat";
		lf_csv_write_record(f, ex->row, form->n_fields + 3);
		e = each_selected(st, ex, csv_case);
	}
	if (fflush(f) != 0 || ferror(f)) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		return 2;
	}
	if (ex->bad_text) {
		fprintf(err, _("laifang: case %s holds text that is not UTF-8; the export is incomplete (run laifang check)\n"),
		        ex->bad_case);
		return 1;
	}
	if (e != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", lf_store_errmsg(st));
		return 2;
	}
	return 0;
}

/* Export into a new file beside output, then put it in place: a failed
 * export leaves any earlier file as it was, and the file is never readable
 * by others, not even for a moment. Audited before it is put in place. */
static int export_to_file(lf_store *st, export *ex, const char *output, FILE *out, FILE *err)
{
	size_t len = strlen(output);
	char *tmp = malloc(len + 8);
	if (!tmp) {
		fprintf(err, _("laifang: out of memory\n"));
		return 2;
	}
	memcpy(tmp, output, len);
	memcpy(tmp + len, ".XXXXXX", 8);
	int fd = mkstemp(tmp); /* mode 0600 */
	FILE *f = NULL;
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(f = fdopen(fd, "w"))) {
		fprintf(err, _("laifang: cannot create %s: %s\n"), output, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return 2;
	}
	int rc = ex->write(st, ex, f, err);
	if (fclose(f) != 0 && rc == 0) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		rc = 2;
	}
	if (rc == 0) {
		lf_store_err e = audit_export(st, ex, output);
		if (e != LF_STORE_OK) {
			fprintf(err, _("laifang: the export could not be recorded in the audit log, so it was not written: %s\n"),
			        lf_store_errmsg(st));
			rc = 2;
		}
	}
	if (rc == 0 && rename(tmp, output) != 0) {
		fprintf(err, _("laifang: cannot create %s: %s\n"), output, strerror(errno));
		rc = 2;
	}
	if (rc != 0)
		unlink(tmp);
	else
		fprintf(out, _("exported %zu case(s) to %s\n"), ex->n, output);
	free(tmp);
	return rc;
}

/* ---- the ledger: the cases the filters select ------------------------------- */

typedef struct selection {
	char **nos;
	size_t n, cap;
	char last_no[16], last_due[11];
	bool last_urgent;
	bool oom;
} selection;

static int select_row(const lf_queue_row *r, void *ud)
{
	selection *sel = ud;
	if (sel->n == sel->cap) {
		size_t cap = sel->cap ? 2 * sel->cap : 256;
		char **v = realloc(sel->nos, cap * sizeof *v);
		if (!v) {
			sel->oom = true;
			return 1;
		}
		sel->nos = v;
		sel->cap = cap;
	}
	if (!(sel->nos[sel->n] = strdup(r->case_no ? r->case_no : ""))) {
		sel->oom = true;
		return 1;
	}
	sel->n++;
	snprintf(sel->last_no, sizeof sel->last_no, "%s", r->case_no ? r->case_no : "");
	snprintf(sel->last_due, sizeof sel->last_due, "%s", r->due_on ? r->due_on : "");
	sel->last_urgent = r->urgent;
	return 0;
}

static int cmp_no(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_nos(char **nos, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(nos[i]);
	free(nos);
}

static bool date_ok(const char *s)
{
	lf_date d;
	return !s || (lf_date_parse(s, &d) && lf_date_valid(d.y, d.m, d.d));
}

/* The filter for the options (the queue's own for the actor, narrowed by
 * the rest); 0, or the exit status with the message printed. unit_id
 * receives the unit's id. */
static int ledger_filter(lf_store *st, const lf_user *actor, const lf_cli_export_opts *o, lf_queue_filter *f,
                         char unit_id[37], FILE *err)
{
	char msg[512];
	memset(f, 0, sizeof *f);
	if (!date_ok(o->from) || !date_ok(o->to)) {
		fprintf(err, _("laifang: --from and --to are dates (YYYY-MM-DD)\n"));
		return 1;
	}
	if (o->queue) {
		lf_queue_id q;
		if (!lf_queue_parse(o->queue, &q)) {
			fprintf(err, _("laifang: unknown queue %s\n"), o->queue);
			return 1;
		}
		if (!lf_queue_filter_for(st, actor, q, f, msg, sizeof msg)) {
			fprintf(err, "laifang: %s\n", msg);
			return 1;
		}
	}
	if (o->status) {
		unsigned states = 0;
		char *list = strdup(o->status), *save = NULL;
		if (!list)
			return 2;
		for (char *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			lf_case_state s;
			if (!lf_state_parse(w, &s)) {
				fprintf(err, _("laifang: unknown status %s\n"), w);
				free(list);
				return 1;
			}
			states |= 1u << s;
		}
		free(list);
		/* With a queue too: the cases in both. */
		f->states = f->states ? f->states & states : states;
		if (!f->states) {
			fprintf(err, _("laifang: the queue holds no case of that status\n"));
			return 1;
		}
	}
	if (o->unit) {
		lf_unit u;
		if (lf_store_unit_get(st, o->unit, &u) != LF_STORE_OK) {
			fprintf(err, _("laifang: there is no unit %s (see laifang unit list)\n"), o->unit);
			return 1;
		}
		snprintf(unit_id, 37, "%s", u.id);
		lf_unit_free(&u);
		f->unit_id = unit_id;
	}
	f->from = o->from;
	f->to = o->to;
	f->limit = 1000;
	return 0;
}

/* Every case the filter selects, by pages (keyset), in case-number order. */
static int select_cases(lf_store *st, lf_queue_filter *f, selection *sel, FILE *err)
{
	for (;;) {
		size_t before = sel->n;
		if (lf_store_queue(st, f, select_row, sel) != LF_STORE_OK) {
			fprintf(err, "laifang: %s\n", lf_store_errmsg(st));
			return 2;
		}
		if (sel->oom) {
			fprintf(err, _("laifang: out of memory\n"));
			return 2;
		}
		if (sel->n - before < (size_t)f->limit)
			break;
		f->after_case_no = sel->last_no;
		f->after_due_on = sel->last_due;
		f->after_urgent = sel->last_urgent;
	}
	if (sel->n)
		qsort(sel->nos, sel->n, sizeof *sel->nos, cmp_no);
	return 0;
}

static json_t *filters_json(const lf_cli_export_opts *o)
{
	json_t *f = json_object();
	const char *const kv[][2] = {{"from", o->from}, {"to", o->to}, {"queue", o->queue}, {"unit", o->unit},
	                             {"status", o->status}};
	for (size_t i = 0; f && i < sizeof kv / sizeof kv[0]; i++)
		if (kv[i][1])
			json_object_set_new(f, kv[i][0], json_string(kv[i][1]));
	return f;
}

/* ---- one case's whole file ----------------------------------------------------- */

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v ? json_string(v) : json_null());
}

typedef struct file_parts {
	json_t *events, *instructions, *reports, *reply, *attachments, *audit;
	lf_store *st;
	bool failed;
} file_parts;

static int add_event(const lf_event *e, void *ud)
{
	file_parts *p = ud;
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(e->seq));
	set_str(o, "kind", e->kind);
	set_str(o, "at", e->at);
	set_str(o, "by", e->by_name);
	set_str(o, "unit", e->unit_name);
	set_str(o, "reason", e->reason);
	set_str(o, "text", e->text);
	set_str(o, "satisfaction", e->satisfaction);
	set_str(o, "due_on", e->due_on);
	set_str(o, "to_state", e->to_state);
	const char *k = e->kind ? e->kind : "";
	if (!strcmp(k, "instruction"))
		json_array_append(p->instructions, o);
	else if (!strcmp(k, "handling") || !strcmp(k, "report"))
		json_array_append(p->reports, o);
	else if (!strcmp(k, "reply")) {
		json_decref(p->reply);
		p->reply = json_incref(o);
	}
	if (json_array_append_new(p->events, o) < 0)
		p->failed = true;
	return 0;
}

static int add_attachment(const lf_attachment *a, void *ud)
{
	file_parts *p = ud;
	json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s}", "name", a->name, "size", (json_int_t)a->size, "type",
	                      a->type, "sha256", a->sha256, "added_at", a->added_at);
	if (!o || json_array_append_new(p->attachments, o) < 0)
		p->failed = true;
	return 0;
}

static int add_day(const char *day, void *ud)
{
	file_parts *p = ud;
	if (lf_store_reception_attachments(p->st, day, add_attachment, p) != LF_STORE_OK)
		p->failed = true;
	return 0;
}

static int add_audit(const lf_audit_entry *e, void *ud)
{
	file_parts *p = ud;
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(e->seq));
	set_str(o, "at", e->at);
	set_str(o, "login", e->login);
	set_str(o, "action", e->action);
	json_t *changes = e->changes ? json_loads(e->changes, 0, NULL) : NULL;
	json_object_set_new(o, "changes", changes ? changes : json_null());
	set_str(o, "hash", e->hash);
	/* Read newest first: put each in front, so the file reads in order. */
	if (json_array_insert_new(p->audit, 0, o) < 0)
		p->failed = true;
	return 0;
}

static json_t *case_file_json(lf_store *st, export *ex, const lf_case *c, file_parts *p)
{
	json_t *root = json_object(), *sheet = json_object(), *flow = json_object();
	lf_case_flow fl;
	json_object_set_new(root, "case_no", json_string(c->case_no));
	json_object_set_new(root, "case_id", json_string(c->case_id));
	set_str(root, "status", c->status);
	set_str(root, "channel", c->channel);
	set_str(root, "created_at", c->created_at);
	json_object_set_new(root, "repeat", json_boolean(c->repeat));
	for (size_t i = 0; i < ex->form->n_fields; i++) {
		const char *v = lf_case_field(c, ex->form->fields[i].id);
		json_object_set_new(sheet, ex->form->fields[i].id, json_string(v ? v : ""));
	}
	json_object_set_new(root, "sheet", sheet);
	if (lf_store_case_flow(st, c->case_id, &fl) == LF_STORE_OK) {
		set_str(flow, "state", lf_state_id(fl.state));
		set_str(flow, "lead_unit", fl.lead_unit_name);
		set_str(flow, "owner", fl.owner_name);
		set_str(flow, "due_on", fl.due_on[0] ? fl.due_on : NULL);
		set_str(flow, "due_rule", fl.due_rule[0] ? fl.due_rule : NULL);
		json_object_set_new(flow, "urgent", json_boolean(fl.urgent));
		json_object_set_new(flow, "major", json_boolean(fl.major));
		json_object_set_new(flow, "extended", json_boolean(fl.extended));
		json_object_set_new(flow, "headcount", json_integer(fl.headcount));
		json_object_set_new(flow, "representatives", json_integer(fl.representatives));
		lf_case_flow_free(&fl);
	} else
		p->failed = true;
	json_object_set_new(root, "flow", flow);
	if (lf_store_case_events(st, c->case_id, add_event, p) != LF_STORE_OK ||
	    lf_store_case_log_days(st, c->case_id, add_day, p) != LF_STORE_OK)
		p->failed = true;
	lf_audit_filter af = {.record = c->case_id, .limit = 1000};
	for (;;) {
		size_t before = json_array_size(p->audit);
		if (lf_store_audit_each(st, &af, add_audit, p) != LF_STORE_OK) {
			p->failed = true;
			break;
		}
		size_t got = json_array_size(p->audit) - before;
		if (got < (size_t)af.limit)
			break;
		af.before_seq = json_integer_value(json_object_get(json_array_get(p->audit, 0), "seq"));
	}
	json_object_set(root, "events", p->events);
	json_object_set(root, "instructions", p->instructions);
	json_object_set(root, "reports", p->reports);
	json_object_set(root, "reply", p->reply ? p->reply : json_null());
	json_object_set(root, "attachments", p->attachments);
	json_object_set(root, "audit", p->audit);
	return root;
}

static int write_file(lf_store *st, export *ex, FILE *f, FILE *err)
{
	lf_case c;
	if (lf_store_get_case(st, ex->case_no, &c) != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", lf_store_errmsg(st));
		return lf_cli_status(lf_store_errcode(st));
	}
	snprintf(ex->case_id, sizeof ex->case_id, "%s", c.case_id ? c.case_id : "");
	file_parts p = {.events = json_array(), .instructions = json_array(), .reports = json_array(),
	                .attachments = json_array(), .audit = json_array(), .st = st};
	json_t *root = case_file_json(st, ex, &c, &p);
	lf_case_free(&c);
	char *text = p.failed ? NULL : json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	json_t *parts[] = {p.events, p.instructions, p.reports, p.reply, p.attachments, p.audit};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		json_decref(parts[i]);
	if (!text) {
		fprintf(err, _("laifang: cannot read the whole file of case %s: %s\n"), ex->case_no, lf_store_errmsg(st));
		return 2;
	}
	fputs(text, f);
	fputs("\n", f);
	free(text);
	ex->n = 1;
	if (fflush(f) != 0 || ferror(f)) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		return 2;
	}
	return 0;
}

/* ---- the command ----------------------------------------------------------------- */

int lf_cli_export_opts_run(lf_store *st, const lf_user *actor, const lf_cli_export_opts *o, FILE *out, FILE *err)
{
	export ex = {.format = o->format, .write = write_cases};
	if (o->format && !strcmp(o->format, "json"))
		ex.json = true;
	else if (!o->format || strcmp(o->format, "csv")) {
		fprintf(err, _("laifang: unknown export format %s (use json or csv)\n"), o->format ? o->format : "");
		return 2;
	}
	bool filtered = o->from || o->to || o->queue || o->unit || o->status;
	if (o->case_no && (filtered || !ex.json)) {
		fprintf(err, "%s", _("laifang: export --case writes one case's whole file as JSON: give --format json "
		                     "and no filter\n"));
		return 2;
	}
	/* Before anything is written: a refused export leaves no file. */
	if (!lf_cli_allowed(actor, LF_PERM_EXPORT, err))
		return 1;
	char ferr[512];
	const lf_form_def *form = lf_form_get("registration", ferr, sizeof ferr);
	if (!form) {
		fprintf(err, _("laifang: cannot load the registration form: %s\n"), ferr);
		return 2;
	}
	ex.form = form;
	ex.row = calloc(form->n_fields + 3, sizeof *ex.row);
	if (!ex.row) {
		fprintf(err, _("laifang: out of memory\n"));
		return 2;
	}
	int rc = 0;
	selection sel = {0};
	char unit_id[37] = "";
	if (o->case_no) {
		ex.case_no = o->case_no;
		ex.write = write_file;
	} else if (filtered) {
		lf_queue_filter f;
		if ((rc = ledger_filter(st, actor, o, &f, unit_id, err)) == 0 &&
		    (rc = select_cases(st, &f, &sel, err)) == 0) {
			ex.selected = true;
			ex.nos = sel.nos;
			ex.n_nos = sel.n;
			ex.filters = filters_json(o);
		}
	}
	if (rc == 0 && o->output)
		rc = export_to_file(st, &ex, o->output, out, err);
	else if (rc == 0) {
		rc = ex.write(st, &ex, out, err);
		/* Standard output cannot be taken back: record what went out. */
		if (rc == 0 && audit_export(st, &ex, NULL) != LF_STORE_OK) {
			fprintf(err, _("laifang: the export could not be recorded in the audit log: %s\n"),
			        lf_store_errmsg(st));
			rc = 2;
		}
	}
	json_decref(ex.filters);
	free_nos(sel.nos, sel.n);
	free(ex.row);
	return rc;
}

int lf_cli_export(lf_store *st, const lf_user *actor, const char *format, const char *output, FILE *out,
                  FILE *err)
{
	lf_cli_export_opts o = {.format = format, .output = output};
	return lf_cli_export_opts_run(st, actor, &o, out, err);
}
