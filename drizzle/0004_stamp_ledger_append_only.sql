-- The stamp ledger is append-only: a stamp once earned or spent is never edited or removed, so a
-- rider's balance (earned − spent) can always be recomputed and audited. Corrections are new rows.
CREATE FUNCTION stamp_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stamp_ledger is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER stamp_ledger_no_update_delete BEFORE UPDATE OR DELETE ON stamp_ledger
  FOR EACH ROW EXECUTE FUNCTION stamp_ledger_append_only();--> statement-breakpoint
CREATE TRIGGER stamp_ledger_no_truncate BEFORE TRUNCATE ON stamp_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION stamp_ledger_append_only();
