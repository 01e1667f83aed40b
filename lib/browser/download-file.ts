/** Hands the learner a file made in the page, as a download (no server involved: static export). */
export function downloadFile(name: string, data: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later it is long done.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
