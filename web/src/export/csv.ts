// CSV made in the page (RFC 4180, CRLF), with the same rule as every CSV
// Tata writes (procedures/csv/csv_cell.cpp): a text starting with =, +, -,
// @, tab or CR gets a leading ' so a spreadsheet opens it as text, never as a
// formula (OWASP, CSV injection). Numbers are written as they are.
import type { Cell } from "./xlsx";

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: Cell[][]): string {
  return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
