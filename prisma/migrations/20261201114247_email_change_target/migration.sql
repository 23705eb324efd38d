-- AlterTable
ALTER TABLE "email_codes" ADD COLUMN     "new_email" TEXT;
