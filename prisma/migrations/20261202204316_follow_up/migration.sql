-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('pending', 'confirmed', 'returned');

-- CreateEnum
CREATE TYPE "ExtensionState" AS ENUM ('pending', 'approved', 'refused', 'superseded');

-- AlterEnum
ALTER TYPE "OfficialRole" ADD VALUE 'leader';

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "requiresConfirmation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "StatusReport" ADD COLUMN     "evidenceDate" DATE,
ADD COLUMN     "evidenceNumber" VARCHAR(80),
ADD COLUMN     "reviewReason" VARCHAR(500),
ADD COLUMN     "reviewState" "ReviewState",
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedById" INTEGER;

-- AlterTable
ALTER TABLE "OccurrenceStatus" ADD COLUMN     "reviewState" "ReviewState";

-- CreateTable
CREATE TABLE "ReportAttachment" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "channelMessageId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineExtension" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "newEndsOn" DATE NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "state" "ExtensionState" NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" VARCHAR(500),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineExtension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportAttachment_reportId_idx" ON "ReportAttachment"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportAttachment_channel_channelMessageId_key" ON "ReportAttachment"("channel", "channelMessageId");

-- CreateIndex
CREATE INDEX "DeadlineExtension_occurrenceId_unitId_state_idx" ON "DeadlineExtension"("occurrenceId", "unitId", "state");

-- CreateIndex
CREATE INDEX "DeadlineExtension_state_createdAt_idx" ON "DeadlineExtension"("state", "createdAt");

-- AddForeignKey
ALTER TABLE "StatusReport" ADD CONSTRAINT "StatusReport_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAttachment" ADD CONSTRAINT "ReportAttachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "StatusReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "Occurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Official"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (Prisma's schema cannot describe partial indexes): one deadline in force and one open request per unit and window.
CREATE UNIQUE INDEX "DeadlineExtension_one_approved" ON "DeadlineExtension"("occurrenceId", "unitId") WHERE "state" = 'approved';
CREATE UNIQUE INDEX "DeadlineExtension_one_pending" ON "DeadlineExtension"("occurrenceId", "unitId") WHERE "state" = 'pending';
