/* What a known ID number fills in on the registration sheet: the visitor's
 * details from their last visit (taken back when the number changes, never
 * leaving one person's details on another's sheet), a representative's
 * name, 性别 from the number. */
#include "sheet_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/visitor.h"

/* Forget what was filled in (the sheet keeps it: it is the clerk's now). */
void sheet_fill_forget(sheet *s)
{
	for (size_t k = 0; k < 5; k++) {
		free(s->fill_value[k]);
		s->fill_value[k] = NULL;
		s->fill_field[k] = -1;
	}
	free(s->fill_id);
	s->fill_id = NULL;
	free(s->fill_doc);
	s->fill_doc = NULL;
}

/* The ID number is no longer the one that filled the sheet: every field
 * still holding what it filled is emptied. True when something was. */
bool sheet_fill_take_back(sheet *s)
{
	bool cleared = false;
	for (size_t k = 0; k < 5; k++) {
		if (s->fill_field[k] < 0 || !s->fill_value[k])
			continue;
		char *cur = lf_form_view_get(&s->v, (size_t)s->fill_field[k]);
		if (cur && !strcmp(cur, s->fill_value[k])) {
			lf_form_view_set(&s->v, (size_t)s->fill_field[k], "");
			cleared = true;
		}
		free(cur);
	}
	sheet_fill_forget(s);
	return cleared;
}

/* A known ID number: fill what is empty from the person's last visit and say
 * on the sheet that this is a repeat petition. */
void sheet_lookup_visitor(sheet *s, size_t id_field, const char *id_number)
{
	lf_visitor_info info = {0};
	char why[512];
	int dt = lf_form_find(s->v.form, "doc_type");
	char *doc_type = dt >= 0 ? lf_form_view_get(&s->v, (size_t)dt) : NULL;
	lf_store_err e = lf_visitor_lookup_doc(s->t->st, s->t->me, doc_type, id_number, &info, why, sizeof why);
	if (e != LF_STORE_OK) {
		free(doc_type);
		doc_type = NULL;
	}
	if (e == LF_STORE_NOTFOUND || e == LF_STORE_DENIED) {
		lf_form_view_note(&s->v, id_field, NULL);
		memset(&s->rep, 0, sizeof s->rep); /* a new person: not a repeat */
		if (e == LF_STORE_DENIED) {
			sheet_say(s, LF_MSG_NOTE, why);
		} else {
			/* Nobody listed: a case another desk saves before this
			 * sheet is saved is asked about then (sheet_save.c). */
			snprintf(s->rep.id_number, sizeof s->rep.id_number, "%s", id_number);
			s->rep.looked = true;
		}
		return;
	}
	if (e != LF_STORE_OK) {
		sheet_say(s, LF_MSG_ERROR, why);
		return;
	}
	const struct {
		const char *id;
		const char *value;
	} known[] = {{"name", info.name}, {"sex", info.sex}, {"phone", info.phone}, {"address", info.address},
	                {"phone_more", info.phone_more}};
	int filled = 0;
	for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
		int f = lf_form_find(s->v.form, known[k].id);
		if (f < 0 || !known[k].value || !*known[k].value)
			continue;
		char *cur = lf_form_view_get(&s->v, (size_t)f);
		if (cur && !*cur) {
			lf_form_view_set(&s->v, (size_t)f, known[k].value);
			s->fill_field[k] = f;
			s->fill_value[k] = strdup(known[k].value);
			filled++;
		}
		free(cur);
	}
	free(s->fill_id);
	s->fill_id = strdup(id_number);
	free(s->fill_doc);
	s->fill_doc = doc_type; /* taken */
	/* Issue 11: whether this visit is a repeat is the clerk's answer, asked
	 * with the earlier cases listed (sheet_repeat.c). The note fits right of
	 * the ID box at 80 columns. */
	char note[160], asked[512];
	lf_sheet_repeat_lookup(s->t, &s->rep, id_number, note, sizeof note, asked, sizeof asked);
	lf_form_view_note(&s->v, id_field, note[0] ? note : NULL);
	if (asked[0]) {
		sheet_say(s, LF_MSG_NOTE, asked);
	} else if (filled) {
		char m[256];
		snprintf(m, sizeof m, _("A returning visitor: filled in from the last visit; check and correct."));
		sheet_say(s, LF_MSG_NOTE, m);
	}
	s->draft_dirty = true;
	lf_visitor_info_free(&info);
}

/* A representative's ID number on record: the name box beside it (repN_name)
 * takes the record's name when empty. */
void sheet_rep_fill(sheet *s, size_t id_field, const char *id_number)
{
	char name_id[32];
	snprintf(name_id, sizeof name_id, "%.4s_name", s->v.form->fields[id_field].id);
	int nf = lf_form_find(s->v.form, name_id);
	if (nf < 0)
		return;
	lf_visitor_info info = {0};
	char why[512];
	if (lf_visitor_lookup_doc(s->t->st, s->t->me, "居民身份证", id_number, &info, why, sizeof why) != LF_STORE_OK)
		return;
	char *cur = lf_form_view_get(&s->v, (size_t)nf);
	if (cur && !*cur && info.name && *info.name) {
		lf_form_view_set(&s->v, (size_t)nf, info.name);
		char m[256];
		snprintf(m, sizeof m, _("A returning visitor: the representative's name is filled in from the record."));
		sheet_say(s, LF_MSG_NOTE, m);
		s->draft_dirty = true;
	}
	free(cur);
	lf_visitor_info_free(&info);
}

/* 性别 follows the ID number until the clerk chooses it (lf_sex_fill). */
void sheet_sex_from_id(sheet *s, const char *id_number)
{
	int sf = lf_form_find(s->v.form, "sex");
	if (sf < 0)
		return;
	char *now = lf_form_view_get(&s->v, (size_t)sf);
	const char *want = lf_sex_fill(id_number, lf_date_today(), now, s->sex_filled);
	if (want) {
		lf_form_view_set(&s->v, (size_t)sf, want);
		free(s->sex_filled);
		s->sex_filled = *want ? strdup(want) : NULL;
		s->draft_dirty = true;
	}
	free(now);
}
