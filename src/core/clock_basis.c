/* A clock's basis: kept as a code (the rule and the due date it first set,
 * then each change to its term with its values), said in the reader's
 * language. Words stored instead were the language of whichever desk
 * derived the clock last, and a desk in the other language rewrote every
 * clock of the case to say the same thing; they were also most of a clock
 * row's bytes (issue 16). */
#include "laifang/clocks.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

#define MARK '@'
#define PART '\x1f'
#define VALUE '\x1e'

/* The rules' codes and what they say; zh: as the office's fixed-Chinese
 * paper says it (the 台账), whatever the desk's language. */
static const struct {
	const char *code, *words, *zh;
} rules[] = {
	{"route22", N_("Regulations on Letters and Visits, art. 22: within 15 days of registration"),
	 "《信访工作条例》第二十二条：登记之日起15日内"},
	{"handle34", N_("Regulations on Letters and Visits, art. 34: within 60 days of acceptance"),
	 "《信访工作条例》第三十四条：受理之日起60日内"},
	{"object23", N_("Regulations on Letters and Visits, art. 23: an objection within 5 working days of receipt"),
	 "《信访工作条例》第二十三条：收到之日起5个工作日内提出异议"},
	{"report000", N_("Office rule (seed 000): a handling report within 7 working days of the instruction"),
	 "局接访制度：批示之日起7个工作日内报送办理情况"},
	{"review35",
	 N_("Regulations on Letters and Visits, art. 35: the review opinion within 30 days of receiving the request"),
	 "《信访工作条例》第三十五条：自收到复查请求之日起30日内提出复查意见"},
	{"rereview36",
	 N_("Regulations on Letters and Visits, art. 36: the re-review opinion within 30 days of receiving the request"),
	 "《信访工作条例》第三十六条：自收到复核请求之日起30日内提出复核意见"},
	{"supervise40", N_("Regulations on Letters and Visits, art. 40: written feedback on the supervision notice by "
	                   "the date it set"),
	 "《信访工作条例》第四十条：在督办通知规定的期限内书面反馈"},
	{"notify23", N_("Regulations on Letters and Visits, art. 23: the visitor told in writing within 15 days of "
	                "receipt; met when the notice is delivered"),
	 "《信访工作条例》第二十三条：自收到信访事项之日起15日内书面告知信访人；告知书送达之日为告知之日"},
	{"redo", N_("Handled again (重办) after the petitioner's dissatisfied evaluation: by the due date the supervisor "
	            "set"),
	 "信访人评价不满意后重新办理（重办）：在督办人员确定的期限内办结"},
};

/* The changes to a term: their words, each with %s for its values. */
static const struct {
	const char *part, *words, *zh;
} parts[] = {
	{"routed", N_("; due date set at routing: %s"), "；分办时限定%s"},
	{"receipt", N_("; counted from the agency's receipt"), "；自受理机关收到之日起计算"},
	{"extended", N_("; extended to %s, approved by %s"), "；延期至%s（批准人：%s）"},
	{"hearing", N_("; the hearing %s to %s not counted (art. 36)"), "；%s至%s听证所需时间不计算在内（第三十六条）"},
};

void lf_clock_basis_start(char basis[LF_CLOCK_BASIS_LEN], const char *code, lf_date due)
{
	char day[LF_DATE_LEN];
	lf_date_format(due, day);
	snprintf(basis, LF_CLOCK_BASIS_LEN, "%c%s%c%s", MARK, code, VALUE, day);
}

/* How many bytes of v (at most max) end on a whole UTF-8 character and hold
 * no separator: a person's name cannot hold one (text.c takes no control
 * characters); were one there, the value ends at it. */
static size_t value_len(const char *v, size_t max)
{
	size_t n = strcspn(v, "\x1e\x1f");
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void lf_clock_basis_add(char basis[LF_CLOCK_BASIS_LEN], const char *part, const char *a, const char *b)
{
	size_t used = strlen(basis);
	/* The part, its first value whole (a date); the last value (a name)
	 * cut to the room left, as whole characters. */
	const char *last = b ? b : a;
	size_t fixed = used + 1 + strlen(part) + (b && a ? 1 + value_len(a, strlen(a)) : 0) + (last ? 1 : 0);
	if (fixed >= LF_CLOCK_BASIS_LEN)
		return;
	int n = snprintf(basis + used, LF_CLOCK_BASIS_LEN - used, "%c%s", PART, part);
	used += (size_t)n;
	if (b && a) {
		n = snprintf(basis + used, LF_CLOCK_BASIS_LEN - used, "%c%.*s", VALUE, (int)value_len(a, strlen(a)), a);
		used += (size_t)n;
	}
	if (last)
		snprintf(basis + used, LF_CLOCK_BASIS_LEN - used, "%c%.*s", VALUE,
		         (int)value_len(last, LF_CLOCK_BASIS_LEN - 1 - used - 1), last);
}

/* Appends to out (of len) as much of s as fits. */
static void say(char *out, size_t len, const char *s)
{
	size_t used = strlen(out);
	if (used + 1 < len)
		snprintf(out + used, len - used, "%s", s);
}

/* One part: its name and its values (each "" when absent), said. */
static void say_part(char *out, size_t len, bool zh, const char *name, const char *a, const char *b)
{
	char buf[LF_CLOCK_BASIS_LEN + 256];
	const char *words = NULL;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!strcmp(parts[i].part, name))
			words = zh ? parts[i].zh : _(parts[i].words);
	if (words) {
		/* The words hold zero, one or two %s, filled in order. */
		const char *first = strstr(words, "%s");
		if (!first)
			snprintf(buf, sizeof buf, "%s", words);
		else if (!strstr(first + 2, "%s"))
			snprintf(buf, sizeof buf, "%.*s%s%s", (int)(first - words), words, a, first + 2);
		else {
			const char *second = strstr(first + 2, "%s");
			snprintf(buf, sizeof buf, "%.*s%s%.*s%s%s", (int)(first - words), words, a,
			         (int)(second - first - 2), first + 2, b, second + 2);
		}
	} else
		snprintf(buf, sizeof buf, "; %s %s %s", name, a, b);
	say(out, len, buf);
}

/* The basis said, all of it or (start_only) the rule alone; *due (when not
 * NULL) the due date the rule first set, "" when the basis does not say. */
static char *say_basis(const char *stored, char *out, size_t len, bool zh, bool start_only, char *due)
{
	if (due)
		due[0] = '\0';
	if (!out || !len)
		return out;
	out[0] = '\0';
	if (!stored)
		return out;
	if (stored[0] != MARK) { /* words, written before the codes */
		snprintf(out, len, "%s", stored);
		return out;
	}
	char copy[LF_CLOCK_BASIS_LEN];
	snprintf(copy, sizeof copy, "%s", stored + 1);
	char *next = copy;
	for (bool first = true; next; first = false) {
		char *part = next;
		char *end = strchr(part, PART);
		next = end ? end + 1 : NULL;
		if (end)
			*end = '\0';
		char *v[2] = {"", ""};
		char *p = strchr(part, VALUE);
		for (int i = 0; p && i < 2; i++) {
			*p = '\0';
			v[i] = p + 1;
			p = strchr(v[i], VALUE);
		}
		if (first) {
			const char *words = part;
			for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
				if (!strcmp(rules[i].code, part))
					words = zh ? rules[i].zh : _(rules[i].words);
			say(out, len, words);
			if (due)
				snprintf(due, LF_DATE_LEN, "%s", v[0]);
			if (start_only)
				break;
		} else
			say_part(out, len, zh, part, v[0], v[1]);
	}
	return out;
}

char *lf_clock_basis_say(const char *stored, char *out, size_t len)
{
	return say_basis(stored, out, len, false, false, NULL);
}

char *lf_clock_basis_say_zh(const char *stored, char *out, size_t len)
{
	return say_basis(stored, out, len, true, false, NULL);
}

char *lf_clock_basis_say_start(const char *stored, char *out, size_t len, char due[LF_DATE_LEN])
{
	return say_basis(stored, out, len, false, true, due);
}
