/**
 * Hands text to the browser as a file download. Works the same in the Electron window and
 * in a browser tab on the headless host, so neither needs a save-file method.
 */
export function saveTextFile(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; a later revoke only frees memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
