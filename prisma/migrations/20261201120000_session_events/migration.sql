-- Session events for the in-process caches of live sessions (ADR 100). Every change that can
-- end a session or a user's access, or change what a cached profile shows, notifies the
-- `otp_auth_sessions` channel at commit, whichever code path (or operator's SQL) made it:
--   's:<session id>'  a session was revoked or deleted
--   'u:<user id>'     a user was deactivated, deleted, or their profile fields changed
--   'k:<kid>'         a signing key was deleted (rotation, or a leaked key withdrawn)

CREATE FUNCTION "otp_auth_notify_session"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otp_auth_sessions', 's:' || OLD."id");
  RETURN NULL;
END
$$;

CREATE FUNCTION "otp_auth_notify_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otp_auth_sessions', 'u:' || OLD."id");
  RETURN NULL;
END
$$;

CREATE TRIGGER "sessions_notify_revoked" AFTER UPDATE OF "revoked_at", "user_id" ON "sessions"
  FOR EACH ROW
  WHEN (NEW."revoked_at" IS DISTINCT FROM OLD."revoked_at" OR NEW."user_id" <> OLD."user_id")
  EXECUTE FUNCTION "otp_auth_notify_session"();

CREATE TRIGGER "sessions_notify_deleted" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "otp_auth_notify_session"();

CREATE TRIGGER "users_notify_changed" AFTER UPDATE ON "users"
  FOR EACH ROW
  WHEN (
    NEW."is_active" IS DISTINCT FROM OLD."is_active"
    OR NEW."email" IS DISTINCT FROM OLD."email"
    OR NEW."username" IS DISTINCT FROM OLD."username"
    OR NEW."phone_number" IS DISTINCT FROM OLD."phone_number"
    OR NEW."date_joined" IS DISTINCT FROM OLD."date_joined"
    OR NEW."id" <> OLD."id"
  )
  EXECUTE FUNCTION "otp_auth_notify_user"();

CREATE TRIGGER "users_notify_deleted" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "otp_auth_notify_user"();

CREATE FUNCTION "otp_auth_notify_signing_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('otp_auth_sessions', 'k:' || OLD."kid");
  RETURN NULL;
END
$$;

CREATE TRIGGER "signing_keys_notify_deleted" AFTER DELETE ON "signing_keys"
  FOR EACH ROW EXECUTE FUNCTION "otp_auth_notify_signing_key"();
