-- Prefix search without operator classes (ADR 152): Prisma cannot compare an index declared with
-- `ops: raw("text_pattern_ops")` and rewrites it in every later migration. The address and the
-- username key compare bytes instead, so their unique indexes serve `LIKE 'ab%'` as a range
-- under any database collation. Both are already normalized (lower-cased; NFKC-folded), so
-- byte order changes no uniqueness.

-- DropIndex
DROP INDEX "users_email_prefix_idx";

-- DropIndex
DROP INDEX "users_username_key_prefix_idx";

-- The users trigger names `email`: it is set aside while the column changes, then made again as
-- it was (migration `admin_roles`).
DROP TRIGGER "users_notify_changed" ON "users";

-- AlterTable
ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "users" ALTER COLUMN "username_key" SET DATA TYPE TEXT COLLATE "C";

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
