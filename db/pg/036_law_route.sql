-- laifang schema 36, PostgreSQL (twin of db/036_law_route.sql): a unit of
-- kind 'law', a political-legal organ (政法机关) for 诉访分离 (issue 13).
ALTER TABLE unit DROP CONSTRAINT unit_kind_check;
ALTER TABLE unit ADD CONSTRAINT unit_kind_check
	CHECK (kind IN ('department', 'peer', 'lower', 'discipline', 'law'));

-- A package of kind 'review': a case a lower office sent up for 复查.
ALTER TABLE exchange_package DROP CONSTRAINT exchange_package_kind_check;
ALTER TABLE exchange_package ADD CONSTRAINT exchange_package_kind_check
	CHECK (kind IN ('transfer', 'assign', 'accepted', 'returned', 'result', 'review'));
