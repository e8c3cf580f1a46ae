-- laifang schema 5: reception days. The office's schedule of reception
-- slots (接访安排表, 下访), each month's publication, the changes made to a
-- published slot with who approved them, and the reception-day log
-- (领导干部接访日情况登记表) with its summary meeting, attached photos and
-- videos, and the day's cases.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

-- One slot of the schedule (include/laifang/schedule.h: lf_slot). The leader
-- is kept as text (name, title, level: a schedule may name leaders who have
-- no login); leader_id links the login when there is one.
CREATE TABLE schedule_slot (
	id TEXT NOT NULL PRIMARY KEY,          -- UUID
	day TEXT NOT NULL,                     -- YYYY-MM-DD
	start_time TEXT,                       -- HH:MM, or NULL with end_time
	end_time TEXT,
	leader_id TEXT REFERENCES app_user (id),
	leader_name TEXT NOT NULL,
	leader_title TEXT,
	leader_level TEXT,                     -- the office's rank word, for quotas
	department TEXT,                       -- 牵头处室
	location TEXT,
	contact TEXT,                          -- 接访联系人
	kind TEXT NOT NULL CHECK (kind IN ('reception', 'field_visit')),
	mode TEXT NOT NULL CHECK (mode IN ('fixed', 'appointment', 'thematic', 'case_visit', 'grassroots')),
	created_at TEXT NOT NULL,              -- ISO 8601 with offset
	updated_at TEXT NOT NULL
) STRICT;

-- A month's slots in date order, and today's slot, are one range.
CREATE INDEX schedule_slot_day ON schedule_slot (day);

-- A month's public table was published (laifang schedule publish, or the
-- schedule screen): when, by whom, how many slots, and the SHA-256 of the
-- CSV written, so what was published can be proved later.
CREATE TABLE schedule_publication (
	id INTEGER PRIMARY KEY,
	month TEXT NOT NULL,                   -- YYYY-MM
	published_at TEXT NOT NULL,
	by_id TEXT NOT NULL REFERENCES app_user (id),
	by_name TEXT NOT NULL,                 -- "姓名（职务）"
	slots INTEGER NOT NULL CHECK (slots >= 0),
	csv_sha256 TEXT
) STRICT;
CREATE INDEX schedule_publication_month ON schedule_publication (month, id);

-- A change to a slot of a month already published: needs an approving user
-- (seed 000: 须经局主要领导批准并及时公示). Never edited. before/after are
-- JSON objects of the slot's fields.
CREATE TABLE schedule_change (
	id INTEGER PRIMARY KEY,
	slot_id TEXT NOT NULL REFERENCES schedule_slot (id),
	at TEXT NOT NULL,
	by_id TEXT NOT NULL REFERENCES app_user (id),
	approver_id TEXT NOT NULL REFERENCES app_user (id),
	approver_name TEXT NOT NULL,
	reason TEXT,
	before_json TEXT NOT NULL,
	after_json TEXT NOT NULL
) STRICT;
CREATE INDEX schedule_change_slot ON schedule_change (slot_id, id);

-- The reception-day log: one a day. The fields of the paper (附件 2) in its
-- order, then the day's summary meeting (信访总结会议). Signatures are
-- logins and the moment of confirmation, never typed.
CREATE TABLE reception_log (
	id TEXT NOT NULL PRIMARY KEY,          -- UUID
	day TEXT NOT NULL UNIQUE,              -- 接访时间, YYYY-MM-DD
	slot_id TEXT REFERENCES schedule_slot (id),
	leader TEXT,                           -- 接访领导, "姓名（职务）"
	department TEXT,                       -- 牵头处室
	registrar_id TEXT REFERENCES app_user (id),
	registrar TEXT,                        -- 登记人
	situation TEXT,                        -- 接访情况
	situation_signer_id TEXT REFERENCES app_user (id),
	situation_signer TEXT,                 -- 牵头处室负责人签名
	situation_signed_at TEXT,              -- 日期
	demands TEXT,                          -- 信访人诉求内容
	instruction TEXT,                      -- 领导批示
	instruction_signer_id TEXT REFERENCES app_user (id),
	instruction_signer TEXT,               -- 签名
	instruction_signed_at TEXT,            -- 日期
	meeting_attendees TEXT,                -- 信访总结会议: who attended
	meeting_decisions TEXT,                -- and what was decided
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

-- 接访照片 (视频另附): files copied into DB.d/attachments/<sha256>.
CREATE TABLE reception_attachment (
	id INTEGER PRIMARY KEY,
	log_id TEXT NOT NULL REFERENCES reception_log (id),
	sha256 TEXT NOT NULL,                  -- 64 hex digits: also the stored file's name
	name TEXT NOT NULL,                    -- the file's name as attached
	size INTEGER NOT NULL CHECK (size >= 0),
	type TEXT NOT NULL,                    -- image/jpeg, video/mp4 ...
	added_at TEXT NOT NULL,
	by_id TEXT REFERENCES app_user (id)
) STRICT;
CREATE INDEX reception_attachment_log ON reception_attachment (log_id, id);

-- The cases of the log's day (the leader's instructions and 批转意见 are
-- signed on each case, case_entry).
CREATE TABLE reception_log_case (
	log_id TEXT NOT NULL REFERENCES reception_log (id),
	case_id TEXT NOT NULL REFERENCES case_file (id),
	PRIMARY KEY (log_id, case_id)
) STRICT;
CREATE INDEX reception_log_case_case ON reception_log_case (case_id);
