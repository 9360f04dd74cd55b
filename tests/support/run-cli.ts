/** budget-check run in-process with captured output, in `dir` so that the JSON names files as given (relative). */
import { main, type CliIo } from "../../src/cli/main";

export async function runCliIn(
  dir: string,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return { code: await main(argv, io), stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}
