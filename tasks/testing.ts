/** Helpers for the end-to-end tests: run a project script as a user would, in a child process. */

/** What a finished child process printed, decoded, and its exit code. */
export interface ScriptOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command `deno run -A --quiet <script> ...args`, output piped and colours off. */
export function scriptCommand(script: string, args: string[]): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", script, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  });
}

/** Runs `script` with `args` to the end. */
export async function runScript(script: string, args: string[]): Promise<ScriptOutput> {
  const out = await scriptCommand(script, args).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
