/* Receiving a package (exchange.h): its signature, its sender, its
 * receiver and its id checked first; then a transfer or assignment becomes
 * a new case in the screening queue, or an answer is recorded on the case
 * this office sent. One transaction each. */
#include "exchange_internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseflow_internal.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/exchange_pkg.h"
#include "laifang/file_hash.h"
#include "laifang/form.h"
#include "laifang/i18n.h"
#include "laifang/registration.h"
#include "laifang/safe_file.h"
#include "laifang/store_agency.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_reception.h"
#include "laifang/text.h"

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v && v[0] ? v : NULL;
}

static int see_key(const char *name, const char *key, const char *db, const char *at, void *ud)
{
	(void)name, (void)db, (void)at;
	snprintf(ud, 65, "%s", key ? key : "");
	return 1;
}

static int see_any(const lf_exchange_row *r, void *ud)
{
	(void)r;
	*(bool *)ud = true;
	return 1;
}

typedef struct sent_to {
	const char *peer;
	bool found;
} sent_to;

/* The case's latest transfer or assignment sent must be to the answering
 * office: a case routed elsewhere since takes no answer of the first. */
static int see_sent(const lf_exchange_row *r, void *ud)
{
	sent_to *s = ud;
	if (!strcmp(r->direction, "out") && (!strcmp(r->kind, "transfer") || !strcmp(r->kind, "assign")))
		s->found = !strcmp(r->peer, s->peer);
	return 0;
}

/* Text from a package, cleaned as anything typed is. */
static char *clean(const char *v, bool multiline)
{
	bool changed;
	return lf_text_clean(v ? v : "", v ? strlen(v) : 0, multiline, &changed);
}

/* ---- a transfer or assignment: a new case ---- */

static void put_value(const lf_form_def *form, char **values, const char *id, const char *v)
{
	int i = lf_form_find(form, id);
	if (i < 0 || !v || !v[0])
		return;
	free(values[i]);
	values[i] = clean(v, !strcmp(id, "content"));
}

static lf_store_err import_case(lf_store *st, const lf_user *actor, json_t *body, const char *from,
                                const char *from_key, const char *sha, lf_exchange_outcome *out, char *msg,
                                size_t len)
{
	char err[256] = "";
	const lf_form_def *form = lf_form_get("letter", err, sizeof err);
	if (!form)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", err);
	json_t *c = json_object_get(body, "case"), *v = json_object_get(c, "visitor");
	if (!json_is_object(c) || !json_is_object(v) || !str(c, "content"))
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("the package has no case with its content"));
	char **values = calloc(form->n_fields, sizeof *values);
	if (!values)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	char today[LF_DATE_LEN], sent_on[LF_DATE_LEN];
	lf_date_format(lf_date_today(), today);
	snprintf(sent_on, sizeof sent_on, "%.10s", str(body, "created_at") ? str(body, "created_at") : "");
	lf_date sd;
	if (!lf_date_parse(sent_on, &sd) || lf_date_cmp(sd, lf_date_today()) > 0)
		sent_on[0] = '\0'; /* the other machine's clock ahead of ours: no letter date */
	bool anon = json_is_true(json_object_get(v, "anonymous"));
	/* The receptionist: the person importing, or the office it came from. */
	put_value(form, values, "receptionist", actor ? NULL : from);
	put_value(form, values, "received_on", today);
	put_value(form, values, "letter_date", sent_on);
	put_value(form, values, "medium", "来信");
	put_value(form, values, "anonymous", anon ? "是" : "否");
	if (!anon) {
		put_value(form, values, "name", str(v, "name"));
		put_value(form, values, "phone", str(v, "phone"));
		const char *dt = str(v, "doc_type");
		if (!dt || !strcmp(dt, "居民身份证"))
			put_value(form, values, "id_number", str(v, "id_number"));
		put_value(form, values, "address", str(v, "address"));
	}
	put_value(form, values, "content", str(c, "content"));
	/* Registering is the clerk's: the importer may be a supervisor, and a
	 * delivery from the same server has no person of this office. */
	lf_user reg = {.login = "exchange", .name = (char *)from, .roles = LF_ROLE_CLERK, .active = true};
	if (actor) {
		reg = *actor;
		reg.roles |= LF_ROLE_CLERK;
	}
	lf_form_issue issues[8];
	size_t n_issues = 0;
	lf_saved_case saved;
	lf_store_err e = lf_store_begin(st);
	lf_exchange_doc *docs = NULL;
	size_t n_docs = 0;
	if (e != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	int r = lf_intake_save(st, &reg, form, values, "letter", false, LF_IDENTITY_KEEP, issues, 8, &n_issues, &saved,
	                       &e);
	if (r != 0) {
		if (n_issues)
			e = cf_refuse(st, e == LF_STORE_OK ? LF_STORE_INVALID : e, msg, len, _("the case in the package: %s"),
			              issues[0].message);
		else
			e = cf_passed(st, e == LF_STORE_OK ? LF_STORE_IO : e, msg, len);
	}
	if (e == LF_STORE_OK)
		e = xch_docs_store(st, json_object_get(body, "documents"), &docs, &n_docs, msg, len);
	if (e == LF_STORE_OK) {
		lf_exchange_rec rec = {.id = str(body, "id"), .direction = "in", .kind = str(body, "kind"),
		                       .case_id = saved.case_id, .peer = from, .peer_key = from_key,
		                       .peer_case_id = str(c, "id"), .peer_case_no = str(c, "case_no"), .sha256 = sha,
		                       .docs = docs, .n_docs = n_docs};
		if ((e = lf_store_exchange_record(st, &rec)) != LF_STORE_OK)
			e = cf_passed(st, e, msg, len);
	}
	if (e == LF_STORE_OK && (e = lf_store_commit(st)) != LF_STORE_OK)
		e = cf_passed(st, e, msg, len);
	if (e != LF_STORE_OK) {
		char keep[768];
		snprintf(keep, sizeof keep, "%s", msg && msg[0] ? msg : lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, keep);
	} else {
		snprintf(out->case_no, sizeof out->case_no, "%s", saved.case_no);
	}
out:
	free(docs);
	for (size_t i = 0; i < form->n_fields; i++)
		free(values[i]);
	free(values);
	return e;
}

/* ---- an answer: recorded on the case this office sent ---- */

#define S(x) (1u << (x))

static lf_store_err import_answer(lf_store *st, json_t *body, const char *kind, const char *from,
                                  const char *from_key, const char *sha, lf_exchange_outcome *out, char *msg,
                                  size_t len)
{
	json_t *reply = json_object_get(body, "in_reply_to"), *ans = json_object_get(body, "answer");
	json_t *c = json_object_get(body, "case");
	const char *mine = str(reply, "id");
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	lf_store_err e = mine ? lf_store_case_flow(st, mine, &flow) : LF_STORE_NOTFOUND;
	if (e != LF_STORE_OK)
		return cf_refuse(st, LF_STORE_NOTFOUND, msg, len,
		                 _("the package answers case %s, which is not in this office's database"),
		                 str(reply, "case_no") ? str(reply, "case_no") : "?");
	char *text = NULL, *signer = NULL;
	lf_exchange_doc *docs = NULL;
	size_t n_docs = 0;
	sent_to sent = {.peer = from};
	if ((e = lf_store_exchange_packages(st, flow.case_id, NULL, see_sent, &sent)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	if (!sent.found) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("the package answers case %s, which this office did not send to %s"),
		              str(reply, "case_no") ? str(reply, "case_no") : mine, from);
		goto out;
	}
	bool result = !strcmp(kind, "result"), returned = !strcmp(kind, "returned");
	unsigned from_states = S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED) | (result ? S(LF_ST_HANDLING) : 0);
	if (!(from_states & S(flow.state))) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("case %s is %s: the answer \"%s\" of %s cannot be recorded"),
		              str(reply, "case_no") ? str(reply, "case_no") : mine, lf_state_label(flow.state), kind, from);
		goto out;
	}
	/* The other office's date, when it is one and not in the future. */
	lf_date on = lf_date_today(), d;
	const char *date = str(ans, "date");
	if (date && lf_date_parse(date, &d) && lf_date_valid(d.y, d.m, d.d) && lf_date_cmp(d, on) <= 0)
		on = d;
	char on_s[LF_DATE_LEN];
	lf_date_format(on, on_s);
	text = clean(str(ans, "text"), true);
	char *who = clean(str(ans, "signer"), false);
	size_t sn = strlen(from) + (who ? strlen(who) : 0) + 8;
	signer = malloc(sn);
	if (!text || !who || !signer) {
		free(who);
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		goto out;
	}
	snprintf(signer, sn, who[0] ? "%s·%s" : "%s", from, who);
	free(who);
	if (returned && !text[0]) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("the package returns the case without its reasons"));
		goto out;
	}
	if ((e = lf_store_begin(st)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	e = xch_docs_store(st, json_object_get(body, "documents"), &docs, &n_docs, msg, len);
	lf_attachment file;
	memset(&file, 0, sizeof file);
	if (e == LF_STORE_OK && result && n_docs) {
		snprintf(file.sha256, sizeof file.sha256, "%s", docs[0].sha256);
		snprintf(file.name, sizeof file.name, "%s", docs[0].name);
		snprintf(file.type, sizeof file.type, "%s", docs[0].type ? docs[0].type : "");
		file.size = docs[0].size;
	}
	if (e == LF_STORE_OK && result && !text[0] && !n_docs)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("the package's result has neither text nor document"));
	if (e == LF_STORE_OK) {
		bool closes = result && !(flow.instruction_leader_id && flow.instruction_leader_id[0]);
		lf_event_in ev = {
			.case_id = flow.case_id,
			.kind = result ? "agency_result" : returned ? "agency_object" : "agency_accept",
			.expect_state = lf_state_id(flow.state),
			.to_state = lf_state_id(result ? LF_ST_REPORTED : returned ? LF_ST_ACCEPTED : LF_ST_HANDLING),
			.reason = returned ? text : NULL,
			.text = result ? (text[0] ? text : file.name) : NULL,
			.due_on = closes ? "" : NULL,
			.due_rule = closes ? "" : NULL,
			.urgent = -1,
			.major = -1,
			.signer_name = signer,
		};
		if ((e = lf_store_agency_answer(st, &ev, on_s, result && n_docs ? &file : NULL)) != LF_STORE_OK)
			e = cf_passed(st, e, msg, len);
	}
	if (e == LF_STORE_OK) {
		lf_exchange_rec rec = {.id = str(body, "id"), .direction = "in", .kind = kind, .case_id = flow.case_id,
		                       .peer = from, .peer_key = from_key, .peer_case_id = str(c, "id"),
		                       .peer_case_no = str(c, "case_no"), .sha256 = sha, .docs = docs, .n_docs = n_docs};
		if ((e = lf_store_exchange_record(st, &rec)) != LF_STORE_OK)
			e = cf_passed(st, e, msg, len);
	}
	if (e == LF_STORE_OK && (e = lf_store_commit(st)) != LF_STORE_OK)
		e = cf_passed(st, e, msg, len);
	if (e != LF_STORE_OK) {
		char keep[768];
		snprintf(keep, sizeof keep, "%s", msg && msg[0] ? msg : lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, keep);
	} else {
		lf_case kase;
		memset(&kase, 0, sizeof kase);
		if (lf_store_get_case(st, flow.case_id, &kase) == LF_STORE_OK)
			snprintf(out->case_no, sizeof out->case_no, "%s", kase.case_no ? kase.case_no : "");
		lf_case_free(&kase);
	}
out:
	free(docs);
	free(text);
	free(signer);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- the package ---- */

lf_store_err lf_exchange_import_text(lf_store *st, const lf_user *actor, const char *text, size_t n,
                                     lf_exchange_outcome *out, char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	if (msg && len)
		msg[0] = '\0';
	if (actor && !lf_can(actor->roles, LF_PERM_REGISTER) && !lf_can(actor->roles, LF_PERM_SCREEN))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		                 _("not allowed: a package from another office is imported by clerks and supervisors"));
	char *body_text = NULL;
	unsigned char pk[32];
	lf_xpkg_err xe = lf_xpkg_open(text, n, &body_text, pk);
	if (xe != LF_XPKG_OK)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("refused: %s"), lf_xpkg_strerror(xe));
	json_t *body = json_loads(body_text, JSON_REJECT_DUPLICATES, NULL);
	char sha[65], signer_hex[65], own_hex[65], trusted[65] = "";
	xch_sha256(body_text, sha);
	free(body_text);
	lf_xpkg_hex(pk, signer_hex);
	json_t *from = json_object_get(body, "from"), *to = json_object_get(body, "to");
	const char *from_name = str(from, "office"), *kind = str(body, "kind"), *id = str(body, "id");
	lf_store_err e = LF_STORE_OK;
	unsigned char own_pk[32], own_sk[64];
	if (!json_is_object(body) || !from_name || !kind || !id || strlen(id) > 36 ||
	    json_integer_value(json_object_get(body, "version")) != LF_XPKG_VERSION) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("refused: %s"), lf_xpkg_strerror(LF_XPKG_MALFORMED));
		goto done;
	}
	if (!str(from, "key") || strcmp(str(from, "key"), signer_hex)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("refused: %s"), lf_xpkg_strerror(LF_XPKG_BAD_SIGNATURE));
		goto done;
	}
	e = lf_store_exchange_peers(st, from_name, see_key, trusted);
	if (e == LF_STORE_NOTFOUND) {
		e = cf_refuse(st, LF_STORE_DENIED, msg, len,
		              _("refused: the package comes from %s, an office this one does not trust (an administrator "
		                "registers it with laifang exchange trust NAME PUBLIC_KEY)"),
		              from_name);
		goto done;
	}
	if (e != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	if (strcmp(trusted, signer_hex)) {
		e = cf_refuse(st, LF_STORE_DENIED, msg, len,
		              _("refused: the package is signed with another key than the one trusted for %s"), from_name);
		goto done;
	}
	if ((e = lf_store_exchange_keypair(st, own_pk, own_sk)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	sodium_memzero(own_sk, sizeof own_sk);
	lf_xpkg_hex(own_pk, own_hex);
	if (!str(to, "key") || strcmp(str(to, "key"), own_hex)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("refused: the package is addressed to another office (%s)"),
		              str(to, "office") ? str(to, "office") : "?");
		goto done;
	}
	bool seen = false;
	if ((e = lf_store_exchange_packages(st, NULL, id, see_any, &seen)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	if (seen) {
		e = cf_refuse(st, LF_STORE_CONFLICT, msg, len, _("refused: the package %s was imported already"), id);
		goto done;
	}
	if (!actor)
		lf_store_set_actor(st, NULL, "exchange");
	if (!strcmp(kind, "transfer") || !strcmp(kind, "assign"))
		e = import_case(st, actor, body, from_name, signer_hex, sha, out, msg, len);
	else if (!strcmp(kind, "accepted") || !strcmp(kind, "returned") || !strcmp(kind, "result")) {
		e = import_answer(st, body, kind, from_name, signer_hex, sha, out, msg, len);
	} else
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("refused: a package of kind \"%s\" is not known here"), kind);
	if (e == LF_STORE_OK) {
		snprintf(out->package_id, sizeof out->package_id, "%s", id);
		snprintf(out->kind, sizeof out->kind, "%s", kind);
		snprintf(out->peer, sizeof out->peer, "%s", from_name);
	}
done:
	json_decref(body);
	return e;
}

lf_store_err lf_exchange_import(lf_store *st, const lf_user *actor, const char *file, lf_exchange_outcome *out,
                                char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	int fd = -1;
	long long size = 0;
	int err = lf_file_open_regular(file, true, &fd, &size);
	if (err)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("cannot read %s: %s"), file, lf_safe_strerror(err));
	if (size > XCH_PACKAGE_MAX) {
		close(fd);
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s is too large for a package"), file);
	}
	char *buf = malloc((size_t)size + 1);
	size_t got = 0;
	while (buf && got < (size_t)size) {
		ssize_t r = read(fd, buf + got, (size_t)size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (!buf)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	buf[got] = '\0';
	lf_store_err e = lf_exchange_import_text(st, actor, buf, got, out, msg, len);
	free(buf);
	return e;
}
