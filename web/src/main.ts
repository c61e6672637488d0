// The pages' router: paths in the address bar (the server answers
// index.html for them), a header with who is logged in and the way out,
// and one page at a time in <main>.
import "./style.css";
import { api, setUnauthorizedHandler } from "./api";
import { clear, h } from "./dom";
import { roleNames } from "./format";
import { currentSession, endSession, setExpiryHandler } from "./session";
import { renderLogin } from "./pages/login";
import { renderInbox } from "./pages/inbox";
import { renderCase } from "./pages/case";
import { renderWorker } from "./pages/worker";
import { renderImport } from "./pages/import";
import { renderRanking } from "./pages/ranking";
import { renderGrievanceQueue } from "./pages/grievances";
import { renderCompliance } from "./pages/compliance";
import { renderDashboard } from "./pages/dashboard";
import { renderAdmin } from "./pages/admin";
import { renderVendor } from "./pages/vendor";
import { renderAccount } from "./pages/account";
import { renderPlanning } from "./pages/planning";
import { renderPerformance } from "./pages/performance";
import { renderLetterCheck } from "./pages/letter-check";

export interface PageContext {
  main: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
}

type Render = (context: PageContext) => Promise<void> | void;

interface RouteDef {
  pattern: RegExp;
  names: string[];
  render: Render;
  roles?: string[]; // empty: anyone logged in; undefined with open: no login
  open?: boolean;
  title: string;
}

// Who works where: officers and the admin run the procedures; the OPD head,
// the supervisor (pejabat penilai kinerja) and BKAD answer their tasks;
// leadership (the admin, Kepala BKPSDM) reads the dashboard, and with the
// officers and OPD heads the predikat per OPD; vendors and workers have their
// own pages.
const officers = ["admin", "officer"];
const taskRoles = ["admin", "officer", "opd_head", "supervisor", "bkad"];
const performanceReaders = ["admin", "officer", "opd_head"];
const routes: RouteDef[] = [
  { pattern: /^\/masuk$/, names: [], render: renderLogin, open: true, title: "Masuk" },
  { pattern: /^\/kotak-masuk$/, names: [], render: renderInbox, roles: taskRoles, title: "Kotak masuk" },
  { pattern: /^\/kasus\/(\d+)$/, names: ["id"], render: renderCase, roles: [...taskRoles, "vendor", "worker"], title: "Kasus" },
  { pattern: /^\/impor$/, names: [], render: renderImport, roles: officers, title: "Impor data pekerja" },
  { pattern: /^\/peringkat$/, names: [], render: renderRanking, roles: officers, title: "Peringkat" },
  { pattern: /^\/pengaduan$/, names: [], render: renderGrievanceQueue, roles: officers, title: "Antrean pengaduan" },
  { pattern: /^\/kepatuhan$/, names: [], render: renderCompliance, roles: officers, title: "Kepatuhan penyedia" },
  { pattern: /^\/dasbor$/, names: [], render: renderDashboard, roles: officers, title: "Dasbor pimpinan" },
  { pattern: /^\/perencanaan$/, names: [], render: renderPlanning, roles: officers, title: "Perencanaan" },
  { pattern: /^\/kinerja$/, names: [], render: renderPerformance, roles: performanceReaders, title: "Penilaian kinerja" },
  { pattern: /^\/periksa-surat$/, names: [], render: renderLetterCheck, roles: taskRoles, title: "Periksa keaslian surat" },
  { pattern: /^\/admin$/, names: [], render: renderAdmin, roles: ["admin"], title: "Administrasi" },
  { pattern: /^\/penyedia$/, names: [], render: renderVendor, roles: ["vendor"], title: "Kontrak saya" },
  { pattern: /^\/pekerja$/, names: [], render: renderWorker, roles: ["worker"], title: "Status saya" },
  { pattern: /^\/akun$/, names: [], render: renderAccount, title: "Akun saya" },
];

// The menu of each role: [path, label], the first one its home page.
const menus: Record<string, Array<[string, string]>> = {
  admin: [["/dasbor", "Dasbor"], ["/kotak-masuk", "Kotak masuk"], ["/impor", "Impor"], ["/peringkat", "Peringkat"], ["/pengaduan", "Pengaduan"], ["/kepatuhan", "Kepatuhan penyedia"], ["/perencanaan", "Perencanaan"], ["/kinerja", "Kinerja"], ["/periksa-surat", "Periksa surat"], ["/admin", "Administrasi"]],
  officer: [["/kotak-masuk", "Kotak masuk"], ["/impor", "Impor"], ["/peringkat", "Peringkat"], ["/pengaduan", "Pengaduan"], ["/kepatuhan", "Kepatuhan penyedia"], ["/dasbor", "Dasbor"], ["/perencanaan", "Perencanaan"], ["/kinerja", "Kinerja"], ["/periksa-surat", "Periksa surat"]],
  opd_head: [["/kotak-masuk", "Kotak masuk"], ["/kinerja", "Kinerja"]],
  supervisor: [["/kotak-masuk", "Kotak masuk"]],
  bkad: [["/kotak-masuk", "Kotak masuk"]],
  vendor: [["/penyedia", "Kontrak saya"]],
  worker: [["/pekerja", "Status saya"]],
};

export function homeOf(role: string): string {
  return menus[role]?.[0]?.[0] ?? "/masuk";
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  void render();
}

const app = document.getElementById("app")!;
const status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite", id: "announcer" });

// Says `text` to screen readers (and shows nothing).
export function announce(text: string): void {
  status.textContent = "";
  window.setTimeout(() => (status.textContent = text), 50);
}

function header(): HTMLElement {
  const session = currentSession();
  const links = session ? (menus[session.user.role] ?? []) : [];
  return h(
    "header",
    { class: "site-header" },
    h("a", { class: "brand", href: session ? homeOf(session.user.role) : "/masuk" }, "Tata"),
    session &&
      h(
        "nav",
        { "aria-label": "Menu utama" },
        h("ul", null, links.map(([href, text]) => h("li", null, h("a", { href, "aria-current": location.pathname === href ? "page" : null }, text)))),
      ),
    session &&
      h(
        "div",
        { class: "who" },
        h("span", { "data-testid": "who" }, `${session.user.username} · ${roleNames[session.user.role] ?? session.user.role}`),
        h("a", { href: "/akun", "aria-current": location.pathname === "/akun" ? "page" : null }, "Akun"),
        h("button", { type: "button", class: "secondary", onclick: logout }, "Keluar"),
      ),
  );
}

async function logout(): Promise<void> {
  try {
    await api("/auth/logout", { method: "POST" });
  } catch {
    /* the token may have expired already */
  }
  endSession();
  navigate("/masuk?keluar=1");
}

function sessionEnded(): void {
  navigate("/masuk?alasan=sesi", true);
}

let renderCount = 0;

export async function render(): Promise<void> {
  const count = ++renderCount;
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const query = new URLSearchParams(location.search);
  const session = currentSession();

  if (path === "/") {
    navigate(session ? homeOf(session.user.role) : "/masuk", true);
    return;
  }
  const route = routes.find((r) => r.pattern.test(path));
  const main = h("main", { id: "main", tabindex: "-1" });
  clear(app, header(), main, status);
  if (!route) {
    document.title = "Halaman tidak ditemukan — Tata";
    clear(main, h("h1", null, "Halaman tidak ditemukan"), h("p", null, h("a", { href: "/" }, "Kembali ke halaman awal")));
    return;
  }
  if (!route.open && !session) {
    navigate(`/masuk?lanjut=${encodeURIComponent(location.pathname + location.search)}`, true);
    return;
  }
  if (session && route.roles && !route.roles.includes(session.user.role)) {
    navigate(homeOf(session.user.role), true);
    return;
  }
  const match = route.pattern.exec(path)!;
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
  document.title = `${route.title} — Tata`;
  await route.render({ main, params, query });
  if (count !== renderCount) return;
  // Move the focus to the new page's heading, as a screen reader expects.
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    if (route.render !== renderLogin || !document.querySelector("#username")) announce(heading.textContent ?? "");
  }
}

// Links inside the app change the page without reloading it.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element).closest("a");
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/") || url.hash && url.pathname === location.pathname) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener("popstate", () => void render());
setExpiryHandler(sessionEnded);
setUnauthorizedHandler(sessionEnded);
void render();
