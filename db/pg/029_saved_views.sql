-- laifang schema 29, PostgreSQL (twin of db/029_saved_views.sql): saved
-- views, a queue's filter under a name, per user or shared with the office.

CREATE TABLE saved_view (
	id text NOT NULL PRIMARY KEY,
	user_id text NOT NULL REFERENCES app_user (id),
	name text NOT NULL,
	shared bigint NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
	queue text NOT NULL,
	due_within bigint,
	my_unit bigint NOT NULL DEFAULT 0 CHECK (my_unit IN (0, 1)),
	unit_id text,
	leader_id text,
	received_from text,
	received_to text,
	keyword text,
	created_at text NOT NULL,
	updated_at text NOT NULL,
	UNIQUE (user_id, name)
);

CREATE INDEX saved_view_shared ON saved_view (shared, created_at) WHERE shared = 1;
