/* laifang export --format json|csv [--output FILE]: every case, keyed by
 * the registration form's field ids (in form order), then case_no, case_id
 * and repeat; with --from/--to/--queue/--unit/--status the ledger (台账) of
 * the cases the filters select, in case-number order (both written by core,
 * ledger.h, as the export screen writes them); with --case one case's whole
 * file (一事一档) as JSON, only for a case the actor may read (access.h).
 * Needs LF_PERM_EXPORT and is recorded in the audit log; ID and phone
 * numbers are masked unless the actor holds LF_PERM_EXPORT_PERSONAL. */
#include "laifang/reception.h"
#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli_internal.h"
#include "laifang/form.h"
#include "laifang/caseflow.h"
#include "laifang/estimate.h"
#include "laifang/i18n.h"
#include "laifang/store_agency.h"
#include "laifang/access.h"
#include "laifang/auth.h"
#include "laifang/mask.h"
#include "laifang/safe_file.h"
#include "laifang/ledger.h"
#include "laifang/audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_reception.h"
#include "laifang/store_stats.h"

/* One case's whole file. */
typedef struct export {
	const lf_form_def *form;
	const char *case_no;
	char case_id[37];
	size_t n;
	const lf_user *actor;
	bool full; /* ID and phone numbers in full (LF_PERM_EXPORT_PERSONAL) */
} export;

/* The audit entry, written by the office: the format, the case and the
 * file if any. */
static lf_store_err audit_export(lf_store *st, const export *ex, const char *output)
{
	char why[512] = "";
	return lf_audit_case_exported(st, ex->actor, ex->case_id, ex->case_no, ex->n, output, why, sizeof why);
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
	if (e->due_on && e->due_on[0])
		json_object_set_new(o, "due_estimated",
		                    json_boolean(lf_due_estimated(lf_office_calendar(p->st), e->due_on)));
	set_str(o, "to_state", e->to_state);
	set_str(o, "approver", e->approver);
	set_str(o, "rule", e->rule);
	/* The reply's written answer (第三十二条), when recorded with it. */
	if (e->answer_opinion) {
		set_str(o, "answer_opinion", e->answer_opinion);
		set_str(o, "answer_facts", e->answer_facts);
		set_str(o, "answer_basis", e->answer_basis);
	}
	/* An agreement (第三十三条): its parties, one a line, and mediator. */
	if (e->agreement_parties) {
		set_str(o, "parties", e->agreement_parties);
		set_str(o, "mediator", e->agreement_mediator);
	}
	const char *k = e->kind ? e->kind : "";
	if (!strcmp(k, "instruction"))
		json_array_append(p->instructions, o);
	else if (!strcmp(k, "handling") || !strcmp(k, "report") || !strcmp(k, "approval"))
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
	if (lf_reception_attachments(p->st, day, add_attachment, p) != LF_STORE_OK)
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

/* Issue 11: the co-agencies (会办单位) and the outside agency's answers. */
static int add_co_unit(const char *id, const char *name, const char *kind, const char *role, void *ud)
{
	(void)id;
	(void)kind;
	if (role && !strcmp(role, "co"))
		json_array_append_new(ud, json_string(name ? name : ""));
	return 0;
}

static int add_agency_answer(const lf_agency_answer *a, void *ud)
{
	json_t *o = json_object();
	set_str(o, "kind", a->kind);
	set_str(o, "on_date", a->on_date);
	set_str(o, "unit", a->unit_name);
	set_str(o, "recorded_by", a->by_name);
	set_str(o, "recorded_at", a->at);
	set_str(o, "reason", a->reason);
	set_str(o, "text", a->text);
	set_str(o, "file_name", a->file_name);
	set_str(o, "file_sha256", a->file_sha256);
	json_array_append_new(ud, o);
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
	/* Issue 13: an anonymous case, the regulation's category, and what the
	 * letter's or call's own form added (case_intake). */
	json_object_set_new(root, "anonymous", json_boolean(c->anonymous));
	set_str(root, "kind", c->kind);
	json_t *intake = json_object();
	for (size_t i = 0; i < c->n_intake; i++)
		set_str(intake, c->intake_ids[i], c->intake_values[i]);
	json_object_set_new(root, "intake", intake);
	for (size_t i = 0; i < ex->form->n_fields; i++) {
		char masked[512];
		const char *id = ex->form->fields[i].id;
		const char *v = lf_mask_field(id, lf_case_field(c, id), ex->full, masked, sizeof masked);
		json_object_set_new(sheet, id, json_string(v ? v : ""));
	}
	json_object_set_new(root, "sheet", sheet);
	if (lf_case_read_flow(st, c->case_id, &fl) == LF_STORE_OK) {
		set_str(flow, "state", lf_state_id(fl.state));
		set_str(flow, "lead_unit", fl.lead_unit_name);
		set_str(flow, "owner", fl.owner_name);
		set_str(flow, "due_on", fl.due_on[0] ? fl.due_on : NULL);
		set_str(flow, "due_rule", fl.due_rule[0] ? fl.due_rule : NULL);
		json_object_set_new(flow, "due_estimated",
		                    json_boolean(lf_due_estimated(lf_office_calendar(st), fl.due_on)));
		json_object_set_new(flow, "urgent", json_boolean(fl.urgent));
		json_object_set_new(flow, "major", json_boolean(fl.major));
		json_object_set_new(flow, "extended", json_boolean(fl.extended));
		json_object_set_new(flow, "headcount", json_integer(fl.headcount));
		json_object_set_new(flow, "representatives", json_integer(fl.representatives));
		json_t *co = json_array(), *answers = json_array();
		if (lf_case_read_units(st, c->case_id, add_co_unit, co) != LF_STORE_OK ||
		    lf_case_read_agency_answers(st, c->case_id, add_agency_answer, answers) != LF_STORE_OK)
			p->failed = true;
		json_object_set_new(flow, "co_units", co);
		json_object_set_new(flow, "agency_answers", answers);
		json_t *clocks = lf_cli_clocks_json(st, ex->actor, c->case_id);
		if (clocks)
			json_object_set_new(flow, "clocks", clocks);
		else
			p->failed = true;
		lf_case_flow_free(&fl);
	} else
		p->failed = true;
	json_object_set_new(root, "flow", flow);
	if (lf_case_read_events(st, c->case_id, add_event, p) != LF_STORE_OK ||
	    lf_case_read_log_days(st, c->case_id, add_day, p) != LF_STORE_OK)
		p->failed = true;
	lf_audit_filter af = {.record = c->case_id, .limit = 1000};
	for (;;) {
		size_t before = json_array_size(p->audit);
		char why[512] = "";
		if (lf_audit_read_case(st, ex->actor, &af, add_audit, p, why, sizeof why) != LF_STORE_OK) {
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
	char why[512];
	/* Need to know: a case the actor may not read does not leave the desk. */
	lf_store_err e = lf_case_require_readable(st, ex->actor, ex->case_no, "export", why, sizeof why);
	if (e != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", why);
		return lf_cli_status(e);
	}
	if (lf_case_read(st, ex->case_no, &c) != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", lf_office_errmsg(st));
		return lf_cli_status(lf_office_errcode(st));
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
		fprintf(err, _("laifang: cannot read the whole file of case %s: %s\n"), ex->case_no, lf_office_errmsg(st));
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

/* The case's file into a new file beside output, then put in place: a
 * failed export leaves any earlier file as it was, and the file is never
 * readable by others, not even for a moment. Audited before it is put in
 * place. */
static int case_to_file(lf_store *st, export *ex, const char *output, FILE *out, FILE *err)
{
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, output);
	if (!f) {
		fprintf(err, _("laifang: cannot create %s: %s\n"), output, lf_safe_strerror(errno));
		return 2;
	}
	int rc = write_file(st, ex, f, err);
	if (lf_safe_finish(&sf) != 0 && rc == 0) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		rc = 2;
	}
	if (rc == 0 && audit_export(st, ex, output) != LF_STORE_OK) {
		fprintf(err, _("laifang: the export could not be recorded in the audit log, so it was not written: %s\n"),
		        lf_office_errmsg(st));
		rc = 2;
	}
	if (rc == 0 && lf_safe_commit(&sf, output) != 0) {
		fprintf(err, _("laifang: cannot create %s: %s\n"), output, lf_safe_strerror(errno));
		rc = 2;
	}
	if (rc != 0)
		lf_safe_abort(&sf);
	else
		fprintf(out, _("exported %zu case(s) to %s\n"), ex->n, output);
	return rc;
}

static int export_case(lf_store *st, const lf_user *actor, const lf_cli_export_opts *o, FILE *out, FILE *err)
{
	char ferr[512];
	export ex = {.case_no = o->case_no, .form = lf_form_get("registration", ferr, sizeof ferr), .actor = actor,
	             .full = lf_can(actor->roles, LF_PERM_EXPORT_PERSONAL)};
	if (!ex.form) {
		fprintf(err, _("laifang: cannot load the registration form: %s\n"), ferr);
		return 2;
	}
	if (o->output)
		return case_to_file(st, &ex, o->output, out, err);
	int rc = write_file(st, &ex, out, err);
	/* Standard output cannot be taken back: record what went out. */
	if (rc == 0 && audit_export(st, &ex, NULL) != LF_STORE_OK) {
		fprintf(err, _("laifang: the export could not be recorded in the audit log: %s\n"), lf_office_errmsg(st));
		rc = 2;
	}
	return rc;
}

/* ---- the command ----------------------------------------------------------------- */

int lf_cli_export_opts_run(lf_store *st, const lf_user *actor, const lf_cli_export_opts *o, FILE *out, FILE *err)
{
	lf_ledger_format fmt;
	if (!lf_ledger_format_parse(o->format, &fmt)) {
		fprintf(err, _("laifang: unknown export format %s (use json or csv)\n"), o->format ? o->format : "");
		return 2;
	}
	bool filtered = o->from || o->to || o->queue || o->unit || o->status;
	if (o->case_no && (filtered || fmt != LF_LEDGER_JSON)) {
		fprintf(err, "%s", _("laifang: export --case writes one case's whole file as JSON: give --format json "
		                     "and no filter\n"));
		return 2;
	}
	/* Before anything is written: a refused export leaves no file. */
	if (!lf_cli_allowed(actor, LF_PERM_EXPORT, err))
		return 1;
	if (o->case_no)
		return export_case(st, actor, o, out, err);
	lf_ledger_query q = {.from = o->from, .to = o->to, .queue = o->queue, .unit = o->unit, .status = o->status};
	char msg[1024] = "";
	size_t n = 0;
	lf_store_err e = o->output ? lf_ledger_write_file(st, actor, &q, fmt, o->output, &n, msg, sizeof msg)
	                           : lf_ledger_write(st, actor, &q, fmt, out, &n, msg, sizeof msg);
	if (e != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", msg);
		return lf_cli_status(e);
	}
	if (o->output)
		fprintf(out, _("exported %zu case(s) to %s\n"), n, o->output);
	return 0;
}

int lf_cli_export(lf_store *st, const lf_user *actor, const char *format, const char *output, FILE *out,
                  FILE *err)
{
	lf_cli_export_opts o = {.format = format, .output = output};
	return lf_cli_export_opts_run(st, actor, &o, out, err);
}
