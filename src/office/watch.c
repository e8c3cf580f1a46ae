/* Several desks on one database (issue 14): what the lists on screen ask
 * between keys, whether another desk changed something (store_watch.h). */
#include "laifang/office.h"
#include "laifang/store_watch.h"

bool lf_office_changed_elsewhere(lf_store *st)
{
	return st && lf_store_changed_elsewhere(st);
}
