/* laifang schedule: check a schedule file against the calendar, generate
 * slots by rule, import a CSV schedule, list a month, publish a month. */
#include "laifang/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"

/* "2024-01" (the month's first or last day) or a full date. */
static bool parse_period_end(const char *s, bool last, lf_date *out)
{
	int y, m;
	char tail;
	if (s && sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2 && lf_date_valid(y, m, 1)) {
		*out = (lf_date){y, m, 1};
		if (last) {
			lf_date next = m == 12 ? (lf_date){y + 1, 1, 1} : (lf_date){y, m + 1, 1};
			*out = lf_date_add(next, -1);
		}
		return true;
	}
	return s && lf_date_parse(s, out) && lf_date_valid(out->y, out->m, out->d);
}

static bool parse_month(const char *s, int *y, int *m)
{
	char tail;
	return s && sscanf(s, "%4d-%2d%c", y, m, &tail) == 2 && lf_date_valid(*y, *m, 1) && strlen(s) == 7;
}

static bool parse_postpone(const char *s, lf_postpone *out)
{
	if (!strcmp(s, "official") || !strcmp(s, "0"))
		*out = LF_POSTPONE_OFFICIAL;
	else if (!strcmp(s, "weekday") || !strcmp(s, "1"))
		*out = LF_POSTPONE_WEEKDAY;
	else
		return false;
	return true;
}

static int usage_error(FILE *err, const char *what)
{
	fprintf(err, "laifang: %s\n", what);
	return 1;
}

/* "张三,李四" → leaders by name (a roster that must appear); NULL on a bad
 * list. *n receives how many. */
static lf_leader *roster_of(const char *list, size_t *n)
{
	*n = 0;
	size_t cap = 1;
	for (const char *p = list; *p; p++)
		cap += *p == ',';
	lf_leader *r = calloc(cap, sizeof *r);
	if (!r)
		return NULL;
	const char *p = list;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == 0 || len >= sizeof r[0].name) {
			free(r);
			return NULL;
		}
		memcpy(r[*n].name, p, len);
		r[(*n)++].name[len] = '\0';
		p += len + (end != NULL);
	}
	return r;
}

int lf_cli_schedule_check(lf_store *st, const char *path, const char *postpone, const char *leaders, FILE *out,
                          FILE *err)
{
	lf_postpone how = lf_office_postpone(st);
	if (postpone && !parse_postpone(postpone, &how))
		return usage_error(err, _("--postpone takes official or weekday"));
	size_t len;
	char *data = lf_cli_slurp(path, &len);
	if (!data) {
		fprintf(err, _("laifang: cannot read %s: %s\n"), path, strerror(errno));
		return 2;
	}
	lf_schedule s;
	char msg[512];
	lf_schedule_init(&s);
	int n = lf_schedule_read_csv(&s, data, len, msg, sizeof msg);
	free(data);
	if (n < 0) {
		fprintf(err, "%s: %s\n", path, msg);
		lf_schedule_free(&s);
		return 1;
	}
	lf_problems p;
	lf_problems_init(&p);
	lf_check_opts o = {.receive = how};
	lf_leader *roster = NULL;
	if (leaders) {
		roster = roster_of(leaders, &o.nroster);
		if (!roster) {
			lf_problems_free(&p);
			lf_schedule_free(&s);
			return usage_error(err, _("--leaders takes names separated by commas"));
		}
		o.roster = roster;
	}
	int k = lf_schedule_check(&s, lf_office_calendar(st), &o, &p);
	free(roster);
	if (k < 0) {
		fprintf(err, "%s\n", _("laifang: out of memory"));
		k = -1;
	}
	for (size_t i = 0; k >= 0 && i < p.n; i++)
		fprintf(out, "%s: %s\n", path, p.items[i].message);
	if (k > 0)
		fprintf(out, _("schedule check: %d problem(s) in %zu slot(s)\n"), k, s.n);
	else if (k == 0)
		fprintf(out, _("schedule check: %zu slot(s), no problem\n"), s.n);
	lf_problems_free(&p);
	lf_schedule_free(&s);
	return k < 0 ? 2 : k > 0 ? 1 : 0;
}

int lf_cli_schedule_generate(lf_store *st, const lf_user *actor, const lf_cli_schedule_opts *o, FILE *out,
                             FILE *err)
{
	if (!lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	lf_rule rule;
	memset(&rule, 0, sizeof rule);
	rule.tmpl.start = rule.tmpl.end = LF_NO_TIME;
	const char *r = o->rule ? o->rule : "";
	if (!strncmp(r, "day:", 4)) {
		char *end;
		long d = strtol(r + 4, &end, 10);
		if (*end || d < 1 || d > 31)
			return usage_error(err, _("--rule day:N takes a day of the month from 1 to 31"));
		rule.kind = LF_RULE_MONTHLY;
		rule.day = (int)d;
	} else if (!strcmp(r, "rotation")) {
		rule.kind = LF_RULE_ROTATION;
	} else
		return usage_error(err, _("--rule takes day:N (day N of each month) or rotation (one leader each working day)"));
	if (!parse_period_end(o->from, false, &rule.from) || !parse_period_end(o->to, true, &rule.to))
		return usage_error(err, _("--from and --to take a month (2024-01) or a date (2024-01-23)"));
	rule.postpone = lf_office_postpone(st);
	if (o->postpone && !parse_postpone(o->postpone, &rule.postpone))
		return usage_error(err, _("--postpone takes official or weekday"));
	if (o->time) {
		char a[8] = "", b[8] = "";
		const char *dash = strchr(o->time, '-');
		if (dash && (size_t)(dash - o->time) < sizeof a) {
			memcpy(a, o->time, (size_t)(dash - o->time));
			snprintf(b, sizeof b, "%s", dash + 1);
		}
		if (!lf_time_parse(a, &rule.tmpl.start) || !lf_time_parse(b, &rule.tmpl.end) ||
		    rule.tmpl.end <= rule.tmpl.start)
			return usage_error(err, _("--time takes a start and a later end: 09:30-11:30"));
	}
	if ((o->location && !lf_slot_set(rule.tmpl.location, sizeof rule.tmpl.location, o->location)) ||
	    (o->department && !lf_slot_set(rule.tmpl.department, sizeof rule.tmpl.department, o->department)))
		return usage_error(err, _("--location and --department: too long"));
	if (o->kind && !lf_slot_kind_parse(o->kind, &rule.tmpl.kind))
		return usage_error(err, _("--kind takes reception or field_visit"));
	if (o->mode && !lf_slot_mode_parse(o->mode, &rule.tmpl.mode))
		return usage_error(err, _("--mode takes fixed, appointment, thematic, case_visit or grassroots"));
	if (!o->leaders)
		return usage_error(err, _("--leaders takes the logins of the leaders, in the order they take turns"));
	char msg[768];
	lf_leader *leaders;
	size_t nleaders;
	lf_store_err e = lf_schedule_leaders(st, o->leaders, &leaders, &nleaders, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	rule.leaders = leaders;
	rule.nleaders = nleaders;
	int added = 0;
	e = lf_schedule_generate_store(st, actor, &rule, &added, msg, sizeof msg);
	free(leaders);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("schedule: %d slot(s) added\n"), added);
	return 0;
}

/* The approval of o, its password read as cli.h says: into *a (the
 * password malloc'd into *pw, wipe with lf_password_free). 0, or the exit
 * status of a failure (said on err). */
static int read_approval(const lf_cli_approval_opts *o, lf_approval *a, char **pw, FILE *err)
{
	memset(a, 0, sizeof *a);
	*pw = NULL;
	if (!o || !o->approver)
		return 0;
	a->login = o->approver;
	a->days_off = o->days_off;
	char prompt[256];
	snprintf(prompt, sizeof prompt, _("Password of the approving leader %s: "), o->approver);
	if (o->password_file) {
		FILE *f = fopen(o->password_file, "r");
		if (!f) {
			fprintf(err, _("laifang: cannot read %s: %s\n"), o->password_file, strerror(errno));
			return 2;
		}
		*pw = lf_password_read(NULL, f);
		fclose(f);
	} else {
		*pw = lf_password_read(prompt, o->pw_in);
	}
	if (!*pw || !**pw) {
		lf_password_free(*pw);
		*pw = NULL;
		fprintf(err, "%s\n",
		        _("laifang: no password of the approving leader (give --approver-password-file FILE, or type it "
		          "on the terminal)"));
		return 2;
	}
	a->password = *pw;
	return 0;
}

int lf_cli_schedule_import(lf_store *st, const lf_user *actor, const char *path, const lf_cli_approval_opts *ap,
                           FILE *out, FILE *err)
{
	if (!lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	size_t len;
	char *data = lf_cli_slurp(path, &len);
	if (!data) {
		fprintf(err, _("laifang: cannot read %s: %s\n"), path, strerror(errno));
		return 2;
	}
	lf_schedule s;
	char msg[5120];
	lf_schedule_init(&s);
	int n = lf_schedule_read_csv(&s, data, len, msg, sizeof msg);
	free(data);
	if (n < 0) {
		fprintf(err, "%s: %s\n", path, msg);
		lf_schedule_free(&s);
		return 1;
	}
	lf_slot_rec *recs = calloc(s.n ? s.n : 1, sizeof *recs);
	int rc = 0;
	if (!recs) {
		fprintf(err, "%s\n", _("laifang: out of memory"));
		rc = 2;
	} else {
		for (size_t i = 0; i < s.n; i++)
			recs[i].slot = s.slots[i];
		lf_approval a;
		char *pw;
		rc = read_approval(ap, &a, &pw, err);
		if (rc == 0) {
			lf_store_err e = lf_schedule_import(st, actor, recs, s.n, ap && ap->approver ? &a : NULL, msg, sizeof msg);
			if (e != LF_STORE_OK)
				rc = lf_cli_fail(st, e, msg, err);
			else
				fprintf(out, _("schedule: %zu slot(s) added\n"), s.n);
		}
		lf_password_free(pw);
	}
	free(recs);
	lf_schedule_free(&s);
	return rc;
}

int lf_cli_schedule_list(lf_store *st, const lf_user *actor, const char *month, FILE *out, FILE *err)
{
	(void)actor; /* any logged-in user: the schedule is public once published */
	int y, m;
	if (!parse_month(month, &y, &m))
		return usage_error(err, _("the month is written YYYY-MM, e.g. 2026-12"));
	lf_slot_rec *recs;
	size_t n;
	lf_store_err e = lf_schedule_month(st, y, m, &recs, &n);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, NULL, err);
	lf_schedule s;
	lf_schedule_init(&s);
	for (size_t i = 0; i < n; i++) {
		char day[LF_DATE_LEN], a[8] = "", b[8] = "";
		lf_date_format(recs[i].slot.date, day);
		if (recs[i].slot.start != LF_NO_TIME) {
			lf_time_format(recs[i].slot.start, a);
			lf_time_format(recs[i].slot.end, b);
		}
		fprintf(out, "%s\t%s%s%s\t%s\t%s\t%s\t%s\t%s\t%s\n", day, a, a[0] ? "-" : "", b, recs[i].slot.leader.name,
		        recs[i].slot.leader.title, recs[i].slot.department, recs[i].slot.location,
		        lf_slot_kind_id(recs[i].slot.kind), lf_slot_mode_id(recs[i].slot.mode));
		lf_schedule_add(&s, &recs[i].slot);
	}
	free(recs);
	lf_problems p;
	lf_problems_init(&p);
	int k = lf_schedule_check_office(st, &s, &p);
	for (size_t i = 0; k > 0 && i < p.n; i++)
		fprintf(out, _("problem: %s\n"), p.items[i].message);
	char at[LF_TIMESTAMP_LEN];
	char since[LF_TIMESTAMP_LEN];
	if (lf_schedule_published(st, y, m, at) && lf_schedule_stale(st, y, m, since))
		fprintf(out, _("published %s; changed since %s: publish it again\n"), at, since);
	else if (lf_schedule_published(st, y, m, at))
		fprintf(out, _("published %s\n"), at);
	else
		fprintf(out, "%s\n", _("not published"));
	char by[128];
	if (lf_schedule_pending(st, y, m, at, by, sizeof by))
		fprintf(out, _("prepared %s by %s: awaiting the confidentiality review (schedule approve)\n"), at, by);
	lf_problems_free(&p);
	lf_schedule_free(&s);
	return 0;
}

/* "2026-12" (y, m) or "2026" (the year: m 0). */
static bool parse_month_or_year(const char *s, int *y, int *m)
{
	char tail;
	if (s && strlen(s) == 4 && sscanf(s, "%4d%c", y, &tail) == 1 && *y >= 1900) {
		*m = 0;
		return true;
	}
	return parse_month(s, y, m);
}

int lf_cli_schedule_approve(lf_store *st, const lf_user *actor, const char *month, const char *dir, bool days_off,
                            FILE *out, FILE *err)
{
	if (!lf_cli_allowed(actor, LF_PERM_REVIEW_PUBLICATION, err))
		return 1;
	int y, m;
	if (!parse_month_or_year(month, &y, &m))
		return usage_error(err, _("the month is written YYYY-MM (e.g. 2026-12), the year YYYY"));
	if (!dir || !dir[0])
		return usage_error(err, _("publish: -o DIR names the folder the public table is written to"));
	char html[4096], csv[4096], msg[8192];
	lf_store_err e = lf_schedule_approve(st, actor, y, m, dir, days_off, html, csv, sizeof html, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, "%s\n%s\n%s\n", msg, html, csv);
	return 0;
}

int lf_cli_schedule_publish(lf_store *st, const lf_user *actor, const char *month, const char *dir,
                            const lf_cli_approval_opts *ap, FILE *out, FILE *err)
{
	if (!lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	int y, m;
	if (!parse_month_or_year(month, &y, &m))
		return usage_error(err, _("the month is written YYYY-MM (e.g. 2026-12), the year YYYY"));
	if (!dir || !dir[0])
		return usage_error(err, _("publish: -o DIR names the folder the public table is written to"));
	char html[4096], csv[4096], msg[8192];
	if (!ap || !ap->approver) {
		/* Prepared for the confidentiality review (issue 15). */
		lf_store_err e = lf_schedule_prepare(st, actor, y, m, dir, html, csv, sizeof html, msg, sizeof msg);
		if (e != LF_STORE_OK)
			return lf_cli_fail(st, e, msg, err);
		fprintf(out, "%s\n%s\n%s\n", msg, html, csv);
		return 0;
	}
	lf_approval a;
	char *pw;
	int rc = read_approval(ap, &a, &pw, err);
	if (rc != 0)
		return rc;
	lf_store_err e = lf_schedule_publish(st, actor, y, m, dir, &a, html, csv, sizeof html, msg, sizeof msg);
	lf_password_free(pw);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, "%s\n%s\n%s\n", msg, html, csv);
	return 0;
}
