/* laifang case show / timeline: a case read as the desk reads it. The case
 * is opened through core (lf_case_open: need to know, ID and phone masked
 * for roles that do not see them, the view audited), then its flow and
 * events are read as the case screen reads them. Text for a person, or
 * JSON (--json) with the case's fields, state, signed entries and clocks. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "laifang/review_origin.h"
#include "cli_internal.h"
#include "laifang/case_deliver.h"
#include "laifang/case_read.h"
#include "laifang/clocks.h"
#include "laifang/caseops.h"
#include "laifang/case_eval.h"
#include "laifang/answer.h"
#include "laifang/i18n.h"
#include "laifang/query.h"

typedef struct read_case {
	lf_case c;
	lf_case_flow fl;
	json_t *events;  /* the timeline, oldest first */
	json_t *entries; /* the signed entries */
} read_case;

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v && v[0] ? json_string(v) : json_null());
}

/* One event of the timeline, and a signed entry when it is one. */
static int on_event(const lf_event *e, void *ud)
{
	read_case *r = ud;
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(e->kind ? e->kind : ""));
	set_str(o, "at", e->at);
	set_str(o, "by", e->by_name);
	set_str(o, "unit", e->unit_name);
	set_str(o, "reason", e->reason);
	set_str(o, "text", e->text);
	set_str(o, "satisfaction", e->satisfaction);
	set_str(o, "due_on", e->due_on);
	set_str(o, "to_state", e->to_state);
	set_str(o, "rule", e->rule); /* a clock's start or stop: which clock */
	/* 第三十二条: the reply's written answer. */
	if (e->answer_opinion) {
		set_str(o, "answer_opinion", e->answer_opinion);
		set_str(o, "answer_facts", e->answer_facts);
		set_str(o, "answer_basis", e->answer_basis);
	}
	/* 第三十三条: an agreement's parties (one a line) and mediator. */
	if (e->agreement_parties) {
		set_str(o, "parties", e->agreement_parties);
		set_str(o, "mediator", e->agreement_mediator);
	}
	/* The 办理情况 entry the report step before it signed: the text
	 * timeline lists it once, with the step. */
	if (e->repeats_report)
		json_object_set_new(o, "repeats_report", json_true());
	json_array_append_new(r->events, o);

	/* Signed entries: instructions and handling entries (case_entry), the
	 * reply, and a forwarding opinion (批转意见) given with a routing. */
	const char *kind = NULL, *text = e->text;
	if (!e->kind)
		return 0;
	if (!strcmp(e->kind, "instruction"))
		kind = "instruction";
	else if (!strcmp(e->kind, "handling"))
		kind = "report";
	else if (!strcmp(e->kind, "reply"))
		kind = "reply";
	else if ((!strcmp(e->kind, "transfer") || !strcmp(e->kind, "assign") || !strcmp(e->kind, "in_house") ||
	          !strcmp(e->kind, "refer")) &&
	         e->reason && e->reason[0]) {
		kind = "opinion";
		text = e->reason;
	} else if (!strcmp(e->kind, "review_decide") || !strcmp(e->kind, "rereview_decide")) {
		/* Issue 13: the signed review or re-review opinion (arts. 35, 36). */
		kind = !strcmp(e->kind, "review_decide") ? "review" : "rereview";
	}
	if (!kind)
		return 0;
	json_t *n = json_object();
	json_object_set_new(n, "kind", json_string(kind));
	set_str(n, "signer", e->by_name);
	set_str(n, "at", e->at);
	set_str(n, "text", text);
	if (!strcmp(kind, "reply"))
		set_str(n, "satisfaction", e->satisfaction);
	if (!strcmp(kind, "reply") && e->answer_opinion) {
		/* The written answer's parts (第三十二条); absent for a reply
		 * recorded without them. */
		set_str(n, "opinion", e->answer_opinion);
		set_str(n, "facts", e->answer_facts);
		set_str(n, "basis", e->answer_basis);
	}
	if (!strcmp(kind, "review") || !strcmp(kind, "rereview"))
		set_str(n, "opinion", e->reason);
	json_array_append_new(r->entries, n);
	return 0;
}

/* Issue 13: one delivery (送达) of a notice. */
static int on_delivery(const lf_delivery_row *d, void *ud)
{
	json_t *o = json_object();
	json_object_set_new(o, "notice", json_string(d->notice_kind ? d->notice_kind : ""));
	set_str(o, "doc_no", d->doc_no);
	set_str(o, "method", d->method);
	set_str(o, "tracking", d->tracking);
	set_str(o, "delivered_on", d->delivered_on);
	json_object_set_new(o, "refused", json_boolean(d->refused));
	set_str(o, "note", d->note);
	set_str(o, "signer", d->signer);
	set_str(o, "recorded_at", d->recorded_at);
	json_array_append_new(ud, o);
	return 0;
}

/* Open and read the case; 0, or the exit status with the refusal printed. */
static int read_it(cli_case_ctx *cx, read_case *r)
{
	memset(r, 0, sizeof *r);
	lf_store_err e = lf_case_open(cx->st, cx->me, cx->case_no, &r->c);
	if (e == LF_STORE_NOTFOUND) {
		char msg[512];
		snprintf(msg, sizeof msg, _("there is no case \"%s\""), cx->case_no);
		return cli_case_result(cx, e, msg, "");
	}
	if (e == LF_STORE_OK)
		e = lf_case_read_flow(cx->st, r->c.case_id, &r->fl);
	r->events = json_array();
	r->entries = json_array();
	/* The registration opens the file, as on the case screen. */
	if (e == LF_STORE_OK) {
		lf_event reg = {.kind = "register", .at = r->c.created_at, .by_name = r->c.receptionist};
		on_event(&reg, r);
		e = lf_case_read_events(cx->st, r->c.case_id, on_event, r);
	}
	if (e != LF_STORE_OK)
		return cli_case_result(cx, e, NULL, "");
	return 0;
}

static void read_free(read_case *r)
{
	lf_case_free(&r->c);
	lf_case_flow_free(&r->fl);
	json_decref(r->events);
	json_decref(r->entries);
}

static int dump(cli_case_ctx *cx, json_t *o)
{
	int rc = json_dumpf(o, cx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : 2;
	fputc('\n', cx->out);
	return rc;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Issue 13: the documents the case received (a lower office's answer for
 * 复查, a package's files, an agency's scanned reply). */
static int on_document(const char *name, const char *sha256, long long size, void *ud)
{
	json_t *d = json_object();
	set_str(d, "name", name);
	set_str(d, "sha256", sha256);
	json_object_set_new(d, "size", json_integer((json_int_t)size));
	json_array_append_new(ud, d);
	return 0;
}

int cli_case_show(cli_case_ctx *cx)
{
	read_case r;
	int rc = read_it(cx, &r);
	if (rc) {
		read_free(&r);
		return rc;
	}
	const lf_case *c = &r.c;
	const lf_case_flow *fl = &r.fl;
	json_t *o = json_object();
	set_str(o, "case_no", c->case_no);
	set_str(o, "case_id", c->case_id);
	/* Issues 13, 15: the code on the visitor's receipt ("XXXX-XXXX"; null
	 * for a case registered before query codes and never printed). */
	char code[LF_QUERY_CODE_LEN], shown[LF_QUERY_CODE_SHOWN];
	shown[0] = '\0';
	if (lf_query_code_of(cx->st, cx->me, c->case_id, false, code, NULL, 0) == LF_STORE_OK)
		lf_query_code_show(code, shown, sizeof shown);
	set_str(o, "query_code", shown);
	json_object_set_new(o, "state", json_string(lf_state_id(fl->state)));
	json_object_set_new(o, "state_label", json_string(lf_state_label(fl->state)));
	set_str(o, "channel", c->channel);
	set_str(o, "created_at", c->created_at);
	set_str(o, "receptionist", c->receptionist);
	set_str(o, "received_on", c->received_on);
	set_str(o, "name", c->name);
	set_str(o, "sex", c->sex);
	set_str(o, "phone", c->phone);
	set_str(o, "id_number", c->id_number);
	set_str(o, "address", c->address);
	set_str(o, "content", c->content);
	/* Issue 13: an anonymous letter or call, the regulation's category
	 * chosen at screening, and the channel form's own fields. */
	json_object_set_new(o, "anonymous", json_boolean(c->anonymous));
	set_str(o, "kind", c->kind);
	for (size_t k = 0; k < c->n_intake; k++)
		if (!json_object_get(o, c->intake_ids[k])) /* an office's form never hides a case's own key */
			set_str(o, c->intake_ids[k], c->intake_values[k]);
	json_object_set_new(o, "repeat", json_boolean(c->repeat));
	set_str(o, "lead_unit", fl->lead_unit_name);
	set_str(o, "owner", fl->owner_name);
	set_str(o, "due_on", fl->due_on);
	set_str(o, "due_rule", fl->due_rule);
	json_object_set_new(o, "urgent", json_boolean(fl->urgent));
	json_object_set_new(o, "major", json_boolean(fl->major));
	json_object_set_new(o, "extended", json_boolean(fl->extended));
	json_object_set_new(o, "headcount", json_integer(fl->headcount));
	set_str(o, "visit_state", fl->visit_state);
	json_object_set_new(o, "entries", json_incref(r.entries));
	json_t *deliveries = json_array();
	if (deliveries && lf_case_deliveries(cx->st, fl->case_id, on_delivery, deliveries) != LF_STORE_OK) {
		json_decref(deliveries);
		deliveries = NULL;
	}
	json_object_set_new(o, "deliveries", deliveries ? deliveries : json_array());
	json_t *documents = json_array();
	char doc_msg[256];
	if (documents &&
	    lf_review_origin_docs(cx->st, cx->me, fl->case_id, on_document, documents, doc_msg, sizeof doc_msg) !=
	        LF_STORE_OK) {
		json_decref(documents);
		documents = NULL;
	}
	json_object_set_new(o, "documents", documents ? documents : json_array());
	/* Issue 13 (可评价): where the petitioner's evaluation stands. */
	lf_case_eval ce;
	char eval_msg[256], eval_line[1024];
	if (lf_case_eval_read(cx->st, cx->me, fl->case_id, &ce, eval_msg, sizeof eval_msg) == LF_STORE_OK) {
		lf_case_eval_line(&ce, eval_line, sizeof eval_line);
		set_str(o, "evaluation", eval_line);
		set_str(o, "evaluation_due", ce.s.due_on);
		json_object_set_new(o, "evaluation_overdue", json_boolean(ce.overdue));
		set_str(o, "evaluation_office", ce.s.has_eval ? ce.s.office : "");
		set_str(o, "evaluation_unit", ce.s.has_eval ? ce.s.unit : "");
		json_object_set_new(o, "redos", json_integer(ce.s.redos));
	}
	json_t *clocks = lf_cli_clocks_json(cx->st, cx->me, fl->case_id);
	json_object_set_new(o, "clocks", clocks ? clocks : json_array());
	if (cx->json) {
		rc = dump(cx, o);
	} else {
		/* key: value, one a line; the state in words; then the entries and clocks. */
		const char *key;
		json_t *v;
		json_object_foreach(o, key, v)
		{
			if (json_is_string(v))
				fprintf(cx->out, "%s: %s\n", key,
				        !strcmp(key, "state") ? lf_state_label(fl->state) : json_string_value(v));
			else if (json_is_boolean(v))
				fprintf(cx->out, "%s: %s\n", key, json_is_true(v) ? _("yes") : _("no"));
			else if (json_is_integer(v))
				fprintf(cx->out, "%s: %lld\n", key, (long long)json_integer_value(v));
		}
		size_t i;
		json_array_foreach(r.entries, i, v)
		{
			fprintf(cx->out, "entry %s  %.16s  %s\n", str(v, "kind"), str(v, "at"), str(v, "signer"));
			fprintf(cx->out, "    %s\n", str(v, "text"));
			if (!strcmp(str(v, "kind"), "reply") && str(v, "facts")[0]) {
				fprintf(cx->out, _("    opinion: %s\n"), lf_answer_opinion_label(str(v, "opinion")));
				fprintf(cx->out, _("    facts and reasons: %s\n"), str(v, "facts"));
				fprintf(cx->out, _("    legal basis: %s\n"), str(v, "basis"));
			}
		}
		json_array_foreach(json_object_get(o, "documents"), i, v)
			fprintf(cx->out, "document %s  %lld  %s\n", str(v, "name"),
			        (long long)json_integer_value(json_object_get(v, "size")), str(v, "sha256"));
		json_array_foreach(json_object_get(o, "deliveries"), i, v)
		{
			lf_delivery_method m;
			const char *how = lf_delivery_method_parse(str(v, "method"), &m) ? lf_delivery_method_label(m) : "";
			fprintf(cx->out, "delivery %s  %s  %s  %s  %s  %s\n", str(v, "notice"), str(v, "doc_no"), how,
			        str(v, "delivered_on"), json_is_true(json_object_get(v, "refused")) ? _("receipt refused (拒签)")
			                                                                          : _("receipt signed (签收)"),
			        str(v, "signer"));
			if (str(v, "tracking")[0])
				fprintf(cx->out, _("    tracking number %s\n"), str(v, "tracking"));
			if (str(v, "note")[0])
				fprintf(cx->out, "    %s\n", str(v, "note"));
		}
		json_array_foreach(json_object_get(o, "clocks"), i, v)
		{
			lf_clock_state cs;
			const char *state = str(v, "state");
			fprintf(cx->out, "clock %s  %s → %s  %s  %s\n", str(v, "rule"),
			        str(v, "start"), str(v, "due"),
			        lf_clock_state_parse(state, &cs) ? lf_clock_state_label(cs) : state, str(v, "basis"));
		}
	}
	json_decref(o);
	read_free(&r);
	return rc;
}


/* One block of an event under its line: four spaces in, and so is every
 * further line of a text of several (a notice, a report's paragraphs).
 * label is a translated "…: %s" whose %s ends it, or NULL. */
static void put_block(FILE *out, const char *label, const char *text)
{
	/* The label's words before its %s (no other conversion is in it). */
	const char *pct = label ? strstr(label, "%s") : NULL;
	int head = label ? (int)(pct ? (size_t)(pct - label) : strlen(label)) : 0;
	fprintf(out, "    %.*s", head, label ? label : "");
	for (const char *p = text; *p; p++) {
		fputc(*p, out);
		if (*p == '\n' && p[1])
			fputs("    ", out);
	}
	fputc('\n', out);
}

int cli_case_timeline(cli_case_ctx *cx)
{
	read_case r;
	int rc = read_it(cx, &r);
	if (rc) {
		read_free(&r);
		return rc;
	}
	if (cx->json) {
		rc = dump(cx, r.events);
		read_free(&r);
		return rc;
	}
	size_t i;
	json_t *v;
	json_array_foreach(r.events, i, v)
	{
		if (json_is_true(json_object_get(v, "repeats_report")))
			continue;
		char at[20];
		snprintf(at, sizeof at, "%.16s", str(v, "at"));
		if (at[10] == 'T')
			at[10] = ' ';
		const char *kind = str(v, "kind");
		/* A clock's start and its stop, as the case screen says them. */
		if (!strcmp(kind, "clock_start") || !strcmp(kind, "clock_stop")) {
			lf_clock_state cs;
			const char *state = str(v, "to_state");
			if (!strcmp(kind, "clock_start"))
				fprintf(cx->out, _("%s  %s starts, due %s"), at, lf_clock_rule_label_key(str(v, "rule")),
				        str(v, "due_on"));
			else
				fprintf(cx->out, _("%s  %s stops (%s): %s"), at, lf_clock_rule_label_key(str(v, "rule")),
				        lf_event_label(str(v, "reason")),
				        lf_clock_state_parse(state, &cs) ? lf_clock_state_label(cs) : state);
			fputc('\n', cx->out);
			if (str(v, "text")[0])
				put_block(cx->out, NULL, str(v, "text"));
			continue;
		}
		fprintf(cx->out, "%s  %s  %s", at, str(v, "by"), lf_event_label(kind));
		if (str(v, "unit")[0])
			fprintf(cx->out, "  → %s", str(v, "unit"));
		if (str(v, "due_on")[0])
			fprintf(cx->out, _("  due %s"), str(v, "due_on"));
		const char *sat = str(v, "satisfaction");
		if (sat[0])
			fprintf(cx->out, "  %s", lf_satisfaction_label(sat) ? lf_satisfaction_label(sat) : sat);
		fputc('\n', cx->out);
		if (str(v, "reason")[0])
			put_block(cx->out,
			          !strcmp(kind, "in_house") || !strcmp(kind, "transfer") || !strcmp(kind, "assign")
			              ? _("Forwarding opinion (批转意见): %s")
			              : _("Reason: %s"),
			          str(v, "reason"));
		if (str(v, "parties")[0])
			put_block(cx->out, _("Parties: %s"), str(v, "parties"));
		if (str(v, "mediator")[0])
			put_block(cx->out, _("Mediator: %s"), str(v, "mediator"));
		if (str(v, "text")[0])
			put_block(cx->out, NULL, str(v, "text"));
	}
	read_free(&r);
	return 0;
}
