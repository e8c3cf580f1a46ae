/* A clock's basis: kept as a code (the rule, then each change to its term
 * with its values), said in the reader's language. Words stored instead
 * were the language of whichever desk derived the clock last, and a desk in
 * the other language rewrote every clock of the case to say the same thing;
 * they were also most of a clock row's bytes (issue 16). */
#include "laifang/clocks.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

#define MARK '@'
#define PART '\x1f'
#define VALUE '\x1e'

/* The rules' codes and what they say. */
static const struct {
	const char *code, *words;
} rules[] = {
	{"route22", N_("Regulations on Letters and Visits, art. 22: within 15 days of registration")},
	{"handle34", N_("Regulations on Letters and Visits, art. 34: within 60 days of acceptance")},
	{"object23", N_("Regulations on Letters and Visits, art. 23: an objection within 5 working days of receipt")},
	{"report000", N_("Office rule (seed 000): a handling report within 7 working days of the instruction")},
	{"review35",
	 N_("Regulations on Letters and Visits, art. 35: the review opinion within 30 days of receiving the request")},
	{"rereview36", N_("Regulations on Letters and Visits, art. 36: the re-review opinion within 30 days of receiving "
	                  "the request")},
	{"supervise40", N_("Regulations on Letters and Visits, art. 40: written feedback on the supervision notice by "
	                   "the date it set")},
	{"notify23", N_("Regulations on Letters and Visits, art. 23: the visitor told in writing within 15 days of "
	                "receipt; met when the notice is delivered")},
	{"redo", N_("Handled again (重办) after the petitioner's dissatisfied evaluation: by the due date the supervisor "
	            "set")},
};

void lf_clock_basis_start(char basis[LF_CLOCK_BASIS_LEN], const char *code)
{
	snprintf(basis, LF_CLOCK_BASIS_LEN, "%c%s", MARK, code);
}

/* A value never holds a separator: a person's name cannot (text.c takes
 * no control characters); were one there, it is cut at it. */
static void put_value(char *basis, const char *v)
{
	size_t used = strlen(basis);
	if (v && used + 1 < LF_CLOCK_BASIS_LEN)
		snprintf(basis + used, LF_CLOCK_BASIS_LEN - used, "%c%.*s", VALUE, (int)strcspn(v, "\x1e\x1f"), v);
}

void lf_clock_basis_add(char basis[LF_CLOCK_BASIS_LEN], const char *part, const char *a, const char *b)
{
	size_t used = strlen(basis);
	/* A part that does not fit whole is left out: a cut date says wrong. */
	size_t need = 1 + strlen(part) + (a ? 1 + strlen(a) : 0) + (b ? 1 + strlen(b) : 0);
	if (used + need >= LF_CLOCK_BASIS_LEN)
		return;
	snprintf(basis + used, LF_CLOCK_BASIS_LEN - used, "%c%s", PART, part);
	put_value(basis, a);
	put_value(basis, b);
}

/* Appends to out (of len) as much of s as fits. */
static void say(char *out, size_t len, const char *s)
{
	size_t used = strlen(out);
	if (used + 1 < len)
		snprintf(out + used, len - used, "%s", s);
}

/* One part: its name and its values (each "" when absent), said. */
static void say_part(char *out, size_t len, const char *name, const char *a, const char *b)
{
	char buf[LF_CLOCK_BASIS_LEN + 128];
	if (!strcmp(name, "routed"))
		snprintf(buf, sizeof buf, _("; due date set at routing: %s"), a);
	else if (!strcmp(name, "receipt"))
		snprintf(buf, sizeof buf, "%s", _("; counted from the agency's receipt"));
	else if (!strcmp(name, "extended"))
		snprintf(buf, sizeof buf, _("; extended to %s, approved by %s"), a, b);
	else if (!strcmp(name, "hearing"))
		snprintf(buf, sizeof buf, _("; the hearing %s to %s not counted (art. 36)"), a, b);
	else
		snprintf(buf, sizeof buf, "; %s %s %s", name, a, b);
	say(out, len, buf);
}

char *lf_clock_basis_say(const char *stored, char *out, size_t len)
{
	if (!out || !len)
		return out;
	out[0] = '\0';
	if (!stored)
		return out;
	if (stored[0] != MARK) {
		snprintf(out, len, "%s", stored);
		return out;
	}
	/* Split a copy into parts, each part into its name and values. */
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
		if (!first) {
			say_part(out, len, part, v[0], v[1]);
			continue;
		}
		const char *words = part;
		for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
			if (!strcmp(rules[i].code, part))
				words = _(rules[i].words);
		say(out, len, words);
	}
	return out;
}
