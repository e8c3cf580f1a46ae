/* The facts of a written review decision (复查意见书) or re-review
 * decision (复核意见书, issue 13, 《信访工作条例》第三十五条, 第三十六条)
 * from the case's events: the latest request, the written decision it is
 * about (the reply, or the review opinion) with its 文号 when it was
 * printed, and the day the visitor received it as the request records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/notice_no.h"
#include "paper_internal.h"

static void keep(char **dst, const char *src)
{
	free(*dst);
	*dst = src && src[0] ? strdup(src) : NULL;
}

typedef struct scan {
	const char *request_kind, *prior_kind;
	paper_review *out;
} scan;

static int see(const lf_event *e, void *ud)
{
	scan *s = ud;
	if (!e->kind)
		return 0;
	if (!strcmp(e->kind, s->prior_kind)) {
		snprintf(s->out->prior_on, sizeof s->out->prior_on, "%.10s", e->at ? e->at : "");
		keep(&s->out->prior_text, e->text);
	} else if (!strcmp(e->kind, s->request_kind)) {
		snprintf(s->out->request_on, sizeof s->out->request_on, "%.10s", e->at ? e->at : "");
		/* The request's reason is the day the visitor received the decision. */
		snprintf(s->out->prior_received, sizeof s->out->prior_received, "%.10s", e->reason ? e->reason : "");
		keep(&s->out->request_text, e->text);
	}
	return 0; /* on to the latest */
}

lf_store_err paper_review_facts(lf_store *st, const char *case_id, bool rereview, paper_review *out)
{
	memset(out, 0, sizeof *out);
	scan s = {.request_kind = rereview ? "rereview_request" : "review_request",
	          .prior_kind = rereview ? "review_decide" : "reply",
	          .out = out};
	out->prior_title = rereview ? "信访事项复查意见书" : "信访事项答复意见书";
	lf_store_err e = lf_case_read_events(st, case_id, see, &s);
	if (e != LF_STORE_OK)
		return e;
	/* A review of a lower office's answer (from-lower): no reply here; the
	 * decision reviewed is that office's, as the case's origin records. */
	if (!rereview && !out->prior_on[0]) {
		lf_case c;
		memset(&c, 0, sizeof c);
		if (lf_case_read(st, case_id, &c) == LF_STORE_OK) {
			for (size_t i = 0; i < c.n_intake; i++) {
				const char *id = c.intake_ids[i], *v = c.intake_values[i];
				if (!id)
					continue;
				if (!strcmp(id, "from_office"))
					keep(&out->origin_office, v);
				else if (!strcmp(id, "from_case_no"))
					keep(&out->origin_case_no, v);
				else if (!strcmp(id, "from_answer"))
					keep(&out->prior_text, v);
			}
		}
		lf_case_free(&c);
		if (out->origin_case_no)
			return LF_STORE_OK;
	}
	lf_notice_no no;
	memset(&no, 0, sizeof no);
	if (lf_notice_number_read(st, case_id, rereview ? "review" : "answer", &no) == LF_STORE_OK)
		snprintf(out->prior_doc_no, sizeof out->prior_doc_no, "%s", no.doc_no);
	return LF_STORE_OK;
}

void paper_review_free(paper_review *r)
{
	free(r->prior_text);
	free(r->request_text);
	free(r->origin_office);
	free(r->origin_case_no);
	r->prior_text = r->request_text = r->origin_office = r->origin_case_no = NULL;
}
