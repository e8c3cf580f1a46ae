/* The reception-day log (领导干部接访日情况登记表, seed 000 附件 2) on
 * paper, drawn from forms/reception_log.form as the paper has it: the
 * title, the two lines above the ruled table (接访领导 … 接访时间 … 年 月
 * 日; 牵头处室 … 登记人), then one table row per box — 接访情况 with its
 * signature line, 信访人诉求内容 (可附页) taking the rest of the page,
 * 接访照片 (视频另附) listing the attached files by name, 领导批示 with
 * its signature — and the summary meeting last (not a box of the paper).
 * The field values come from the log by the form's field ids. Text that
 * does not fit goes on attached pages (附页). */
#include "laifang/office.h"
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/audit.h"
#include "laifang/settings.h"
#include "paper_internal.h"

#define SIZE_TITLE 22.0
#define SIZE_TEXT 11.0
#define SIZE_SMALL 9.0
#define PAD 6.0
#define ROW_MIN 64.0
#define ROW_TEXT_MAX 170.0 /* a box's text beyond this goes on the 附页 */
#define FLEX_MIN 120.0
#define LABEL_W 96.0
#define GAP "　　　　　　　　" /* an empty value on a line above the table */

typedef struct row {
	size_t first, n;   /* fields [first, first + n) of the form */
	const char *label; /* the group's label or the field's */
	const char *note;  /* under the label: （可附页）, （视频另附） */
	bool flex;         /* takes the rest of the page */
	char *text;        /* the box's text (malloc'd) */
	char *sign;        /* its signature line, or NULL (malloc'd) */
	double height;
} row;

typedef struct log_sheet {
	cairo_t *cr;
	const lf_form_def *form;
	const lf_paper_log *v;
	row rows[16];
	size_t n_rows;
	size_t header_end; /* fields [0, header_end) are the lines above the table */
	struct {
		const char *label, *rest;
	} over[16];
	size_t n_over;
	int pages, page; /* pages in all (once counted), the one being drawn */
} log_sheet;

static const char *nz(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* A field's value by its id in forms/reception_log.form. */
static const char *value_of(const log_sheet *s, const char *id)
{
	const lf_paper_log *v = s->v;
	const lf_reception_log *l = v->log;
	static const struct {
		const char *id;
		size_t off;
	} text[] = {
		{"leader", offsetof(lf_reception_log, leader)},
		{"department", offsetof(lf_reception_log, department)},
		{"registrar", offsetof(lf_reception_log, registrar)},
		{"situation", offsetof(lf_reception_log, situation)},
		{"situation_signer", offsetof(lf_reception_log, situation_signer)},
		{"demands", offsetof(lf_reception_log, demands)},
		{"instruction", offsetof(lf_reception_log, instruction)},
		{"instruction_signer", offsetof(lf_reception_log, instruction_signer)},
		{"meeting_attendees", offsetof(lf_reception_log, meeting_attendees)},
		{"meeting_decisions", offsetof(lf_reception_log, meeting_decisions)},
	};
	if (!strcmp(id, "visited_on"))
		return nz(l->day);
	if (!strcmp(id, "situation_date"))
		return nz(v->situation_date);
	if (!strcmp(id, "instruction_date"))
		return nz(v->instruction_date);
	if (!strcmp(id, "photos"))
		return nz(v->photos);
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (!strcmp(id, text[i].id))
			return nz(*(char *const *)((const char *)l + text[i].off));
	return NULL;
}

/* Append "fmt" to a malloc'd string. */
static void append(char **dst, const char *a, const char *b, const char *c)
{
	size_t have = *dst ? strlen(*dst) : 0;
	size_t need = have + strlen(a) + strlen(b) + strlen(c) + 1;
	char *n = realloc(*dst, need);
	if (!n)
		return;
	snprintf(n + have, need - have, "%s%s%s", a, b, c);
	*dst = n;
}

/* The rows of the table: a group is one box (its long texts, then its
 * short fields on the signature line); a long text outside a group is a
 * box of its own. The fields before the first box are the header lines. */
static void build_rows(log_sheet *s)
{
	const lf_form_def *f = s->form;
	size_t i = 0;
	while (i < f->n_fields && !f->fields[i].group && f->fields[i].kind != LF_FIELD_MULTILINE)
		i++;
	s->header_end = i;
	while (i < f->n_fields && s->n_rows < sizeof s->rows / sizeof s->rows[0]) {
		const lf_field_def *d = &f->fields[i];
		row *r = &s->rows[s->n_rows++];
		memset(r, 0, sizeof *r);
		r->first = i;
		r->label = d->group ? d->group : d->label;
		size_t end = i + 1;
		if (d->group)
			while (end < f->n_fields && f->fields[end].group && !strcmp(f->fields[end].group, d->group))
				end++;
		r->n = end - i;
		size_t n_long = 0;
		for (size_t k = i; k < end; k++)
			n_long += f->fields[k].kind == LF_FIELD_MULTILINE;
		for (size_t k = i; k < end; k++) {
			const lf_field_def *fk = &f->fields[k];
			const char *v = value_of(s, fk->id);
			if (fk->kind == LF_FIELD_MULTILINE) {
				if (n_long > 1)
					append(&r->text, r->text ? "\n" : "", fk->label, "：");
				if (v)
					append(&r->text, v, "", "");
			} else {
				append(&r->sign, r->sign ? "　　" : "", fk->label, "：");
				append(&r->sign, v ? v : GAP, "", "");
			}
		}
		if (!d->group && !strcmp(d->id, "demands")) {
			r->note = "（可附页）";
			r->flex = true;
		} else if (!d->group && !strcmp(d->id, "photos"))
			r->note = "（视频另附）";
		i = end;
	}
}

static double layout_h(log_sheet *s, const char *text, double w)
{
	if (!text || !text[0])
		return 0;
	PangoLayout *l = paper_layout(s->cr, text, SIZE_TEXT, false, w, PAPER_LEFT);
	double h = paper_layout_height(l);
	g_object_unref(l);
	return h;
}

static double value_w(void)
{
	return PAPER_W - 2 * PAPER_MARGIN - LABEL_W - 2 * PAD;
}

static double sign_h(const row *r)
{
	return r->sign ? SIZE_TEXT * 1.6 + PAD : 0;
}

static void measure(log_sheet *s, double avail)
{
	double fixed = 0;
	size_t n_flex = 0;
	for (size_t i = 0; i < s->n_rows; i++) {
		row *r = &s->rows[i];
		if (r->flex) {
			n_flex++;
			continue;
		}
		double th = layout_h(s, r->text, value_w());
		r->height = (th > ROW_TEXT_MAX ? ROW_TEXT_MAX : th) + 2 * PAD + sign_h(r) + SIZE_SMALL * 1.6;
		if (r->height < ROW_MIN)
			r->height = ROW_MIN;
		fixed += r->height;
	}
	double each = n_flex ? (avail - fixed) / (double)n_flex : 0;
	if (each < FLEX_MIN)
		each = FLEX_MIN;
	for (size_t i = 0; i < s->n_rows; i++)
		if (s->rows[i].flex)
			s->rows[i].height = each;
}

static void box(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

static void draw_row(log_sheet *s, row *r, double y)
{
	cairo_t *cr = s->cr;
	double x0 = PAPER_MARGIN, vx = x0 + LABEL_W, vw = PAPER_W - PAPER_MARGIN - vx;
	box(cr, x0, y, LABEL_W, r->height);
	box(cr, vx, y, vw, r->height);
	PangoLayout *l = paper_layout(cr, r->label, SIZE_TEXT, false, LABEL_W - 2 * PAD, PAPER_CENTER);
	double lh = paper_layout_height(l), nh = r->note ? SIZE_SMALL * 1.5 : 0;
	cairo_move_to(cr, x0 + PAD, y + (r->height - lh - nh) / 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	if (r->note)
		paper_text(cr, x0 + PAD, y + (r->height - lh - nh) / 2 + lh, r->note, SIZE_SMALL, false,
		           LABEL_W - 2 * PAD, PAPER_CENTER);
	double room = r->height - 2 * PAD - sign_h(r);
	if (r->text && r->text[0]) {
		size_t laid;
		l = paper_layout_head(cr, r->text, SIZE_TEXT, vw - 2 * PAD, &laid);
		bool more = r->text[laid] != '\0'; /* past the piece laid out */
		int n = pango_layout_get_line_count(l), fit = paper_lines_fit(l, 0, room);
		if (fit < n || more) /* room for the note */
			fit = paper_lines_fit(l, 0, room - SIZE_SMALL * 1.6);
		paper_lines(cr, l, 0, fit, vx + PAD, y + PAD);
		if ((fit < n || more) && s->n_over < sizeof s->over / sizeof s->over[0]) {
			s->over[s->n_over].label = r->label;
			s->over[s->n_over].rest =
				fit < n ? r->text + pango_layout_get_line_readonly(l, fit)->start_index : r->text + laid + 1;
			s->n_over++;
			paper_text(cr, vx + PAD, y + PAD + room - SIZE_SMALL * 1.6, "（续见附页）", SIZE_SMALL, false,
			           vw - 2 * PAD, PAPER_RIGHT);
		}
		g_object_unref(l);
	}
	if (r->sign)
		paper_text(cr, vx + PAD, y + r->height - PAD - SIZE_TEXT * 1.5, r->sign, SIZE_TEXT, false, vw - 2 * PAD,
		           PAPER_RIGHT);
}

/* The lines above the table: fields sharing a row share a line; the day
 * as the paper's "年 月 日". */
static double draw_header(log_sheet *s, double y)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN;
	char line[1024] = "";
	for (size_t i = 0; i < s->header_end; i++) {
		const lf_field_def *d = &s->form->fields[i];
		const char *v = value_of(s, d->id);
		char val[256];
		if (!strcmp(d->id, "visited_on"))
			paper_date_cn(v ? v : "", val, sizeof val);
		else
			snprintf(val, sizeof val, "%s", v ? v : GAP);
		if (!d->same_row && line[0]) {
			y += paper_text(s->cr, x0, y, line, SIZE_TEXT, false, w, PAPER_LEFT) + 6;
			line[0] = '\0';
		}
		size_t at = strlen(line);
		snprintf(line + at, sizeof line - at, "%s%s：%s", line[0] ? "　　　　" : "", d->label, val);
	}
	if (line[0])
		y += paper_text(s->cr, x0, y, line, SIZE_TEXT, false, w, PAPER_LEFT) + 6;
	return y;
}

/* The first page's head is the office's (paper_form_head: annex label,
 * office name, title, document); an attached page's is its title and the
 * day it belongs to. */
static double draw_title(log_sheet *s, const char *title, const char *source)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN, y = PAPER_MARGIN - 20;
	if (source) {
		y = paper_form_head(s->cr, s->v->office, s->form->annex, NULL, title);
		if (source[0]) /* an office's own form file may carry a fixed line */
			y += paper_text(s->cr, x0, y - 14, source, SIZE_SMALL, false, w, PAPER_CENTER);
		return y;
	}
	y += paper_text(s->cr, x0, y, title, SIZE_TITLE - 4, true, w, PAPER_CENTER) + 6;
	char day[64], line[128];
	paper_date_cn(s->v->log->day, day, sizeof day);
	snprintf(line, sizeof line, "接访时间：%s", day);
	paper_text(s->cr, x0, y, line, SIZE_TEXT, false, w, PAPER_LEFT);
	snprintf(line, sizeof line, "第 %d 页 共 %d 页", s->page, s->pages);
	y += paper_text(s->cr, x0, y, line, SIZE_TEXT, false, w, PAPER_RIGHT);
	return y + 10;
}

/* The attached pages, each headed with the day and 第 x 页 共 y 页. With
 * doc NULL nothing is shown: the pages are counted on a scratch surface.
 * Returns the number of pages in all. */
static int draw_attached(log_sheet *s, paper_doc *doc)
{
	char title[256];
	snprintf(title, sizeof title, "%s（附页）", s->form->title ? s->form->title : "");
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN, bottom = PAPER_H - PAPER_MARGIN;
	s->page = 1;
	for (size_t i = 0; i < s->n_over; i++) {
		paper_flow f;
		paper_flow_start(&f, s->cr, s->over[i].rest, SIZE_TEXT, w - 2 * PAD);
		while (!paper_flow_done(&f)) {
			s->page++;
			if (doc)
				paper_new_page(doc);
			double y = draw_title(s, title, NULL);
			char head[256];
			snprintf(head, sizeof head, "%s（续）", s->over[i].label);
			y += paper_text(s->cr, x0, y, head, SIZE_TEXT, true, w, PAPER_LEFT) + 6;
			double h = paper_flow_draw(&f, x0 + PAD, y + PAD, bottom - y - 2 * PAD);
			box(s->cr, x0, y, w, h + 2 * PAD);
		}
		paper_flow_end(&f);
	}
	return s->page;
}

/* How many pages the log takes (its attached pages drawn on a scratch PDF
 * surface: the same metrics, nothing written), and 第 1 页 共 y 页 at the
 * first page's foot when there are several. */
static void count_pages(log_sheet *s)
{
	s->pages = 1;
	if (!s->n_over)
		return;
	cairo_surface_t *scratch = cairo_pdf_surface_create_for_stream(NULL, NULL, PAPER_W, PAPER_H);
	cairo_t *cr = cairo_create(scratch), *real = s->cr;
	s->cr = cr;
	s->pages = draw_attached(s, NULL);
	s->cr = real;
	cairo_destroy(cr);
	cairo_surface_finish(scratch);
	cairo_surface_destroy(scratch);
	char line[64];
	snprintf(line, sizeof line, "第 1 页 共 %d 页", s->pages);
	paper_text(s->cr, PAPER_MARGIN, PAPER_H - PAPER_MARGIN + 2, line, SIZE_SMALL, false, PAPER_W - 2 * PAPER_MARGIN,
	           PAPER_CENTER);
}

bool lf_paper_log_pdf(const lf_form_def *form, const lf_paper_log *v, const char *path, char *err, size_t len)
{
	if (!form || form->n_fields == 0 || !v || !v->log) {
		snprintf(err, len, "%s", _("the form has no fields"));
		return false;
	}
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len))
		return false;
	doc.footer = v->audit_head;
	log_sheet s = {.cr = doc.cr, .form = form, .v = v};
	build_rows(&s);
	cairo_set_source_rgb(s.cr, 0, 0, 0);
	cairo_set_line_width(s.cr, 0.8);
	double y = draw_title(&s, form->title ? form->title : "", form->source ? form->source : "");
	y = draw_header(&s, y) + 4;
	measure(&s, PAPER_H - PAPER_MARGIN - y);
	for (size_t i = 0; i < s.n_rows; i++) {
		draw_row(&s, &s.rows[i], y);
		y += s.rows[i].height;
	}
	count_pages(&s);
	draw_attached(&s, &doc);
	for (size_t i = 0; i < s.n_rows; i++) {
		free(s.rows[i].text);
		free(s.rows[i].sign);
	}
	return paper_end(&doc, err, len);
}

/* ---- printing for a person ---- */

typedef struct names {
	char *buf;
	size_t len, used;
} names;

static int add_name(const lf_attachment *a, void *ud)
{
	names *p = ud;
	int n = snprintf(p->buf + p->used, p->len - p->used, "%s%s", p->used ? "\n" : "", a->name);
	if (n > 0)
		p->used = p->used + (size_t)n < p->len ? p->used + (size_t)n : p->len - 1;
	return 0;
}

static void short_time(const char *iso, char *out, size_t len)
{
	if (!iso || strlen(iso) < 16)
		snprintf(out, len, "%s", iso ? iso : "");
	else
		snprintf(out, len, "%.10s %.5s", iso, iso + 11);
}

static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *text)
{
	lf_office_set_error(st, kind, text);
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return kind;
}

lf_store_err lf_paper_print_log(lf_store *st, const lf_user *actor, const char *day, const char *path, char *msg,
                                size_t len)
{
	char err[512];
	if (msg && len)
		msg[0] = '\0';
	lf_date d;
	if (!day || !lf_date_parse(day, &d)) {
		snprintf(err, sizeof err, _("not a date: \"%s\" (YYYY-MM-DD)"), day ? day : "");
		return refuse(st, LF_STORE_INVALID, msg, len, err);
	}
	const lf_form_def *form = lf_form_get("reception_log", err, sizeof err);
	if (!form)
		return refuse(st, LF_STORE_IO, msg, len, err);
	/* Permission (register or instruct) is checked by lf_reception_open. */
	lf_reception_log log;
	memset(&log, 0, sizeof log);
	lf_store_err e = lf_reception_open(st, actor, day, &log, msg, len);
	if (e != LF_STORE_OK) {
		lf_reception_log_free(&log);
		return e;
	}
	char photos[8192] = "", sit_at[32], ins_at[32];
	names p = {photos, sizeof photos, 0};
	if (log.id[0])
		e = lf_reception_attachments(st, day, add_name, &p);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_office_errmsg(st));
	short_time(log.situation_signed_at, sit_at, sizeof sit_at);
	short_time(log.instruction_signed_at, ins_at, sizeof ins_at);
	char head[256];
	paper_head_line(st, head, sizeof head);
	lf_office_info office;
	lf_office_info_read(st, &office);
	lf_paper_log v = {.log = &log, .photos = photos, .situation_date = sit_at, .instruction_date = ins_at,
	                  .audit_head = head, .office = &office};
	if (e == LF_STORE_OK && !lf_paper_log_pdf(form, &v, path, err, sizeof err))
		e = refuse(st, LF_STORE_IO, msg, len, err);
	if (e == LF_STORE_OK) {
		e = lf_audit_reception_printed(st, log.id[0] ? log.id : NULL, log.day[0] ? log.day : day);
		if (e != LF_STORE_OK) {
			/* A print that cannot be logged is not handed out. */
			unlink(path);
			if (msg && len)
				snprintf(msg, len, "%s", lf_office_errmsg(st));
		}
	}
	lf_reception_log_free(&log);
	return e;
}
