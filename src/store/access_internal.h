/* The readability clause every list of cases adds (the store's half of
 * need to know; core's lf_case_readable is the same rule for one case).
 * The case_file row is aliased c. With the reader open the first term is
 * true and nothing else is evaluated. The terms on c's own columns are
 * served by the indexes of db/010_access.sql when a list is driven by
 * them; the EXISTS terms are seeks into case_entry / case_event by case. */
#ifndef LAIFANG_STORE_ACCESS_INTERNAL_H
#define LAIFANG_STORE_ACCESS_INTERNAL_H

#include "sql.h"

#include "laifang/store.h"

#define STORE_READABLE                                                                                     \
	"(:r_open = 1 OR c.receptionist_id = :r_uid OR c.owner_id = :r_uid "                                  \
	"OR c.instruction_leader_id = :r_uid OR c.lead_unit_id = :r_unit "                                    \
	"OR EXISTS (SELECT 1 FROM case_unit ru2 WHERE ru2.case_id = c.id AND ru2.unit_id = :r_unit) "        \
	"OR EXISTS (SELECT 1 FROM case_entry re WHERE re.case_id = c.id AND re.signer_id = :r_uid) "         \
	"OR EXISTS (SELECT 1 FROM case_event rv WHERE rv.case_id = c.id AND rv.user_id = :r_uid) "           \
	"OR CASE WHEN EXISTS (SELECT 1 FROM unit ru WHERE ru.id = c.lead_unit_id AND ru.kind = 'discipline') " \
	"THEN :r_ref = 1 ELSE (:r_all = 1 OR (:r_visit = 1 AND c.visit_state IN ('waiting', 'interview')) "         \
	"OR c.received_on = :r_today) END)"

/* Bind the handle's reader to the clause's parameters that s holds. */
int store_reader_bind(lf_store *st, sql_stmt *s);

#endif
