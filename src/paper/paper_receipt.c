/* The receipt handed to the visitor at the desk (信访事项登记回执, issue
 * 15): one A4 page with the office's name, the case number, the query code
 * in large type and as a QR code, the date received, what the office does
 * next and by when, and how to ask about progress.
 *
 * Like the notices (paper_notice.c) the wording is Chinese and not
 * translated: it is handed to the visitor whatever the desk's language.
 * The articles cited are checked against 《信访工作条例》(2022):
 * 第二十二条 (the petition office handles what it receives within 15 days),
 * 第二十三条 (an office tells the petitioner in writing within 15 days),
 * 第三十四条 (60 days from acceptance, extendable by at most 30). */
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/audit.h"
#include "laifang/case_clocks.h"
#include "laifang/case_read.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/query.h"
#include "laifang/settings.h"
#include "paper_internal.h"

#define SIZE_OFFICE 16.0
#define SIZE_TITLE 22.0
#define SIZE_CODE 30.0
#define SIZE_BODY 13.0
#define SIZE_SMALL 10.0
#define QR_SIZE 130.0

void lf_paper_receipt_qr_text(const char *case_no, const char *query_code, char *buf, size_t len)
{
	char shown[LF_QUERY_CODE_SHOWN + 8];
	lf_query_code_show(query_code, shown, sizeof shown);
	snprintf(buf, len, "CASE %s CODE %s", case_no ? case_no : "", shown);
}

static bool set(const char *s)
{
	return s && s[0];
}

/* What the office does next, one paragraph per clock told of. */
static void next_steps(const lf_receipt *r, char *b, size_t cap)
{
	size_t used = 0;
	b[0] = '\0';
	for (int i = 0; i < r->n_due && i < 2; i++) {
		const lf_receipt_due *d = &r->due[i];
		char due[64];
		paper_date_cn(d->due_on, due, sizeof due);
		if (d->estimated && strlen(due) + sizeof "（估算）" <= sizeof due)
			strcat(due, "（估算）");
		if (!set(d->rule) || !set(d->due_on))
			continue;
		if (!strcmp(d->rule, "route"))
			used += (size_t)snprintf(b + used, cap - used,
			                         "%s　　依照《信访工作条例》第二十二条、第二十三条，本机关将自登记之日起15日内，"
			                         "即于%s前，对您的信访事项区分情况作出处理（受理、转送、交办，或者告知您"
			                         "向有权处理的机关提出），并告知您。",
			                         used ? "\n" : "", due);
		else if (!strcmp(d->rule, "handle") && d->extended)
			used += (size_t)snprintf(b + used, cap - used,
			                         "%s　　依照《信访工作条例》第三十四条，您的信访事项经批准已延长办理期限，"
			                         "应当于%s前办结。",
			                         used ? "\n" : "", due);
		else if (!strcmp(d->rule, "handle"))
			used += (size_t)snprintf(b + used, cap - used,
			                         "%s　　依照《信访工作条例》第三十四条，您的信访事项应当于%s前办结；"
			                         "情况复杂的，经批准可以适当延长，但延长期限不超过30日，并告知您延期理由。",
			                         used ? "\n" : "", due);
		if (used >= cap)
			return;
	}
	if (!used)
		snprintf(b, cap, "　　本机关将依照《信访工作条例》的规定处理您的信访事项，并告知您处理情况。");
}

/* How to ask about progress. */
static void how_to_ask(const lf_receipt *r, char *b, size_t cap)
{
	char shown[LF_QUERY_CODE_SHOWN + 8];
	lf_query_code_show(r->query_code, shown, sizeof shown);
	size_t used = (size_t)snprintf(b, cap,
	                               "　　您可以凭案件编号和查询码 %s 向本机关查询办理进展%s", shown,
	                               set(r->phone) || set(r->address) ? "：" : "。");
	if (used < cap && set(r->phone))
		used += (size_t)snprintf(b + used, cap - used, "咨询电话 %s%s", r->phone, set(r->address) ? "；" : "。");
	if (used < cap && set(r->address))
		snprintf(b + used, cap - used, "地址 %s。", r->address);
}

bool lf_paper_receipt_pdf(const lf_receipt *r, const char *path, char *err, size_t len)
{
	if (!r || !set(r->case_no) || !set(r->query_code)) {
		snprintf(err, len, "%s", _("a receipt needs the case number and its query code"));
		return false;
	}
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len))
		return false;
	cairo_t *cr = doc.cr;
	cairo_set_source_rgb(cr, 0, 0, 0);
	double x = PAPER_MARGIN + 10, w = PAPER_W - 2 * x, y = PAPER_MARGIN + 10;

	if (set(r->office))
		y += paper_text(cr, x, y, r->office, SIZE_OFFICE, true, w, PAPER_CENTER) + 12;
	y += paper_text(cr, x, y, "信访事项登记回执", SIZE_TITLE, true, w, PAPER_CENTER) + 14;
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_stroke(cr);
	y += 18;

	/* The facts on the left, the QR code on the right. */
	double top = y, qx = x + w - QR_SIZE, tw = w - QR_SIZE - 16;
	char line[256], date[64], shown[LF_QUERY_CODE_SHOWN + 8], qr[128];
	snprintf(line, sizeof line, "案件编号：%s", r->case_no);
	y += paper_text(cr, x, y, line, SIZE_BODY + 1, false, tw, PAPER_LEFT) + 8;
	paper_date_cn(r->received_on, date, sizeof date);
	snprintf(line, sizeof line, "登记日期：%s", set(r->received_on) ? date : "");
	y += paper_text(cr, x, y, line, SIZE_BODY + 1, false, tw, PAPER_LEFT) + 14;
	y += paper_text(cr, x, y, "查询码", SIZE_BODY, false, tw, PAPER_LEFT) + 4;
	lf_query_code_show(r->query_code, shown, sizeof shown);
	y += paper_text(cr, x, y, shown, SIZE_CODE, true, tw, PAPER_LEFT) + 4;
	y += paper_text(cr, x, y, "（查询码是您查询本事项的凭证，请妥善保管，勿交他人）", SIZE_SMALL, false, tw,
	                PAPER_LEFT);
	lf_paper_receipt_qr_text(r->case_no, r->query_code, qr, sizeof qr);
	if (!paper_draw_qr(cr, qx, top - 6, QR_SIZE, qr)) {
		paper_abort(&doc);
		snprintf(err, len, "%s", _("the QR code could not be drawn"));
		return false;
	}
	if (y < top + QR_SIZE)
		y = top + QR_SIZE;
	y += 24;

	char body[2048];
	y += paper_text(cr, x, y, "一、后续办理", SIZE_BODY, true, w, PAPER_LEFT) + 8;
	next_steps(r, body, sizeof body);
	PangoLayout *l = paper_layout(cr, body, SIZE_BODY, false, w, PAPER_LEFT);
	pango_layout_set_spacing(l, (int)(6 * PANGO_SCALE));
	y += paper_lines(cr, l, 0, pango_layout_get_line_count(l), x, y) + 16;
	g_object_unref(l);

	y += paper_text(cr, x, y, "二、查询办理进展", SIZE_BODY, true, w, PAPER_LEFT) + 8;
	how_to_ask(r, body, sizeof body);
	l = paper_layout(cr, body, SIZE_BODY, false, w, PAPER_LEFT);
	pango_layout_set_spacing(l, (int)(6 * PANGO_SCALE));
	y += paper_lines(cr, l, 0, pango_layout_get_line_count(l), x, y);
	g_object_unref(l);

	/* The foot: the office and the day printed, room for the seal. */
	y += 48;
	if (set(r->office))
		y += paper_text(cr, x, y, r->office, SIZE_BODY, false, w - 24, PAPER_RIGHT) + 6;
	paper_date_cn(r->printed_on, date, sizeof date);
	y += paper_text(cr, x, y, set(r->printed_on) ? date : "　　　　年　　月　　日", SIZE_BODY, false, w - 24,
	                PAPER_RIGHT);
	paper_text(cr, x, y, "（盖章）", SIZE_SMALL, false, w - 24, PAPER_RIGHT);
	paper_text(cr, x, PAPER_H - PAPER_MARGIN - 16, "本回执交信访人收执。", SIZE_SMALL, false, w, PAPER_LEFT);
	return paper_end(&doc, err, len);
}

/* ---- printing for a person ---------------------------------------------- */

typedef struct dues {
	char rule[2][16], due[2][11];
	bool estimated[2];
	int n;
} dues;

/* The running clocks a visitor is told of (route, handle), as they
 * started: never an internal one (report, object). */
static int pick_due(const lf_clock_row *k, void *ud)
{
	dues *d = ud;
	if (d->n >= 2 || !k->state || strcmp(k->state, "running") || !k->rule || !k->due)
		return 0;
	if (strcmp(k->rule, "route") && strcmp(k->rule, "handle"))
		return 0;
	snprintf(d->rule[d->n], sizeof d->rule[d->n], "%s", k->rule);
	snprintf(d->due[d->n], sizeof d->due[d->n], "%.10s", k->due);
	d->estimated[d->n] = k->estimated;
	d->n++;
	return 0;
}

static lf_store_err fail(lf_store *st, lf_store_err kind, const char *text, char *msg, size_t len)
{
	lf_office_set_error(st, kind, text);
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return kind;
}

lf_store_err lf_paper_print_receipt(lf_store *st, const lf_user *actor, const char *case_no, const char *path,
                                    char *msg, size_t len)
{
	char text[512], code[LF_QUERY_CODE_LEN];
	if (msg && len)
		msg[0] = '\0';
	/* Need to know first (lf_query_code_of asks), then the code: minted now
	 * for a case older than query codes. */
	lf_store_err e = lf_query_code_of(st, actor, case_no ? case_no : "", true, code, text, sizeof text);
	if (e != LF_STORE_OK) {
		if (e == LF_STORE_NOTFOUND && !text[0])
			snprintf(text, sizeof text, _("there is no case \"%s\""), case_no ? case_no : "");
		return fail(st, e, text[0] ? text : lf_office_errmsg(st), msg, len);
	}
	lf_case c;
	if ((e = lf_case_read(st, case_no, &c)) != LF_STORE_OK)
		return fail(st, e, lf_office_errmsg(st), msg, len);
	dues d = {0};
	e = lf_case_clocks(st, actor, c.case_id, pick_due, &d, text, sizeof text);
	if (e != LF_STORE_OK) {
		lf_case_free(&c);
		return fail(st, e, text[0] ? text : lf_office_errmsg(st), msg, len);
	}
	/* The earliest first. */
	if (d.n == 2 && strcmp(d.due[1], d.due[0]) < 0) {
		dues t = d;
		for (int i = 0; i < 2; i++) {
			memcpy(d.rule[i], t.rule[1 - i], sizeof d.rule[i]);
			memcpy(d.due[i], t.due[1 - i], sizeof d.due[i]);
			d.estimated[i] = t.estimated[1 - i];
		}
	}
	/* An extension told of as done, not as still possible. */
	lf_case_flow flow;
	bool extended = false;
	if (lf_case_read_flow(st, c.case_id, &flow) == LF_STORE_OK) {
		extended = flow.extended;
		lf_case_flow_free(&flow);
	}
	char office[LF_SETTING_VALUE_MAX], phone[LF_SETTING_VALUE_MAX], address[LF_SETTING_VALUE_MAX];
	char today[LF_DATE_LEN];
	lf_setting_text(st, "office_name", office, sizeof office);
	lf_setting_text(st, "office_phone_inquiry", phone, sizeof phone);
	lf_setting_text(st, "office_address", address, sizeof address);
	lf_date_format(lf_date_today(), today);
	lf_receipt r = {.office = office, .case_no = c.case_no, .query_code = code, .received_on = c.received_on,
	                .printed_on = today, .phone = phone, .address = address, .n_due = d.n};
	for (int i = 0; i < d.n; i++)
		r.due[i] = (lf_receipt_due){d.rule[i], d.due[i], d.estimated[i], extended && !strcmp(d.rule[i], "handle")};
	char err[512];
	if (!lf_paper_receipt_pdf(&r, path, err, sizeof err))
		e = fail(st, LF_STORE_IO, err, msg, len);
	if (e == LF_STORE_OK && (e = lf_audit_case_printed(st, actor, c.case_id, "receipt")) != LF_STORE_OK) {
		/* A print that cannot be logged is not handed out. */
		unlink(path);
		if (msg && len)
			snprintf(msg, len, "%s", lf_office_errmsg(st));
	}
	lf_case_free(&c);
	return e;
}
