// Placeholder until the page is written.
import { h, clear } from "../dom";
import type { PageContext } from "../main";

export async function renderGrievanceQueue({ main }: PageContext): Promise<void> {
  clear(main, h("h1", null, "Antrean pengaduan"), h("p", null, "Halaman ini sedang disiapkan."));
}
