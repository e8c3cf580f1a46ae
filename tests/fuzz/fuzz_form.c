/* libFuzzer target: the form-file parser (lf_form_parse) on any bytes, and
 * for a form that parses, the checks of a sheet on it: defaults filled and
 * every field checked with a value cut from the input. A form an office
 * writes (LAIFANG_FORMS_DIR) must never crash laifang, only be refused
 * with "line N: ...". */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "laifang/date.h"
#include "laifang/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	err[0] = '\0';
	lf_form_def *form = lf_form_parse((const char *)data, size, err, sizeof err);
	if (!form) {
		/* A refusal always says where and what. */
		if (strncmp(err, "line ", 5) != 0 && !strstr(err, "line"))
			abort();
		return 0;
	}
	char **values = calloc(form->n_fields ? form->n_fields : 1, sizeof *values);
	lf_date today = {2026, 11, 23};
	lf_form_fill_defaults(form, values, today, "王小红");
	/* Field i gets the i-th slice of the input (NUL-terminated copy). */
	size_t step = form->n_fields ? size / form->n_fields + 1 : size;
	for (size_t i = 0; i < form->n_fields; i++) {
		size_t at = i * step < size ? i * step : size;
		size_t n = size - at < step ? size - at : step;
		char *v = malloc(n + 1);
		memcpy(v, data + at, n);
		v[n] = '\0';
		if (n && !(i % 2)) { /* half the fields keep their default */
			free(values[i]);
			values[i] = v;
		} else {
			free(v);
		}
	}
	lf_form_issue issues[8];
	lf_form_check(form, values, today, issues, 8);
	for (size_t i = 0; i < form->n_fields; i++)
		free(values[i]);
	free(values);
	lf_form_free(form);
	return 0;
}
