/* The ledger's columns beyond the registration sheet (ledger_facts.c),
 * shared by ledger.c. Private to src/office. */
#ifndef LAIFANG_OFFICE_LEDGER_INTERNAL_H
#define LAIFANG_OFFICE_LEDGER_INTERNAL_H

#include "laifang/ledger.h"
#include "laifang/form.h"

typedef struct lf_ledger_facts {
	char accepted_on[11]; /* 受理日期: the accept step's day, "" when not accepted */
	char status[64];      /* 状态, in Chinese */
	char lead_unit[256];  /* 承办单位 */
	char due_on[11];      /* 办理期限: the open deadline, else the handling clock's, else the latest */
	char due_rule[512];   /* 期限依据: the clock's rule and its basis */
	char closed_on[11];   /* 办结日期: the day of the (latest) reply */
	char satisfaction[64];/* 满意度, in Chinese */
} lf_ledger_facts;

lf_store_err lf_ledger_facts_get(lf_store *st, const char *case_id, lf_ledger_facts *f);

#endif
