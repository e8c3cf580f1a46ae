-- laifang schema 38, PostgreSQL (twin of db/038_audit_rows_packed.sql): an
-- entry's rows are bytea, packed as src/store/seal_pack.c describes. The
-- keyed hash stays over the JSON text, which laifang makes again from the
-- packing. The entries already there are packed here by a function of this
-- migration's own session (pg_temp): any packing laifang reads back as the
-- same JSON does, so the text is packed only when the JSON it parses into,
-- written again as laifang writes it, is that text byte for byte; else its
-- bytes are kept as they are (no format byte: read as the text itself).
-- The hashes written before stay valid as they are. The column is made anew
-- at the end of the table, as on SQLite.
CREATE FUNCTION pg_temp.lf_varint(n bigint) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	out bytea := '\x'::bytea;
	c int;
BEGIN
	LOOP
		c := (n & 127)::int;
		n := n >> 7;
		IF n > 0 THEN
			c := c | 128;
		END IF;
		out := out || set_byte('\x00'::bytea, 0, c);
		EXIT WHEN n = 0;
	END LOOP;
	RETURN out;
END $$;

CREATE FUNCTION pg_temp.lf_text(t text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
	SELECT pg_temp.lf_varint(octet_length(convert_to(t, 'UTF8'))) || convert_to(t, 'UTF8')
$$;

CREATE FUNCTION pg_temp.lf_rows_pack(t text) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	-- seal_pack.c's tables[]: a table is named by its place there, from 1
	names text[] := ARRAY['app_user', 'calendar_day', 'case_agency_answer', 'case_clock', 'case_delivery',
		'case_entry', 'case_evaluation', 'case_event', 'case_file', 'case_intake', 'case_notice',
		'case_query_code', 'case_unit', 'case_visitor', 'category', 'doc_number_counter', 'exchange_document',
		'exchange_package', 'exchange_peer', 'reception_attachment', 'reception_log', 'reception_log_case',
		'saved_view', 'schedule_change', 'schedule_publication', 'schedule_slot', 'setting', 'suggestion',
		'unit', 'visitor'];
	uuid_re text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
	j jsonb;
	r jsonb;
	raw bytea := convert_to(t, 'UTF8');
	out bytea := '\x01'::bytea;
	again text := '';
	last text := NULL;
	tbl text;
	k text;
	d text;
	nm text;
	n int;
	flags int;
	body bytea;
	idx int;
BEGIN
	BEGIN
		j := t::jsonb;
	EXCEPTION WHEN others THEN
		RETURN raw;
	END;
	IF jsonb_typeof(j) <> 'array' THEN
		RETURN raw;
	END IF;
	FOR r IN SELECT e.value FROM jsonb_array_elements(j) WITH ORDINALITY AS e(value, i) ORDER BY e.i LOOP
		IF jsonb_typeof(r) <> 'array' THEN
			RETURN raw;
		END IF;
		n := jsonb_array_length(r);
		IF n < 3 OR n > 4 OR jsonb_typeof(r -> 0) <> 'string' OR jsonb_typeof(r -> 1) <> 'string'
		   OR jsonb_typeof(r -> 2) NOT IN ('string', 'null') OR (n = 4 AND jsonb_typeof(r -> 3) <> 'string') THEN
			RETURN raw;
		END IF;
		tbl := r ->> 0;
		k := r ->> 1;
		d := r ->> 2;
		nm := CASE WHEN n = 4 THEN r ->> 3 END;
		again := again || CASE WHEN again = '' THEN '[' ELSE ',' END || '[' || to_json(tbl)::text || ','
			|| to_json(k)::text || ',' || coalesce(to_json(d)::text, 'null')
			|| CASE WHEN n = 4 THEN ',' || to_json(nm)::text ELSE '' END || ']';
		flags := 0;
		body := '\x'::bytea;
		IF last IS NULL OR last <> tbl THEN
			flags := flags | 1;
			idx := array_position(names, tbl);
			body := body || pg_temp.lf_varint(coalesce(idx, 0));
			IF idx IS NULL THEN
				body := body || pg_temp.lf_text(tbl);
			END IF;
		END IF;
		last := tbl;
		IF k ~ '^(0|[1-9][0-9]{0,17})$' THEN
			flags := flags | 6;
			body := body || pg_temp.lf_varint(k::bigint);
		ELSIF k ~ (uuid_re || '$') THEN
			flags := flags | 2;
			body := body || decode(replace(k, '-', ''), 'hex');
		ELSIF k ~ (uuid_re || '/(0|[1-9][0-9]{0,17})$') THEN
			flags := flags | 4;
			body := body || decode(replace(substr(k, 1, 36), '-', ''), 'hex')
				|| pg_temp.lf_varint(substr(k, 38)::bigint);
		ELSE
			body := body || pg_temp.lf_text(k);
		END IF;
		IF d IS NOT NULL THEN
			IF d !~ '^([0-9a-f]{2})*$' THEN
				RETURN raw;
			END IF;
			flags := flags | 8;
			body := body || pg_temp.lf_varint(length(d) / 2) || decode(d, 'hex');
		END IF;
		IF n = 4 THEN
			flags := flags | 16;
			IF nm = '' THEN
				flags := flags | 32;
			ELSE
				body := body || pg_temp.lf_text(nm);
			END IF;
		END IF;
		out := out || set_byte('\x00'::bytea, 0, flags) || body;
	END LOOP;
	again := CASE WHEN again = '' THEN '[]' ELSE again || ']' END;
	RETURN CASE WHEN again = t THEN out ELSE raw END;
END $$;

ALTER TABLE audit_log ADD COLUMN packed bytea;
UPDATE audit_log SET packed = pg_temp.lf_rows_pack(rows) WHERE rows IS NOT NULL;
ALTER TABLE audit_log DROP COLUMN rows;
ALTER TABLE audit_log RENAME COLUMN packed TO rows;
DROP FUNCTION pg_temp.lf_rows_pack(text);
DROP FUNCTION pg_temp.lf_text(text);
DROP FUNCTION pg_temp.lf_varint(bigint);
