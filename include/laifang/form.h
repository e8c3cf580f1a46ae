/* Forms as data: a .form file declares a paper sheet (its fields, labels,
 * kinds, widths, rules and help) and this module turns it into a field model
 * and checks values against it. One renderer (tui/form_view) draws any form.
 * The file format is documented in docs/forms.md. */
#ifndef LAIFANG_FORM_H
#define LAIFANG_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include "laifang/date.h"
#include "laifang/validate.h"

typedef enum lf_field_kind {
	LF_FIELD_TEXT,      /* one line of text */
	LF_FIELD_MULTILINE, /* wrapped, scrolling text (信访内容) */
	LF_FIELD_DATE,      /* YYYY-MM-DD, real, not in the future */
	LF_FIELD_CHOICE,    /* one of choices[] */
	LF_FIELD_ID_NUMBER, /* 身份证号码 */
	LF_FIELD_PHONE      /* 联系电话 */
} lf_field_kind;

typedef struct lf_field_def {
	char *id;          /* data contract: import/export keys, draft keys */
	char *label;       /* exactly as printed on the paper */
	lf_field_kind kind;
	int width;         /* columns of the input box on screen */
	int height;        /* rows, for multiline fields (1 otherwise) */
	size_t max_chars;  /* limit in characters */
	bool required;
	bool readonly;     /* shown, never typed (filled by laifang or a later workflow) */
	bool same_row;     /* drawn on the same row as the previous field */
	char *defval;      /* NULL, a literal, or "@today" / "@user" */
	char *help;        /* F1 text */
	char **choices;    /* LF_FIELD_CHOICE: the allowed values */
	size_t n_choices;
	char *agrees_with; /* id of a field this one is checked against (sex vs id_number), or NULL */
	char *group;       /* NULL, or the label of a box several fields share (领导批示: text, 签名, 日期) */
	bool no_tab;       /* not a Tab stop: reached with the arrow keys (证件类型, rarely changed) */
} lf_field_def;

typedef struct lf_form_def {
	char *id;      /* "registration" */
	char *title;   /* "群众来访登记表" */
	char *source;  /* where the paper comes from, shown small under the title */
	lf_field_def *fields;
	size_t n_fields;
	char *annex;   /* the paper's annex number in the office's notice ("3": 附件3), or NULL */
} lf_form_def;

/* Parse a form file's text. On error returns NULL and writes
 * "line N: what is wrong" into err. */
lf_form_def *lf_form_parse(const char *text, size_t len, char *err, size_t errlen);
void lf_form_free(lf_form_def *form);

/* A form built into the binary from forms/NAME.form (NULL if none). The
 * environment variable LAIFANG_FORMS_DIR, when set, makes laifang read
 * DIR/NAME.form instead (an office's own layout); err says why it failed. The
 * returned form is owned by the module and lives until exit. */
const lf_form_def *lf_form_get(const char *name, char *err, size_t errlen);

/* A notice's template text (issue 15; notice_text.h renders it), malloc'd
 * and NUL-terminated, *len its bytes: DIR/notices/KIND.tmpl when
 * LAIFANG_FORMS_DIR names a DIR that has one, else the one built in from
 * forms/notices/KIND.tmpl. NULL with err saying why. */
char *lf_notice_template(const char *kind, size_t *len, char *err, size_t errlen);

/* Index of the field with this id, or -1. */
int lf_form_find(const lf_form_def *form, const char *id);

/* One problem found in a sheet's values. */
typedef struct lf_form_issue {
	size_t field;      /* index into form->fields */
	lf_verdict verdict;   /* LF_WARNING or LF_INVALID */
	char message[384]; /* "身份证号码：校验位应为 X" — label first, then the reason */
} lf_form_issue;

/* Check one field's value (values[] holds one string per field, in form order;
 * a NULL or empty string is an empty field). On success of a field that is
 * not LF_INVALID, *normalized (if not NULL) receives a malloc'd normalised
 * value. Readonly fields are not checked. */
lf_verdict lf_form_check_field(const lf_form_def *form, size_t field, char *const *values,
                               lf_date today, lf_form_issue *issue, char **normalized);

/* Check every field in form order and the agreements between fields. Writes
 * up to max issues, invalid ones first in form order, then warnings; returns
 * the total number found. Normalises values in place (each values[i] is
 * malloc'd or NULL; the function may replace it). */
size_t lf_form_check(const lf_form_def *form, char **values, lf_date today,
                     lf_form_issue *issues, size_t max);

/* Fill defaults for empty, non-readonly-or-"@" fields: "@today" becomes today's date,
 * "@user" becomes user. values[] as in lf_form_check. */
void lf_form_fill_defaults(const lf_form_def *form, char **values, lf_date today, const char *user);

/* Issue 13: the form a case of this channel was registered on (channel.h:
 * registration for visit and online, letter for letter and fax, call for
 * phone); as lf_form_get. */
const lf_form_def *lf_form_for_channel(const char *channel, char *err, size_t errlen);

#endif
