/** Hands a text file to the browser's (or Electron's) download, without any node API. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // a BOM so spreadsheet apps read accents and £ signs as UTF-8
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
