-- Roles (ADR 150): `user` by default, `admin` for the admin API; and the admin an audit event
-- names when one acted on someone's account.

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('user', 'admin');

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "actor_id" UUID;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "role" "user_role" NOT NULL DEFAULT 'user';

-- CreateIndex
CREATE INDEX "audit_events_actor_id_created_at_idx" ON "audit_events"("actor_id", "created_at");

-- A role taken away must reach every instance's session cache within the revocation bound, as a
-- deactivation does (migration `session_events`): the users trigger notifies on `role` too.
DROP TRIGGER "users_notify_changed" ON "users";

CREATE TRIGGER "users_notify_changed" AFTER UPDATE ON "users"
  FOR EACH ROW
  WHEN (
    NEW."is_active" IS DISTINCT FROM OLD."is_active"
    OR NEW."role" IS DISTINCT FROM OLD."role"
    OR NEW."email" IS DISTINCT FROM OLD."email"
    OR NEW."username" IS DISTINCT FROM OLD."username"
    OR NEW."phone_number" IS DISTINCT FROM OLD."phone_number"
    OR NEW."date_joined" IS DISTINCT FROM OLD."date_joined"
    OR NEW."id" <> OLD."id"
  )
  EXECUTE FUNCTION "otp_auth_notify_user"();
