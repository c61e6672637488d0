// The one way the pages talk to the server: /api/v1 with the session's
// token. Problems (application/problem+json) become ApiError with the
// per-field errors; a 401 ends the session.
import { currentSession, endSession } from "./session";
import type * as Api from "./generated/api";

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

// The answers' shapes come from the API's OpenAPI description
// (web/src/generated/api.ts, scripts/api-types): a change on the server
// that a page does not follow fails the type check.
export type Task = Api.Task;
export type CaseSummary = Api.CaseSummary;
export type FormField = Api.FormField;
// A decision the caller may take; `via`: sent through another route that
// checks it first (a vendor's monthly report), not a button of the case page.
export type Outcome = Api.Case["allowed_outcomes"][number];
export type CaseDetail = Api.Case;
export type InboxItem = Api.InboxItem;
export type StateCount = Api.StateCount;
export type AuditEvent = Api.CaseEvent;
export type DocumentInfo = Api.CaseDocument;
export type { ApiAnswers } from "./generated/api";



