/* Several desks on one database (issue 14): whether another connection
 * changed it since this handle last looked, so a list on screen can be read
 * again without the clerk pressing F5. One cheap call, no waiting: on SQLite
 * PRAGMA data_version (it moves when another connection commits, never for
 * this connection's own commits); on PostgreSQL the notifications of the
 * channel laifang_change (LISTEN at open; a statement trigger on the case
 * tables sends one with every committed change, whoever writes), those of
 * this connection's own backend ignored. */
#ifndef LAIFANG_STORE_WATCH_H
#define LAIFANG_STORE_WATCH_H

#include <stdbool.h>

#include "laifang/store.h"

/* True when another connection committed a change since the last call (or
 * since the open, for the first one); false when nothing changed, or when it
 * cannot be told (a broken connection: the next read says so). */
bool lf_store_changed_elsewhere(lf_store *st);

#endif
