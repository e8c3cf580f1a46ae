/* The petitioner's evaluation form (信访事项满意度评价表, issue 13, 可评价):
 * one A4 page the visitor fills in by hand after the answer — how satisfied
 * with the petition office and with the handling unit, why when not, signed
 * and dated — with the case number and the query code (and its QR code) so
 * the office finds the case when the form comes back. Chinese wording, not
 * translated: it is handed to the visitor, as the notices are. */
#include "laifang/paper.h"

#include <stdio.h>
#include <string.h>

#include "laifang/case_eval.h"
#include "laifang/case_read.h"
#include "laifang/evaluation.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/notice_text.h"
#include "laifang/query.h"
#include "laifang/query_code.h"
#include "laifang/settings.h"
#include "laifang/store_flow.h"
#include "paper_internal.h"

#define SIZE_OFFICE 16.0
#define SIZE_TITLE 22.0
#define SIZE_BODY 13.0
#define SIZE_SMALL 10.0
#define QR_SIDE 72.0

static const char *or_blank(const char *s)
{
	return s && s[0] ? s : LF_TMPL_BLANK;
}

static void rule(cairo_t *cr, double x0, double y, double x1)
{
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

bool lf_paper_evaluation_pdf(const lf_paper_evaluation *f, const char *path, char *err, size_t len)
{
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len))
		return false;
	cairo_t *cr = doc.cr;
	cairo_set_source_rgb(cr, 0, 0, 0);
	double x = PAPER_MARGIN + 10, w = PAPER_W - 2 * x, y = PAPER_MARGIN + 10;
	const char *office = f->office && f->office[0] ? f->office : "信访办公室";
	y += paper_text(cr, x, y, office, SIZE_OFFICE, true, w, PAPER_CENTER) + 12;
	y += paper_text(cr, x, y, "信访事项满意度评价表", SIZE_TITLE, true, w, PAPER_CENTER) + 18;

	/* The facts of the case, as a two-column table. */
	char code[LF_QUERY_CODE_SHOWN + 8] = "", answered[64] = "";
	if (f->query_code && f->query_code[0])
		lf_query_code_show(f->query_code, code, sizeof code);
	paper_date_cn(f->answered_on, answered, sizeof answered);
	const struct {
		const char *label, *value;
	} rows[] = {
		{"信访事项编号", or_blank(f->case_no)}, {"查询码", or_blank(code)},
		{"信访人", or_blank(f->name)},         {"信访部门", office},
		{"办理单位", or_blank(f->unit)},       {"答复日期", or_blank(answered)},
	};
	double label_w = 110, row_h = 30, top = y;
	cairo_set_line_width(cr, 0.8);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		paper_text(cr, x + 6, y + 7, rows[i].label, SIZE_BODY - 1, false, label_w - 12, PAPER_CENTER);
		paper_text(cr, x + label_w + 8, y + 7, rows[i].value, SIZE_BODY - 1, false, w - label_w - 16, PAPER_LEFT);
		y += row_h;
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + w, y);
	}
	cairo_rectangle(cr, x, top, w, y - top);
	cairo_move_to(cr, x + label_w, top);
	cairo_line_to(cr, x + label_w, y);
	cairo_stroke(cr);
	y += 22;

	/* The two judgements, each one box to tick. */
	y += paper_text(cr, x, y, "请在您的评价前的方框内打“√”：", SIZE_BODY, false, w, PAPER_LEFT) + 12;
	y += paper_text(cr, x + 20, y, "对信访部门的评价：　□ 满意　　□ 基本满意　　□ 不满意", SIZE_BODY, false, w - 20,
	                PAPER_LEFT) + 12;
	y += paper_text(cr, x + 20, y, "对办理单位的评价：　□ 满意　　□ 基本满意　　□ 不满意", SIZE_BODY, false, w - 20,
	                PAPER_LEFT) + 18;
	y += paper_text(cr, x, y, "不满意的，请写明理由：", SIZE_BODY, false, w, PAPER_LEFT) + 8;
	for (int i = 0; i < 5; i++) {
		y += 26;
		rule(cr, x + 20, y, x + w);
	}
	y += 30;
	y += paper_text(cr, x, y, "评价人（签名）：＿＿＿＿＿＿＿＿　　　　联系电话：＿＿＿＿＿＿＿＿", SIZE_BODY, false, w,
	                PAPER_LEFT) + 14;
	y += paper_text(cr, x, y, "评价日期：　　　　年　　月　　日", SIZE_BODY, false, w, PAPER_LEFT) + 24;

	/* When to hand it back, and the QR code of the query code. */
	double foot = y;
	char due[64] = "", line[256];
	if (f->due_on && f->due_on[0]) {
		paper_date_cn(f->due_on, due, sizeof due);
		snprintf(line, sizeof line, "请于%s前填写本表并交回或者寄回%s。", due, office);
	} else
		snprintf(line, sizeof line, "请填写本表并交回或者寄回%s。", office);
	double tw = w - QR_SIDE - 20;
	y += paper_text(cr, x, y, line, SIZE_SMALL + 1, false, tw, PAPER_LEFT) + 4;
	y += paper_text(cr, x, y, "您的评价分别记录对信访部门和对办理单位的满意程度，不影响您依法提出复查、复核请求。",
	                SIZE_SMALL + 1, false, tw, PAPER_LEFT);
	if (f->query_code && f->query_code[0]) {
		char payload[128];
		lf_paper_receipt_qr_text(f->case_no, f->query_code, payload, sizeof payload);
		paper_draw_qr(cr, x + w - QR_SIDE, foot, QR_SIDE, payload);
	}
	return paper_end(&doc, err, len);
}

/* ---- printing for a person (paper_print.c calls this) ---- */

static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *text)
{
	lf_office_set_error(st, kind, text);
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return kind;
}

lf_store_err paper_print_evaluation(lf_store *st, const lf_user *actor, const lf_case *c, const char *path, char *msg,
                                    size_t len)
{
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	lf_store_err e = lf_case_read_flow(st, c->case_id, &flow);
	if (e != LF_STORE_OK) {
		if (msg && len)
			snprintf(msg, len, "%s", lf_office_errmsg(st));
		return e;
	}
	char text[512];
	if (!lf_eval_answered(flow.state)) {
		snprintf(text, sizeof text,
		         _("case %s has no answer to evaluate yet: the evaluation form is printed once the answer is given"),
		         c->case_no);
		e = refuse(st, LF_STORE_INVALID, msg, len, text);
		lf_case_flow_free(&flow);
		return e;
	}
	lf_case_eval ev;
	memset(&ev, 0, sizeof ev);
	char why[512];
	if (lf_case_eval_read(st, actor, c->case_id, &ev, why, sizeof why) != LF_STORE_OK)
		memset(&ev, 0, sizeof ev); /* the form still prints, its dates left blank */
	char office[256], code[LF_QUERY_CODE_LEN] = "", qwhy[256];
	lf_paper_office(st, office, sizeof office);
	if (lf_query_code_of(st, actor, c->case_id, false, code, qwhy, sizeof qwhy) != LF_STORE_OK)
		code[0] = '\0';
	lf_paper_evaluation f = {
		.office = office,
		.case_no = c->case_no,
		.query_code = code[0] ? code : NULL,
		.name = c->name,
		.unit = ev.s.unit_name[0] ? ev.s.unit_name : flow.lead_unit_name,
		.answered_on = ev.s.reply_on[0] ? ev.s.reply_on : NULL,
		.due_on = ev.s.due_on[0] ? ev.s.due_on : NULL,
	};
	char err[512];
	if (!lf_paper_evaluation_pdf(&f, path, err, sizeof err))
		e = refuse(st, LF_STORE_IO, msg, len, err);
	lf_case_flow_free(&flow);
	return e;
}
