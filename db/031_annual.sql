-- laifang schema 31: the annual report (《信访工作条例》第四十一条, issue 13).
-- Its section on transfers, assignments and supervision (第四十一条（二）)
-- counts the acts the office took in the year (转送, 交办, 督办, extensions,
-- review and re-review) by the day they were taken: one range of this index
-- per kind of event, never a read of the year's cases. Portable SQL as in 001.
CREATE INDEX case_event_kind_at ON case_event (kind, at);
