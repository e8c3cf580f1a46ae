/* laifang case STEP CASE_NO [options]: every step the desk offers, from
 * the command line. This file holds the table of steps (one line each: add
 * a step by adding its line), the parsing of the command line and of the
 * step's options, the reading of --text-file, and the printing of an
 * outcome. The steps themselves call core exactly as the desk does
 * (case_steps.c); show and timeline read the case (case_show.c); apply runs
 * a file of steps as one transaction (case_apply.c). */
#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_internal.h"
#include "cli_internal.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"

/* The steps. opts: what each accepts besides --json ("name=" takes a value). */
static const cli_case_step steps[] = {
	{"accept", cli_case_accept, "kind=", "accept CASE_NO [--kind suggestion|accusation|claim]",
	 N_("accept the case (受理), with the regulation's category (建议意见类, 检举控告类, 申诉求决类)")},
	{"decline", cli_case_decline, "text= kind=", "decline CASE_NO --text REASON [--kind KIND]",
	 N_("decline it (不予受理), with the reason given to the visitor")},
	{"refer", cli_case_refer, "unit= text=", "refer CASE_NO --unit UNIT [--text OPINION]",
	 N_("refer it to discipline inspection (a unit of kind discipline)")},
	{"refer-law", cli_case_refer_law, "unit= text= kind=", "refer-law CASE_NO --unit UNIT --text PROCEDURE [--kind claim]",
	 N_("transfer a claim whose matter belongs to litigation to a political-legal organ (转政法机关, a unit of kind "
	    "law), with the procedure it belongs to, told to the visitor")},
	{"route", cli_case_route, "in-house unit= transfer= assign= due= allow-nonworking co-units= text=",
	 "route CASE_NO --in-house --unit UNIT | --transfer UNIT | --assign UNIT [--due YYYY-MM-DD "
	 "[--allow-nonworking]] [--co-units UNIT,...] [--text OPINION]",
	 N_("handle in-house (自办), transfer (转送) or assign (交办); the due date is the rule's unless given")},
	{"from-lower", cli_case_from_lower, "review-of= text= files=",
	 "from-lower CASE_NO --review-of OFFICE:CASE_NO [--text ANSWER | --text-file FILE] [--files PATH[,PATH...]]",
	 N_("a registered case a lower office sent up for review (复查): its office and case number, its written "
	    "answer and the answer's documents")},
	{"take-up", cli_case_take_up, "", "take-up CASE_NO", N_("the lead unit takes the case up (办理中)")},
	{"report", cli_case_report, "text=", "report CASE_NO --text TEXT", N_("the signed handling report (办理情况)")},
	{"reply", cli_case_reply, "text= satisfaction= opinion= facts= basis=",
	 "reply CASE_NO --text TEXT --satisfaction 满意|基本满意|不满意|未表态 "
	 "[--opinion support|explain|reject --facts TEXT --basis TEXT]",
	 N_("the reply to the visitor and what they said of it")},
	{"archive", cli_case_archive, "", "archive CASE_NO", N_("close the file (归档) when it is complete")},
	{"instruct", cli_case_instruct, "text=", "instruct CASE_NO --text TEXT", N_("a leader signs an instruction (领导批示)")},
	{"request-instruction", cli_case_request, "leader=", "request-instruction CASE_NO --leader LOGIN",
	 N_("ask a leader for an instruction")},
	{"own", cli_case_own, "leader=", "own CASE_NO [--leader LOGIN]",
	 N_("the owning leader (包案): yourself, or the leader named")},
	{"supervise", cli_case_supervise, "text= due= level=",
	 "supervise CASE_NO --text TEXT [--due YYYY-MM-DD [--level notice|interview|bulletin|listed]]",
	 N_("a supervision note (督办); with --due a supervision notice (督办通知) whose written feedback is due then")},
	{"hearing-start", cli_case_hearing_start, "text=", "hearing-start CASE_NO [--text TEXT]",
	 N_("a re-review's hearing (听证) begins: its days are not counted in the 30 (art. 36)")},
	{"hearing-end", cli_case_hearing_end, "text=", "hearing-end CASE_NO --text OUTCOME",
	 N_("the hearing ends, with its outcome; the re-review's term counts again")},
	{"supervise-feedback", cli_case_supervise_feedback, "text=", "supervise-feedback CASE_NO --text TEXT",
	 N_("the unit's written feedback on the supervision notice (督办反馈)")},
	{"extend", cli_case_extend, "days= approver= text=", "extend CASE_NO --days N --approver LOGIN --text REASON",
	 N_("extend handling once, by at most 30 days")},
	{"flag", cli_case_flag_step, "urgent= major=", "flag CASE_NO [--urgent yes|no] [--major yes|no]",
	 N_("mark the case urgent (紧急) or major (重大)")},
	{"annotate", cli_case_annotate, "text=", "annotate CASE_NO --text TEXT", N_("an annotation on the archived file")},
	{"headcount", cli_case_headcount, "count=", "headcount CASE_NO --count N",
	 N_("the number of people who came (集体访)")},
	{"representative", cli_case_representative, "name= id-number= sex= phone= address=",
	 "representative CASE_NO --name NAME --id-number ID [--sex 男|女] [--phone P] [--address A]",
	 N_("add a representative of a group petition (at most 5)")},
	{"wait", cli_case_visit, "", "wait CASE_NO", N_("put the visitor on today's waiting list (候谈)")},
	{"interview", cli_case_visit, "", "interview CASE_NO", N_("the leader interviews the visitor (接谈)")},
	{"visit-done", cli_case_visit, "", "visit-done CASE_NO", N_("the visit is done")},
	{"return", cli_case_visit, "", "return CASE_NO", N_("the visitor was persuaded to return (劝返)")},
	{"show", cli_case_show, "", "show CASE_NO [--json]",
	 N_("the case: its fields, state, signed entries and clocks")},
	{"timeline", cli_case_timeline, "", "timeline CASE_NO [--json]", N_("every event of the case, oldest first")},
	/* A step of another part adds one line here, its function declared in
	 * case_internal.h and written in its own file (case_more.c). */
	{"correct", cli_case_correct, "field= value= text=",
	 "correct CASE_NO --field name|sex|phone|address|content --value TEXT",
	 N_("correct the registration's words until the case is screened (更正登记)")},
	{"repeat", cli_case_repeat, "yes no", "repeat CASE_NO --yes|--no",
	 N_("whether the visit is the same matter as an earlier one (重复访)")},
	{"agency", cli_case_agency, "receipt= accept object result date= text= file=",
	 "agency CASE_NO --receipt DATE | --accept | --object --text REASON | --result --text TEXT [--date D] [--file F]",
	 N_("record an outside agency's answer: receipt, acceptance, objection, result")},
	{"archive-check", cli_case_archive_check, "", "archive-check CASE_NO",
	 N_("what the file lacks before 归档; exit 1 when something is missing")},
	{"approve", cli_case_approve, "text= report=", "approve CASE_NO [--report N] [--text TEXT]",
	 N_("the unit head approves and countersigns the handling report (处室负责人)")},
	{"unrated", cli_case_unrated, "text=", "unrated CASE_NO --text REASON",
	 N_("no view of the reply can be had: satisfaction 未评价, with the reason")},
	{"co-units", cli_case_co_units, "units=", "co-units CASE_NO --units UNIT[,UNIT]...",
	 N_("the co-agencies (会办单位) of a routed case")},
	/* Issue 13, arts. 35 and 36 (case_review.c). */
	{"review-request", cli_case_review_request, "received-on= text=", "review-request CASE_NO [--received-on YYYY-MM-DD] [--text TEXT]",
	 N_("the visitor asks for a review (复查) within 30 days of receiving the written answer")},
	{"review-decide", cli_case_review_decide, "opinion= text= signer=",
	 "review-decide CASE_NO --opinion upheld|changed|revoked --text TEXT [--signer LOGIN]",
	 N_("the review opinion (复查意见) in writing, signed")},
	{"rereview-request", cli_case_rereview_request, "received-on= text=",
	 "rereview-request CASE_NO [--received-on YYYY-MM-DD] [--text TEXT]",
	 N_("the visitor asks for a re-review (复核) within 30 days of receiving the review opinion")},
	{"rereview-decide", cli_case_rereview_decide, "opinion= text= signer=",
	 "rereview-decide CASE_NO --opinion upheld|changed|revoked --text TEXT [--signer LOGIN]",
	 N_("the re-review opinion (复核意见), signed; the same facts are not accepted again")},
	/* Issue 13: the delivery of a notice (送达, case_deliver.c). */
	{"deliver", cli_case_deliver, "notice= method= tracking= date= refused note=",
	 "deliver CASE_NO --notice 文号|KIND --method in_person|post|electronic|other [--tracking N] "
	 "[--date YYYY-MM-DD] [--refused --note TEXT]",
	 N_("the delivery (送达) of a notice on record: how, when, signed or refused (拒签)")},
	/* Issue 13, 可评价 (case_evaluate.c). */
	{"evaluate", cli_case_evaluate, "office= unit= reason=",
	 "evaluate CASE_NO --office satisfied|basically|dissatisfied --unit satisfied|basically|dissatisfied "
	 "[--reason TEXT]",
	 N_("the petitioner's evaluation of the answer, for the petition office and the handling unit (可评价)")},
	{"redo", cli_case_redo, "reason= due= allow-nonworking", "redo CASE_NO --reason TEXT --due YYYY-MM-DD",
	 N_("after a dissatisfied evaluation, the supervisor sends the case back to the same unit (重办)")},
	/* Issue 13, 第三十三条 (case_mediate.c). */
	{"mediate", cli_case_mediate, "kind= parties= terms= mediator= text=",
	 "mediate CASE_NO --kind mediation|settlement --parties \"A、B\" --terms TEXT [--mediator NAME]",
	 N_("the agreement of a mediation (调解, with its mediator) or a settlement (和解) while a claim is handled")},
	{"apply", NULL, "", "apply FILE", N_("run a file of steps, one a line, as one transaction")},
};
#define N_STEPS (sizeof steps / sizeof steps[0])

const cli_case_step *cli_case_find(const char *word)
{
	for (size_t i = 0; word && i < N_STEPS; i++)
		if (!strcmp(steps[i].word, word))
			return &steps[i];
	return NULL;
}

const char *cli_case_opt(const cli_case_ctx *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return c->value[i];
	return NULL;
}

bool cli_case_flag(const cli_case_ctx *c, const char *name)
{
	return cli_case_opt(c, name) != NULL;
}

static void synopsis(FILE *err, const char *syn)
{
	char buf[512];
	snprintf(buf, sizeof buf, "case %s", syn);
	fprintf(err, _("laifang: usage: laifang [--user LOGIN [--password-stdin]] %s\n"), buf);
}

int cli_case_usage(const cli_case_ctx *c, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fprintf(c->err, "laifang: case %s: %s\n", c->step, buf);
	const cli_case_step *d = cli_case_find(c->step);
	if (d)
		synopsis(c->err, d->synopsis);
	return 2;
}

int cli_case_date_opt(cli_case_ctx *c, const char *name)
{
	const char *v = cli_case_opt(c, name);
	lf_date d;
	if (!v || (lf_date_parse(v, &d) && lf_date_valid(d.y, d.m, d.d)))
		return 0;
	return cli_case_usage(c, _("--%s needs a date (YYYY-MM-DD), not \"%s\""), name, v);
}

int cli_case_int_opt(cli_case_ctx *c, const char *name, int lo, int hi, int *out)
{
	const char *v = cli_case_opt(c, name);
	char *end = NULL;
	errno = 0;
	long n = v && *v ? strtol(v, &end, 10) : 0;
	if (!v || !*v || *end || errno || n < lo || n > hi)
		return cli_case_usage(c, _("--%s needs a whole number from %d to %d"), name, lo, hi);
	*out = (int)n;
	return 0;
}

char *cli_case_read_text(const char *path, size_t max, char *why, size_t len)
{
	/* O_NONBLOCK: a FIFO named here does not hang us before fstat refuses it. */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0) {
		snprintf(why, len, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(why, len, _("%s is not an ordinary file"), path);
		close(fd);
		return NULL;
	}
	if ((unsigned long long)sb.st_size > max) {
		snprintf(why, len, _("%s is larger than %zu bytes"), path, max);
		close(fd);
		return NULL;
	}
	char *buf = malloc(max + 1);
	size_t n = 0;
	while (buf && n <= max) {
		ssize_t r = read(fd, buf + n, max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(why, len, _("cannot read %s: %s"), path, strerror(errno));
			free(buf);
			buf = NULL;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (!buf) {
		if (!why[0])
			snprintf(why, len, "%s", _("out of memory"));
		return NULL;
	}
	if (n > max) { /* it grew while we read */
		snprintf(why, len, _("%s is larger than %zu bytes"), path, max);
		free(buf);
		return NULL;
	}
	if (memchr(buf, '\0', n)) {
		snprintf(why, len, _("%s holds a NUL byte: not a text"), path);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Does spec ("unit= due= in-house") list name, and does it take a value? */
static bool spec_has(const char *spec, const char *name, size_t n, bool *valued)
{
	for (const char *p = spec; *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (!w)
			break;
		bool v = p[w - 1] == '=';
		size_t k = v ? w - 1 : w;
		if (k == n && !strncmp(p, name, n)) {
			*valued = v;
			return true;
		}
		p += w;
	}
	return false;
}

void cli_case_parsed_free(cli_case_parsed *p)
{
	free(p->text_buf);
	p->text_buf = NULL;
}

int cli_case_parse(int argc, char **argv, cli_case_parsed *p, FILE *err)
{
	memset(p, 0, sizeof *p);
	cli_case_ctx *c = &p->ctx;
	c->err = err;
	c->step = argc > 0 ? argv[0] : "";
	p->def = cli_case_find(c->step);
	if (!p->def || !p->def->fn) {
		fprintf(err, _("laifang: case: unknown step \"%s\" (see laifang case --help)\n"), c->step);
		return 2;
	}
	const char *text_file = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || !a[2]) {
			if (c->case_no)
				return cli_case_usage(c, _("one case number only; \"%s\" is one too many"), a);
			c->case_no = a;
			continue;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		bool valued = false;
		bool known = spec_has(p->def->opts, name, n, &valued) || spec_has("json", name, n, &valued) ||
		             (spec_has(p->def->opts, "text", 4, &valued) && n == 9 && !strncmp(name, "text-file", 9) &&
		              valued);
		if (!known)
			return cli_case_usage(c, _("--%.*s does not go with this step"), (int)n, name);
		const char *value = "";
		if (valued) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return cli_case_usage(c, _("--%.*s needs a value"), (int)n, name);
		} else if (eq) {
			return cli_case_usage(c, _("--%.*s takes no value"), (int)n, name);
		}
		if (n == 9 && !strncmp(name, "text-file", 9)) {
			text_file = value;
			continue;
		}
		for (int k = 0; k < c->n; k++)
			if (strlen(c->name[k]) == n && !strncmp(c->name[k], name, n))
				return cli_case_usage(c, _("--%.*s is given twice"), (int)n, name);
		if (c->n >= CLI_CASE_MAX_OPTS)
			return cli_case_usage(c, "%s", _("too many options"));
		if (n >= sizeof c->name[0])
			return cli_case_usage(c, _("--%.*s does not go with this step"), (int)n, name);
		snprintf(c->name[c->n], sizeof c->name[0], "%.*s", (int)n, name);
		c->value[c->n++] = value;
	}
	if (!c->case_no)
		return cli_case_usage(c, "%s", _("the case number is missing"));
	c->json = cli_case_flag(c, "json");
	const char *text = cli_case_opt(c, "text");
	if (text && text_file)
		return cli_case_usage(c, "%s", _("--text and --text-file: give one of them"));
	if (text_file) {
		char why[512] = "";
		p->text_buf = cli_case_read_text(text_file, CLI_CASE_TEXT_MAX, why, sizeof why);
		if (!p->text_buf) {
			fprintf(err, "laifang: case %s: --text-file: %s\n", c->step, why);
			return 2;
		}
		text = p->text_buf;
	}
	c->text = text;
	return 0;
}

int cli_case_exec(cli_case_parsed *p, lf_store *st, const lf_user *me, bool in_batch, FILE *out, FILE *err)
{
	p->ctx.st = st;
	p->ctx.me = me;
	p->ctx.in_batch = in_batch;
	p->ctx.out = out;
	p->ctx.err = err;
	return p->def->fn(&p->ctx);
}

int cli_case_result(cli_case_ctx *c, lf_store_err e, const char *msg, const char *done)
{
	const char *why = e == LF_STORE_OK ? msg : (msg && msg[0] ? msg : lf_office_errmsg(c->st));
	if (c->json) {
		json_t *o = json_object();
		json_object_set_new(o, "ok", json_boolean(e == LF_STORE_OK));
		json_object_set_new(o, "step", json_string(c->step));
		json_object_set_new(o, "case_no", json_string(c->case_no));
		/* The state after the step: only on success, so a refusal (need to
		 * know) says nothing of a case the actor may not read. */
		lf_case_flow fl;
		memset(&fl, 0, sizeof fl);
		if (e == LF_STORE_OK && lf_case_read_flow(c->st, c->case_no, &fl) == LF_STORE_OK)
			json_object_set_new(o, "state", json_string(lf_state_id(fl.state)));
		lf_case_flow_free(&fl);
		if (why && why[0])
			json_object_set_new(o, e == LF_STORE_OK ? "message" : "error", json_string(why));
		json_dumpf(o, c->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', c->out);
		json_decref(o);
	} else if (e == LF_STORE_OK) {
		fprintf(c->out, "%s\n", done);
	}
	if (e == LF_STORE_OK) {
		if (why && why[0]) /* a warning with the success */
			fprintf(c->err, "laifang: %s\n", why);
		return 0;
	}
	fprintf(c->err, "laifang: %s\n", why);
	int rc = lf_cli_status(e);
	return rc;
}

/* ---- the command line ---- */

static void case_help(FILE *f)
{
	fprintf(f, "%s", _("Usage: laifang [--user LOGIN [--password-stdin]] case STEP CASE_NO [OPTION]...\n"
	                   "Take a step of a case's life, as the desk does: the same checks, the same\n"
	                   "refusals, the same audit log. Free text is --text TEXT or --text-file FILE\n"
	                   "(an ordinary file of UTF-8 text); a unit is given by its name; a date as\n"
	                   "YYYY-MM-DD; a leader or approver by login. --json prints the outcome as a\n"
	                   "JSON object.\n"
	                   "\n"
	                   "Steps:\n"));
	for (size_t i = 0; i < N_STEPS; i++)
		fprintf(f, "  %s\n      %s\n", steps[i].synopsis, _(steps[i].help));
	fprintf(f, "%s", _("\n"
	                   "apply FILE: one step a line, written as after \"laifang case\" (STEP CASE_NO\n"
	                   "[OPTION]...), all acting as --user; words split as a shell does ('...' and\n"
	                   "\"...\" quote, a backslash escapes), no variables; blank lines and lines\n"
	                   "starting with # are skipped. The lines run as one transaction: when one is\n"
	                   "refused nothing is changed and the line is named (FILE:LINE).\n"
	                   "\n"
	                   "Exit status: 0 done; 1 refused (the reason is printed); 2 a usage error.\n"));
}

/* Options every laifang command takes; *valued when a value follows. */
static bool global_opt(const char *a, bool *valued)
{
	static const char *const with_value[] = {"--db", "--lang", "--user"};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(with_value[i]);
		if (!strncmp(a, with_value[i], n) && (a[n] == '\0' || a[n] == '=')) {
			*valued = a[n] == '\0';
			return true;
		}
	}
	*valued = false;
	return !strcmp(a, "--password-stdin");
}

bool lf_cli_case_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		bool valued;
		if (global_opt(argv[i], &valued)) {
			i += valued;
			continue;
		}
		return !strcmp(argv[i], "case");
	}
	return false;
}

/* The value of a global option in its two forms. */
static const char *global_value(int argc, char **argv, int *i)
{
	const char *eq = strchr(argv[*i], '=');
	if (eq)
		return eq + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

int lf_cli_case_main(int argc, char **argv)
{
	const char *db = NULL, *login = NULL;
	bool pw_stdin = false, help = false;
	char **words = calloc((size_t)argc + 1, sizeof *words);
	int nw = 0;
	if (!words)
		return 2;
	const cli_case_step *def = NULL;
	bool seen_case = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool valued;
		/* After the step word, a step's option takes the next word as its value
		 * whatever it looks like (a text may start with dashes). */
		if (def && !strncmp(a, "--", 2) && !strchr(a, '=')) {
			bool v = false;
			if (spec_has(def->opts, a + 2, strlen(a + 2), &v) && v) {
				words[nw++] = argv[i];
				if (i + 1 < argc)
					words[nw++] = argv[++i];
				continue;
			}
			if (!strcmp(a, "--text-file") && strstr(def->opts, "text=") && i + 1 < argc) {
				words[nw++] = argv[i];
				words[nw++] = argv[++i];
				continue;
			}
		}
		if (global_opt(a, &valued)) {
			const char *v = valued || strchr(a, '=') ? global_value(argc, argv, &i) : NULL;
			if ((valued || strchr(a, '=')) && !v) {
				fprintf(stderr, _("laifang: %s needs a value\n"), a);
				free(words);
				return 2;
			}
			if (!strncmp(a, "--db", 4))
				db = v;
			else if (!strncmp(a, "--user", 6))
				login = v;
			else if (!strcmp(a, "--password-stdin"))
				pw_stdin = true;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help = true;
			continue;
		}
		if (!seen_case && !strcmp(a, "case")) {
			seen_case = true;
			continue;
		}
		if (!def && nw == 0)
			def = cli_case_find(a);
		words[nw++] = argv[i];
	}
	if (help) {
		free(words);
		lf_cli_clean_stdout();
		if (def) {
			printf(_("Usage: laifang [--user LOGIN [--password-stdin]] case %s\n"), def->synopsis);
			printf("%s\n", _(def->help));
		} else {
			case_help(stdout);
		}
		return 0;
	}
	if (nw == 0) {
		case_help(stderr);
		free(words);
		return 2;
	}
	/* Usage errors before any password is asked. */
	int rc = 0;
	cli_case_parsed p;
	memset(&p, 0, sizeof p);
	bool apply = def && !def->fn;
	if (apply) {
		bool json = false;
		const char *file = NULL;
		for (int i = 1; i < nw && rc == 0; i++) {
			if (!strcmp(words[i], "--json"))
				json = true;
			else if (words[i][0] == '-' && words[i][1]) {
				fprintf(stderr, _("laifang: case apply: %s does not go with apply\n"), words[i]);
				rc = 2;
			} else if (file) {
				rc = 2;
			} else {
				file = words[i];
			}
		}
		if (rc == 0 && !file)
			rc = 2;
		if (rc) {
			synopsis(stderr, def->synopsis);
			free(words);
			return rc;
		}
		p.ctx.json = json;
		p.ctx.case_no = file;
	} else if ((rc = cli_case_parse(nw, words, &p, stderr)) != 0) {
		cli_case_parsed_free(&p);
		free(words);
		return rc;
	}
	lf_cli_clean_stdout();
	char *db_path = lf_cli_database(db);
	lf_store *st = NULL;
	if (!db_path) {
		fprintf(stderr, "%s", _("laifang: cannot tell where the database goes: HOME is not set; use --db FILE\n"));
		rc = 2;
		goto done;
	}
	char msg[512];
	lf_store_err err;
	st = lf_office_open(db_path, &err, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "laifang: %s\n", msg);
		rc = 2;
		goto done;
	}
	lf_cli_training_apply(st);
	if (!login) {
		fprintf(stderr, _("laifang: %s needs a login: laifang --user LOGIN %s (add --password-stdin to read the password from standard input)\n"),
		        "case", "case STEP CASE_NO");
		rc = 1;
		goto done;
	}
	lf_user me = {0};
	rc = lf_cli_login(st, login, pw_stdin ? stdin : NULL, &me, stderr);
	if (rc == 0)
		rc = apply ? cli_case_apply(st, &me, p.ctx.case_no, p.ctx.json, stdout, stderr)
		           : cli_case_exec(&p, st, &me, false, stdout, stderr);
	lf_user_free(&me);
	if (fflush(stdout) != 0 && rc == 0)
		rc = 2;
done:
	if (st)
		lf_office_close(st);
	free(db_path);
	cli_case_parsed_free(&p);
	free(words);
	return rc;
}
