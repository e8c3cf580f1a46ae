/* The pickers and the small step forms of the case screen (pickers.c),
 * shared by case_flow.c. Private to the terminal face. */
#ifndef LAIFANG_TUI_PICKERS_H
#define LAIFANG_TUI_PICKERS_H

#include "tui_internal.h"

#define LF_XF_MAX 6

typedef enum { LF_PK_NONE, LF_PK_UNIT, LF_PK_USER } lf_pick_kind;

/* A list of choices for a field: what is shown, and the value behind it
 * (a unit's name, a user's login, a satisfaction id). */
typedef struct lf_choices {
	char **shown, **value;
	size_t n;
} lf_choices;

void lf_choices_free(lf_choices *c);
void lf_choices_add(lf_choices *c, const char *shown, const char *value);
/* The choice whose value is value taken out (none: nothing happens). */
void lf_choices_drop(lf_choices *c, const char *value);
/* The units of a kind ("" or NULL: any; "!kind": any other), by name; the
 * users with any of roles, shown "姓名（职务）" with their login behind. */
lf_store_err lf_units_of(lf_tui *t, const char *kind, lf_choices *c, char *msg, size_t len);
void lf_users_of(lf_tui *t, unsigned roles, lf_choices *c, char *msg, size_t len);

/* A small form of up to LF_XF_MAX fields over the case screen: a choice
 * field with a picker opens it on Enter; apply is called on F2 with the
 * values (a picked field's value, not what is shown). */

typedef struct lf_xform lf_xform;
typedef bool (*lf_xform_apply)(lf_xform *f, char **vals, char *msg, size_t len);

struct lf_xform {
	lf_tui *t;
	lf_form_def def;
	lf_field_def fd[LF_XF_MAX];
	lf_pick_kind pick[LF_XF_MAX];
	lf_choices ch[LF_XF_MAX];
	const char *pick_title[LF_XF_MAX];
	lf_xform_apply apply;
	void *ud;
	lf_step step;
	lf_step_apply_fn step_apply;
	void *step_ud;
	char **initial;
	bool conflict; /* another desk moved the case: leave and reload */
	char *out;     /* the outcome for the case screen */
	size_t outlen;
	lf_form_view v;
	lf_form_screen s;
	/* Issue 12: a field whose prefilled value the first key typed into it
	 * replaces (a count: typing 12 into "1" gives 12, not 112). */
	bool replace[LF_XF_MAX];
	size_t replace_focus; /* the field the cursor was in at the last key */
	bool replace_pending; /* the next printable key replaces that field */
	int grow; /* a read-only text shown whole as far as the window allows (lf_form_view.grow); -1 none */
	size_t refocus; /* apply refused: the field to put the cursor in, + 1; 0 where it was */
	/* A text field of names (the co-agencies): Enter opens ch[i] and adds
	 * the one chosen, after a 、, to what is typed. */
	bool pick_adds[LF_XF_MAX];
	/* ... not offering the value of field names_besides[i] - 1 (0: none). */
	size_t names_besides[LF_XF_MAX];
};

void lf_xf_init(lf_xform *f, lf_tui *t, const char *title);
/* A text field of names, separated by 、, with choices (f->ch[i], to fill)
 * that Enter adds one at a time; typed names are kept as typed. */
size_t lf_xf_names(lf_xform *f, const char *label, int width, size_t max);
/* From an apply that refuses: the cursor goes to field i (the one at fault). */
void lf_xf_refocus(lf_xform *f, size_t i);
size_t lf_xf_add(lf_xform *f, const char *label, lf_field_kind kind, int width, size_t max);
/* A choice field filled from ch[i] (a picker on Enter when pk says so). */
size_t lf_xf_choice(lf_xform *f, const char *label, lf_pick_kind pk, int width);
/* Run the form: true when apply said done (or the case moved: conflict). */
bool lf_xf_run(lf_xform *f, const char *title, const char *about, char *out, size_t outlen);
/* A list of missing items on one line, joined by "; " (len bytes). */
void lf_one_line(char *s, size_t len);

#endif
