-- AlterTable
ALTER TABLE "Duty" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';
