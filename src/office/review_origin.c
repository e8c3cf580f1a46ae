/* A 复查 case received from a lower office (review_origin.h; issue 13,
 * 信访工作条例 第三十五条): the original office, its case number, its
 * written answer and that answer's documents, recorded on the case
 * registered here. The documents go where an exchange package's go
 * (exchange_document, of a package of kind "review" with no signature:
 * the clerk recorded it by hand), so a later package from a laifang office
 * and a paper file arrive the same way. */
#include "laifang/review_origin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "exchange_internal.h"
#include "laifang/access.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/store_exchange.h"

#define ANSWER_MAX_CHARS 20000
#define FILES_MAX 20

/* Has the case an origin already (case_intake from_case_no)? */
static bool has_origin(const lf_case *c)
{
	for (size_t i = 0; i < c->n_intake; i++)
		if (!strcmp(c->intake_ids[i], "from_case_no"))
			return true;
	return false;
}

lf_store_err lf_review_origin_record(lf_store *st, const lf_user *actor, const char *case_key,
                                     const lf_origin_args *a, char *msg, size_t len)
{
	static const lf_origin_args none;
	if (!a)
		a = &none;
	if (msg && len)
		msg[0] = '\0';
	char why[512];
	/* The clerk who registers it, or a supervisor screening it. */
	if (!actor || (!lf_can(actor->roles, LF_PERM_REGISTER) && !lf_can(actor->roles, LF_PERM_SCREEN))) {
		lf_require(actor, LF_PERM_REGISTER, why, sizeof why);
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	}
	char office[4 * LF_ORIGIN_OFFICE_MAX + 1], no[LF_ORIGIN_CASE_NO_LEN];
	if (!lf_origin_parse(a->review_of, office, sizeof office, no, why, sizeof why))
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
	if (a->n_files > FILES_MAX)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("documents: at most %d files"), FILES_MAX);
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_key, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *answer = NULL;
	lf_attachment *files = NULL;
	lf_exchange_doc *docs = NULL;
	lf_case c;
	memset(&c, 0, sizeof c);
	if ((e = cf_unlocked(st, &flow, msg, len)) != LF_STORE_OK)
		goto out;
	if (flow.state != LF_ST_REGISTERED) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("review of: the origin is recorded when the case is registered; this case is %s"),
		              lf_state_label(flow.state));
		goto out;
	}
	if ((e = lf_store_get_case(st, flow.case_id, &c)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	if (has_origin(&c)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("review of: this case already records the case it came from"));
		goto out;
	}
	if ((e = cf_text(st, a->answer, true, false, ANSWER_MAX_CHARS, N_("original answer"), &answer, msg, len)) !=
	    LF_STORE_OK)
		goto out;
	if (!answer[0] && !a->n_files) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("review of: give the original written answer (its text, or its scanned documents)"));
		goto out;
	}
	files = calloc(a->n_files ? a->n_files : 1, sizeof *files);
	docs = calloc(a->n_files ? a->n_files : 1, sizeof *docs);
	if (!files || !docs) {
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < a->n_files; i++) {
		if ((e = lf_attachment_copy(st, _("document of the original answer"), a->files[i], &files[i], msg, len)) !=
		    LF_STORE_OK)
			goto out;
		docs[i] = (lf_exchange_doc){.name = files[i].name, .sha256 = files[i].sha256,
		                            .type = files[i].type[0] ? files[i].type : NULL, .size = files[i].size};
	}
	/* The record's digest: what the clerk entered, so `laifang check`
	 * and a reader can tell the recorded origin from another. */
	char id[37], sha[65];
	xch_uuid(id);
	size_t blen = strlen(office) + strlen(no) + strlen(answer) + 70 * (a->n_files + 1);
	char *body = malloc(blen);
	if (!body) {
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		goto out;
	}
	size_t used = (size_t)snprintf(body, blen, "%s\n%s\n%s\n", office, no, answer);
	for (size_t i = 0; i < a->n_files && used < blen; i++)
		used += (size_t)snprintf(body + used, blen - used, "%s\n", files[i].sha256);
	xch_sha256(body, sha);
	free(body);
	char signer[256];
	cf_signer(actor, signer, sizeof signer);
	char line[1024];
	snprintf(line, sizeof line, _("from %s, its case %s; the original answer and %zu document(s)"), office, no,
	         a->n_files);
	if ((e = lf_store_begin(st)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	lf_exchange_rec rec = {.id = id, .direction = "in", .kind = "review", .case_id = flow.case_id, .peer = office,
	                       .peer_key = "-", /* by hand: no signature to check */
	                       .peer_case_no = no, .sha256 = sha, .docs = docs, .n_docs = a->n_files,
	                       .origin_answer = answer[0] ? answer : NULL};
	e = lf_store_exchange_record(st, &rec);
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.case_id = flow.case_id, .kind = "review_origin", .reason = line,
		                  .text = answer[0] ? answer : NULL, .urgent = -1, .major = -1, .signer_name = signer};
		e = lf_store_case_event(st, &ev);
	}
	if (e == LF_STORE_OK)
		e = lf_store_commit(st);
	if (e != LF_STORE_OK) {
		char keep[768];
		snprintf(keep, sizeof keep, "%s", lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, keep);
		e = cf_passed(st, e, msg, len);
	}
out:
	lf_case_free(&c);
	lf_case_flow_free(&flow);
	free(answer);
	free(files);
	free(docs);
	return e;
}

typedef struct docs_ctx {
	lf_origin_doc_fn fn;
	void *ud;
} docs_ctx;

static int one_doc(const lf_exchange_doc *d, void *ud)
{
	docs_ctx *x = ud;
	return x->fn(d->name, d->sha256, d->size, x->ud);
}

lf_store_err lf_review_origin_docs(lf_store *st, const lf_user *actor, const char *case_key, lf_origin_doc_fn fn,
                                   void *ud, char *msg, size_t len)
{
	lf_store_err e = lf_case_require_readable(st, actor, case_key, "read", msg, len);
	if (e != LF_STORE_OK)
		return e;
	docs_ctx x = {.fn = fn, .ud = ud};
	return cf_passed(st, lf_store_exchange_case_files(st, case_key, one_doc, &x), msg, len);
}
