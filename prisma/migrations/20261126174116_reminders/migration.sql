-- AlterTable
ALTER TABLE "ReminderLedger" ADD COLUMN     "channelsSent" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "expiresAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ReminderRun" (
    "occurrenceId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "expandedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recipients" INTEGER NOT NULL,

    CONSTRAINT "ReminderRun_pkey" PRIMARY KEY ("occurrenceId","kind")
);

-- CreateTable
CREATE TABLE "ReminderOptOut" (
    "officialId" INTEGER NOT NULL,
    "dutyId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderOptOut_pkey" PRIMARY KEY ("officialId","dutyId")
);

-- CreateTable
CREATE TABLE "ReminderPolicyOverride" (
    "scope" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReminderPolicyOverride_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "AdminDigest" (
    "officialId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminDigest_pkey" PRIMARY KEY ("officialId","day")
);
