/**
 * Progress of training runs: a live bar per run with ETA on a terminal
 * (cli-progress), plain periodic lines otherwise (logs, CI).
 */
import cliProgress from "cli-progress";

/** One run's progress as the scheduler reports it. */
export interface RunProgress {
  label: string;
  step: number;
  steps: number;
  d_loss: number;
  g_loss: number;
  samples_per_s: number;
  /** Seconds left at the current speed. */
  eta_s: number;
}

/** Receives progress and run events; `stop` before printing anything else final. */
export interface ProgressView {
  start(key: string, label: string, steps: number): void;
  update(key: string, p: RunProgress): void;
  finish(key: string, line: string): void;
  log(line: string): void;
  stop(): void;
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${Math.round(s)}s`;
}

/** The plain line for a run's progress: step, losses, speed, ETA. */
export function progressLine(p: RunProgress): string {
  const pct = Math.floor(100 * p.step / p.steps);
  return `[${p.label}] step ${p.step}/${p.steps} (${pct}%) D ${p.d_loss.toFixed(3)} G ${
    p.g_loss.toFixed(3)
  } ${p.samples_per_s.toFixed(1)} samples/s, ETA ${fmtSeconds(p.eta_s)}`;
}

/** Plain lines: one when a run starts or ends, and one per run at most every `everyMs`. */
export function plainView(write = (l: string) => console.log(l), everyMs = 30_000): ProgressView {
  const last = new Map<string, number>();
  return {
    start(key, label, steps) {
      last.set(key, performance.now());
      write(`[${label}] training ${steps} steps`);
    },
    update(key, p) {
      const now = performance.now();
      if (now - (last.get(key) ?? 0) >= everyMs) {
        last.set(key, now);
        write(progressLine(p));
      }
    },
    finish: (_key, line) => write(line),
    log: write,
    stop() {},
  };
}

/** Live bars on a terminal. */
export function barView(): ProgressView {
  const multi = new cliProgress.MultiBar({
    format:
      "{label} |{bar}| {value}/{total} steps | D {d} G {g} | {sps} samples/s | ETA {eta_formatted}",
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    start(key, label, steps) {
      bars.set(
        key,
        multi.create(steps, 0, { label: label.padEnd(28).slice(0, 28), d: "-", g: "-", sps: "-" }),
      );
    },
    update(key, p) {
      bars.get(key)?.update(p.step, {
        d: p.d_loss.toFixed(3),
        g: p.g_loss.toFixed(3),
        sps: p.samples_per_s.toFixed(1),
      });
    },
    finish(key, line) {
      const bar = bars.get(key);
      if (bar) {
        bar.stop();
        multi.remove(bar);
        bars.delete(key);
      }
      multi.log(line + "\n");
    },
    log: (line) => multi.log(line + "\n"),
    stop: () => multi.stop(),
  };
}

/** Bars on a terminal, plain lines otherwise. */
export function progressView(): ProgressView {
  return Deno.stdout.isTerminal() ? barView() : plainView();
}
