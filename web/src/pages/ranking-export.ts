// The whole ranking (with the filters on screen) as an XLSX workbook that
// Excel opens in columns: every page of GET /ranking, one row per worker,
// NIKs as text. Built in the page from the same JSON the table shows.
import { api } from "../api";
import { saveFile } from "../export/download";
import { buildXlsx, xlsxType, type Cell } from "../export/xlsx";
import { formatDate } from "../format";
import { groupName, outcomeName, type RankingPage } from "./ranking-data";

// The API's largest page; a regency's ranking of 20,000 workers is 100 requests.
const pageSize = 200;

export async function downloadRankingXlsx(filters: URLSearchParams, progress: (done: number, total: number) => void): Promise<void> {
  const rows: Cell[][] = [["Peringkat", "NIK", "Nama", "OPD", "Jabatan", "Kelompok prioritas", "Poin", "Usulan", "Formasi", "Penjelasan"]];
  let first: RankingPage | null = null;
  for (let page = 1; ; page++) {
    const query = new URLSearchParams(filters);
    query.set("page", String(page));
    query.set("per_page", String(pageSize));
    const { data } = await api<RankingPage>(`/ranking?${query}`);
    first ??= data;
    for (const w of data.items)
      rows.push([w.peringkat, w.nik, w.nama, w.opd, w.jabatan, groupName(w.kelompok), w.poin, outcomeName(w.usulan), w.formasi, w.penjelasan]);
    progress(rows.length - 1, data.total);
    if (data.items.length < pageSize || rows.length - 1 >= data.total) break;
  }
  const title: Cell[][] = [
    [`Peringkat prioritas — nomor hasil ${first?.nomor_pemeringkatan ?? ""}`],
    ["Tanggal acuan", first ? formatDate(first.tanggal_acuan) : null],
    [],
  ];
  const workbook = buildXlsx([
    { name: "Peringkat", rows: [...title, ...rows], boldRows: [0, title.length], widths: [10, 20, 28, 36, 28, 30, 8, 18, 28, 60] },
  ]);
  saveFile(new Blob([workbook as Uint8Array<ArrayBuffer>], { type: xlsxType }), `peringkat-${first?.nomor_pemeringkatan ?? "tata"}.xlsx`);
}
