-- Every API instance keeps a short-lived cache of nearby answers. A committed change to the data
-- those answers come from notifies every instance (LISTEN xfqs_nearby_changed), whichever process
-- or tool made the change; NOTIFY is delivered at commit, once per transaction and channel.
-- Tables that feed nearby answers (e.g. a station state table) add the same trigger.
CREATE OR REPLACE FUNCTION xfqs_notify_nearby_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xfqs_nearby_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER stations_notify_nearby_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stations
  FOR EACH STATEMENT EXECUTE FUNCTION xfqs_notify_nearby_changed();
