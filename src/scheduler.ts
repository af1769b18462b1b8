// Periodic jobs on node-cron, in the deployment's time zone; a run never overlaps the previous one.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from './logger.js';

export interface Job {
  name: string;
  /** A cron expression, e.g. "5 0 * * *" for 00:05 every day. */
  schedule: string;
  run(now: Date): Promise<void>;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(jobs: Job[], options: { timeZone: string; logger: Logger }): Scheduler {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async (context) => {
        try {
          await job.run(context.date);
        } catch (error) {
          options.logger.error({ err: error, job: job.name }, 'scheduled job failed');
        }
      },
      { name: job.name, timezone: options.timeZone, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
