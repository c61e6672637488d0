// Placeholder until the page is written.
import { h, clear } from "../dom";
import type { PageContext } from "../main";

export async function renderVendor({ main }: PageContext): Promise<void> {
  clear(main, h("h1", null, "Kontrak saya"), h("p", null, "Halaman ini sedang disiapkan."));
}
