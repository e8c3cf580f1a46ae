/* Photos of the reception-day log (issue 15): picture kinds and sizes
 * from their bytes (JPEG and PNG, EXIF orientation), and the rules of
 * lf_reception_photo_add (no link, not after the leader's signature).
 * The printed log: test_log_paper.c. */
#include "log_paper_fixture.h"

/* ---- picture kinds and sizes from bytes ---------------------------------- */

static void image_info_from_bytes(void **state)
{
	fx *t = *state;
	char png[256], jpg[256];
	path_of(t, "a.png", png, sizeof png);
	make_png(png, 120, 45, 0, 0.5, 0);
	make_jpeg(t, "b", 64, 96, 1, 0, 0);
	path_of(t, "b.jpg", jpg, sizeof jpg);
	size_t n;
	lf_image_info info;
	unsigned char *b = read_all(png, &n);
	assert_int_equal(lf_image_magic(b, n), LF_IMAGE_PNG);
	assert_true(lf_image_info_of(b, n, &info));
	assert_int_equal(info.kind, LF_IMAGE_PNG);
	assert_int_equal(info.width, 120);
	assert_int_equal(info.height, 45);
	/* A PNG that claims 100000 x 100000 pixels is not taken to be drawn. */
	b[16] = 0, b[17] = 1, b[18] = 0x86, b[19] = 0xa0;
	b[20] = 0, b[21] = 1, b[22] = 0x86, b[23] = 0xa0;
	assert_false(lf_image_info_of(b, n, &info));
	assert_int_equal(info.kind, LF_IMAGE_NONE);
	free(b);
	b = read_all(jpg, &n);
	assert_int_equal(lf_image_magic(b, n), LF_IMAGE_JPEG);
	assert_true(lf_image_info_of(b, n, &info));
	assert_int_equal(info.kind, LF_IMAGE_JPEG);
	assert_int_equal(info.width, 64);
	assert_int_equal(info.height, 96);
	assert_int_equal(info.components, 3);
	assert_int_equal(info.orientation, 1);
	/* Cut before its frame header: no size, not drawable. */
	assert_false(lf_image_info_of(b, 20, &info));
	free(b);
	/* A phone's photo turned a quarter (EXIF orientation 6). */
	set_orientation(jpg, 6);
	b = read_all(jpg, &n);
	assert_true(lf_image_info_of(b, n, &info));
	assert_int_equal(info.orientation, 6);
	assert_int_equal(info.width, 64);
	/* A cut Exif segment is no orientation, and no crash. */
	assert_false(lf_image_info_of(b, 30, &info));
	free(b);
	static const unsigned char text[] = "not a photo at all";
	assert_int_equal(lf_image_magic(text, sizeof text), LF_IMAGE_NONE);
	assert_false(lf_image_info_of(text, sizeof text, &info));
	assert_false(lf_image_info_of(NULL, 0, &info));
}

/* ---- photos attached -------------------------------------------------------- */

static void photo_add_rules(void **state)
{
	fx *t = *state;
	char msg[1024], jpg[256], fake[256], link[256];
	make_jpeg(t, "p", 80, 60, 0, 0, 1);
	path_of(t, "p.jpg", jpg, sizeof jpg);
	lf_attachment a;

	/* No reception on the 24th: no log to attach to. */
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-24", jpg, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "2026-11-24");
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_log"), 0);

	/* The 23rd is on the schedule: its log is saved from the slot, the
	 * photo attached. */
	schedule_23(t);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", jpg, &a, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(a.name, "p.jpg");
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_log WHERE day = '2026-11-23' AND leader = '李明（副局长）'"),
	                 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* A text file named .jpg: told by its bytes, refused, nothing recorded. */
	path_of(t, "fake.jpg", fake, sizeof fake);
	FILE *f = fopen(fake, "w");
	assert_non_null(f);
	fputs("this is not a photo, whatever its name says\n", f);
	fclose(f);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", fake, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "fake.jpg");
	HAS(msg, "JPEG or PNG");
	/* A link to a real photo: refused, the file itself is wanted. */
	path_of(t, "link.jpg", link, sizeof link);
	assert_int_equal(symlink(jpg, link), 0);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", link, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "symbolic link");
	/* A handler does not write the log. */
	assert_int_equal(lf_reception_photo_add(t->st, &t->handler, "2026-11-23", jpg, &a, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* Signed by the leader: no photo after the signature. */
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.instruction = strdup("请办公室跟踪办理。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	assert_int_equal(lf_reception_sign(t->st, &t->leader, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", jpg, &a, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "signed");
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);
}


int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(image_info_from_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(photo_add_rules, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
