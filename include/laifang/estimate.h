/* A deadline in a year whose holiday arrangement is not published yet is
 * an estimate (calendar.h, lf_calendar_is_estimated): wherever a due date
 * is shown, it says so. Core module. */
#ifndef LAIFANG_ESTIMATE_H
#define LAIFANG_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/calendar.h"

/* True when due (YYYY-MM-DD) is a date the calendar estimates. */
bool lf_due_estimated(const lf_calendar *cal, const char *due);

/* The due date as shown: "2027-02-11", or "2027-02-11（估算）" (translated)
 * when estimated; "" for NULL. Returns buf. */
const char *lf_due_label(const lf_calendar *cal, const char *due, char *buf, size_t len);

#endif
