// The one place that reads the extraction's JSON (`dondoc plan extract --json`, format dondoc-extract/2) into the
// web console's review table. A later change of that JSON touches this file only; everything else works on the
// ReviewDraft below, which is stored as the draft's content.
import type { ExtractJson } from '../extract/result-json.js';

export const REVIEW_FORMAT = 'dondoc-review/1';

export type Certainty = 'high' | 'medium' | 'low';

export interface ReviewWindow {
  start: string;
  end: string;
  label?: string;
  repeat?: { every: string; until?: string; count?: number };
  /** The extractor made it up (a default recurring window) or inferred its year. */
  assumed?: boolean;
}

export interface ReviewDuty {
  /** Stable within the draft (rows are edited, merged and deleted by it). */
  id: string;
  key: string;
  ref: string;
  title: string;
  /** The quoted source passage (the plan file's `source`). */
  source: string;
  lead: string[];
  support: string[];
  windows: ReviewWindow[];
  /** Where the passage is in the extracted text (line, character offsets, table row). */
  location?: { line?: number; start?: number; end?: number; table?: number; row?: number };
  certainty: { lead: Certainty; windows: Certainty; ref: Certainty };
  notes: string[];
  /** Named as responsible but outside the unit tree ("Viện, Trường"): shown, not imported. */
  others: string[];
  summary?: string;
  aliases?: string[];
}

export interface ReviewUnit {
  code: string;
  name: string;
  shortName?: string;
  level: string;
  parent?: string;
  aliases?: string[];
}

export interface ReviewDraft {
  format: typeof REVIEW_FORMAT;
  extraction: string;
  plan: {
    code: string;
    title: string;
    issuer: string;
    issuerUnit?: string;
    place?: string;
    issuedOn: string;
    timeZone?: string;
    sourceFile?: string;
  };
  planCertainty: Record<string, Certainty>;
  planNotes: string[];
  /** Levels the plan defines (the plan file's `levels`), kept as the extractor wrote them. */
  levels: Record<string, unknown>[];
  /** Units the draft proposes (not yet in the database). */
  units: ReviewUnit[];
  /** Codes of database units the extraction matched, with their names (for the autocomplete and labels). */
  knownUnits: { code: string; name: string }[];
  duties: ReviewDuty[];
  nextId: number;
}

type DraftDutyObject = {
  key: string;
  ref: string;
  title: string;
  source: string;
  summary?: string;
  aliases?: string[];
  lead?: string[];
  support?: string[];
  schedule?: { on?: string; start?: string; end?: string; label?: string; repeat?: ReviewWindow['repeat'] }[];
};

type DraftObject = {
  plan: ReviewDraft['plan'];
  levels?: Record<string, unknown>[];
  units?: ReviewUnit[];
  duties: DraftDutyObject[];
};

const certainty = (value: unknown): Certainty => (value === 'low' || value === 'medium' ? value : 'high');

/** The review table of an extraction: the draft plan file's rows, each with what the JSON says about its duty. */
export function reviewFromExtraction(json: ExtractJson): ReviewDraft {
  const draft = json.draft as unknown as DraftObject;
  const details = new Map(json.duties.map((duty) => [duty.key, duty]));
  const duties = draft.duties.map((duty, index): ReviewDuty => {
    const about = details.get(duty.key);
    const assumed = about?.windows.map((window) => window.assumed) ?? [];
    return {
      id: `d${index + 1}`,
      key: duty.key,
      ref: duty.ref,
      title: duty.title,
      source: duty.source,
      lead: [...(duty.lead ?? [])],
      support: [...(duty.support ?? [])],
      windows: (duty.schedule ?? []).map((window, w) => ({
        start: window.on ?? window.start ?? '',
        end: window.on ?? window.end ?? '',
        ...(window.label ? { label: window.label } : {}),
        ...(window.repeat ? { repeat: window.repeat } : {}),
        ...(assumed[w] ? { assumed: true } : {}),
      })),
      ...(about?.source ? { location: { ...about.source } } : {}),
      certainty: {
        lead: certainty(about?.certainty.lead),
        windows: certainty(about?.certainty.windows),
        ref: certainty(about?.certainty.ref),
      },
      notes: [...(about?.notes ?? [])],
      others: [...(about?.lead ?? []), ...(about?.support ?? [])]
        .filter((who) => who.kind === 'other')
        .map((who) => who.name),
      ...(duty.summary ? { summary: duty.summary } : {}),
      ...(duty.aliases?.length ? { aliases: [...duty.aliases] } : {}),
    };
  });
  const planCertainty = Object.fromEntries(
    Object.entries(json.plan.certainty ?? {}).map(([field, value]) => [field, certainty(value)]),
  );
  return {
    format: REVIEW_FORMAT,
    extraction: json.format,
    plan: { ...draft.plan },
    planCertainty,
    planNotes: [...(json.plan.notes ?? [])],
    levels: [...(draft.levels ?? [])],
    units: (draft.units ?? []).map((unit) => ({ ...unit })),
    knownUnits: json.units.known.map((unit) => ({ code: unit.code, name: unit.name })),
    duties,
    nextId: duties.length + 1,
  };
}
