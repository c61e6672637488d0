// The words of a workflow's codes, from its YAML through
// GET /workflows/{id}/labels: a state's title, a decision's label, a
// result, a data field's name and the values it stores. Pages show these,
// never the code; a regency that renames something in its YAML sees it here
// after a reload. Loaded once per workflow version and page load.
import { api } from "./api";
import { humanize } from "./format";

export interface WorkflowWords {
  workflow: string;
  version: number;
  title: string;
  states: Record<string, string>;
  outcomes: Record<string, Record<string, string>>;
  results: Record<string, string>;
  fields: Record<string, string>;
  values: Record<string, Record<string, string>>;
  hidden: string[];
}

const loaded = new Map<string, Promise<WorkflowWords | null>>();

// The words of one version; null when they cannot be had (the page then
// falls back to its own names), so a page never fails for want of words.
export function workflowWords(workflow: string, version?: number): Promise<WorkflowWords | null> {
  const key = `${workflow}@${version ?? "latest"}`;
  let words = loaded.get(key);
  if (!words) {
    const query = version ? `?version=${version}` : "";
    words = api<WorkflowWords>(`/workflows/${encodeURIComponent(workflow)}/labels${query}`)
      .then(({ data }) => data)
      .catch(() => {
        loaded.delete(key);  // try again on the next page
        return null;
      });
    loaded.set(key, words);
  }
  return words;
}

export function stateWords(words: WorkflowWords | null, state: string): string {
  return words?.states[state] ?? humanize(state);
}

// A decision's label as its state offers it (the same name may read
// differently in two states: "batalkan" a package or a selection).
export function outcomeWords(words: WorkflowWords | null, state: string, outcome: string): string | undefined {
  if (!words) return undefined;
  const own = words.outcomes[state]?.[outcome];
  if (own) return own;
  for (const labels of Object.values(words.outcomes)) if (labels[outcome]) return labels[outcome];
  return undefined;
}

export function resultWords(words: WorkflowWords | null, result: string): string | undefined {
  return words?.results[result];
}

export function fieldWords(words: WorkflowWords | null, field: string): string | undefined {
  return words?.fields[field];
}

export function valueWords(words: WorkflowWords | null, field: string, value: string): string | undefined {
  return words?.values[field]?.[value];
}

export function isHidden(words: WorkflowWords | null, field: string): boolean {
  return words?.hidden.includes(field) ?? false;
}
