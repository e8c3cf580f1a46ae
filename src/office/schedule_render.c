/* The public reception schedule as a document (issue 15): the office's
 * name, the title, the issue date, one table of reception days (接访) and
 * one of field visits (下访, as seed 004's 附件1 and 附件2), how to book,
 * and notes. Columns follow the seeds' published tables: 序号 and 备注 (seed
 * 001's 附件2), the leader's name, title and 分管工作 with the time, place
 * and form of reception (seed 001 第五条), the lead department and place
 * (seed 000's 附件1). Nothing personal (seed 003): never the slot's contact
 * person, never a visitor. The words are Chinese whatever the interface
 * language of whoever publishes: it is a public document of a Chinese
 * office. HTML is a whole page that reads on a phone (one card per slot)
 * and prints on A4 landscape. */
#include "schedule_public.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/safe_file.h"
#include "laifang/store_reception.h"

static const char *const weekdays[7] = {
	"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六",
};

/* The five forms of seed 001 (第二条), as the paper names them. */
static const char *const modes[] = {"定点接访", "重点约访", "专题接访", "带案下访", "下基层接访"};

void lf_pub_doc_settings(lf_store *st, lf_pub_doc *doc)
{
	lf_setting_text(st, "office_name", doc->office, sizeof doc->office);
	lf_setting_text(st, "office_phone_booking", doc->phone, sizeof doc->phone);
	lf_setting_text(st, "office_booking_contact", doc->contact, sizeof doc->contact);
}

void lf_pub_chinese_date(lf_date d, bool weekday, char *buf, size_t len)
{
	snprintf(buf, len, "%d年%d月%d日%s%s", d.y, d.m, d.d, weekday ? " " : "",
	         weekday ? weekdays[lf_date_weekday(d)] : "");
}

void lf_pub_key(int y, int m, char *buf, size_t len)
{
	if (m)
		snprintf(buf, len, "%04d-%02d", y, m);
	else
		snprintf(buf, len, "%04d", y);
}

#define N_COLS 11
static const char *const headers[2][N_COLS] = {
	{"序号", "接访日期", "接访时间", "接访领导", "职务", "分管工作", "接访形式", "接访地点", "牵头处室", "预约方式",
	 "备注"},
	{"序号", "下访日期", "下访时间", "下访领导", "职务", "分管工作", "接访形式", "下访地点", "牵头处室", "预约方式",
	 "备注"},
};

typedef struct pub_row {
	char no[16], date[64], time[32], portfolio[LF_SETTING_VALUE_MAX], booking[2 * LF_SETTING_VALUE_MAX + 64];
	const char *note;
	const char *cols[N_COLS];
} pub_row;

static void booking_text(const lf_pub_doc *doc, char *buf, size_t len)
{
	if (doc->phone[0] && doc->contact[0])
		snprintf(buf, len, "电话预约：%s（%s）", doc->phone, doc->contact);
	else if (doc->phone[0])
		snprintf(buf, len, "电话预约：%s", doc->phone);
	else if (doc->contact[0])
		snprintf(buf, len, "预约联系：%s", doc->contact);
	else
		buf[0] = '\0';
}

static void fill_row(lf_store *st, const lf_pub_doc *doc, const lf_slot_rec *rec, size_t no, pub_row *r)
{
	const lf_slot *s = &rec->slot;
	snprintf(r->no, sizeof r->no, "%zu", no);
	lf_pub_chinese_date(s->date, true, r->date, sizeof r->date);
	r->time[0] = '\0';
	if (s->start != LF_NO_TIME && s->end != LF_NO_TIME) {
		char a[8], b[8];
		lf_time_format(s->start, a);
		lf_time_format(s->end, b);
		snprintf(r->time, sizeof r->time, "%s-%s", a, b);
	}
	if (lf_store_leader_portfolio(st, rec->leader_id, s->leader.name, r->portfolio, sizeof r->portfolio) !=
	    LF_STORE_OK)
		r->portfolio[0] = '\0';
	booking_text(doc, r->booking, sizeof r->booking);
	char iso[LF_DATE_LEN], quoted[LF_DATE_LEN + 4];
	lf_date_format(s->date, iso);
	snprintf(quoted, sizeof quoted, "\"%s\"", iso);
	if (doc->days_off && strstr(doc->days_off, quoted))
		r->note = "经批准在休息日接访";
	else if (s->mode == LF_MODE_APPOINTMENT)
		r->note = "请提前预约";
	else
		r->note = "";
	const char *cols[N_COLS] = {r->no,
	                            r->date,
	                            r->time,
	                            s->leader.name,
	                            s->leader.title,
	                            r->portfolio,
	                            (unsigned)s->mode < 5 ? modes[s->mode] : "",
	                            s->location,
	                            s->department,
	                            r->booking,
	                            r->note};
	memcpy(r->cols, cols, sizeof cols);
}

static void title_text(const lf_pub_doc *doc, lf_slot_kind kind, char *buf, size_t len)
{
	const char *what = kind == LF_SLOT_FIELD_VISIT ? "领导干部下访安排表" : "领导干部公开接访安排表";
	if (doc->m)
		snprintf(buf, len, "%s%d年%d月%s", doc->office, doc->y, doc->m, what);
	else
		snprintf(buf, len, "%s%d年度%s", doc->office, doc->y, what);
}

static size_t count_kind(const lf_slot_rec *recs, size_t n, lf_slot_kind k)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += recs[i].slot.kind == k;
	return c;
}

static const char *issue_line(const lf_pub_doc *doc, char *buf, size_t len)
{
	if (doc->draft)
		snprintf(buf, len, "送审稿：待保密审查，未经批准不得公开");
	else
		snprintf(buf, len, "%s %s印发", doc->office, doc->issued);
	return buf;
}

/* ---- CSV: the same document, a section per table ---- */

static void render_csv(lf_store *st, FILE *f, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n)
{
	fputs("\xEF\xBB\xBF", f); /* a BOM: spreadsheet programs then read UTF-8 */
	char line[1024], title[1024];
	const char *office[2] = {"发布单位", doc->office};
	lf_csv_write_record(f, office, 2);
	const char *issued[2] = {doc->draft ? "状态" : "印发日期", doc->draft ? issue_line(doc, line, sizeof line)
	                                                                       : doc->issued};
	lf_csv_write_record(f, issued, 2);
	for (int k = 0; k < 2; k++) {
		lf_slot_kind kind = k ? LF_SLOT_FIELD_VISIT : LF_SLOT_RECEPTION;
		if (k && count_kind(recs, n, kind) == 0)
			continue;
		fputs("\r\n", f);
		title_text(doc, kind, title, sizeof title);
		const char *t[1] = {title};
		lf_csv_write_record(f, t, 1);
		lf_csv_write_record(f, headers[k], N_COLS);
		size_t no = 0;
		for (size_t i = 0; i < n; i++) {
			if (recs[i].slot.kind != kind)
				continue;
			pub_row r;
			fill_row(st, doc, &recs[i], ++no, &r);
			lf_csv_write_record(f, r.cols, N_COLS); /* cells safe for spreadsheets (csv.h) */
		}
	}
}

/* ---- HTML ---- */

static void html_text(FILE *f, const char *v)
{
	for (const char *p = v; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*p, f);
		}
	}
}

static void html_elem(FILE *f, const char *open, const char *text, const char *close)
{
	fputs(open, f);
	html_text(f, text);
	fputs(close, f);
}

/* Phones: each row becomes a card whose cells carry their column's name
 * (data-label). Print: A4 landscape, the header on every page, no row cut. */
static const char style[] =
	"<style>\n"
	"body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",serif;margin:1.5em;color:#000;"
	"background:#fff;line-height:1.5}\n"
	".office{font-family:\"Noto Sans CJK SC\",\"SimHei\",sans-serif;font-size:1.1em;margin:0}\n"
	"h1{font-family:\"Noto Sans CJK SC\",\"SimHei\",sans-serif;font-size:1.5em;text-align:center;margin:.6em 0}\n"
	"h2{font-family:\"Noto Sans CJK SC\",\"SimHei\",sans-serif;font-size:1.2em;margin:1.2em 0 .4em}\n"
	".draft{border:2px solid #b00;color:#b00;padding:.4em;text-align:center;font-weight:bold}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{border:1px solid #444;padding:4px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#eee;white-space:nowrap}\n"
	"@media (min-width:701px){td:nth-child(2),td:nth-child(3){white-space:nowrap}}\n"
	".issued{text-align:right;margin-top:1.5em}\n"
	"@media (max-width:700px){body{margin:.6em}h1{font-size:1.2em}\n"
	" table,thead,tbody,tr,th,td{display:block;width:auto}\n"
	" thead{position:absolute;left:-9999px}\n"
	" tr{border:1px solid #444;margin:0 0 .8em;padding:.3em}\n"
	" td{border:none;border-bottom:1px dotted #bbb;padding:.25em .3em .25em 6.5em;position:relative;min-height:1.2em}\n"
	" td:last-child{border-bottom:none}\n"
	" td::before{content:attr(data-label);position:absolute;left:.3em;width:6em;font-weight:bold}}\n"
	"@media print{@page{size:A4 landscape;margin:15mm}body{margin:0;font-size:10.5pt}\n"
	" thead{display:table-header-group}tr,td,th{page-break-inside:avoid;break-inside:avoid}\n"
	" th{background:none}a{color:#000;text-decoration:none}}\n"
	"</style>\n";

static void render_table(lf_store *st, FILE *f, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n,
                         lf_slot_kind kind)
{
	int k = kind == LF_SLOT_FIELD_VISIT;
	fprintf(f, "<section class=\"%s\">\n", k ? "field-visit" : "reception");
	html_elem(f, "<h2>", k ? "二、领导干部下访安排" : "一、领导干部接访安排", "</h2>\n");
	fputs("<table>\n<thead><tr>", f);
	for (int c = 0; c < N_COLS; c++)
		html_elem(f, "<th scope=\"col\">", headers[k][c], "</th>");
	fputs("</tr></thead>\n<tbody>\n", f);
	size_t no = 0;
	for (size_t i = 0; i < n; i++) {
		if (recs[i].slot.kind != kind)
			continue;
		pub_row r;
		fill_row(st, doc, &recs[i], ++no, &r);
		fputs("<tr>", f);
		for (int c = 0; c < N_COLS; c++) {
			fputs("<td data-label=\"", f);
			html_text(f, headers[k][c]);
			fputs("\">", f);
			html_text(f, r.cols[c]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
}

static void render_html(lf_store *st, FILE *f, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n)
{
	char title[1024], line[1024], booking[2 * LF_SETTING_VALUE_MAX + 64];
	title_text(doc, LF_SLOT_RECEPTION, title, sizeof title);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
	      f);
	html_elem(f, "<title>", title, "</title>\n");
	fputs(style, f);
	fputs("</head>\n<body>\n", f);
	if (doc->office[0])
		html_elem(f, "<p class=\"office\">", doc->office, "</p>\n");
	html_elem(f, "<h1>", title, "</h1>\n");
	if (doc->draft)
		html_elem(f, "<p class=\"draft\">", issue_line(doc, line, sizeof line), "</p>\n");
	render_table(st, f, doc, recs, n, LF_SLOT_RECEPTION);
	if (count_kind(recs, n, LF_SLOT_FIELD_VISIT))
		render_table(st, f, doc, recs, n, LF_SLOT_FIELD_VISIT);
	booking_text(doc, booking, sizeof booking);
	fputs("<section class=\"notes\">\n<h2>备注</h2>\n<ol>\n", f);
	if (booking[0])
		html_elem(f, "<li class=\"booking\">", booking, "</li>\n");
	fputs("<li>接访日遇法定节假日或休息日顺延至下一个工作日，以本表所列日期为准。</li>\n"
	      "<li>来访群众请依法、逐级、有序反映诉求；多人反映同一诉求的，请推选代表，人数不超过5人。</li>\n"
	      "</ol>\n</section>\n",
	      f);
	if (!doc->draft)
		html_elem(f, "<p class=\"issued\">", issue_line(doc, line, sizeof line), "</p>\n");
	fputs("</body>\n</html>\n", f);
}

int lf_pub_render(lf_store *st, FILE *f, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n, bool html)
{
	if (html)
		render_html(st, f, doc, recs, n);
	else
		render_csv(st, f, doc, recs, n);
	return 0;
}

int lf_pub_write(lf_store *st, const char *path, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n,
                 bool html)
{
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	if (!f)
		return errno ? errno : EIO;
	lf_pub_render(st, f, doc, recs, n, html);
	/* The public table is for everyone to read, unlike laifang's other files. */
	if (ferror(f) || fchmod(sf.fd, 0644) != 0) {
		int e = ferror(f) ? EIO : errno;
		lf_safe_abort(&sf);
		return e;
	}
	if (lf_safe_commit(&sf, path) != 0)
		return errno ? errno : EIO;
	return 0;
}

int lf_pub_csv_sha256(lf_store *st, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n, char hex[65])
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return -1;
	lf_pub_render(st, f, doc, recs, n, false);
	if (fclose(f) != 0) {
		free(buf);
		return -1;
	}
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, (const unsigned char *)buf, len);
	free(buf);
	sodium_bin2hex(hex, 65, d, sizeof d);
	return 0;
}

lf_store_err lf_pub_slots(lf_store *st, int y, int m, lf_slot_rec **out, size_t *n)
{
	if (m)
		return lf_schedule_month(st, y, m, out, n);
	lf_slot_rec *all = NULL;
	size_t total = 0;
	for (int mm = 1; mm <= 12; mm++) {
		lf_slot_rec *r;
		size_t k;
		lf_store_err e = lf_schedule_month(st, y, mm, &r, &k);
		if (e != LF_STORE_OK) {
			free(all);
			*out = NULL;
			*n = 0;
			return e;
		}
		lf_slot_rec *grown = k ? realloc(all, (total + k) * sizeof *all) : all;
		if (k && !grown) {
			free(r);
			free(all);
			*out = NULL;
			*n = 0;
			lf_store_set_error(st, LF_STORE_IO, _("out of memory"));
			return LF_STORE_IO;
		}
		all = grown;
		if (k)
			memcpy(all + total, r, k * sizeof *r);
		total += k;
		free(r);
	}
	*out = all;
	*n = total;
	return LF_STORE_OK;
}
