/* The notices to the visitor (告知书): a letter on A4 with the office's
 * name, the title, the case number, the visitor, the body and the office's
 * name and date at the foot.
 *
 * The wording is Chinese and is not translated: a notice is an official
 * document handed to the visitor, in the same language whatever the
 * interface language of the desk that prints it, as the form file's labels
 * are. This table is the one place to change it. */
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "paper_internal.h"

#define SIZE_OFFICE 16.0
#define SIZE_TITLE 22.0
#define SIZE_BODY 13.0
#define SIZE_SMALL 10.0
#define BLANK "＿＿＿＿＿＿"

static const struct {
	const char *key, *title;
} kinds[LF_PAPER_COUNT] = {
	[LF_PAPER_SHEET] = {"sheet", "群众来访登记表"},
	[LF_PAPER_BLANK] = {"blank", "群众来访登记表"},
	[LF_PAPER_ACCEPT] = {"accept", "受理告知书"},
	[LF_PAPER_DECLINE] = {"decline", "不予受理告知书"},
	[LF_PAPER_TRANSFER] = {"transfer", "转送告知书"},
	[LF_PAPER_ASSIGN] = {"assign", "交办告知书"},
	[LF_PAPER_EXTEND] = {"extend", "延期告知书"},
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

static const char *or_blank(const char *s)
{
	return s && s[0] ? s : BLANK;
}

/* The paragraphs of a notice's body, each starting with a two-character
 * indent, separated by blank lines; malloc'd. */
static char *body_of(const lf_notice *n)
{
	char received[64], decided[64], due[64];
	paper_date_cn(n->received_on, received, sizeof received);
	paper_date_cn(n->decided_on, decided, sizeof decided);
	paper_date_cn(n->due_on, due, sizeof due);
	/* A date past the published holiday arrangements is an estimate. */
	if (n->due_on && n->due_estimated && strlen(due) + sizeof "（估算）" <= sizeof due)
		strcat(due, "（估算）");
	const char *rcv = n->received_on ? received : BLANK, *dec = n->decided_on ? decided : BLANK;
	const char *no = or_blank(n->case_no), *unit = or_blank(n->unit), *why = or_blank(n->reason);
	size_t cap = 4096 + (n->reason ? strlen(n->reason) : 0) + (n->approver ? strlen(n->approver) : 0) + 3 * (n->unit ? strlen(n->unit) : 0);
	char *b = malloc(cap);
	if (!b)
		return NULL;
	switch (n->kind) {
	case LF_PAPER_ACCEPT:
		if (n->due_on)
			snprintf(b, cap,
			         "　　您于%s提出的信访事项（编号：%s）已收悉。经审查，该事项符合受理条件，本机关已于%s"
			         "决定受理，并将于%s前办结，书面答复您。\n\n"
			         "　　办理期间，您可以凭本告知书所载编号向本机关查询办理进展。",
			         rcv, no, dec, due);
		else
			snprintf(b, cap,
			         "　　您于%s提出的信访事项（编号：%s）已收悉。经审查，该事项符合受理条件，本机关已于%s"
			         "决定受理，将依法按期办结并书面答复您。\n\n"
			         "　　办理期间，您可以凭本告知书所载编号向本机关查询办理进展。",
			         rcv, no, dec);
		break;
	case LF_PAPER_DECLINE:
		snprintf(b, cap,
		         "　　您于%s提出的信访事项（编号：%s）已收悉。经审查，本机关于%s决定不予受理，理由如下：\n\n"
		         "　　%s\n\n"
		         "　　您反映的事项，依法应当通过诉讼、仲裁、行政复议等法定途径解决的，请向有管辖权的人民法院、"
		         "仲裁机构或者行政机关提出；属于其他机关职权范围的，请向有权处理的机关提出。",
		         rcv, no, dec, why);
		break;
	case LF_PAPER_TRANSFER:
		snprintf(b, cap,
		         "　　您于%s提出的信访事项（编号：%s）已收悉。经审查，该事项属于%s的职权范围，本机关已于%s"
		         "将其转送%s办理，办理期限至%s。\n\n"
		         "　　今后请就该事项直接与%s联系。",
		         rcv, no, unit, dec, unit, n->due_on ? due : BLANK, unit);
		break;
	case LF_PAPER_ASSIGN:
		snprintf(b, cap,
		         "　　您于%s提出的信访事项（编号：%s）已收悉。本机关已于%s将其交由%s办理，"
		         "并要求其于%s前办结，书面答复您。\n\n"
		         "　　今后请就该事项与%s联系；本机关将督促办理。",
		         rcv, no, dec, unit, n->due_on ? due : BLANK, unit);
		break;
	case LF_PAPER_EXTEND:
		if (n->due_on && n->approver && n->approver[0])
			snprintf(b, cap,
			         "　　您于%s提出的信访事项（编号：%s）正在办理中。因%s，经%s批准，"
			         "办理期限延长至%s。\n\n"
			         "　　本机关将在延长的期限内办结，书面答复您。",
			         rcv, no, why, n->approver, due);
		else if (n->due_on)
			snprintf(b, cap,
			         "　　您于%s提出的信访事项（编号：%s）正在办理中。因%s，经批准，"
			         "办理期限延长至%s。\n\n"
			         "　　本机关将在延长的期限内办结，书面答复您。",
			         rcv, no, why, due);
		else
			snprintf(b, cap,
			         "　　您于%s提出的信访事项（编号：%s）正在办理中。因%s，经批准，"
			         "办理期限依规延长。\n\n"
			         "　　本机关将在延长的期限内办结，书面答复您。",
			         rcv, no, why);
		break;
	default:
		b[0] = '\0';
		break;
	}
	return b;
}

bool lf_paper_notice_pdf(const lf_notice *nt, const char *path, char *err, size_t len)
{
	if (!nt || nt->kind < LF_PAPER_ACCEPT || nt->kind >= LF_PAPER_COUNT) {
		snprintf(err, len, "%s", _("not a kind of notice"));
		return false;
	}
	char *body = body_of(nt);
	if (!body) {
		snprintf(err, len, "%s", _("out of memory"));
		return false;
	}
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len)) {
		free(body);
		return false;
	}
	cairo_t *cr = doc.cr;
	cairo_set_source_rgb(cr, 0, 0, 0);
	double x = PAPER_MARGIN + 10, w = PAPER_W - 2 * x, y = PAPER_MARGIN + 10;
	const char *office = nt->office && nt->office[0] ? nt->office : "信访办公室";

	y += paper_text(cr, x, y, office, SIZE_OFFICE, true, w, PAPER_CENTER) + 12;
	y += paper_text(cr, x, y, kinds[nt->kind].title, SIZE_TITLE, true, w, PAPER_CENTER) + 10;
	char no[96];
	snprintf(no, sizeof no, "编号：%s", or_blank(nt->case_no));
	y += paper_text(cr, x, y, no, SIZE_SMALL + 1, false, w, PAPER_RIGHT) + 4;
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_stroke(cr);
	y += 22;

	char to[256];
	snprintf(to, sizeof to, "%s：", or_blank(nt->name));
	y += paper_text(cr, x, y, to, SIZE_BODY, false, w, PAPER_LEFT) + 8;
	/* The body, on as many pages as a long reason needs. */
	size_t blen = strlen(body);
	char *all = realloc(body, blen + 64);
	if (all) {
		body = all;
		snprintf(body + blen, 64, "\n\n　　特此告知。");
	}
	PangoLayout *l = paper_layout(cr, body, SIZE_BODY, false, w, PAPER_LEFT);
	pango_layout_set_spacing(l, (int)(6 * PANGO_SCALE));
	double bottom = PAPER_H - PAPER_MARGIN - 24;
	int lines = pango_layout_get_line_count(l), from = 0;
	while (from < lines) {
		int fit = paper_lines_fit(l, from, bottom - y);
		if (fit < 1)
			fit = 1;
		y += paper_lines(cr, l, from, from + fit, x, y);
		from += fit;
		if (from < lines) {
			paper_new_page(&doc);
			y = PAPER_MARGIN + 10;
		}
	}
	g_object_unref(l);

	/* The foot: the office and the date, right-aligned, room for the seal. */
	if (y + 48 + 3 * SIZE_BODY * 1.6 > bottom) {
		paper_new_page(&doc);
		y = PAPER_MARGIN + 10;
	}
	y += 48;
	char date[64];
	paper_date_cn(nt->decided_on, date, sizeof date);
	y += paper_text(cr, x, y, office, SIZE_BODY, false, w - 24, PAPER_RIGHT) + 6;
	y += paper_text(cr, x, y, nt->decided_on ? date : "　　　　年　　月　　日", SIZE_BODY, false, w - 24, PAPER_RIGHT);
	paper_text(cr, x, y, "（盖章）", SIZE_SMALL, false, w - 24, PAPER_RIGHT);
	paper_text(cr, x, PAPER_H - PAPER_MARGIN - 16, "本告知书一式两份，一份交信访人，一份存入案卷。", SIZE_SMALL,
	           false, w, PAPER_LEFT);
	free(body);
	return paper_end(&doc, err, len);
}
