/* The reception-day log (领导干部接访日情况登记表, seed 000 附件 2) on
 * paper, drawn from forms/reception_log.form as the paper has it: the
 * title, the two lines above the ruled table (接访领导 … 接访时间 … 年 月
 * 日; 牵头处室 … 登记人), then one table row per box — 接访情况 with its
 * signature line, 信访人诉求内容 (可附页) taking the rest of the page and
 * headed by the day's case numbers, 接访照片 (视频另附) with the photos
 * drawn (paper_log_photos.c) and other files by name, 领导批示 (签名)
 * with its signature — and the summary meeting last (not a box of the
 * paper). The field values come from the log by the form's field ids.
 * Text that does not fit goes on attached pages (附页), then the photos
 * that do not. The blank log has the boxes with lines to write on. */
#include "laifang/office.h"
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "paper_log_internal.h"

#define SIZE_TITLE LOG_SIZE_TITLE
#define SIZE_TEXT LOG_SIZE_TEXT
#define SIZE_SMALL LOG_SIZE_SMALL
#define PAD LOG_PAD
#define LABEL_W LOG_LABEL_W
#define ROW_MIN 64.0
#define ROW_BLANK 100.0    /* a box of the blank log: room to write */
#define RULE_STEP 24.0     /* the lines of the blank log */
#define ROW_TEXT_MAX 170.0 /* a box's text beyond this goes on the 附页 */
#define FLEX_MIN 120.0
#define GAP "________________" /* an empty value: a line to write on, as on the paper */

typedef log_row row;

static const char *nz(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* A field's value by its id in forms/reception_log.form; none on the
 * blank log. */
static const char *value_of(const log_sheet *s, const char *id)
{
	const lf_paper_log *v = s->v;
	const lf_reception_log *l = v->log;
	if (v->blank || !l)
		return NULL;
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

/* Append a, b and c to a malloc'd string. */
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

/* The day's case numbers at the head of 信访人诉求内容: each visitor's
 * registration sheet (附件 3) by its number. */
static void case_line(const log_sheet *s, row *r)
{
	const lf_paper_log *v = s->v;
	if (v->blank || !v->case_nos || !v->case_nos[0])
		return;
	char head[64];
	snprintf(head, sizeof head, "案件编号（共 %zu 件）：", v->n_cases);
	append(&r->text, head, v->case_nos, "");
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
		bool demands = !d->group && !strcmp(d->id, "demands");
		r->photos = !d->group && !strcmp(d->id, "photos");
		if (demands)
			case_line(s, r);
		size_t n_long = 0;
		for (size_t k = i; k < end; k++)
			n_long += f->fields[k].kind == LF_FIELD_MULTILINE;
		for (size_t k = i; k < end; k++) {
			const lf_field_def *fk = &f->fields[k];
			const char *v = value_of(s, fk->id);
			if (fk->kind == LF_FIELD_MULTILINE) {
				bool labelled = n_long > 1 && !s->v->blank;
				if (labelled)
					append(&r->text, r->text ? "\n" : "", fk->label, "：");
				if (v) /* after its label, or on a line of its own */
					append(&r->text, !labelled && r->text ? "\n" : "", v, "");
			} else {
				append(&r->sign, r->sign ? "　　" : "", fk->label, "：");
				append(&r->sign, v ? v : GAP, "", "");
			}
		}
		r->lines = s->v->blank && n_long > 0 && !r->photos;
		if (demands) {
			r->note = "（可附页）";
			r->flex = true;
		} else if (r->photos)
			r->note = "（视频另附）";
		else if (d->group && !strcmp(d->id, "instruction"))
			r->note = "（签名）"; /* as on the paper: 领导批示（签名） */
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
		if (r->photos && (s->v->blank || s->v->n_images))
			r->height = log_photos_height(s, r, value_w());
		else if (s->v->blank)
			r->height = ROW_BLANK;
		else {
			double th = layout_h(s, r->text, value_w());
			r->height = (th > ROW_TEXT_MAX ? ROW_TEXT_MAX : th) + 2 * PAD + sign_h(r) + SIZE_SMALL * 1.6;
		}
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

/* The blank log's lines to write on, above the signature line. */
static void rules(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_set_line_width(cr, 0.4);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	for (double at = y + RULE_STEP; at <= y + h + 0.01; at += RULE_STEP) {
		cairo_move_to(cr, x, at);
		cairo_line_to(cr, x + w, at);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void draw_text(log_sheet *s, row *r, double vx, double vw, double y, double room)
{
	cairo_t *cr = s->cr;
	size_t laid;
	PangoLayout *l = paper_layout_head(cr, r->text, SIZE_TEXT, vw - 2 * PAD, &laid);
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
	if (r->photos && (s->v->blank || s->v->n_images))
		log_photos_draw(s, r, vx, y, vw);
	else if (r->text && r->text[0])
		draw_text(s, r, vx, vw, y, room);
	if (r->lines)
		rules(cr, vx + PAD, y + PAD, vw - 2 * PAD, room - 4);
	if (r->sign)
		paper_text(cr, vx + PAD, y + r->height - PAD - SIZE_TEXT * 1.5, r->sign, SIZE_TEXT, false, vw - 2 * PAD,
		           PAPER_RIGHT);
}

/* The lines above the table: fields sharing a row share a line; the day
 * as the paper's "年 月 日" (blank: room to write it). */
static double draw_header(log_sheet *s, double y)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN;
	char line[1024] = "";
	for (size_t i = 0; i < s->header_end; i++) {
		const lf_field_def *d = &s->form->fields[i];
		const char *v = value_of(s, d->id);
		char val[256];
		if (!strcmp(d->id, "visited_on") && !v)
			snprintf(val, sizeof val, "%s", "________年______月______日");
		else if (!strcmp(d->id, "visited_on"))
			paper_date_cn(v, val, sizeof val);
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
 * office name, title, document). */
static double draw_title(log_sheet *s, const char *title, const char *source)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN;
	double y = paper_form_head(s->cr, s->v->office, s->form->annex, NULL, title);
	if (source[0]) /* an office's own form file may carry a fixed line */
		y += paper_text(s->cr, x0, y - 14, source, SIZE_SMALL, false, w, PAPER_CENTER);
	return y;
}

double log_attached_head(log_sheet *s)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN, y = PAPER_MARGIN - 20;
	char title[256];
	snprintf(title, sizeof title, "%s（附页）", s->form->title ? s->form->title : "");
	y += paper_text(s->cr, x0, y, title, SIZE_TITLE - 4, true, w, PAPER_CENTER) + 6;
	char day[64], line[128];
	paper_date_cn(s->v->log ? s->v->log->day : "", day, sizeof day);
	snprintf(line, sizeof line, "接访时间：%s", day);
	paper_text(s->cr, x0, y, line, SIZE_TEXT, false, w, PAPER_LEFT);
	snprintf(line, sizeof line, "第 %d 页 共 %d 页", s->page, s->pages);
	y += paper_text(s->cr, x0, y, line, SIZE_TEXT, false, w, PAPER_RIGHT);
	return y + 10;
}

/* The attached pages of text, each headed with the day and 第 x 页 共 y
 * 页. With doc NULL nothing is shown: the pages are counted on a scratch
 * surface. Returns the number of pages so far. */
static int draw_attached(log_sheet *s, paper_doc *doc)
{
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN, bottom = PAPER_H - PAPER_MARGIN;
	s->page = 1;
	for (size_t i = 0; i < s->n_over; i++) {
		paper_flow f;
		paper_flow_start(&f, s->cr, s->over[i].rest, SIZE_TEXT, w - 2 * PAD);
		while (!paper_flow_done(&f)) {
			s->page++;
			if (doc)
				paper_new_page(doc);
			double y = log_attached_head(s);
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

/* How many pages the log takes (its attached pages of text drawn on a
 * scratch PDF surface: the same metrics, nothing written; then the pages
 * of photos), and 第 1 页 共 y 页 at the first page's foot when there are
 * several. */
static void count_pages(log_sheet *s)
{
	s->pages = 1;
	if (s->n_over) {
		cairo_surface_t *scratch = cairo_pdf_surface_create_for_stream(NULL, NULL, PAPER_W, PAPER_H);
		cairo_t *cr = cairo_create(scratch), *real = s->cr;
		s->cr = cr;
		s->pages = draw_attached(s, NULL);
		s->cr = real;
		cairo_destroy(cr);
		cairo_surface_finish(scratch);
		cairo_surface_destroy(scratch);
	}
	s->pages += log_photo_pages(s);
	if (s->pages < 2)
		return;
	char line[64];
	snprintf(line, sizeof line, "第 1 页 共 %d 页", s->pages);
	paper_text(s->cr, PAPER_MARGIN, PAPER_H - PAPER_MARGIN + 2, line, SIZE_SMALL, false, PAPER_W - 2 * PAPER_MARGIN,
	           PAPER_CENTER);
}

bool lf_paper_log_pdf(const lf_form_def *form, const lf_paper_log *v, const char *path, char *err, size_t len)
{
	if (!form || form->n_fields == 0 || !v || (!v->log && !v->blank)) {
		snprintf(err, len, "%s", _("the form has no fields"));
		return false;
	}
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len))
		return false;
	doc.footer = v->blank ? NULL : v->audit_head;
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
	log_photos_attached(&s, &doc);
	for (size_t i = 0; i < s.n_rows; i++) {
		free(s.rows[i].text);
		free(s.rows[i].sign);
	}
	return paper_end(&doc, err, len);
}
