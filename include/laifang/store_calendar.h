/* The office's working-day calendar as the database holds it (part of the
 * store interface): the built-in years and the days imported with
 * `laifang calendar import`. Owned by the store; valid until exit. */
#ifndef LAIFANG_STORE_CALENDAR_H
#define LAIFANG_STORE_CALENDAR_H

#include "laifang/calendar.h"
#include "laifang/store.h"

const lf_calendar *lf_store_calendar(lf_store *st);

#endif
