/* The reception schedule: slots, generation by rule, the calendar check and
 * the quotas. Reading CSV is in schedule_csv.c. */
#include "laifang/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

void lf_schedule_init(lf_schedule *s)
{
	memset(s, 0, sizeof *s);
}

void lf_schedule_free(lf_schedule *s)
{
	free(s->slots);
	lf_schedule_init(s);
}

bool lf_schedule_add(lf_schedule *s, const lf_slot *slot)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		lf_slot *grown = realloc(s->slots, cap * sizeof *grown);
		if (!grown)
			return false;
		s->slots = grown;
		s->cap = cap;
	}
	s->slots[s->n++] = *slot;
	return true;
}

bool lf_slot_set(char *dst, size_t dstlen, const char *src)
{
	if (!dstlen)
		return false;
	if (!src)
		src = "";
	size_t len = strlen(src);
	bool fits = len < dstlen;
	if (!fits) {
		len = dstlen - 1;
		/* Do not cut a UTF-8 character: back off over continuation bytes. */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return fits;
}

/* ---- ids and labels ---- */

static const struct {
	const char *id, *paper, *label;
} kinds[] = {
	{"reception", "接访", N_("reception")},
	{"field_visit", "下访", N_("field visit")},
};

static const struct {
	const char *id, *paper, *label;
} modes[] = {
	{"fixed", "定点接访", N_("fixed-point reception")},
	{"appointment", "重点约访", N_("reception by appointment")},
	{"thematic", "专题接访", N_("thematic reception")},
	{"case_visit", "带案下访", N_("field visit with cases")},
	{"grassroots", "下基层接访", N_("grassroots reception")},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *lf_slot_kind_id(lf_slot_kind k)
{
	return (size_t)k < COUNT(kinds) ? kinds[k].id : "";
}

const char *lf_slot_kind_label(lf_slot_kind k)
{
	return (size_t)k < COUNT(kinds) ? _(kinds[k].label) : "";
}

const char *lf_slot_mode_id(lf_slot_mode m)
{
	return (size_t)m < COUNT(modes) ? modes[m].id : "";
}

const char *lf_slot_mode_label(lf_slot_mode m)
{
	return (size_t)m < COUNT(modes) ? _(modes[m].label) : "";
}

bool lf_slot_kind_parse(const char *s, lf_slot_kind *out)
{
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (!strcmp(s, kinds[i].id) || !strcmp(s, kinds[i].paper) || !strcmp(s, _(kinds[i].label))) {
			*out = (lf_slot_kind)i;
			return true;
		}
	return false;
}

bool lf_slot_mode_parse(const char *s, lf_slot_mode *out)
{
	for (size_t i = 0; i < COUNT(modes); i++)
		if (!strcmp(s, modes[i].id) || !strcmp(s, modes[i].paper) || !strcmp(s, _(modes[i].label))) {
			*out = (lf_slot_mode)i;
			return true;
		}
	return false;
}

bool lf_time_parse(const char *s, int *minutes)
{
	int h = 0, m = 0, digits = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && digits < 2) {
		h = h * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits || *p++ != ':')
		return false;
	if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9') || p[2])
		return false;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	if (h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}

void lf_time_format(int minutes, char *buf)
{
	if (minutes < 0 || minutes >= 24 * 60) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, 6, "%02d:%02d", minutes / 60 % 24, minutes % 60);
}

/* ---- generating ---- */

static bool is_weekend(lf_date d)
{
	int wd = lf_date_weekday(d);
	return wd == 0 || wd == 6;
}

bool lf_schedule_is_receiving_day(const lf_calendar *cal, lf_date d, lf_postpone how)
{
	if (how == LF_POSTPONE_WEEKDAY)
		return !is_weekend(d) && lf_calendar_kind(cal, d, NULL) != LF_DAY_HOLIDAY;
	return lf_calendar_is_workday(cal, d);
}

lf_date lf_schedule_postpone(const lf_calendar *cal, lf_date d, lf_postpone how)
{
	/* The longest run of days off in any arrangement is well under a month;
	 * the bound only guards against a calendar file that lists a year off. */
	for (int i = 0; i < 366 && !lf_schedule_is_receiving_day(cal, d, how); i++)
		d = lf_date_add(d, 1);
	return d;
}

static int days_in_month(int y, int m)
{
	int d = 31;
	while (d > 28 && !lf_date_valid(y, m, d))
		d--;
	return d;
}

/* The slot for the i-th date of a rule: the template with the i-th leader and
 * contact of the rule's orders. */
static lf_slot rule_slot(const lf_rule *rule, size_t i, lf_date d)
{
	lf_slot s = rule->tmpl;
	s.date = d;
	s.line = 0;
	if (rule->nleaders)
		s.leader = rule->leaders[(rule->first + i) % rule->nleaders];
	if (rule->ncontacts)
		lf_slot_set(s.contact, sizeof s.contact,
		            rule->contacts[(rule->first_contact + i) % rule->ncontacts]);
	return s;
}

int lf_schedule_generate(lf_schedule *out, const lf_calendar *cal, const lf_rule *rule)
{
	if (!lf_date_valid(rule->from.y, rule->from.m, rule->from.d) ||
	    !lf_date_valid(rule->to.y, rule->to.m, rule->to.d) || lf_date_cmp(rule->from, rule->to) > 0)
		return -1;
	size_t before = out->n, i = 0;
	if (rule->kind == LF_RULE_MONTHLY) {
		if (rule->day < 1 || rule->day > 31)
			return -1;
		for (int y = rule->from.y, m = rule->from.m; y < rule->to.y || (y == rule->to.y && m <= rule->to.m);) {
			int dim = days_in_month(y, m);
			lf_date base = {y, m, rule->day < dim ? rule->day : dim};
			if (lf_date_cmp(base, rule->from) >= 0 && lf_date_cmp(base, rule->to) <= 0) {
				lf_slot s = rule_slot(rule, i++, lf_schedule_postpone(cal, base, rule->postpone));
				if (!lf_schedule_add(out, &s))
					goto oom;
			}
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	} else {
		for (lf_date d = rule->from; lf_date_cmp(d, rule->to) <= 0; d = lf_date_add(d, 1)) {
			if (!lf_schedule_is_receiving_day(cal, d, rule->postpone))
				continue;
			lf_slot s = rule_slot(rule, i++, d);
			if (!lf_schedule_add(out, &s))
				goto oom;
		}
	}
	return (int)(out->n - before);
oom:
	out->n = before;
	return -1;
}

/* ---- checking ---- */

void lf_problems_init(lf_problems *p)
{
	memset(p, 0, sizeof *p);
}

void lf_problems_free(lf_problems *p)
{
	free(p->items);
	lf_problems_init(p);
}

static lf_problem *new_problem(lf_problems *p, lf_problem_kind kind, size_t slot, lf_date date,
                               const char *leader)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		lf_problem *grown = realloc(p->items, cap * sizeof *grown);
		if (!grown)
			return NULL;
		p->items = grown;
		p->cap = cap;
	}
	lf_problem *pr = &p->items[p->n++];
	memset(pr, 0, sizeof *pr);
	pr->kind = kind;
	pr->slot = slot;
	pr->other = LF_NO_SLOT;
	pr->date = date;
	lf_slot_set(pr->leader, sizeof pr->leader, leader);
	return pr;
}

/* "line N: " before a message about a slot read from a file. */
static void prefix_line(char *buf, size_t len, const lf_slot *s, const char *text)
{
	if (s && s->line)
		snprintf(buf, len, _("line %zu: %s"), s->line, text);
	else
		snprintf(buf, len, "%s", text);
}

static bool in_range(lf_date d, lf_date from, lf_date to)
{
	return lf_date_cmp(d, from) >= 0 && lf_date_cmp(d, to) <= 0;
}

/* The problems of one slot against the calendar. */
static bool check_day(const lf_slot *s, size_t i, const lf_calendar *cal, lf_postpone receive,
                      lf_problems *out)
{
	char date[LF_DATE_LEN], text[LF_SLOT_MSG];
	lf_date_format(s->date, date);
	const char *name = NULL;
	lf_day_kind kind = lf_calendar_kind(cal, s->date, &name);
	lf_problem_kind pk;
	if (kind == LF_DAY_HOLIDAY) {
		pk = LF_PROBLEM_HOLIDAY;
		snprintf(text, sizeof text, _("%s is a public holiday (%s), yet %s is booked on it"), date,
		         name && *name ? name : _("holiday"), s->leader.name);
	} else if (kind == LF_DAY_ORDINARY && is_weekend(s->date)) {
		pk = LF_PROBLEM_WEEKEND;
		if (lf_date_weekday(s->date) == 6)
			snprintf(text, sizeof text, _("%s is a Saturday and not a working day, yet %s is booked on it"),
			         date, s->leader.name);
		else
			snprintf(text, sizeof text, _("%s is a Sunday and not a working day, yet %s is booked on it"),
			         date, s->leader.name);
	} else if (kind == LF_DAY_WORKDAY && is_weekend(s->date) && receive == LF_POSTPONE_WEEKDAY) {
		pk = LF_PROBLEM_MAKEUP_DAY;
		snprintf(text, sizeof text,
		         _("%s is a weekend day worked in exchange (%s), but the office receives Monday to "
		           "Friday only; %s is booked on it"),
		         date, name && *name ? name : "", s->leader.name);
	} else {
		return true;
	}
	lf_problem *p = new_problem(out, pk, i, s->date, s->leader.name);
	if (!p)
		return false;
	prefix_line(p->message, sizeof p->message, s, text);
	return true;
}

int lf_schedule_check(const lf_schedule *s, const lf_calendar *cal, const lf_check_opts *opts,
                      lf_problems *out)
{
	lf_check_opts none = {0};
	if (!opts)
		opts = &none;
	size_t before = out->n;
	int warned_years[8], nwarned = 0;
	for (size_t i = 0; i < s->n; i++) {
		const lf_slot *sl = &s->slots[i];
		char date[LF_DATE_LEN], text[LF_SLOT_MSG];
		lf_date_format(sl->date, date);
		if (!lf_calendar_covers(cal, sl->date)) {
			/* Once per year; past eight such years, once at all. */
			bool warned = nwarned == (int)COUNT(warned_years);
			for (int k = 0; k < nwarned; k++)
				warned = warned || warned_years[k] == sl->date.y;
			if (!warned) {
				warned_years[nwarned++] = sl->date.y;
				lf_problem *p = new_problem(out, LF_PROBLEM_NOT_COVERED, i, sl->date, sl->leader.name);
				if (!p)
					goto oom;
				snprintf(text, sizeof text,
				         _("%s: the calendar holds no holiday arrangement for %d; only weekends were "
				           "checked"),
				         date, sl->date.y);
				prefix_line(p->message, sizeof p->message, sl, text);
			}
		}
		if (!check_day(sl, i, cal, opts->receive, out))
			goto oom;
		for (size_t j = 0; j < i; j++) {
			const lf_slot *o = &s->slots[j];
			if (lf_date_cmp(o->date, sl->date) || strcmp(o->leader.name, sl->leader.name))
				continue;
			lf_problem *p = new_problem(out, LF_PROBLEM_DOUBLE_BOOKED, i, sl->date, sl->leader.name);
			if (!p)
				goto oom;
			p->other = j;
			if (o->line)
				snprintf(text, sizeof text, _("%s is booked twice on %s (also on line %zu)"),
				         sl->leader.name, date, o->line);
			else
				snprintf(text, sizeof text, _("%s is booked twice on %s (also in entry %zu)"),
				         sl->leader.name, date, j + 1);
			prefix_line(p->message, sizeof p->message, sl, text);
			break;
		}
	}
	if (opts->nroster) {
		lf_date from = opts->from, to = opts->to;
		if (!from.y && s->n) {
			from = to = s->slots[0].date;
			for (size_t i = 1; i < s->n; i++) {
				if (lf_date_cmp(s->slots[i].date, from) < 0)
					from = s->slots[i].date;
				if (lf_date_cmp(s->slots[i].date, to) > 0)
					to = s->slots[i].date;
			}
		}
		char f[LF_DATE_LEN], t[LF_DATE_LEN];
		lf_date_format(from, f);
		lf_date_format(to, t);
		for (size_t r = 0; r < opts->nroster; r++) {
			const char *who = opts->roster[r].name;
			bool found = false;
			for (size_t i = 0; i < s->n && !found; i++)
				found = !strcmp(s->slots[i].leader.name, who) && in_range(s->slots[i].date, from, to);
			if (found)
				continue;
			lf_problem *p = new_problem(out, LF_PROBLEM_MISSING, LF_NO_SLOT, from, who);
			if (!p)
				goto oom;
			snprintf(p->message, sizeof p->message, _("%s has no reception day from %s to %s"), who, f, t);
		}
	}
	return (int)(out->n - before);
oom:
	out->n = before;
	return -1;
}

/* ---- quotas ---- */

void lf_shortfalls_init(lf_shortfalls *r)
{
	memset(r, 0, sizeof *r);
}

void lf_shortfalls_free(lf_shortfalls *r)
{
	free(r->items);
	lf_shortfalls_init(r);
}

/* The first day of the period holding d. */
static lf_date period_start(lf_period per, lf_date d)
{
	if (per == LF_PERIOD_WEEK)
		return lf_date_add(d, -((lf_date_weekday(d) + 6) % 7));
	if (per == LF_PERIOD_QUARTER)
		return (lf_date){d.y, (d.m - 1) / 3 * 3 + 1, 1};
	return (lf_date){d.y, d.m, 1};
}

static lf_date period_next(lf_period per, lf_date start)
{
	if (per == LF_PERIOD_WEEK)
		return lf_date_add(start, 7);
	int m = start.m + (per == LF_PERIOD_QUARTER ? 3 : 1);
	return m > 12 ? (lf_date){start.y + 1, m - 12, 1} : (lf_date){start.y, m, 1};
}

static bool has_workday(const lf_calendar *cal, lf_date from, lf_date to)
{
	for (lf_date d = from; lf_date_cmp(d, to) <= 0; d = lf_date_add(d, 1))
		if (lf_calendar_is_workday(cal, d))
			return true;
	return false;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The distinct working days (day numbers, sorted) on which who has a slot. */
static long *leader_days(const lf_schedule *s, const lf_calendar *cal, const char *who, size_t *n)
{
	long *days = malloc((s->n ? s->n : 1) * sizeof *days);
	*n = 0;
	if (!days)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->slots[i].leader.name, who) && lf_calendar_is_workday(cal, s->slots[i].date))
			days[(*n)++] = lf_date_days(s->slots[i].date);
	qsort(days, *n, sizeof *days, cmp_long);
	size_t u = 0;
	for (size_t i = 0; i < *n; i++)
		if (!u || days[u - 1] != days[i])
			days[u++] = days[i];
	*n = u;
	return days;
}

static bool add_shortfall(lf_shortfalls *r, const lf_shortfall *sf)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		lf_shortfall *grown = realloc(r->items, cap * sizeof *grown);
		if (!grown)
			return false;
		r->items = grown;
		r->cap = cap;
	}
	r->items[r->n++] = *sf;
	return true;
}

/* Shortfalls of one leader under one quota. */
static bool quota_leader(const lf_schedule *s, const lf_calendar *cal, const lf_quota *q,
                         const lf_leader *who, lf_date from, lf_date to, lf_shortfalls *out)
{
	size_t nd;
	long *days = leader_days(s, cal, who->name, &nd);
	if (!days)
		return false;
	bool ok = true;
	for (lf_date p = period_start(q->per, from); ok && lf_date_cmp(p, to) <= 0; p = period_next(q->per, p)) {
		lf_date start = lf_date_cmp(p, from) < 0 ? from : p;
		lf_date end = lf_date_add(period_next(q->per, p), -1);
		if (lf_date_cmp(end, to) > 0)
			end = to;
		if (!has_workday(cal, start, end))
			continue;
		long a = lf_date_days(start), b = lf_date_days(end);
		int have = 0;
		for (size_t i = 0; i < nd; i++)
			have += days[i] >= a && days[i] <= b;
		if (have >= q->min)
			continue;
		lf_shortfall sf = {.leader = *who, .per = q->per, .start = start, .end = end, .have = have, .need = q->min};
		char f[LF_DATE_LEN], t[LF_DATE_LEN];
		lf_date_format(start, f);
		lf_date_format(end, t);
		if (q->per == LF_PERIOD_WEEK)
			snprintf(sf.message, sizeof sf.message, _("%s: %d of %d reception days in the week %s to %s"),
			         who->name, have, q->min, f, t);
		else if (q->per == LF_PERIOD_MONTH)
			snprintf(sf.message, sizeof sf.message, _("%s: %d of %d reception days in the month %s to %s"),
			         who->name, have, q->min, f, t);
		else
			snprintf(sf.message, sizeof sf.message,
			         _("%s: %d of %d reception days in the quarter %s to %s"), who->name, have, q->min, f, t);
		ok = add_shortfall(out, &sf);
	}
	free(days);
	return ok;
}

int lf_schedule_quota(const lf_schedule *s, const lf_calendar *cal, const lf_quota *quotas,
                      size_t nquotas, const lf_leader *roster, size_t nroster, lf_date from,
                      lf_date to, lf_shortfalls *out)
{
	size_t before = out->n;
	lf_leader *found = NULL;
	if (!roster) {
		/* The leaders of the schedule, each once, in order of first slot. */
		found = malloc((s->n ? s->n : 1) * sizeof *found);
		if (!found)
			return -1;
		nroster = 0;
		for (size_t i = 0; i < s->n; i++) {
			bool seen = false;
			for (size_t k = 0; k < nroster && !seen; k++)
				seen = !strcmp(found[k].name, s->slots[i].leader.name);
			if (!seen)
				found[nroster++] = s->slots[i].leader;
		}
		roster = found;
	}
	for (size_t q = 0; q < nquotas; q++)
		for (size_t r = 0; r < nroster; r++) {
			if (strcmp(roster[r].level, quotas[q].level ? quotas[q].level : ""))
				continue;
			if (!quota_leader(s, cal, &quotas[q], &roster[r], from, to, out)) {
				out->n = before;
				free(found);
				return -1;
			}
		}
	free(found);
	return (int)(out->n - before);
}
