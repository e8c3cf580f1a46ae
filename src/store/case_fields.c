/* Field ids of a case: the one mapping between the form's data contract and
 * struct lf_case, used by every face (sheet view, export). */
#include "laifang/store.h"

#include <stddef.h>
#include <string.h>

#define FIELD(name) {#name, offsetof(lf_case, name)}

static const struct {
	const char *id;
	size_t offset;
} fields[] = {
	FIELD(case_id), FIELD(case_no), FIELD(created_at), FIELD(status), FIELD(channel),
	FIELD(receptionist), FIELD(received_on), FIELD(name), FIELD(sex), FIELD(phone),
	FIELD(id_number), FIELD(address), FIELD(content), FIELD(instruction),
	FIELD(instruction_signer), FIELD(instruction_date), FIELD(handling),
	FIELD(handling_signer), FIELD(handling_date), FIELD(doc_type), FIELD(doc_note), FIELD(id_record),
};

const char *lf_case_field(const lf_case *c, const char *field_id)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (!strcmp(fields[i].id, field_id)) {
			const char *v = *(char *const *)((const char *)c + fields[i].offset);
			return v && *v ? v : NULL;
		}
	return NULL;
}
