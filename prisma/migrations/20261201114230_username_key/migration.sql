-- Usernames become unique case-insensitively, through a key column the application fills with
-- the NFKC-normalized, lower-cased name.

-- AlterTable: nullable first, so that existing rows can be filled in.
ALTER TABLE "users" ADD COLUMN "username_key" TEXT;

-- Existing names were ASCII only (the earlier rule), for which lower() is exactly the key.
-- Where two existing names differ only in case, the oldest account keeps the plain key and the
-- others get one that no new name can produce (`#` is not allowed in a username), so nobody
-- loses an account and the name stays taken in every case.
UPDATE "users" AS u
SET "username_key" = CASE
  WHEN ranked.position = 1 THEN ranked.key
  ELSE ranked.key || '#' || u."id"::text
END
FROM (
  SELECT "id", lower("username") AS key,
    row_number() OVER (PARTITION BY lower("username") ORDER BY "date_joined", "id") AS position
  FROM "users"
) AS ranked
WHERE ranked."id" = u."id";

ALTER TABLE "users" ALTER COLUMN "username_key" SET NOT NULL;

-- DropIndex: the case-sensitive index is implied by the new one.
DROP INDEX "users_username_key";

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key_key" ON "users"("username_key");
