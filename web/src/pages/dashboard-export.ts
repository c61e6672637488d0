// The dashboard's downloads: the server's own CSV of the rekap, and an XLSX
// workbook built from the same JSON the page shows (sheets: the totals, per
// OPD, and the tasks per procedure).
import { api } from "../api";
import { saveFile } from "../export/download";
import { buildXlsx, xlsxType, type Cell, type Sheet } from "../export/xlsx";
import { formatDateTime } from "../format";
import type { Row } from "../charts/data-table";
import { categoryRows, opdRows, outcomeColumns, stageColumns, workflowLabel, roleSummary, type Dashboard } from "./dashboard-data";

export async function downloadCsv(regency: string): Promise<void> {
  const { data } = await api<Blob>("/reports/rekap?format=csv", { blob: true, headers: { Accept: "text/csv" } });
  saveFile(data, `rekap-${regency}.csv`);
}

const line = (row: Row): Cell[] => [row.label, ...row.values];

function totalsSheet({ rekap, tasks }: Dashboard): Sheet {
  const rows: Cell[][] = [];
  const bold: number[] = [];
  const heading = (...cells: Cell[]) => {
    bold.push(rows.length);
    rows.push(cells);
  };
  heading(`Rekap tenaga non-ASN — ${rekap.name} (${rekap.regency})`);
  rows.push(["Nomor pemeringkatan", rekap.nomor_pemeringkatan]);
  rows.push(["Keadaan per", formatDateTime(tasks.at)]);
  rows.push(["Jumlah tenaga non-ASN", rekap.total.jumlah]);
  rows.push([]);
  const categories = categoryRows(rekap);
  heading("Kategori", ...categories.columns.map((c) => c.label));
  categories.rows.forEach((r) => rows.push(line(r)));
  rows.push(line(categories.total));
  rows.push([]);
  heading("Status verifikasi", "Jumlah");
  stageColumns(rekap).forEach((c) => rows.push([c.label, rekap.total.status_verifikasi[c.key] ?? 0]));
  rows.push([]);
  heading("Usulan hasil pemeringkatan", "Jumlah");
  outcomeColumns(rekap).forEach((c) => rows.push([c.label, rekap.total.usulan[c.key] ?? 0]));
  return { name: "Rekap", rows, boldRows: bold, widths: [34, 12, 12, 12, 12, 18, 14] };
}

function opdSheet({ rekap }: Dashboard): Sheet {
  const { columns, rows, total } = opdRows(rekap);
  return {
    name: "Per OPD",
    rows: [["OPD", ...columns.map((c) => c.label)], ...rows.map(line), line(total)],
    boldRows: [0, rows.length + 1],
    widths: [48, ...columns.map(() => 14)],
  };
}

function taskSheet({ tasks }: Dashboard): Sheet {
  return {
    name: "Tugas per prosedur",
    rows: [
      ["Prosedur", "Tugas terbuka", "Terlambat", "Per peran"],
      ...tasks.workflows.map((w) => [workflowLabel(w), w.open, w.overdue, roleSummary(w)]),
      ["Jumlah", tasks.open, tasks.overdue, null],
    ],
    boldRows: [0, tasks.workflows.length + 1],
    widths: [30, 14, 12, 50],
  };
}

export function downloadXlsx(dashboard: Dashboard): void {
  const bytes = buildXlsx([totalsSheet(dashboard), opdSheet(dashboard), taskSheet(dashboard)]);
  saveFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: xlsxType }), `rekap-${dashboard.rekap.regency}.xlsx`);
}
