/* laifang case STEP CASE_NO [options]: what the steps share. Private to
 * src/cli. The dispatch table (case.c) names each step with the function
 * that takes it and the options it accepts; the common code parses the
 * options against that list, reads --text / --text-file, and gives the step
 * a context. A step calls core (the same functions the desk calls), then
 * cli_case_result, which prints the outcome (text or --json) and returns
 * the exit status: 0 done, 1 refused (core's sentence), 2 usage. */
#ifndef LAIFANG_CLI_CASE_INTERNAL_H
#define LAIFANG_CLI_CASE_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "laifang/caseflow.h"
#include "laifang/store.h"
#include "laifang/store_people.h"

#define CLI_CASE_MAX_OPTS 16
#define CLI_CASE_TEXT_MAX (256 * 1024) /* --text-file: at most this many bytes */

typedef struct cli_case_ctx {
	lf_store *st;
	const lf_user *me;
	const char *step;    /* the word on the command line: "route" */
	const char *case_no; /* the case number (or id) as given */
	const char *text;    /* --text, or the contents of --text-file; NULL when neither */
	bool json;           /* --json */
	bool in_batch;       /* inside laifang case apply: one transaction */
	/* The options given, by name without the dashes ("unit"); a flag's value is "". */
	char name[CLI_CASE_MAX_OPTS][32];
	const char *value[CLI_CASE_MAX_OPTS];
	int n;
	FILE *out, *err;
} cli_case_ctx;

typedef int (*cli_case_fn)(cli_case_ctx *c);

/* One line of the table in case.c. opts: the options the step accepts
 * besides --json, separated by spaces; "name=" takes a value, "name" is a
 * flag ("unit= due= in-house"). A step that accepts "text=" also accepts
 * "--text-file FILE". needs_case: CASE_NO is required (every step but
 * apply). */
typedef struct cli_case_step {
	const char *word;
	cli_case_fn fn;
	const char *opts;
	const char *synopsis; /* after "laifang case " */
	const char *help;     /* N_(): one line for laifang case --help */
} cli_case_step;

/* The value of option name ("unit"), or NULL when it was not given. */
const char *cli_case_opt(const cli_case_ctx *c, const char *name);
bool cli_case_flag(const cli_case_ctx *c, const char *name);

/* A usage error of this step: the sentence and the step's synopsis on err;
 * returns 2. */
int cli_case_usage(const cli_case_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* After core answered: on success print done (or core's warning in msg
 * as well) and return 0; on failure core's sentence (msg, else the handle's
 * message) and lf_cli_status(e). With --json the outcome is one object on
 * out: {"ok":..., "step":..., "case_no":..., "state":..., "message":...}. */
int cli_case_result(cli_case_ctx *c, lf_store_err e, const char *msg, const char *done);

/* A date option: absent passes; anything but a real YYYY-MM-DD is a usage
 * error. 0, or 2 (reported). */
int cli_case_date_opt(cli_case_ctx *c, const char *name);

/* A whole number option in [lo, hi]: 0 and *out, or 2 (usage). */
int cli_case_int_opt(cli_case_ctx *c, const char *name, int lo, int hi, int *out);

/* Read a --text-file safely: a regular file (no FIFO, device or folder),
 * at most CLI_CASE_TEXT_MAX bytes, NUL-free. malloc'd text, or NULL with a
 * translated reason in why. */
char *cli_case_read_text(const char *path, size_t max, char *why, size_t len);

/* One step read from words (argv[0] is the step): its table line, its
 * options, its text. */
typedef struct cli_case_parsed {
	const cli_case_step *def;
	cli_case_ctx ctx;
	char *text_buf; /* the contents of --text-file */
} cli_case_parsed;

/* Parse words against the step's table line and read --text-file: 0, or 2
 * with the usage error on err. The words must outlive the parse. */
int cli_case_parse(int argc, char **argv, cli_case_parsed *p, FILE *err);
void cli_case_parsed_free(cli_case_parsed *p);
/* Take the parsed step as me: its exit status. */
int cli_case_exec(cli_case_parsed *p, lf_store *st, const lf_user *me, bool in_batch, FILE *out, FILE *err);
/* The table line of a step word, or NULL. */
const cli_case_step *cli_case_find(const char *word);

/* The steps (case_steps.c, case_show.c, case_apply.c). */
int cli_case_accept(cli_case_ctx *c);
int cli_case_decline(cli_case_ctx *c);
int cli_case_refer(cli_case_ctx *c);
int cli_case_refer_law(cli_case_ctx *c);
int cli_case_from_lower(cli_case_ctx *c);
int cli_case_route(cli_case_ctx *c);
int cli_case_take_up(cli_case_ctx *c);
int cli_case_report(cli_case_ctx *c);
int cli_case_reply(cli_case_ctx *c);
/* Issue 13 (case_review.c): review and re-review, arts. 35 and 36. */
int cli_case_review_request(cli_case_ctx *c);
int cli_case_review_decide(cli_case_ctx *c);
int cli_case_rereview_request(cli_case_ctx *c);
int cli_case_rereview_decide(cli_case_ctx *c);
int cli_case_archive(cli_case_ctx *c);
int cli_case_instruct(cli_case_ctx *c);
int cli_case_request(cli_case_ctx *c);
int cli_case_own(cli_case_ctx *c);
int cli_case_supervise(cli_case_ctx *c);
int cli_case_supervise_feedback(cli_case_ctx *c);
int cli_case_hearing_start(cli_case_ctx *c);
int cli_case_hearing_end(cli_case_ctx *c);
int cli_case_extend(cli_case_ctx *c);
int cli_case_flag_step(cli_case_ctx *c);
int cli_case_annotate(cli_case_ctx *c);
int cli_case_headcount(cli_case_ctx *c);
int cli_case_representative(cli_case_ctx *c);
int cli_case_visit(cli_case_ctx *c);
int cli_case_show(cli_case_ctx *c);
int cli_case_timeline(cli_case_ctx *c);
/* case_more.c (issue 11) */
int cli_case_correct(cli_case_ctx *c);
int cli_case_repeat(cli_case_ctx *c);
int cli_case_agency(cli_case_ctx *c);
int cli_case_archive_check(cli_case_ctx *c);
int cli_case_approve(cli_case_ctx *c);
int cli_case_unrated(cli_case_ctx *c);
int cli_case_co_units(cli_case_ctx *c);
/* Issue 13 (case_deliver.c): the delivery of a notice (送达). */
int cli_case_deliver(cli_case_ctx *c);
/* Issue 13, 可评价 (case_evaluate.c). */
int cli_case_evaluate(cli_case_ctx *c);
int cli_case_redo(cli_case_ctx *c);
/* Issue 13, 第三十三条 (case_mediate.c). */
int cli_case_mediate(cli_case_ctx *c);

/* laifang case apply FILE (case_apply.c): every line a step, one
 * transaction. */
int cli_case_apply(lf_store *st, const lf_user *me, const char *path, bool json, FILE *out, FILE *err);
/* Split a line into words, shell-like: blanks separate words; '...' keeps
 * everything literally; "..." keeps everything but \" \\ (a backslash
 * before any other character stays); outside quotes a backslash keeps the
 * next character. Returns the number of words (at most max, in a malloc'd
 * buffer *store to free), or -1 with why set (an open quote, too many). */
int cli_case_split(const char *line, char **words, int max, char **store, const char **why);

#endif
