/* The registration sheet's state, shared by sheet.c (typing, drafts),
 * sheet_save.c (saving) and sheet_fill.c (what a known ID number fills
 * in). */
#ifndef LAIFANG_TUI_SHEET_INTERNAL_H
#define LAIFANG_TUI_SHEET_INTERNAL_H

#include "tui_internal.h"

#include "laifang/settings.h"

typedef struct sheet {
	lf_tui *t;
	lf_form_view v;
	char **initial;   /* the values the sheet opened with */
	bool draft_dirty; /* typed since the draft was last written */
	char msg[768];
	lf_msg_kind msg_kind;
	const char *title;
	char on_duty[256]; /* today's leader and lead department, "" when no slot */
	char source[LF_SETTING_VALUE_MAX * 2]; /* the office's document line (settings), "" when none */
	lf_sheet_repeat rep; /* 重复访: the clerk's answer for the visitor typed (issue 11) */
	/* What a known ID number filled in (field, value), and that number: a
	 * changed number takes its fill back, never leaving one person's
	 * details on another's sheet. */
	int fill_field[5];
	char *fill_value[5];
	char *fill_id;
	char *fill_doc; /* the 证件类型 it was found under */
	char *sex_filled; /* what the ID number put in 性别 (lf_sex_fill), or NULL */
	/* Issue 12: 到访人数 is replaced, not appended to, by the first key
	 * typed after the cursor comes into it. */
	size_t last_focus;
	bool replace_next;
} sheet;

/* The message under the sheet. */
void sheet_say(sheet *s, lf_msg_kind kind, const char *text);
size_t sheet_nfields(const sheet *s);
/* The sheet as this desk's draft; false (said under the sheet) when the
 * file could not be written. */
bool sheet_write_draft(sheet *s);

/* sheet_save.c, F2: refuse with the first problem (cursor on its field),
 * ask about warnings and what only the save can find; true when saved
 * (saved_no gets the case number). On a store failure everything stays on
 * screen and in the draft. */
bool sheet_save(sheet *s, char *saved_no, size_t saved_len);

/* sheet_fill.c: forget what a known ID number filled in (the sheet keeps
 * it); take it back when the number changed (true when a field was
 * emptied); fill from the visitor's record (and ask whether it is a repeat
 * petition); a representative's name; 性别 from the ID number. */
void sheet_fill_forget(sheet *s);
bool sheet_fill_take_back(sheet *s);
void sheet_lookup_visitor(sheet *s, size_t id_field, const char *id_number);
void sheet_rep_fill(sheet *s, size_t id_field, const char *id_number);
void sheet_sex_from_id(sheet *s, const char *id_number);

#endif
