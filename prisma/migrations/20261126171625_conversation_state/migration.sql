-- AlterTable
ALTER TABLE "Official" ADD COLUMN     "snoozedUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Conversation" (
    "channel" "Channel" NOT NULL,
    "chatId" TEXT NOT NULL,
    "choices" JSONB,
    "pending" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("channel","chatId")
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "channel" "Channel" NOT NULL,
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedUpdate_pkey" PRIMARY KEY ("channel","key")
);

-- CreateIndex
CREATE INDEX "ProcessedUpdate_receivedAt_idx" ON "ProcessedUpdate"("receivedAt");
