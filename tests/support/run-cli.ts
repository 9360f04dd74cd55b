/** Runs the CLI's main() in-process with captured output (the CLI tests' one way to call it). */
import { main, type CliIo } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function runWith(stderrIsTTY: boolean, argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function runCli(...argv: string[]): Promise<CliRun> {
  return runWith(false, argv);
}

/** As if stderr were a terminal (the batch progress bar is drawn there). */
export function runCliOnTerminal(...argv: string[]): Promise<CliRun> {
  return runWith(true, argv);
}

/** In `dir` (process.chdir), so that the JSON names files as given (relative). */
export async function runCliIn(dir: string, ...argv: string[]): Promise<CliRun> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runWith(false, argv);
  } finally {
    process.chdir(cwd);
  }
}
