-- Every change a person can see on a generation is announced on the channel generation_events, from
-- the transaction that makes it: PostgreSQL delivers a notification only when that transaction
-- commits, so a rolled-back change is never announced. Each app process LISTENs once and pushes the
-- owner's fresh view to their open tabs (lib/events). The payload names ids and statuses only.
CREATE FUNCTION notify_generation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'generation_events',
    json_build_object(
      'u', NEW.user_id,
      'g', NEW.id,
      's', NEW.status,
      'p', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END
    )::text
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER generations_notify_insert AFTER INSERT ON generations
  FOR EACH ROW EXECUTE FUNCTION notify_generation_change();
--> statement-breakpoint
-- Claims, leases and check times change often and show nothing: they are not announced.
CREATE TRIGGER generations_notify_update AFTER UPDATE ON generations
  FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.upstream_status IS DISTINCT FROM NEW.upstream_status
    OR OLD.progress IS DISTINCT FROM NEW.progress
    OR OLD.error_code IS DISTINCT FROM NEW.error_code
    OR OLD.error_message IS DISTINCT FROM NEW.error_message
    OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
    OR OLD.result_media_id IS DISTINCT FROM NEW.result_media_id
    OR (OLD.ingest_claimed_at IS NULL) <> (NEW.ingest_claimed_at IS NULL)
    OR OLD.ingest_attempts IS DISTINCT FROM NEW.ingest_attempts
    OR OLD.status_failing_since IS DISTINCT FROM NEW.status_failing_since
    OR OLD.starred IS DISTINCT FROM NEW.starred
  ) EXECUTE FUNCTION notify_generation_change();
