/* laifang key export FILE / key import FILE: the office key that seals the
 * audit log, carried to a second terminal or back after a restore. */
#include "laifang/cli.h"

#include "cli_internal.h"
#include "laifang/audit.h"
#include "laifang/i18n.h"

int lf_cli_key_export(lf_store *st, const lf_user *me, const char *file, FILE *out, FILE *err)
{
	char msg[256] = "";
	lf_store_err e = lf_audit_key_export(st, me, file, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("the office key was written to %s; keep it as safe as the database itself\n"), file);
	return 0;
}

int lf_cli_key_import(lf_store *st, const char *file, FILE *out, FILE *err)
{
	lf_store_err e = lf_audit_key_import(st, file);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, NULL, err);
	char path[4096];
	lf_audit_seal_state(st, path, sizeof path);
	fprintf(out, _("the office key is in place: %s\n"), path);
	return 0;
}
