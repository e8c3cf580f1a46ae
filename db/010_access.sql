-- laifang schema 10: need to know. Every list of cases keeps only the cases
-- its reader may read (src/store/access_internal.h): those they registered,
-- own, were asked to instruct, signed or stepped, or that are routed to
-- their unit. These indexes find a person's cases without reading the
-- office's (a clerk's own registrations, in queue order; the cases a user
-- took a step on). Owner, leader asked, lead unit and signer have theirs
-- (003, 002). Portable SQL as in 001.
CREATE INDEX case_file_receptionist ON case_file (receptionist_id, sort_key) WHERE receptionist_id IS NOT NULL;
CREATE INDEX case_event_user ON case_event (user_id, case_id) WHERE user_id IS NOT NULL;
