// Hands a file made in the page to the browser as a download.
export function saveFile(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; keep the URL a little for slow browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
