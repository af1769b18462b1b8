-- Levels become data: a table of tiers (the standard ones inserted here), referenced by Unit and DutyLevel.
-- The enum's values are kept as the keys of the rows that replace them, so stored units and duties keep theirs.

-- CreateTable
CREATE TABLE "Level" (
    "key" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "members" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "membersEn" TEXT NOT NULL,
    "aliases" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Level_pkey" PRIMARY KEY ("key")
);

INSERT INTO "Level" ("key", "rank", "name", "members", "nameEn", "membersEn", "aliases", "updatedAt") VALUES
  ('province', 0, 'cấp tỉnh', 'các đơn vị cấp tỉnh', 'province level', 'province-level units', ARRAY['cap tinh', 'tinh', 'tinh uy', 'tu']::TEXT[], CURRENT_TIMESTAMP),
  ('department', 1, 'sở, ban, ngành', 'các sở, ban, ngành', 'departments', 'departments and agencies', ARRAY['so ban nganh', 'so nganh', 'cac so']::TEXT[], CURRENT_TIMESTAMP),
  ('district', 1, 'cấp huyện', 'các huyện ủy và tương đương', 'district level', 'district committees and equivalents', ARRAY['cap huyen', 'huyen', 'huyen uy', 'thi xa', 'thanh pho', 'tp']::TEXT[], CURRENT_TIMESTAMP),
  ('commune', 2, 'cấp xã', 'các xã, phường, đặc khu', 'commune level', 'communes, wards and special zones', ARRAY['cap xa', 'xa', 'xa phuong', 'xa phuong dac khu', 'phuong', 'dac khu']::TEXT[], CURRENT_TIMESTAMP),
  ('grassroots', 2, 'cấp cơ sở', 'các cấp ủy cơ sở', 'grassroots level', 'grassroots committees', ARRAY['cap co so', 'co so', 'cap uy co so', 'dang uy co so']::TEXT[], CURRENT_TIMESTAMP),
  ('cell', 3, 'chi bộ', 'các chi bộ', 'party cell', 'party cells', ARRAY['chi bo', 'chi uy']::TEXT[], CURRENT_TIMESTAMP);

-- AlterTable: the enum's values become the keys above.
ALTER TABLE "Unit" ALTER COLUMN "level" TYPE TEXT USING "level"::TEXT;
ALTER TABLE "DutyLevel" ALTER COLUMN "level" TYPE TEXT USING "level"::TEXT;

-- DropEnum
DROP TYPE "UnitLevel";

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_level_fkey" FOREIGN KEY ("level") REFERENCES "Level"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyLevel" ADD CONSTRAINT "DutyLevel_level_fkey" FOREIGN KEY ("level") REFERENCES "Level"("key") ON DELETE RESTRICT ON UPDATE CASCADE;
