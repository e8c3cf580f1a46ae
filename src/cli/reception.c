/* laifang reception photo add DAY FILE: a photo of the reception day
 * (接访照片) attached to its saved log from the command line, through the
 * same core call the log's screen uses for photos. */
#include "laifang/cli.h"

#include <string.h>

#include "cli_internal.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"

int lf_cli_reception_photo(lf_store *st, const lf_user *actor, const char *verb, const char *day, const char *file,
                           FILE *out, FILE *err)
{
	if (!verb || strcmp(verb, "add")) {
		fprintf(err, "%s", _("laifang: usage: laifang reception photo add YYYY-MM-DD FILE\n"));
		return 2;
	}
	char msg[1024];
	lf_attachment a;
	lf_store_err e = lf_reception_photo_add(st, actor, day, file, &a, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("Photo %s attached to the reception-day log of %s (%lld bytes, SHA-256 %s)\n"), a.name, day,
	        a.size, a.sha256);
	return 0;
}
