// Plans (placeholder until the review screen lands).
import type { WebApp, WebDeps } from '../app.js';

export type PlanExtractor = (input: { bytes: Uint8Array; name: string }) => Promise<unknown>;

export function registerPlansPage(_app: WebApp, _deps: WebDeps): void {}
