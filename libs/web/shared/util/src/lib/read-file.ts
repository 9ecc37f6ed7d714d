/** The text of a picked file (UTF-8). FileReader rather than Blob.text(), which older engines lack. */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () =>
      reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}
