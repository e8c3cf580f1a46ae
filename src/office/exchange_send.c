/* Sending a package (exchange.h): a transfer or assignment of a case to
 * another laifang office, or the answer of a case received from one; by
 * file, or into the peer's database on the same server. */
#include "exchange_internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/date.h"
#include "laifang/exchange_pkg.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"
#include "laifang/safe_file.h"
#include "laifang/store_flow.h"

/* ---- what the store says of the case ---- */

typedef struct peer_found {
	char key[65];
	char *db;
	bool found;
} peer_found;

static int see_peer(const char *name, const char *key, const char *db, const char *at, void *ud)
{
	(void)name, (void)at;
	peer_found *p = ud;
	snprintf(p->key, sizeof p->key, "%s", key ? key : "");
	p->db = db && db[0] ? strdup(db) : NULL;
	p->found = true;
	return 1;
}

/* The case's packages: the one that brought it (in), and the kinds sent. */
typedef struct packages_seen {
	bool received;
	char peer[256], peer_key[65], peer_case_id[37], peer_case_no[32];
	char sent[8][16];
	char sent_to[8][256];
	int n_sent;
} packages_seen;

static int see_package(const lf_exchange_row *r, void *ud)
{
	packages_seen *p = ud;
	if (!strcmp(r->direction, "in") && (!strcmp(r->kind, "transfer") || !strcmp(r->kind, "assign"))) {
		p->received = true;
		snprintf(p->peer, sizeof p->peer, "%s", r->peer);
		snprintf(p->peer_key, sizeof p->peer_key, "%s", r->peer_key);
		snprintf(p->peer_case_id, sizeof p->peer_case_id, "%s", r->peer_case_id ? r->peer_case_id : "");
		snprintf(p->peer_case_no, sizeof p->peer_case_no, "%s", r->peer_case_no ? r->peer_case_no : "");
	} else if (!strcmp(r->direction, "out") && p->n_sent < 8) {
		snprintf(p->sent[p->n_sent], sizeof p->sent[0], "%s", r->kind);
		snprintf(p->sent_to[p->n_sent], sizeof p->sent_to[0], "%s", r->peer);
		p->n_sent++;
	}
	return 0;
}

static bool was_sent(const packages_seen *p, const char *kind, const char *to)
{
	for (int i = 0; i < p->n_sent; i++)
		if (!strcmp(p->sent[i], kind) && (!to || !strcmp(p->sent_to[i], to)))
			return true;
	return false;
}

/* The events an answer is made from: the latest of each kind. */
typedef struct answer_src {
	char opinion[2048];          /* the routing's forwarding opinion */
	char accept_by[256], accept_at[11];
	char decline_by[256], decline_at[11], decline_why[4096];
	char result_by[256], result_at[11], result_text[8192];
} answer_src;

static void day(char out[11], const char *at)
{
	snprintf(out, 11, "%.10s", at ? at : "");
}

static int see_event(const lf_event *e, void *ud)
{
	answer_src *a = ud;
	const char *k = e->kind ? e->kind : "";
	if ((!strcmp(k, "transfer") || !strcmp(k, "assign")) && e->reason)
		snprintf(a->opinion, sizeof a->opinion, "%s", e->reason);
	else if (!strcmp(k, "accept")) {
		snprintf(a->accept_by, sizeof a->accept_by, "%s", e->by_name ? e->by_name : "");
		day(a->accept_at, e->at);
	} else if (!strcmp(k, "decline")) {
		snprintf(a->decline_by, sizeof a->decline_by, "%s", e->by_name ? e->by_name : "");
		snprintf(a->decline_why, sizeof a->decline_why, "%s", e->reason ? e->reason : (e->text ? e->text : ""));
		day(a->decline_at, e->at);
	} else if ((!strcmp(k, "handling") || !strcmp(k, "report")) && e->text && e->text[0]) {
		snprintf(a->result_by, sizeof a->result_by, "%s", e->by_name ? e->by_name : "");
		snprintf(a->result_text, sizeof a->result_text, "%s", e->text);
		day(a->result_at, e->at);
	}
	return 0;
}

static void set(json_t *o, const char *key, const char *v)
{
	if (v && v[0])
		json_object_set_new(o, key, json_string(v));
}

/* ---- the body ---- */

static json_t *party(const char *office, const char *key)
{
	json_t *o = json_object();
	set(o, "office", office);
	set(o, "key", key);
	return o;
}

static json_t *case_facts(const lf_case *c, const lf_case_flow *f, const answer_src *src)
{
	json_t *v = json_object();
	set(v, "name", c->name);
	set(v, "sex", c->sex);
	set(v, "phone", c->phone);
	set(v, "doc_type", c->doc_type);
	set(v, "id_number", c->id_number);
	set(v, "address", c->address);
	json_object_set_new(v, "anonymous", json_boolean(c->anonymous));
	json_t *o = json_object();
	set(o, "id", c->case_id);
	set(o, "case_no", c->case_no);
	set(o, "channel", c->channel);
	set(o, "received_on", c->received_on);
	set(o, "content", c->content);
	set(o, "category", c->kind);
	set(o, "due_on", f->due_on);
	set(o, "opinion", src->opinion);
	json_object_set_new(o, "visitor", v);
	return o;
}

typedef struct docs_ctx {
	lf_store *st;
	json_t *docs;
	char *msg;
	size_t len;
	lf_store_err e;
} docs_ctx;

static int see_file(const lf_exchange_doc *d, void *ud)
{
	docs_ctx *x = ud;
	x->e = xch_doc_stored(x->st, x->docs, d, x->msg, x->len);
	return x->e != LF_STORE_OK;
}

/* ---- sending ---- */

static lf_store_err write_file(lf_store *st, const char *path, const char *text, char *msg, size_t len)
{
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	if (!f)
		return cf_refuse(st, LF_STORE_IO, msg, len, _("cannot write %s: %s"), path, lf_safe_strerror(errno));
	bool ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
	if (!ok || lf_safe_commit(&sf, path) != 0) {
		int err = errno;
		lf_safe_abort(&sf);
		return cf_refuse(st, LF_STORE_IO, msg, len, _("cannot write %s: %s"), path, lf_safe_strerror(err));
	}
	return LF_STORE_OK;
}

/* Into the peer's own database, imported there as a file would be. */
static lf_store_err deliver(lf_store *st, const char *db, const char *text, lf_exchange_outcome *out, char *msg,
                            size_t len)
{
	char shown[1024];
	lf_path_redact(db, shown, sizeof shown); /* never a password in a message */
	if (lf_store_absent(db))
		return cf_refuse(st, LF_STORE_NOTFOUND, msg, len,
		                 _("the other office's database is not there (%s): check laifang exchange peer"), shown);
	lf_store_err oe;
	char m[768] = "";
	lf_store *peer = lf_store_open(db, &oe, m, sizeof m);
	if (!peer)
		return cf_refuse(st, oe, msg, len, _("the other office's database cannot be opened: %s"), m);
	lf_exchange_outcome got;
	memset(&got, 0, sizeof got);
	lf_store_err e = lf_exchange_import_text(peer, NULL, text, strlen(text), &got, m, sizeof m);
	lf_store_close(peer);
	if (e != LF_STORE_OK)
		return cf_refuse(st, e, msg, len, _("the other office refused the package: %s"), m);
	out->delivered = true;
	snprintf(out->case_no, sizeof out->case_no, "%s", got.case_no);
	return LF_STORE_OK;
}

lf_store_err lf_exchange_export(lf_store *st, const lf_user *actor, const char *case_no, const lf_exchange_args *a,
                                lf_exchange_outcome *out, char *msg, size_t len)
{
	static const lf_exchange_args none;
	if (!a)
		a = &none;
	memset(out, 0, sizeof *out);
	if (msg && len)
		msg[0] = '\0';
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case_flow flow;
	if ((e = cf_flow(st, actor, case_no, &flow, msg, len)) != LF_STORE_OK)
		return e;
	lf_case c;
	memset(&c, 0, sizeof c);
	packages_seen seen;
	memset(&seen, 0, sizeof seen);
	answer_src *src = calloc(1, sizeof *src);
	peer_found peer = {.found = false};
	json_t *body = NULL, *docs = json_array();
	char *body_text = NULL, *pkg = NULL;
	char to[256] = "", kind[16] = "";
	if (!src || !docs) {
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		goto done;
	}
	if ((e = lf_store_exchange_packages(st, flow.case_id, NULL, see_package, &seen)) != LF_STORE_OK ||
	    (e = lf_store_case_events(st, flow.case_id, see_event, src)) != LF_STORE_OK ||
	    (e = lf_store_get_case(st, flow.case_id, &c)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	if (!a->answer) {
		if (flow.state != LF_ST_TRANSFERRED && flow.state != LF_ST_ASSIGNED) {
			e = cf_refuse(st, LF_STORE_INVALID, msg, len,
			              _("case %s is %s: a case is sent to another office once it is transferred or assigned to it"),
			              c.case_no, lf_state_label(flow.state));
			goto done;
		}
		snprintf(kind, sizeof kind, "%s", flow.state == LF_ST_TRANSFERRED ? "transfer" : "assign");
		snprintf(to, sizeof to, "%s", a->to && a->to[0] ? a->to : (flow.lead_unit_name ? flow.lead_unit_name : ""));
		if (was_sent(&seen, kind, to)) {
			e = cf_refuse(st, LF_STORE_CONFLICT, msg, len, _("case %s was sent to %s already"), c.case_no, to);
			goto done;
		}
	} else {
		if (!seen.received) {
			e = cf_refuse(st, LF_STORE_INVALID, msg, len,
			              _("case %s did not come from another office: there is nothing to answer"), c.case_no);
			goto done;
		}
		snprintf(to, sizeof to, "%s", seen.peer);
		bool reported = flow.state == LF_ST_REPORTED || flow.state == LF_ST_REPLIED || flow.state == LF_ST_ARCHIVED;
		bool declined = flow.state == LF_ST_DECLINED || lf_state_sent_out(flow.state);
		bool accepted = !declined && flow.state != LF_ST_REGISTERED;
		const char *want = a->kind && a->kind[0] ? a->kind : NULL;
		if (!want)
			want = reported && !was_sent(&seen, "result", NULL)     ? "result"
			       : declined && !was_sent(&seen, "returned", NULL) ? "returned"
			       : accepted && !was_sent(&seen, "accepted", NULL) && !was_sent(&seen, "result", NULL)
			           ? "accepted"
			           : "";
		if (!want[0]) {
			e = cf_refuse(st, LF_STORE_INVALID, msg, len,
			              _("case %s has no answer to send now: it is %s, and what it answered is sent"), c.case_no,
			              lf_state_label(flow.state));
			goto done;
		}
		bool can = !strcmp(want, "result") ? reported && src->result_text[0]
		           : !strcmp(want, "returned") ? declined
		           : !strcmp(want, "accepted") ? accepted
		                                       : false;
		if (strcmp(want, "result") && strcmp(want, "returned") && strcmp(want, "accepted")) {
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("answer: %s is not one of accepted, returned, result"), want);
			goto done;
		}
		if (!can || was_sent(&seen, want, NULL)) {
			e = cf_refuse(st, LF_STORE_INVALID, msg, len,
			              was_sent(&seen, want, NULL) ? _("case %s: the answer %s was sent already")
			                                          : _("case %s: no answer %s while the case is %s"),
			              c.case_no, want, lf_state_label(flow.state));
			goto done;
		}
		snprintf(kind, sizeof kind, "%s", want);
	}
	if ((e = lf_store_exchange_peers(st, to, see_peer, &peer)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	if (!a->out && !peer.db) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("%s is not on this server: write the package to a file with --out FILE"), to);
		goto done;
	}
	/* The documents: the case's stored files with a transfer, and those given. */
	docs_ctx dx = {st, docs, msg, len, LF_STORE_OK};
	if (!a->answer && (e = lf_store_exchange_case_files(st, flow.case_id, see_file, &dx)) != LF_STORE_OK) {
		e = dx.e != LF_STORE_OK ? dx.e : cf_passed(st, e, msg, len);
		goto done;
	}
	for (size_t i = 0; i < a->n_files && e == LF_STORE_OK; i++)
		e = xch_doc_file(st, docs, a->files[i], msg, len);
	if (e != LF_STORE_OK)
		goto done;
	unsigned char pk[32], sk[64];
	char me_key[65], me[256], now[LF_TIMESTAMP_LEN];
	if ((e = lf_store_exchange_keypair(st, pk, sk)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	lf_xpkg_hex(pk, me_key);
	xch_office_name(st, me, sizeof me);
	lf_timestamp_now(now, sizeof now);
	xch_uuid(out->package_id);
	body = json_object();
	json_object_set_new(body, "version", json_integer(LF_XPKG_VERSION));
	json_object_set_new(body, "id", json_string(out->package_id));
	json_object_set_new(body, "kind", json_string(kind));
	json_object_set_new(body, "created_at", json_string(now));
	json_object_set_new(body, "from", party(me, me_key));
	json_object_set_new(body, "to", party(to, peer.key));
	json_object_set_new(body, "case", case_facts(&c, &flow, src));
	if (a->answer) {
		json_t *r = json_object(), *ans = json_object();
		set(r, "id", seen.peer_case_id);
		set(r, "case_no", seen.peer_case_no);
		json_object_set_new(body, "in_reply_to", r);
		bool res = !strcmp(kind, "result"), ret = !strcmp(kind, "returned");
		set(ans, "text", res ? src->result_text : ret ? src->decline_why : "");
		set(ans, "signer", res ? src->result_by : ret ? src->decline_by : src->accept_by);
		set(ans, "date", res ? src->result_at : ret ? src->decline_at : src->accept_at);
		json_object_set_new(body, "answer", ans);
	}
	json_object_set(body, "documents", docs);
	body_text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	pkg = body_text ? lf_xpkg_seal(body_text, sk, pk) : NULL;
	sodium_memzero(sk, sizeof sk);
	if (!pkg) {
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		goto done;
	}
	/* Recorded here and sent, together: a package that could not be
	 * written or delivered is not recorded as sent. */
	char sha[65];
	xch_sha256(body_text, sha);
	lf_exchange_rec rec = {.id = out->package_id, .direction = "out", .kind = kind, .case_id = flow.case_id,
	                       .peer = to, .peer_key = peer.key,
	                       .peer_case_id = a->answer ? seen.peer_case_id : NULL,
	                       .peer_case_no = a->answer ? seen.peer_case_no : NULL, .sha256 = sha};
	if ((e = lf_store_begin(st)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto done;
	}
	e = lf_store_exchange_record(st, &rec);
	if (e != LF_STORE_OK)
		e = cf_passed(st, e, msg, len);
	else if (a->out)
		e = write_file(st, a->out, pkg, msg, len);
	else
		e = deliver(st, peer.db, pkg, out, msg, len);
	if (e == LF_STORE_OK && (e = lf_store_commit(st)) != LF_STORE_OK)
		e = cf_passed(st, e, msg, len);
	if (e != LF_STORE_OK) {
		char keep[768];
		snprintf(keep, sizeof keep, "%s", msg && msg[0] ? msg : lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, keep);
	}
	snprintf(out->kind, sizeof out->kind, "%s", kind);
	snprintf(out->peer, sizeof out->peer, "%s", to);
done:
	json_decref(body);
	json_decref(docs);
	free(body_text);
	free(pkg);
	free(peer.db);
	free(src);
	lf_case_free(&c);
	lf_case_flow_free(&flow);
	return e;
}
