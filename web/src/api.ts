// The one way the pages talk to the server: /api/v1 with the session's
// token. Problems (application/problem+json) become ApiError with the
// per-field errors; a 401 ends the session.
import { currentSession, endSession } from "./session";

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

export interface ApiAnswer<T> {
  data: T;
  status: number;
  etag: string | null;
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  blob?: boolean;
}

let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...(options.headers ?? {}) };
  const session = currentSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] = "application/json";
  } else if (options.contentType) {
    headers["Content-Type"] = options.contentType;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method: options.method ?? "GET", headers, body });
  } catch {
    throw new ApiError(0, "Tidak terhubung", "Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.");
  }
  if (response.status === 401 && session) {
    endSession();
    onUnauthorized?.();
  }
  if (!response.ok) {
    let problem: { title?: string; detail?: string; errors?: FieldError[] } = {};
    try {
      problem = await response.json();
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, problem.title ?? `Kesalahan ${response.status}`, problem.detail ?? "", problem.errors ?? []);
  }
  let data: unknown = null;
  if (options.blob) data = await response.blob();
  else if (response.status !== 204) data = await response.json();
  return { data: data as T, status: response.status, etag: response.headers.get("ETag") };
}

// The message for a person: the server's Indonesian title, with the detail.
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.detail ? `${error.title} (${error.detail})` : error.title;
  return "Terjadi kesalahan yang tidak terduga.";
}

// --- the shapes the pages read -------------------------------------------

export interface Task {
  id: number;
  case_id: number;
  state: string;
  title: string;
  roles: string[];
  assignee: string | null;
  opened_at: string;
  due_at: string | null;
  overdue: boolean;
}

export interface CaseSummary {
  id: number;
  key: string | null;
  workflow: string;
  workflow_title: string;
  state: string;
  state_title: string;
  status: string;
  result: string | null;
  version: number;
  workflow_version: number;
  nama: string | null;
  opd: string | null;
  updated_at: string;
  open_tasks: Task[];
}

export interface FormField {
  name: string;
  type: string;
  required: boolean;
  label: string;
  options?: string[];
  // The words of some options, from the workflow's YAML.
  option_labels?: Record<string, string>;
  min?: number;
  max?: number;
}

export interface Outcome {
  name: string;
  label: string;
  form: FormField[];
  // Sent through another route that checks it first (e.g. a vendor's
  // monthly report): not a button of the case page.
  via?: string;
}

export interface CaseDetail extends CaseSummary {
  regency: string;
  data: Record<string, unknown>;
  created_at: string;
  allowed_outcomes: Outcome[];
  state_description?: string;
}

export interface InboxItem extends Task {
  case: CaseSummary;
}

export interface Page<T> {
  items: T[];
  page: number;
  per_page: number;
  total: number;
  // /cases only: false when total is a floor ("more than"), next_after the
  // cursor of the next page by case number, states with ?states=true.
  total_exact?: boolean;
  next_after?: number | string | null;
  states?: StateCount[];
}

export interface StateCount {
  state: string;
  title: string;
  count: number;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  role: string;
  type: string;
  from: string;
  to: string;
  payload: Record<string, unknown> | null;
}

export interface DocumentInfo {
  sha256: string;
  reference: string;
  name: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
  dokumen: string | null; // the kind given at upload (sk, bukti_gaji), when one was
  url: string;
}
