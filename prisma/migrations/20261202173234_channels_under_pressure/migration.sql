-- AlterTable
ALTER TABLE "ChannelAccount" ADD COLUMN     "deliveryFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "firstFailureAt" TIMESTAMPTZ(3),
ADD COLUMN     "inactiveReason" TEXT,
ADD COLUMN     "lastFailure" TEXT,
ADD COLUMN     "lastFailureAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "UndeliveredReply" (
    "id" SERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "chatId" TEXT NOT NULL,
    "updateKey" TEXT,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UndeliveredReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UndeliveredReply_at_idx" ON "UndeliveredReply"("at");
