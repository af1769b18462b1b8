-- AlterTable
ALTER TABLE "Official" ADD COLUMN     "phone" TEXT,
ADD COLUMN     "position" TEXT;

-- AlterTable
ALTER TABLE "ChannelAccount" ADD COLUMN     "lastMessageAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "WebLoginLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "officialId" INTEGER NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebLoginLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebSession" (
    "id" SERIAL NOT NULL,
    "idHash" TEXT NOT NULL,
    "officialId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "userAgent" TEXT,

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanDraft" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "sourceText" TEXT,
    "createdById" INTEGER,
    "updatedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "importedAt" TIMESTAMPTZ(3),
    "importedPlan" TEXT,
    "discardedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PlanDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebLoginLink_tokenHash_key" ON "WebLoginLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "WebSession_idHash_key" ON "WebSession"("idHash");

-- CreateIndex
CREATE INDEX "WebSession_officialId_idx" ON "WebSession"("officialId");

-- AddForeignKey
ALTER TABLE "WebLoginLink" ADD CONSTRAINT "WebLoginLink_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebSession" ADD CONSTRAINT "WebSession_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDraft" ADD CONSTRAINT "PlanDraft_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDraft" ADD CONSTRAINT "PlanDraft_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;
