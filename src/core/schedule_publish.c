/* Publishing a month's schedule (seed 000: 每月20日前将下一个月的公开接访安排
 * 公开; seed 003: nothing personal is published): the public table as HTML
 * and CSV with the leader, title, date, weekday, time, location and lead
 * department only — never the contact person, never a visitor. */
#include "laifang/reception.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/safe_file.h"
#include "laifang/paths.h"

/* The published table is a public document of a Chinese office: its words
 * are Chinese whatever the interface language of whoever publishes it. */
static const char *const weekdays[7] = {
	"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六",
};

/* The seven public columns of one slot. */
typedef struct pub_row {
	char date[LF_DATE_LEN], time[16];
	const char *leader, *title, *weekday, *location, *department;
} pub_row;

static void public_row(const lf_slot *s, pub_row *r)
{
	lf_date_format(s->date, r->date);
	r->time[0] = '\0';
	if (s->start != LF_NO_TIME && s->end != LF_NO_TIME) {
		char a[8], b[8];
		lf_time_format(s->start, a);
		lf_time_format(s->end, b);
		snprintf(r->time, sizeof r->time, "%s-%s", a, b);
	}
	r->leader = s->leader.name;
	r->title = s->leader.title;
	r->weekday = weekdays[lf_date_weekday(s->date)];
	r->location = s->location;
	r->department = s->department;
}

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

static const char *const headers[7] = {
	"接访领导", "职务", "日期", "星期", "时间", "地点", "牵头处室",
};

static void write_csv(FILE *f, const lf_slot_rec *recs, size_t n)
{
	fputs("\xEF\xBB\xBF", f); /* a BOM: spreadsheet programs then read UTF-8 */
	lf_csv_write_record(f, headers, 7);
	for (size_t i = 0; i < n; i++) {
		pub_row r;
		public_row(&recs[i].slot, &r);
		const char *cols[7] = {r.leader, r.title, r.date, r.weekday, r.time, r.location, r.department};
		lf_csv_write_record(f, cols, 7); /* cells safe for spreadsheets (csv.h) */
	}
}

static void write_html(FILE *f, int y, int m, const lf_slot_rec *recs, size_t n)
{
	char title[256];
	snprintf(title, sizeof title, "领导干部公开接访安排表（%04d年%d月）", y, m);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
	html_text(f, title);
	fputs("</title>\n<style>table{border-collapse:collapse}th,td{border:1px solid #444;padding:4px 8px}</style>\n"
	      "</head>\n<body>\n<h1>", f);
	html_text(f, title);
	fputs("</h1>\n<table>\n<thead><tr>", f);
	for (int i = 0; i < 7; i++) {
		fputs("<th>", f);
		html_text(f, headers[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < n; i++) {
		pub_row r;
		public_row(&recs[i].slot, &r);
		const char *cols[7] = {r.leader, r.title, r.date, r.weekday, r.time, r.location, r.department};
		fputs("<tr>", f);
		for (int k = 0; k < 7; k++) {
			fputs("<td>", f);
			html_text(f, cols[k]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", f);
}

/* Write a file whole through a new file beside it (safe_file.h: never
 * through a link); 0 or an errno. */
static int write_file(const char *path, int y, int m, const lf_slot_rec *recs, size_t n, bool html)
{
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	if (!f)
		return errno ? errno : EIO;
	if (html)
		write_html(f, y, m, recs, n);
	else
		write_csv(f, recs, n);
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

lf_store_err lf_schedule_publish(lf_store *st, const lf_user *actor, int y, int m, const char *dir, char *html,
                                 char *csv, size_t plen, char *msg, size_t len)
{
	char why[512], m_msg[768];
	if (!lf_require(actor, LF_PERM_ADMINISTER, why, sizeof why)) {
		lf_store_set_error(st, LF_STORE_DENIED, why);
		snprintf(msg, len, "%s", why);
		return LF_STORE_DENIED;
	}
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || !dir || !dir[0]) {
		snprintf(m_msg, sizeof m_msg, "%s", _("publish: give the month as YYYY-MM and a folder"));
		lf_store_set_error(st, LF_STORE_INVALID, m_msg);
		snprintf(msg, len, "%s", m_msg);
		return LF_STORE_INVALID;
	}
	lf_slot_rec *recs;
	size_t n;
	lf_store_err e = lf_schedule_month(st, y, m, &recs, &n);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (n == 0) {
		free(recs);
		snprintf(m_msg, sizeof m_msg, _("The schedule of %04d-%02d has no slot: there is nothing to publish."), y, m);
		lf_store_set_error(st, LF_STORE_INVALID, m_msg);
		snprintf(msg, len, "%s", m_msg);
		return LF_STORE_INVALID;
	}
	char hp[4096], cp[4096];
	snprintf(hp, sizeof hp, "%s/schedule-%04d-%02d.html", dir, y, m);
	snprintf(cp, sizeof cp, "%s/schedule-%04d-%02d.csv", dir, y, m);
	int err = lf_path_mkdirs(dir, 0755) != 0 ? (errno ? errno : EIO) : 0;
	const char *bad = dir;
	if (!err && (err = write_file(hp, y, m, recs, n, true)) != 0)
		bad = hp;
	if (!err && (err = write_file(cp, y, m, recs, n, false)) != 0)
		bad = cp;
	free(recs);
	char sha[LF_SHA256_HEX] = "";
	if (!err && (err = lf_file_sha256(cp, sha, NULL)) != 0)
		bad = cp;
	if (err) {
		snprintf(m_msg, sizeof m_msg, _("The public table could not be written to %s (%s); nothing was recorded."),
		         bad, lf_safe_strerror(err));
		lf_store_set_error(st, LF_STORE_IO, m_msg);
		snprintf(msg, len, "%s", m_msg);
		return LF_STORE_IO;
	}
	char month[32], by[256];
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	lf_signature(actor, by, sizeof by);
	e = lf_store_publication_add(st, month, actor->id, by, (int)n, sha);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (html)
		snprintf(html, plen, "%s", hp);
	if (csv)
		snprintf(csv, plen, "%s", cp);
	snprintf(msg, len, _("Published %04d-%02d: %zu slot(s)."), y, m, n);
	return LF_STORE_OK;
}
