/** Budgets: how long each run trains and how much is sampled, by profile. */
import { UsageError } from "./errors.ts";

export type ProfileName = "smoke" | "default" | "full";

/** A budget applied to every run of the suite. */
export interface Profile {
  name: ProfileName;
  /** What the profile is for, shown in --help and the report. */
  purpose: string;
  steps: number;
  batch_size: number;
  /** Steps between fixed-noise snapshots (the progression strip). */
  sample_every: number;
  /** Steps between checkpoints. */
  checkpoint_every: number;
  /** Generated and real images compared per run by the evaluation stage. */
  eval_samples: number;
  /** Latent pairs interpolated per generator. */
  interp_pairs: number;
}

export const PROFILES: Record<ProfileName, Profile> = {
  smoke: {
    name: "smoke",
    purpose: "seconds a run; checks that everything connects (used by the tests)",
    steps: 4,
    batch_size: 8,
    sample_every: 2,
    checkpoint_every: 2,
    eval_samples: 200,
    interp_pairs: 2,
  },
  default: {
    name: "default",
    purpose: "the whole suite within an hour on a 2-core CPU with the wasm backend",
    steps: 400,
    batch_size: 64,
    sample_every: 100,
    checkpoint_every: 100,
    eval_samples: 5000,
    interp_pairs: 4,
  },
  full: {
    name: "full",
    purpose: "five epochs a run, for the native TensorFlow backend or a GPU",
    steps: 4685,
    batch_size: 64,
    sample_every: 500,
    checkpoint_every: 250,
    eval_samples: 10000,
    interp_pairs: 6,
  },
};

/** Looks up a profile, or throws a UsageError naming the known ones. */
export function profile(name: string): Profile {
  if (!(name in PROFILES)) {
    throw new UsageError(
      `unknown profile "${name}" (choose one of: ${Object.keys(PROFILES).join(", ")})`,
    );
  }
  return PROFILES[name as ProfileName];
}
