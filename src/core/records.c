/* The records of the store interface (store*.h) as data: freeing what a
 * read filled in, and a case's field by the form's id. Core module: no
 * store call, so every layer (and the faces) may use them. */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "laifang/store.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"

/* Field ids of a case: the one mapping between the form's data contract and
 * struct lf_case, used by every face (sheet view, export). */
#define FIELD(name) {#name, offsetof(lf_case, name)}

static const struct {
	const char *id;
	size_t offset;
} case_fields[] = {
	FIELD(case_id), FIELD(case_no), FIELD(created_at), FIELD(status), FIELD(channel),
	FIELD(receptionist), FIELD(received_on), FIELD(name), FIELD(sex), FIELD(phone),
	FIELD(id_number), FIELD(address), FIELD(content), FIELD(instruction),
	FIELD(instruction_signer), FIELD(instruction_date), FIELD(handling),
	FIELD(handling_signer), FIELD(handling_date), FIELD(doc_type), FIELD(doc_note), FIELD(id_record),
};

const char *lf_case_field(const lf_case *c, const char *field_id)
{
	/* Issue 12: the group visit and the further numbers. */
	const char *extra = NULL;
	int k = 0;
	if (!strcmp(field_id, "visit_kind"))
		return c->visit_kind;
	if (!strcmp(field_id, "headcount"))
		return c->headcount;
	if (!strcmp(field_id, "phone_more"))
		return c->phone_more;
	if (!strncmp(field_id, "rep", 3) && field_id[3] >= '2' && field_id[3] <= '5' && field_id[4] == '_') {
		k = field_id[3] - '0';
		if (!strcmp(field_id + 5, "name"))
			extra = c->rep_name[k - 2];
		else if (!strcmp(field_id + 5, "id"))
			extra = c->rep_id[k - 2];
		return extra && *extra ? extra : NULL;
	}
	for (size_t i = 0; i < sizeof case_fields / sizeof case_fields[0]; i++)
		if (!strcmp(case_fields[i].id, field_id)) {
			const char *v = *(char *const *)((const char *)c + case_fields[i].offset);
			return v && *v ? v : NULL;
		}
	/* The letter and call forms' own words (forms/letter.form, call.form). */
	if (!strcmp(field_id, "anonymous"))
		return c->anonymous ? "是" : "否";
	if (!strcmp(field_id, "medium") && c->channel)
		return !strcmp(c->channel, "fax") ? "传真" : !strcmp(c->channel, "letter") ? "来信" : NULL;
	if (!strcmp(field_id, "kind"))
		return c->kind && *c->kind ? c->kind : NULL;
	for (size_t i = 0; i < c->n_intake; i++)
		if (c->intake_ids[i] && !strcmp(c->intake_ids[i], field_id))
			return c->intake_values[i] && *c->intake_values[i] ? c->intake_values[i] : NULL;
	return NULL;
}

void lf_case_flow_free(lf_case_flow *f)
{
	if (!f)
		return;
	free(f->lead_unit_id);
	free(f->lead_unit_name);
	free(f->lead_unit_kind);
	free(f->owner_id);
	free(f->owner_name);
	free(f->instruction_leader_id);
	memset(f, 0, sizeof *f);
}

void lf_case_free(lf_case *c)
{
	if (!c)
		return;
	char *fields[] = {
		c->case_id, c->case_no, c->created_at, c->status, c->channel, c->receptionist,
		c->received_on, c->name, c->sex, c->phone, c->id_number, c->address, c->content,
		c->instruction, c->instruction_signer, c->instruction_date, c->handling,
		c->handling_signer, c->handling_date, c->doc_type, c->doc_note, c->id_record,
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(fields[i]);
	free(c->visit_kind);
	free(c->headcount);
	free(c->phone_more);
	for (size_t i = 0; i < 4; i++) {
		free(c->rep_name[i]);
		free(c->rep_id[i]);
	}
	for (size_t i = 0; i < c->n_entries; i++) {
		free(c->entries[i].kind);
		free(c->entries[i].text);
		free(c->entries[i].signer_name);
		free(c->entries[i].signed_at);
	}
	free(c->entries);
	free(c->kind);
	for (size_t i = 0; i < c->n_intake; i++) {
		free(c->intake_ids[i]);
		free(c->intake_values[i]);
	}
	free(c->intake_ids);
	free(c->intake_values);
	memset(c, 0, sizeof *c);
}

void lf_visitor_info_free(lf_visitor_info *info)
{
	if (!info)
		return;
	free(info->name);
	free(info->sex);
	free(info->phone);
	free(info->address);
	free(info->doc_number);
	free(info->phone_more);
	info->name = info->sex = info->phone = info->address = info->doc_number = NULL;
}

void lf_reception_log_free(lf_reception_log *l)
{
	if (!l)
		return;
	char **all[] = {&l->leader, &l->department, &l->registrar, &l->situation, &l->situation_signer,
	                &l->situation_signed_at, &l->demands, &l->instruction, &l->instruction_signer,
	                &l->instruction_signed_at, &l->meeting_attendees, &l->meeting_decisions,
	                &l->created_at, &l->updated_at, &l->saved_by};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(*all[i]);
	memset(l, 0, sizeof *l);
}

void lf_unit_free(lf_unit *u)
{
	if (!u)
		return;
	free(u->name);
	memset(u, 0, sizeof *u);
}

void lf_user_free(lf_user *u)
{
	if (!u)
		return;
	free(u->login);
	free(u->name);
	free(u->title);
	free(u->unit_name);
	memset(u, 0, sizeof *u);
}
