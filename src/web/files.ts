/** File names and texts of the web page's downloads. */

/** "dir/预算.xlsx" → "预算". */
export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.[^.]*$/, "") || name;
}

/** The JSON exactly as `budget-check validate --json` prints it (one line and a newline). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
