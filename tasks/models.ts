/** `deno task models`: every architecture in the seed's notation with its parameter count. */
import { parseFlags, runMain } from "../lib/cli.ts";
import { ARCHITECTURES, describe, paramCount } from "../lib/models/architectures.ts";

await runMain(() => {
  const flags = parseFlags(
    Deno.args,
    [
      { name: "json", type: "boolean", help: "print a JSON list of { name, params, layers }" },
    ],
    "deno task models [--json]\n\nPrints each architecture as the seed prints it, with its trainable parameter count.",
  );
  if (!flags) return Promise.resolve(0);
  const archs = Object.values(ARCHITECTURES);
  if (flags.json) {
    console.log(JSON.stringify(
      archs.map((a) => ({ name: a.name, role: a.role, params: paramCount(a), layers: a.layers })),
      null,
      2,
    ));
  } else {
    for (const a of archs) {
      console.log(`# ${a.name}: ${a.description}`);
      console.log(describe(a));
      console.log(`trainable parameters: ${paramCount(a).toLocaleString("en-US")}\n`);
    }
  }
  return Promise.resolve(0);
});
