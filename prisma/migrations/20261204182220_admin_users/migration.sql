-- The admin API (ADR 152): when each account last signed in; prefix search on the address and
-- the username key as index ranges (text_pattern_ops compares characters, whatever the
-- database's collation); the user list's default order and the audit log's filters by index.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "last_login_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "audit_events_ip_created_at_idx" ON "audit_events"("ip", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_created_at_id_idx" ON "audit_events"("created_at", "id");

-- CreateIndex
CREATE INDEX "users_email_prefix_idx" ON "users"("email" text_pattern_ops);

-- CreateIndex
CREATE INDEX "users_username_key_prefix_idx" ON "users"("username_key" text_pattern_ops);

-- CreateIndex
CREATE INDEX "users_date_joined_id_idx" ON "users"("date_joined", "id");
