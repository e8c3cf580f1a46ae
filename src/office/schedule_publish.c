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
#include "laifang/settings.h"
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

static void write_html(FILE *f, const char *office, int y, int m, const lf_slot_rec *recs, size_t n)
{
	char title[256];
	snprintf(title, sizeof title, "领导干部公开接访安排表（%04d年%d月）", y, m);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
	html_text(f, title);
	fputs("</title>\n<style>table{border-collapse:collapse}th,td{border:1px solid #444;padding:4px 8px}</style>\n"
	      "</head>\n<body>\n", f);
	/* Issue 15: the office's own name heads its publication. */
	if (office && office[0]) {
		fputs("<p class=\"office\">", f);
		html_text(f, office);
		fputs("</p>\n", f);
	}
	fputs("<h1>", f);
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
static int write_file(const char *path, const char *office, int y, int m, const lf_slot_rec *recs, size_t n,
                      bool html)
{
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	if (!f)
		return errno ? errno : EIO;
	if (html)
		write_html(f, office, y, m, recs, n);
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

lf_store_err lf_schedule_publish(lf_store *st, const lf_user *actor, int y, int m, const char *dir,
                                 const lf_approval *ap, char *html, char *csv, size_t plen, char *msg, size_t len)
{
	char why[512], m_msg[5120];
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
	/* Days off first: they are named whoever approves. */
	char list[4096], days[2048];
	int off = lf_schedule_days_off(st, recs, n, list, sizeof list, days, sizeof days);
	if (off < 0 || (off > 0 && (!ap || !ap->days_off))) {
		free(recs);
		if (off < 0)
			snprintf(m_msg, sizeof m_msg, "%s", _("out of memory"));
		else
			snprintf(m_msg, sizeof m_msg,
			         _("%s\nNot published: %d slot(s) fall on days off. An approving leader may confirm "
			           "them as exceptions with their own password."),
			         list, off);
		lf_store_set_error(st, off < 0 ? LF_STORE_IO : LF_STORE_INVALID, m_msg);
		snprintf(msg, len, "%s", m_msg);
		return off < 0 ? LF_STORE_IO : LF_STORE_INVALID;
	}
	lf_user who;
	char ap_name[256];
	if ((e = lf_approval_check(st, actor, ap, &who, ap_name, sizeof ap_name, msg, len)) != LF_STORE_OK) {
		free(recs);
		return e;
	}
	char hp[4096], cp[4096];
	snprintf(hp, sizeof hp, "%s/schedule-%04d-%02d.html", dir, y, m);
	snprintf(cp, sizeof cp, "%s/schedule-%04d-%02d.csv", dir, y, m);
	int err = lf_path_mkdirs(dir, 0755) != 0 ? (errno ? errno : EIO) : 0;
	const char *bad = dir;
	char office[LF_SETTING_VALUE_MAX];
	lf_setting_text(st, "office_name", office, sizeof office);
	if (!err && (err = write_file(hp, office, y, m, recs, n, true)) != 0)
		bad = hp;
	if (!err && (err = write_file(cp, office, y, m, recs, n, false)) != 0)
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
		lf_user_free(&who);
		return LF_STORE_IO;
	}
	char month[32], by[256];
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	lf_signature(actor, by, sizeof by);
	char exc[2100];
	snprintf(exc, sizeof exc, "[%s]", days);
	lf_publication_approval pa = {who.id, ap_name, off > 0 ? exc : NULL};
	e = lf_store_publication_add_approved(st, month, actor->id, by, (int)n, sha, &pa);
	lf_user_free(&who);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (html)
		snprintf(html, plen, "%s", hp);
	if (csv)
		snprintf(csv, plen, "%s", cp);
	snprintf(msg, len, _("Published %04d-%02d: %zu slot(s), approved by %s."), y, m, n, ap_name);
	return LF_STORE_OK;
}

typedef struct stale_one {
	const char *month;
	char *at;
	bool found;
} stale_one;

static int stale_first(const char *month, const char *at, void *ud)
{
	stale_one *o = ud;
	if (strcmp(month, o->month))
		return 1; /* past the month asked about */
	o->found = true;
	if (o->at)
		snprintf(o->at, LF_TIMESTAMP_LEN, "%s", at);
	return 1;
}

bool lf_schedule_stale(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN])
{
	char month[32];
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	stale_one o = {month, at, false};
	lf_store_publications_stale(st, month, stale_first, &o);
	return o.found;
}

typedef struct stale_list {
	char text[256];
	size_t used;
	int n;
} stale_list;

static int stale_each(const char *month, const char *at, void *ud)
{
	(void)at;
	stale_list *l = ud;
	if (l->used < sizeof l->text)
		l->used += (size_t)snprintf(l->text + l->used, sizeof l->text - l->used, "%s%s", l->n ? "、" : "", month);
	l->n++;
	return 0;
}

bool lf_schedule_stale_notice(lf_store *st, lf_date today, char *msg, size_t len)
{
	char from[32];
	snprintf(from, sizeof from, "%04d-%02d", today.y, today.m);
	stale_list l = {.used = 0};
	if (lf_store_publications_stale(st, from, stale_each, &l) != LF_STORE_OK || l.n == 0)
		return false;
	snprintf(msg, len, _("The published reception schedule of %s has changed since it was published: publish it "
	                     "again."),
	         l.text);
	return true;
}
