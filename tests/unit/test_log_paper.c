/* The reception-day log on paper (issue 15): the day's case numbers,
 * photos drawn in the 接访照片 box and on attached pages (第 x 页 共 y 页
 * with the day), （签名） under 领导批示, the blank log without any value,
 * a day without a reception refused. Photos are made in the test: a PNG by
 * cairo, a JPEG by pdftoppm -jpeg from a PDF drawn by cairo (poppler-utils,
 * which the paper tests use already). Attaching photos, and picture kinds
 * and sizes from bytes: test_log_photos.c. */
#include "log_paper_fixture.h"

/* Which page each image of a PDF is on, by pdfimages -list: counts per
 * page (1-based, up to 8) and the number embedded as JPEG. */
static void images_per_page(const char *pdf, int per_page[9], int *jpegs)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdfimages -list '%s' 2>/dev/null | tail -n +3", pdf);
	char *out = slurp_cmd(cmd);
	memset(per_page, 0, 9 * sizeof per_page[0]);
	*jpegs = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		int page = atoi(line);
		if (page >= 1 && page <= 8)
			per_page[page]++;
		if (strstr(line, " jpeg "))
			(*jpegs)++;
	}
	free(out);
}

/* （签名） is the note of the 领导批示 box: read between its label and the
 * next box's (pdftotext reads a box's text between them). */
static void signature_note_under_instruction(const char *text)
{
	const char *from = strstr(text, "领导批示"), *to = from ? strstr(from, "信访总结会议") : NULL;
	if (!from || !to)
		fail_msg("no 领导批示 box before 信访总结会议: %s", text);
	const char *note = strstr(from, "（签名）");
	if (!note || note > to)
		fail_msg("（签名） is not in the 领导批示 box: %s", text);
}

static void register_on(fx *t, const char *day, const char *name, lf_saved_case *sc)
{
	lf_registration reg = {.receptionist = "王小红", .received_on = day, .name = name,
	                       .id_number = "11010519491231002X", .content = "反映噪音扰民"};
	assert_int_equal(lf_store_save_registration(t->st, &reg, sc), LF_STORE_OK);
}

static int count_prints(const lf_audit_entry *e, void *ud)
{
	if (e->action && !strcmp(e->action, "reception.print"))
		(*(int *)ud)++;
	return 0;
}

static int prints(fx *t)
{
	int n = 0;
	lf_audit_filter af = {.limit = 1000};
	assert_int_equal(lf_store_audit_each(t->st, &af, count_prints, &n), LF_STORE_OK);
	return n;
}

/* The box around the strongly red pixels of a page rendered at 36 dpi. */
static void red_box(const fx *t, const char *pdf, int page, int *w, int *h)
{
	char cmd[700], ppm[256];
	snprintf(cmd, sizeof cmd, "pdftoppm -r 36 -f %d -l %d -singlefile '%s' '%s/red'", page, page, pdf, t->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(ppm, sizeof ppm, "%s/red.ppm", t->dir);
	size_t n;
	unsigned char *b = read_all(ppm, &n);
	int pw, ph, max, used = 0;
	assert_int_equal(sscanf((char *)b, "P6 %d %d %d%n", &pw, &ph, &max, &used), 3);
	const unsigned char *px = b + used + 1;
	assert_true((size_t)(used + 1) + (size_t)pw * ph * 3 <= n);
	int x0 = pw, y0 = ph, x1 = -1, y1 = -1;
	for (int y = 0; y < ph; y++)
		for (int x = 0; x < pw; x++) {
			const unsigned char *p = px + ((size_t)y * pw + x) * 3;
			if (p[0] > 180 && p[1] < 90 && p[2] < 90) {
				x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
			}
		}
	free(b);
	*w = x1 - x0 + 1;
	*h = y1 - y0 + 1;
}

/* ---- the printed log ------------------------------------------------------- */

/* Five photos (four JPEG, one PNG) and a video: two photos in the box, three
 * on the attached page; 第 1 页 共 2 页; the case numbers of the day and not
 * of the next; （签名） under 领导批示; the JPEGs embedded as JPEG. */
static void log_with_photos_and_cases(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	lf_saved_case c1, c2, c3;
	register_on(t, "2026-11-23", "张三", &c1);
	register_on(t, "2026-11-23", "李四", &c2);
	register_on(t, "2026-11-24", "王五", &c3);

	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.situation = strdup("接待群众2批2人。");
	l.instruction = strdup("请住建局依法查处。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);

	static const struct {
		const char *name;
		int w, h;
	} shots[] = {{"s1", 300, 200}, {"s2", 120, 240}, {"s3", 400, 120}, {"s4", 200, 200}};
	for (size_t i = 0; i < 4; i++) {
		make_jpeg(t, shots[i].name, shots[i].w, shots[i].h, 0.2 * (double)i, 0.3, 0.8);
		snprintf(file, sizeof file, "%s/%s.jpg", t->dir, shots[i].name);
		if (lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg) != LF_STORE_OK)
			fail_msg("photo %s: %s", file, msg);
		if (i == 1) { /* the PNG third */
			path_of(t, "s5.png", file, sizeof file);
			make_png(file, 160, 90, 0.9, 0.6, 0.1);
			if (lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg) != LF_STORE_OK)
				fail_msg("photo %s: %s", file, msg);
		}
	}
	/* A video goes by name (視频另附), through the log's own attach. */
	path_of(t, "现场.mp4", file, sizeof file);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("video bytes", f);
	fclose(f);
	assert_int_equal(lf_reception_attach(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg), LF_STORE_OK);

	path_of(t, "log.pdf", path, sizeof path);
	if (lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("print: %s", msg);
	char *p1 = pdf_page_text(path, 1, false), *p2 = pdf_page_text(path, 2, false);
	HAS(p1, c1.case_no);
	HAS(p1, c2.case_no);
	HAS(p1, "共2件");
	LACKS(p1, c3.case_no);
	signature_note_under_instruction(p1);
	HAS(p1, "第1页共2页");
	HAS(p1, "s1.jpg");
	HAS(p1, "s2.jpg");
	LACKS(p1, "s3.jpg");
	HAS(p1, "其余3张照片见附页");
	HAS(p1, "现场.mp4");
	HAS(p1, "请住建局依法查处。");
	HAS(p2, "第2页共2页");
	HAS(p2, "2026年11月23日");
	HAS(p2, "接访照片（续）");
	HAS(p2, "s5.png");
	HAS(p2, "s3.jpg");
	HAS(p2, "s4.jpg");
	free(p1);
	free(p2);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 2);
	assert_int_equal(per_page[2], 3);
	assert_int_equal(per_page[3], 0);
	assert_int_equal(jpegs, 4); /* embedded as they are (DCTDecode) */
	assert_int_equal(prints(t), 1);

	/* A stored photo changed behind laifang's back is not printed as the
	 * day's photo: listed by name, not drawn. */
	char *dir = lf_store_attachment_dir(t->st), stored[512], sha[80];
	assert_non_null(dir);
	raw_text(t, "SELECT sha256 FROM reception_attachment WHERE name = 's1.jpg'", sha, sizeof sha);
	assert_int_equal(strlen(sha), 64);
	snprintf(stored, sizeof stored, "%s/%s", dir, sha);
	free(dir);
	chmod(stored, 0600);
	f = fopen(stored, "ab");
	assert_non_null(f);
	fputs("tampered", f);
	fclose(f);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1] + per_page[2], 4);
	p1 = pdf_page_text(path, 1, false);
	HAS(p1, "s1.jpg");
	free(p1);
}

/* Long demands and three photos: the text's attached pages come first,
 * then the photos' page; every page counts the same total. */
static void log_long_text_then_photos(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->clerk, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	size_t cap = 200 * 64 + 1;
	l.demands = malloc(cap);
	l.demands[0] = '\0';
	for (int i = 0; i < 200; i++) {
		char line[64];
		snprintf(line, sizeof line, "第%03d件：反映小区噪音扰民。\n", i + 1);
		strcat(l.demands, line);
	}
	assert_int_equal(lf_reception_save(t->st, &t->clerk, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	for (int i = 0; i < 3; i++) {
		snprintf(file, sizeof file, "%s/long%d.png", t->dir, i);
		make_png(file, 240, 180, 0.3 * i, 0.2, 0.5);
		assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
		                 LF_STORE_OK);
	}
	path_of(t, "long.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
	char *pages_s = slurp_cmd(cmd);
	int pages = atoi(pages_s);
	free(pages_s);
	assert_true(pages >= 3);
	char want[64];
	snprintf(want, sizeof want, "第1页共%d页", pages);
	char *first = pdf_page_text(path, 1, false);
	HAS(first, want);
	HAS(first, "第001件");
	free(first);
	for (int p = 2; p < pages; p++) {
		char *mid = pdf_page_text(path, p, false);
		snprintf(want, sizeof want, "第%d页共%d页", p, pages);
		HAS(mid, want);
		HAS(mid, "信访人诉求内容（续）");
		LACKS(mid, "接访照片（续）");
		free(mid);
	}
	char *last = pdf_page_text(path, pages, false);
	snprintf(want, sizeof want, "第%d页共%d页", pages, pages);
	HAS(last, want);
	HAS(last, "接访照片（续）");
	HAS(last, "long2.png");
	free(last);
	char *all = pdf_text(path);
	HAS(all, "第200件");
	free(all);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 2);
	assert_int_equal(pages <= 8 ? per_page[pages] : 1, 1);
}

/* A photo stored lying on its side with EXIF orientation 6 stands upright
 * on paper: stored 150 x 50 (wide), printed tall. Without the tag, wide. */
static void photo_orientation(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	make_jpeg(t, "side", 150, 50, 1, 0, 0);
	path_of(t, "side.jpg", file, sizeof file);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	path_of(t, "flat.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	int w, h;
	red_box(t, path, 1, &w, &h);
	if (!(w > 2 * h))
		fail_msg("without orientation the photo should print wide: %d x %d", w, h);

	make_jpeg(t, "upright", 150, 50, 1, 0, 0);
	path_of(t, "upright.jpg", file, sizeof file);
	set_orientation(file, 6);
	/* A second day's log, so that only this photo is on its page. */
	lf_slot_rec r = slot_23();
	r.slot.date = (lf_date){2026, 11, 25};
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-25", file, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	path_of(t, "upright.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-25", path, msg, sizeof msg), LF_STORE_OK);
	red_box(t, path, 1, &w, &h);
	if (!(h > 2 * w))
		fail_msg("with orientation 6 the photo should print tall: %d x %d", w, h);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(jpegs, 1); /* still embedded as it is */
}

/* Two photos, one page: no page count printed, nothing attached. */
static void log_one_page(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	for (int i = 0; i < 2; i++) {
		snprintf(file, sizeof file, "%s/one%d.png", t->dir, i);
		make_png(file, 200, 150, 0.1, 0.4, 0.3 * i);
		assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
		                 LF_STORE_OK);
	}
	path_of(t, "one.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	LACKS(text, "共2页");
	LACKS(text, "见附页");
	HAS(text, "one0.png");
	free(text);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 2);
	assert_int_equal(per_page[2], 0);
}

/* The blank log: the paper's labels, （签名）, lines; no value of any day. */
static void blank_log(void **state)
{
	fx *t = *state;
	char msg[1024], path[256], file[256];
	schedule_23(t);
	lf_saved_case c1;
	register_on(t, "2026-11-23", "张三", &c1);
	make_jpeg(t, "bl", 100, 80, 0, 0, 0);
	path_of(t, "bl.jpg", file, sizeof file);
	assert_int_equal(lf_reception_photo_add(t->st, &t->clerk, "2026-11-23", file, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	path_of(t, "blank.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log_blank(t->st, &t->handler, path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	static const char *const labels[] = {"领导干部接访日情况登记表", "接访领导", "接访时间", "年", "月", "日",
	                                     "牵头处室", "登记人", "接访情况", "牵头处室负责人签名", "信访人诉求内容",
	                                     "可附页", "接访照片", "视频另附", "签名：", "日期："};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		HAS(text, labels[i]);
	signature_note_under_instruction(text);
	LACKS(text, "李明");
	LACKS(text, "办公室：");
	LACKS(text, "2026");
	LACKS(text, c1.case_no);
	LACKS(text, "bl.jpg");
	LACKS(text, "案件编号");
	LACKS(text, "第1页");
	free(text);
	int per_page[9], jpegs;
	images_per_page(path, per_page, &jpegs);
	assert_int_equal(per_page[1], 0);
	/* Nobody's data: not audited. */
	assert_int_equal(prints(t), 0);
	/* Not for nobody. */
	lf_user nobody;
	memset(&nobody, 0, sizeof nobody);
	path_of(t, "nobody.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log_blank(t->st, &nobody, path, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_not_equal(access(path, F_OK), 0);
}

/* A day with neither a slot nor a saved log: refused, the day named, no
 * file, no audit entry; with a log saved (a reception off the schedule) it
 * prints. */
static void no_reception_refused(void **state)
{
	fx *t = *state;
	char msg[1024], path[256];
	schedule_23(t);
	lf_saved_case c;
	register_on(t, "2026-11-24", "王五", &c); /* a case is not a reception day */
	path_of(t, "none.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-24", path, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "2026-11-24");
	HAS(msg, "No reception");
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(lf_reception_day_held(t->st, "2026-11-24", msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_reception_day_held(t->st, "2026-11-23", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(prints(t), 0);
	/* Permission first: a handler is told they may not, not that the day is empty. */
	assert_int_equal(lf_paper_print_log(t->st, &t->handler, "2026-11-24", path, msg, sizeof msg), LF_STORE_DENIED);

	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-24", &l, msg, sizeof msg), LF_STORE_OK);
	l.situation = strdup("临时接访1人。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	assert_int_equal(lf_paper_print_log(t->st, &t->clerk, "2026-11-24", path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	HAS(text, "临时接访1人。");
	HAS(text, c.case_no);
	free(text);
	assert_int_equal(prints(t), 1);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(log_with_photos_and_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(log_long_text_then_photos, setup, teardown),
		cmocka_unit_test_setup_teardown(photo_orientation, setup, teardown),
		cmocka_unit_test_setup_teardown(log_one_page, setup, teardown),
		cmocka_unit_test_setup_teardown(blank_log, setup, teardown),
		cmocka_unit_test_setup_teardown(no_reception_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
