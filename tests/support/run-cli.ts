/** Runs the CLI's main() in-process with captured output (the CLI tests' one way to call it). */
import { main, type CliIo } from "../../src/cli/main";

export async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
