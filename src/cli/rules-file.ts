/** `--rules <file.txt>`: a user's audit formula file from disk; a bad file is one Chinese line (exit 2). */
import { promises as fs } from "fs";
import * as path from "path";
import { loadRulesBytes, MAX_RULES_FILE_BYTES, type RulesLoad } from "../core/formulas/file";
import { fileTooLarge } from "../core/limits";

export async function readRulesFile(file: string): Promise<RulesLoad> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ok: false, message: `审核公式文件“${name}”不是文件` };
    const tooLarge = fileTooLarge(`审核公式文件“${name}”`, stat.size, MAX_RULES_FILE_BYTES);
    if (tooLarge) return { ok: false, message: tooLarge };
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    return { ok: false, message: `无法读取审核公式文件：${file}` };
  }
  return loadRulesBytes(bytes, name);
}
