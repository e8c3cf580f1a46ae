-- laifang schema 42, PostgreSQL: case_file_sort on (sort_key || '') instead
-- of sort_key (issue 16). A page of one state's queue runs with the plan
-- PostgreSQL makes once without the values (store/queue.c); with an index
-- on sort_key alone, that plan read it in order and skipped the other
-- states' rows (the archived queue, 46 % of the cases at the end of that
-- order: 4-19 ms a page at 100k) instead of the range of case_file_queue.
-- Only the queues over every state order by the expression, and they alone
-- use this index; sort_key included, their counts read it alone (index
-- only). ANALYZE: the expression's statistics. Safe to run again.
DROP INDEX IF EXISTS case_file_sort;
CREATE INDEX case_file_sort ON case_file ((sort_key || '')) INCLUDE (sort_key);
ANALYZE case_file;
