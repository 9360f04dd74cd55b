/** A file the user picked, as bytes. FileReader rather than Blob.arrayBuffer(): older Office WebViews lack the latter. */
export function readFileBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error("无法读取所选文件"));
    reader.readAsArrayBuffer(file);
  });
}
