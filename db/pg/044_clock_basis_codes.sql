-- laifang schema 44, PostgreSQL: nothing changes in the tables. A clock's basis
-- (case_clock.basis) is written as a code from here on ("@handle34" and the
-- due date it first set, then each change to its term: src/core/clock_basis.c),
-- said in the reader's language; a basis written before in words stays as it
-- is (rewriting sealed rows here would break what laifang check proves) and
-- takes its code when its case is next written. The number moves so that a
-- laifang from before refuses this database instead of showing the codes and
-- rewriting clocks in its own language.
SELECT 1;
