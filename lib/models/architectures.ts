/**
 * The seed's architectures, described as data in PyTorch's terms (NCHW
 * shapes, PyTorch padding), so they can be printed as the seed prints them
 * and built with tfjs layers by `build.ts`.
 */

/** One layer, named and parameterised as in PyTorch. */
export type LayerSpec =
  | { kind: "Linear"; in: number; out: number }
  | { kind: "Unflatten"; c: number; h: number; w: number }
  | { kind: "BatchNorm2d"; c: number; eps: number; momentum: number }
  | { kind: "Conv2d"; in: number; out: number; k: number; s: number; p: number }
  | {
    kind: "ConvTranspose2d";
    in: number;
    out: number;
    k: number;
    s: number;
    p: number;
    op: number;
  }
  | { kind: "ReLU" }
  | { kind: "LeakyReLU"; slope: number }
  | { kind: "Dropout"; p: number }
  | { kind: "Flatten" }
  | { kind: "Tanh" }
  | { kind: "Sigmoid" };

/** A generator or discriminator: its layers in order. */
export interface Architecture {
  name: string;
  role: "generator" | "discriminator";
  /** One sentence for the report: what this architecture is and where it comes from. */
  description: string;
  layers: LayerSpec[];
}

const bn = (c: number): LayerSpec => ({
  kind: "BatchNorm2d",
  c,
  eps: 1e-5,
  momentum: 0.1,
});
const convT = (inC: number, out: number): LayerSpec => ({
  kind: "ConvTranspose2d",
  in: inC,
  out,
  k: 5,
  s: 2,
  p: 2,
  op: 1,
});
const conv = (inC: number, out: number): LayerSpec => ({
  kind: "Conv2d",
  in: inC,
  out,
  k: 5,
  s: 2,
  p: 2,
});
const lrelu: LayerSpec = { kind: "LeakyReLU", slope: 0.2 };
const dropout: LayerSpec = { kind: "Dropout", p: 0.4 };

/** Every architecture the experiments use, by name. */
export const ARCHITECTURES: Record<string, Architecture> = {
  base_g: {
    name: "base_g",
    role: "generator",
    description: "The seed's base generator.",
    layers: [
      { kind: "Linear", in: 100, out: 6272 },
      { kind: "Unflatten", c: 128, h: 7, w: 7 },
      bn(128),
      convT(128, 64),
      { kind: "ReLU" },
      bn(64),
      convT(64, 1),
      { kind: "Tanh" },
    ],
  },
  reduced_g: {
    name: "reduced_g",
    role: "generator",
    description:
      "The seed's reduced generator, ReLU before Tanh included: its output can never go below 0, so the background can never be black.",
    layers: [
      { kind: "Linear", in: 100, out: 6272 },
      { kind: "Unflatten", c: 32, h: 14, w: 14 },
      convT(32, 1),
      { kind: "ReLU" },
      { kind: "Tanh" },
    ],
  },
  reduced_g_fixed: {
    name: "reduced_g_fixed",
    role: "generator",
    description:
      "The seed's reduced generator without the ReLU before Tanh (an extra, not in the seed), to separate the effect of capacity from that of the quirk.",
    layers: [
      { kind: "Linear", in: 100, out: 6272 },
      { kind: "Unflatten", c: 32, h: 14, w: 14 },
      convT(32, 1),
      { kind: "Tanh" },
    ],
  },
  base_d: {
    name: "base_d",
    role: "discriminator",
    description: "The seed's base discriminator.",
    layers: [
      conv(1, 64),
      lrelu,
      dropout,
      conv(64, 128),
      lrelu,
      dropout,
      { kind: "Flatten" },
      { kind: "Linear", in: 6272, out: 1 },
      { kind: "Sigmoid" },
    ],
  },
  reduced_d: {
    name: "reduced_d",
    role: "discriminator",
    description: "The seed's reduced discriminator.",
    layers: [
      conv(1, 16),
      lrelu,
      dropout,
      { kind: "Flatten" },
      { kind: "Linear", in: 3136, out: 1 },
      { kind: "Sigmoid" },
    ],
  },
};

/** Looks up an architecture by name, or throws a message listing the known ones. */
export function architecture(name: string): Architecture {
  const arch = ARCHITECTURES[name];
  if (!arch) {
    throw new RangeError(
      `unknown architecture "${name}" (known: ${Object.keys(ARCHITECTURES).join(", ")})`,
    );
  }
  return arch;
}

/** Trainable parameters of one layer, counted as PyTorch counts them. */
export function layerParams(layer: LayerSpec): number {
  switch (layer.kind) {
    case "Linear":
      return layer.in * layer.out + layer.out;
    case "BatchNorm2d":
      return 2 * layer.c;
    case "Conv2d":
    case "ConvTranspose2d":
      return layer.in * layer.out * layer.k * layer.k + layer.out;
    default:
      return 0;
  }
}

/** Trainable parameters of an architecture, PyTorch's count (BatchNorm γ and β included). */
export function paramCount(arch: Architecture): number {
  return arch.layers.reduce((sum, l) => sum + layerParams(l), 0);
}

function layerText(l: LayerSpec): string {
  switch (l.kind) {
    case "Linear":
      return `Linear(in_features=${l.in}, out_features=${l.out}, bias=True)`;
    case "Unflatten":
      return `Unflatten(dim=1, unflattened_size=(${l.c}, ${l.h}, ${l.w}))`;
    case "BatchNorm2d":
      return `BatchNorm2d(${l.c}, eps=${
        l.eps.toExponential().replace("e-", "e-0")
      }, momentum=${l.momentum}, affine=True, track_running_stats=True)`;
    case "Conv2d":
      return `Conv2d(${l.in}, ${l.out}, kernel_size=(${l.k}, ${l.k}), stride=(${l.s}, ${l.s}), padding=(${l.p}, ${l.p}))`;
    case "ConvTranspose2d":
      return `ConvTranspose2d(${l.in}, ${l.out}, kernel_size=(${l.k}, ${l.k}), stride=(${l.s}, ${l.s}), padding=(${l.p}, ${l.p}), output_padding=(${l.op}, ${l.op}))`;
    case "ReLU":
      return "ReLU(inplace=True)";
    case "LeakyReLU":
      return `LeakyReLU(negative_slope=${l.slope})`;
    case "Dropout":
      return `Dropout(p=${l.p}, inplace=False)`;
    case "Flatten":
      return "Flatten(start_dim=1, end_dim=-1)";
    case "Tanh":
      return "Tanh()";
    case "Sigmoid":
      return "Sigmoid()";
  }
}

/** The architecture in the seed's notation (PyTorch's module printout, class names as in the seed). */
export function describe(arch: Architecture): string {
  const cls = arch.role === "generator" ? "Gerador" : "Discriminador";
  const lines = arch.layers.map((l, i) => `    (${i}): ${layerText(l)}`);
  return [`${cls}(`, "  (net): Sequential(", ...lines, "  )", ")"].join("\n");
}
