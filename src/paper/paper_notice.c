/* The notices to the visitor (告知书, 答复意见书; issue 15): a letter on A4
 * whose wording comes from its template (forms/notices/KIND.tmpl, an
 * office may use its own: lf_notice_template), headed by the office's name,
 * the title and the notice's own document number (文号); the visitor's
 * postal address; the body; the office, the date and the seal area; the
 * office's address and inquiry telephone; the place of the query code's QR
 * code; and, on its own page, the receipt of delivery (送达回证) the
 * visitor signs.
 *
 * The wording is Chinese and is not translated: a notice is an official
 * document handed to the visitor, in the same language whatever the
 * interface language of the desk that prints it, as the form file's labels
 * are. */
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/form.h"
#include "laifang/answer.h"
#include "laifang/agreement.h"
#include "laifang/supervision.h"
#include "laifang/i18n.h"
#include "laifang/notice_text.h"
#include "laifang/review.h"
#include "paper_internal.h"

#include "laifang/query_code.h"

#define SIZE_OFFICE 16.0
#define SIZE_TITLE 22.0
#define SIZE_BODY 13.0
#define SIZE_SMALL 10.0
#define QR_SIDE 72.0 /* points: the QR code's square (about 25 mm) */

static const struct {
	const char *key, *title;
} kinds[LF_PAPER_COUNT] = {
	[LF_PAPER_SHEET] = {"sheet", "群众来访登记表"},
	[LF_PAPER_BLANK] = {"blank", "群众来访登记表"},
	[LF_PAPER_ACCEPT] = {"accept", "信访事项受理告知书"},
	[LF_PAPER_DECLINE] = {"decline", "信访事项不予受理告知书"},
	[LF_PAPER_TRANSFER] = {"transfer", "信访事项转送告知书"},
	[LF_PAPER_ASSIGN] = {"assign", "信访事项交办告知书"},
	[LF_PAPER_EXTEND] = {"extend", "延长信访事项办理期限告知书"},
	[LF_PAPER_REFER] = {"refer", "转纪检监察机关告知书"},
	[LF_PAPER_ANSWER] = {"answer", "信访事项答复意见书"},
	[LF_PAPER_REFER_LAW] = {"refer_law", "转政法机关告知书"},
	[LF_PAPER_REVIEW] = {"review", "信访事项复查意见书"},
	[LF_PAPER_REREVIEW] = {"rereview", "信访事项复核意见书"},
	[LF_PAPER_EVALUATION] = {"evaluation", "信访事项满意度评价表"},
	[LF_PAPER_SUPERVISE] = {"supervise", "信访事项督办通知"},
	[LF_PAPER_AGREEMENT] = {"agreement", "调解（和解）协议书"},
};

const char *lf_paper_key(lf_paper_kind k)
{
	return (unsigned)k < LF_PAPER_COUNT ? kinds[k].key : NULL;
}

const char *lf_paper_title(lf_paper_kind k)
{
	return (unsigned)k < LF_PAPER_COUNT ? kinds[k].title : NULL;
}

bool lf_paper_notice_parse(const char *key, lf_paper_kind *out)
{
	for (int k = LF_PAPER_ACCEPT; key && k < LF_PAPER_COUNT; k++)
		if (!strcmp(kinds[k].key, key)) {
			*out = (lf_paper_kind)k;
			return true;
		}
	return false;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The template's variables (docs/paper.md lists them). Dates in Chinese
 * form; the due date marked 估算 past the published holiday arrangements. */
typedef struct notice_vars {
	char received[64], decided[64], due[80], old_due[64], issued[64];
	char request_on[64], prior_on[64], prior_received[64];
	const char *ground_basis;
	char parties[1024];
	char reason_phrase[2048];
	lf_tmpl_var v[56];
	size_t n;
} notice_vars;

static void add(notice_vars *nv, const char *key, const char *value)
{
	if (nv->n < sizeof nv->v / sizeof nv->v[0])
		nv->v[nv->n++] = (lf_tmpl_var){key, value};
}

/* The reason as a clause inside a sentence ("因{reason_phrase}，…"): the
 * words a person typed as a sentence of their own, without the 因 or 由于
 * they began with and the stop they ended with. */
static void reason_clause(const char *reason, char *out, size_t len)
{
	static const char *const heads[] = {"因为", "由于", "因"};
	static const char *const tails[] = {"。", "．", "；", "！", "，", "、", ".", ";", "!", ",", " "};
	const char *p = reason ? reason : "";
	while (*p == ' ')
		p++;
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (!strncmp(p, heads[i], strlen(heads[i]))) {
			p += strlen(heads[i]);
			break;
		}
	snprintf(out, len, "%s", p);
	for (bool cut = true; cut;) {
		cut = false;
		size_t n = strlen(out);
		for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
			size_t k = strlen(tails[i]);
			if (n >= k && !strcmp(out + n - k, tails[i])) {
				out[n - k] = '\0';
				cut = true;
				break;
			}
		}
	}
}

static void vars_of(const lf_notice *n, notice_vars *nv)
{
	memset(nv, 0, sizeof *nv);
	paper_date_cn(n->received_on, nv->received, sizeof nv->received);
	paper_date_cn(n->decided_on, nv->decided, sizeof nv->decided);
	paper_date_cn(n->due_on, nv->due, sizeof nv->due);
	paper_date_cn(n->old_due, nv->old_due, sizeof nv->old_due);
	if (n->due_on && n->due_on[0] && n->due_estimated && strlen(nv->due) + sizeof "（估算）" <= sizeof nv->due)
		strcat(nv->due, "（估算）");
	const lf_decline_ground *g = lf_decline_ground_find(n->ground);
	add(nv, "office", n->office);
	add(nv, "office_address", n->office_address);
	add(nv, "office_phone", n->office_phone);
	add(nv, "office_above", n->office_above);
	add(nv, "doc_no", n->doc_no);
	add(nv, "case_no", n->case_no);
	add(nv, "name", n->name);
	add(nv, "address", n->address);
	add(nv, "query_code", n->query_code);
	add(nv, "received_on", nv->received);
	add(nv, "decided_on", nv->decided);
	add(nv, "due_on", nv->due);
	add(nv, "old_due", nv->old_due);
	add(nv, "reason", n->reason);
	reason_clause(n->reason, nv->reason_phrase, sizeof nv->reason_phrase);
	add(nv, "reason_phrase", n->reason ? nv->reason_phrase : NULL);
	add(nv, "unit", n->unit);
	add(nv, "approver", n->approver);
	add(nv, "routed", n->routed);
	add(nv, "ground", g ? g->key : NULL);
	add(nv, "ground_basis", g ? g->basis : NULL);
	add(nv, "content", n->content);
	add(nv, "text", n->text);
	add(nv, "opinion", n->answer_opinion);
	add(nv, "opinion_word", lf_answer_opinion_word(n->answer_opinion));
	add(nv, "facts", n->answer_facts);
	add(nv, "basis", n->answer_basis);
	add(nv, "signer", n->signer);
	/* Issue 13: review and re-review (复查意见书, 复核意见书). */
	paper_date_cn(n->request_on, nv->request_on, sizeof nv->request_on);
	paper_date_cn(n->prior_on, nv->prior_on, sizeof nv->prior_on);
	paper_date_cn(n->prior_received, nv->prior_received, sizeof nv->prior_received);
	add(nv, "review_opinion", n->review_opinion);
	add(nv, "review_opinion_word", lf_review_opinion_word(n->review_opinion));
	add(nv, "request_on", nv->request_on);
	add(nv, "request_text", n->request_text);
	add(nv, "prior_title", n->prior_title);
	add(nv, "prior_doc_no", n->prior_doc_no);
	add(nv, "prior_on", nv->prior_on);
	add(nv, "prior_text", n->prior_text);
	add(nv, "prior_received", nv->prior_received);
	add(nv, "office_rereview", n->office_rereview);
	add(nv, "origin_office", n->origin_office);
	add(nv, "origin_case_no", n->origin_case_no);
	/* Issue 13: the supervision notice and the agreement. */
	add(nv, "level", n->level);
	add(nv, "level_word", lf_supervision_level_word(n->level));
	add(nv, "agreement_kind", n->agreement_kind);
	add(nv, "agreement_title", lf_agreement_title(n->agreement_kind));
	add(nv, "mediator", n->mediator);
	size_t k = 0;
	for (const char *p = n->parties ? n->parties : ""; *p && k + 8 < sizeof nv->parties; p++) {
		if (*p == '\n') {
			memcpy(nv->parties + k, "、", strlen("、"));
			k += strlen("、");
		} else
			nv->parties[k++] = *p;
	}
	nv->parties[k] = '\0';
	add(nv, "parties", nv->parties);
}

/* One line to sign: who, the place of the signature, the date to write. */
static double sign_row(cairo_t *cr, const char *who, const char *place, double x, double y, double w)
{
	double h = paper_text(cr, x, y, who, SIZE_BODY, false, w * 0.46, PAPER_LEFT);
	paper_text(cr, x + w * 0.48, y, place, SIZE_BODY, false, w * 0.26, PAPER_LEFT);
	paper_text(cr, x + w * 0.74, y, "　　年　　月　　日", SIZE_BODY, false, w * 0.26, PAPER_LEFT);
	return h;
}

/* Issue 13: the agreement's signature lines: each party, the mediator (a
 * mediation), who recorded it, each with its date to write by hand. */
static double draw_agreement_signatures(paper_doc *doc, const lf_notice *n, double x, double y, double w)
{
	cairo_t *cr = doc->cr;
	char line[512];
	double row = SIZE_BODY * 1.6 + 14;
	int rows = 2;
	for (const char *p = n->parties ? n->parties : ""; *p; p++)
		rows += *p == '\n';
	if (y + rows * row + 80 > PAPER_H - PAPER_MARGIN - 24) {
		paper_new_page(doc);
		y = PAPER_MARGIN + 10;
	}
	y += 24;
	/* Three columns, so the lines to sign align whatever the names. */
	for (const char *p = n->parties ? n->parties : ""; *p;) {
		size_t k = strcspn(p, "\n");
		snprintf(line, sizeof line, "当事人：%.*s", (int)k, p);
		y += sign_row(cr, line, "（签名或者盖章）", x, y, w) + 14;
		p += k + (p[k] ? 1 : 0);
	}
	if (n->agreement_kind && !strcmp(n->agreement_kind, "mediation")) {
		snprintf(line, sizeof line, "调解人：%s", n->mediator && n->mediator[0] ? n->mediator : LF_TMPL_BLANK);
		y += sign_row(cr, line, "（签名）", x, y, w) + 14;
	}
	char date[64];
	paper_date_cn(n->decided_on, date, sizeof date);
	snprintf(line, sizeof line, "记录人：%s　　　　记录日期：%s", n->signer && n->signer[0] ? n->signer : LF_TMPL_BLANK,
	         n->decided_on ? date : "　　　　年　　月　　日");
	y += paper_text(cr, x, y, line, SIZE_BODY, false, w, PAPER_LEFT) + 14;
	return y;
}

/* A thin frame, dashed or not. */
static void frame(cairo_t *cr, double x, double y, double w, double h, bool dashed)
{
	static const double dash[] = {3.0, 2.0};
	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	if (dashed)
		cairo_set_dash(cr, dash, 2, 0);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The case's query code at x, y: its QR code (the receipt's payload, case
 * number and code) in the square QR_SIDE x QR_SIDE, the code shown under
 * it. A case without a code (archived before codes existed) keeps a marked,
 * empty square: nothing pretends to be a code. */
static void draw_query_place(cairo_t *cr, const lf_notice *n, double x, double y)
{
	bool coded = n->query_code && n->query_code[0];
	char payload[128];
	if (coded)
		lf_paper_receipt_qr_text(n->case_no, n->query_code, payload, sizeof payload);
	if (!coded || !paper_draw_qr(cr, x, y, QR_SIDE, payload)) {
		frame(cr, x, y, QR_SIDE, QR_SIDE, true);
		paper_text(cr, x, y + QR_SIDE / 2 - 7, "查询二维码", SIZE_SMALL - 1, false, QR_SIDE, PAPER_CENTER);
	}
	char shown[LF_QUERY_CODE_SHOWN + 8], line[160];
	if (coded)
		lf_query_code_show(n->query_code, shown, sizeof shown);
	snprintf(line, sizeof line, "查询码：%s", coded ? shown : LF_TMPL_BLANK);
	paper_text(cr, x - 20, y + QR_SIDE + 3, line, SIZE_SMALL - 2, false, QR_SIDE + 40, PAPER_CENTER);
}

/* The seal area: a dashed circle where the seal goes, with its name. */
static void draw_seal_place(cairo_t *cr, const lf_notice *n, double cx, double cy)
{
	static const double dash[] = {3.0, 2.0};
	cairo_save(cr);
	cairo_set_line_width(cr, 0.5);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, 40, 0, 6.283185307);
	cairo_stroke(cr);
	const char *seal = n->office_seal && n->office_seal[0] ? n->office_seal : "盖章处";
	/* Low in the circle: the office's name and the date above stay legible. */
	paper_text(cr, cx - 34, cy + 22, seal, SIZE_SMALL - 3, false, 68, PAPER_CENTER);
	cairo_restore(cr);
}

/* The contact lines under the foot: only what the office has set. */
static double draw_contact(cairo_t *cr, const lf_notice *n, double x, double y, double w)
{
	double h = 0;
	char line[512];
	if (n->office_address && n->office_address[0]) {
		snprintf(line, sizeof line, "本机关地址：%s", n->office_address);
		h += paper_text(cr, x, y + h, line, SIZE_SMALL, false, w, PAPER_LEFT) + 2;
	}
	if (n->office_phone && n->office_phone[0]) {
		snprintf(line, sizeof line, "咨询电话：%s", n->office_phone);
		h += paper_text(cr, x, y + h, line, SIZE_SMALL, false, w, PAPER_LEFT) + 2;
	}
	char shown[LF_QUERY_CODE_SHOWN + 8] = "";
	if (n->query_code && n->query_code[0])
		lf_query_code_show(n->query_code, shown, sizeof shown);
	snprintf(line, sizeof line, "查询方式：凭信访事项编号 %s%s%s 向本机关查询办理进展和结果", or_empty(n->case_no),
	         shown[0] ? " 及查询码 " : "", shown);
	h += paper_text(cr, x, y + h, line, SIZE_SMALL, false, w, PAPER_LEFT) + 2;
	return h;
}

/* The receipt of delivery (送达回证), on a page of its own. */
static void draw_receipt(paper_doc *doc, const lf_notice *n, const char *title)
{
	cairo_t *cr = doc->cr;
	double x = PAPER_MARGIN + 10, w = PAPER_W - 2 * x, y = PAPER_MARGIN + 10;
	const char *office = n->office && n->office[0] ? n->office : "信访办公室";
	y += paper_text(cr, x, y, office, SIZE_OFFICE, true, w, PAPER_CENTER) + 10;
	y += paper_text(cr, x, y, "送达回证", SIZE_TITLE, true, w, PAPER_CENTER) + 18;

	char doc_line[512], addr[600], who[300];
	snprintf(doc_line, sizeof doc_line, "%s　%s", title, n->doc_no && n->doc_no[0] ? n->doc_no : LF_TMPL_BLANK);
	snprintf(addr, sizeof addr, "%s", n->address && n->address[0] ? n->address : LF_TMPL_BLANK);
	snprintf(who, sizeof who, "%s", n->name && n->name[0] ? n->name : LF_TMPL_BLANK);
	/* Issue 13: printed again after the delivery is recorded, the receipt
	 * says what the record knows; the visitor's signature stays theirs. */
	char how[300], by[300], signed_line[300], note[700];
	const char *m = n->delivery_method;
	bool known = m && m[0] && n->delivery_on && n->delivery_on[0];
	char on[64] = "　　　　年　　月　　日";
	if (known)
		paper_date_cn(n->delivery_on, on, sizeof on);
	if (!known)
		snprintf(how, sizeof how, "%s", "□ 直接送达　　□ 邮寄送达　　□ 电子送达　　□ 其他：＿＿＿＿＿＿");
	else if (!strcmp(m, "post"))
		snprintf(how, sizeof how, "■ 邮寄送达　邮件单号：%s", or_empty(n->delivery_tracking));
	else
		snprintf(how, sizeof how, "■ %s", !strcmp(m, "in_person") ? "直接送达" : !strcmp(m, "electronic") ? "电子送达"
		                                                                                         : "其他");
	snprintf(by, sizeof by, "%s　　　　%s", known && n->delivery_signer ? n->delivery_signer : "（签名）", on);
	if (known && n->delivery_refused)
		snprintf(signed_line, sizeof signed_line, "受送达人拒绝签收（拒签）　　%s", on);
	else
		snprintf(signed_line, sizeof signed_line, "%s", "（签名或者盖章）　　　　　　　　年　　月　　日");
	snprintf(note, sizeof note, "%s", known && n->delivery_note ? n->delivery_note : "");
	const struct {
		const char *label, *value;
		double h;
	} rows[] = {
		{"送达文书", doc_line, 46},
		{"信访事项编号", or_empty(n->case_no), 34},
		{"受送达人", who, 34},
		{"送达地址", addr, 46},
		{"送达方式", how, 34},
		{"送达人", by, 46},
		{"受送达人签收", signed_line, 64},
		{"代收人及代收理由", "", 46},
		{"备注", note, 40},
	};
	double label_w = 110;
	cairo_set_line_width(cr, 0.8);
	double top = y;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		paper_text(cr, x + 6, y + 8, rows[i].label, SIZE_BODY - 1, false, label_w - 12, PAPER_CENTER);
		paper_text(cr, x + label_w + 8, y + 8, rows[i].value, SIZE_BODY - 1, false, w - label_w - 16, PAPER_LEFT);
		y += rows[i].h;
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + w, y);
	}
	cairo_rectangle(cr, x, top, w, y - top);
	cairo_move_to(cr, x + label_w, top);
	cairo_line_to(cr, x + label_w, y);
	cairo_stroke(cr);
	y += 14;
	paper_text(cr, x, y,
	           "注：受送达人签收后，本回证由送达机关存入案卷。邮寄送达的，以回执上注明的收件日期为送达日期。", SIZE_SMALL,
	           false, w, PAPER_LEFT);
}

/* The template text and the rendered notice; false with err set. */
static bool render(const lf_notice *nt, lf_notice_text *out, char *err, size_t len)
{
	char *own = NULL;
	const char *tmpl = nt->template_text;
	size_t tlen = nt->template_len;
	if (!tmpl) {
		own = lf_notice_template(kinds[nt->kind].key, &tlen, err, len);
		if (!own)
			return false;
		tmpl = own;
	}
	notice_vars nv;
	vars_of(nt, &nv);
	bool ok = lf_notice_render(tmpl, tlen, nv.v, nv.n, out, err, len);
	free(own);
	return ok;
}

bool lf_paper_notice_pdf(const lf_notice *nt, const char *path, char *err, size_t len)
{
	if (!nt || nt->kind < LF_PAPER_ACCEPT || nt->kind >= LF_PAPER_COUNT || nt->kind == LF_PAPER_EVALUATION) {
		snprintf(err, len, "%s", _("not a kind of notice"));
		return false;
	}
	lf_notice_text text;
	if (!render(nt, &text, err, len))
		return false;
	const char *title = text.title[0] ? text.title : kinds[nt->kind].title;
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len)) {
		lf_notice_text_free(&text);
		return false;
	}
	cairo_t *cr = doc.cr;
	cairo_set_source_rgb(cr, 0, 0, 0);
	double x = PAPER_MARGIN + 10, w = PAPER_W - 2 * x, y = PAPER_MARGIN + 10;
	const char *office = nt->office && nt->office[0] ? nt->office : "信访办公室";

	/* The head: office, title, 文号 centred under it (GB/T 9704), the case number. */
	y += paper_text(cr, x, y, office, SIZE_OFFICE, true, w, PAPER_CENTER) + 12;
	y += paper_text(cr, x, y, title, SIZE_TITLE, true, w, PAPER_CENTER) + 8;
	y += paper_text(cr, x, y, nt->doc_no && nt->doc_no[0] ? nt->doc_no : LF_TMPL_BLANK, SIZE_BODY, false, w,
	                PAPER_CENTER) + 4;
	char no[128];
	snprintf(no, sizeof no, "信访事项编号：%s", nt->case_no && nt->case_no[0] ? nt->case_no : LF_TMPL_BLANK);
	y += paper_text(cr, x, y, no, SIZE_SMALL + 1, false, w, PAPER_RIGHT) + 4;
	cairo_set_line_width(cr, 1.2);
	cairo_set_source_rgb(cr, 0.75, 0, 0); /* the red separator line of official paper */
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	y += 14;

	/* The visitor and the address the notice is mailed to; a supervision
	 * notice goes to the handling unit; an agreement names its parties in
	 * its body. */
	bool to_unit = nt->kind == LF_PAPER_SUPERVISE, agreement = nt->kind == LF_PAPER_AGREEMENT;
	char to[512];
	if (!to_unit && !agreement) {
		snprintf(to, sizeof to, "通信地址：%s", nt->address && nt->address[0] ? nt->address : LF_TMPL_BLANK);
		y += paper_text(cr, x, y, to, SIZE_SMALL, false, w, PAPER_LEFT) + 10;
	}
	if (!agreement) {
		const char *who = to_unit ? nt->unit : nt->name;
		snprintf(to, sizeof to, "%s：", who && who[0] ? who : LF_TMPL_BLANK);
		y += paper_text(cr, x, y, to, SIZE_BODY, false, w, PAPER_LEFT) + 8;
	}

	/* The body, on as many pages as a long text needs (time linear in its
	 * length); its closing words (特此告知。) are the template's. */
	double bottom = PAPER_H - PAPER_MARGIN - 24;
	paper_flow f;
	paper_flow_start(&f, cr, text.body, SIZE_BODY, w);
	while (!paper_flow_done(&f)) {
		y += paper_flow_draw(&f, x, y, bottom - y);
		if (!paper_flow_done(&f)) {
			paper_new_page(&doc);
			y = PAPER_MARGIN + 10;
		}
	}
	paper_flow_end(&f);

	if (agreement) {
		/* Signed by the parties and the mediator; no receipt of delivery:
		 * each party keeps a copy it signed. */
		draw_agreement_signatures(&doc, nt, x, y, w);
		lf_notice_text_free(&text);
		return paper_end(&doc, err, len);
	}

	/* The foot: office, date and seal to the right, the QR code's place to
	 * the left, the contact lines under them; all on one page. */
	/* The written answer, the review decisions and the notice to the unit are signed. */
	bool signed_line = (nt->kind == LF_PAPER_ANSWER || nt->kind == LF_PAPER_REVIEW || nt->kind == LF_PAPER_REREVIEW ||
	                    to_unit) &&
	                   nt->signer && nt->signer[0];
	/* To the unit: the seal beside the three lines, no QR code or contact lines under them. */
	double foot_h = to_unit ? 36 + 3 * SIZE_BODY * 1.6 + 16
	                        : 36 + (signed_line ? 3 : 2) * SIZE_BODY * 1.6 + 50 + 3 * SIZE_SMALL * 1.6;
	if (y + foot_h > bottom) {
		paper_new_page(&doc);
		y = PAPER_MARGIN + 10;
	}
	y += 36;
	double foot_top = y;
	char date[64];
	paper_date_cn(nt->decided_on, date, sizeof date);
	y += paper_text(cr, x, y, office, SIZE_BODY, false, w - 24, PAPER_RIGHT) + 6;
	y += paper_text(cr, x, y, nt->decided_on ? date : "　　　　年　　月　　日", SIZE_BODY, false, w - 24, PAPER_RIGHT);
	/* The written answer is signed (第三十二条): by who signed the reply,
	 * under the date, clear of the seal. */
	if (signed_line) {
		y += 6;
		char signed_by[320];
		snprintf(signed_by, sizeof signed_by, "签发人：%s", nt->signer);
		y += paper_text(cr, x, y, signed_by, SIZE_BODY, false, w - 24, PAPER_RIGHT);
	}
	draw_seal_place(cr, nt, x + w - 24 - 60, foot_top + 16);
	if (to_unit) {
		/* To the unit: no query code of the visitor's, no receipt for them. */
		paper_text(cr, x, PAPER_H - PAPER_MARGIN - 16, "本通知一式两份，一份送被督办单位，一份存入案卷。", SIZE_SMALL,
		           false, w, PAPER_LEFT);
		lf_notice_text_free(&text);
		return paper_end(&doc, err, len);
	}
	draw_query_place(cr, nt, x, foot_top - 6);
	y = foot_top + QR_SIDE + 20;
	draw_contact(cr, nt, x, y, w);
	paper_text(cr, x, PAPER_H - PAPER_MARGIN - 16, "本文书一式两份，一份送达信访人，一份连同送达回证存入案卷。",
	           SIZE_SMALL, false, w, PAPER_LEFT);

	paper_new_page(&doc);
	draw_receipt(&doc, nt, title);
	lf_notice_text_free(&text);
	return paper_end(&doc, err, len);
}
