-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3),
ADD COLUMN     "progressChannel" "Channel",
ADD COLUMN     "progressChatId" TEXT,
ADD COLUMN     "progressMessageId" TEXT;

-- CreateIndex
CREATE INDEX "BroadcastDelivery_broadcastId_state_idx" ON "BroadcastDelivery"("broadcastId", "state");
