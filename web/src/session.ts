// The login: the token, when it expires and who it is for, kept in
// sessionStorage (gone when the tab closes). The session ends when the token
// expires: the pages go back to the login with a message.
import type * as Api from "./generated/api";

// As POST /auth/login answers them (web/src/generated/api.ts).
export type User = Api.User;
export type Session = Api.Session;

const key = "tata.session";
let expiryTimer: number | undefined;
let onExpired: (() => void) | undefined;

export function currentSession(): Session | null {
  const text = sessionStorage.getItem(key);
  if (!text) return null;
  try {
    const session = JSON.parse(text) as Session;
    if (Date.parse(session.expires_at) <= Date.now()) {
      endSession();
      return null;
    }
    return session;
  } catch {
    endSession();
    return null;
  }
}

export function startSession(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
  watchExpiry();
}

export function endSession(): void {
  sessionStorage.removeItem(key);
  if (expiryTimer !== undefined) window.clearTimeout(expiryTimer);
  expiryTimer = undefined;
}

// Calls `handler` when the current session's token expires.
export function setExpiryHandler(handler: () => void): void {
  onExpired = handler;
  watchExpiry();
}

function watchExpiry(): void {
  if (expiryTimer !== undefined) window.clearTimeout(expiryTimer);
  expiryTimer = undefined;
  const text = sessionStorage.getItem(key);
  if (!text) return;
  const left = Date.parse((JSON.parse(text) as Session).expires_at) - Date.now();
  // setTimeout holds at most ~24.8 days; a token lives hours.
  expiryTimer = window.setTimeout(
    () => {
      endSession();
      onExpired?.();
    },
    Math.max(0, Math.min(left, 2 ** 31 - 1)),
  );
}
