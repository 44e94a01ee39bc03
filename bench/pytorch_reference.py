"""PyTorch reference for `deno task bench`: the same GAN, step and batch on this CPU.

Models: the seed's base generator and discriminator (840,321 and 212,865
parameters). Step: as lib/train/gan_step.ts trains it: one discriminator update
on a real and a generated batch (BCE on D's pre-sigmoid output, the project's
default loss), then one generator update with the non-saturating loss; RMSprop
lr 1e-3 (alpha 0.99, eps 1e-8) for both. Real images are uniform noise in
[-1, 1]: data loading is not what is timed.

Set-up:  apt-get install -y python3-torch libopenblas0-pthread
Run:     OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_reference.py --threads 2 --json
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def base_generator() -> nn.Module:
    return nn.Sequential(
        nn.Linear(100, 128 * 7 * 7),
        nn.Unflatten(1, (128, 7, 7)),
        nn.BatchNorm2d(128),
        nn.ConvTranspose2d(128, 64, 5, stride=2, padding=2, output_padding=1),
        nn.ReLU(True),
        nn.BatchNorm2d(64),
        nn.ConvTranspose2d(64, 1, 5, stride=2, padding=2, output_padding=1),
        nn.Tanh(),
    )


def base_discriminator_logits() -> nn.Module:
    """The seed's D without its final Sigmoid: the loss takes the logit."""
    return nn.Sequential(
        nn.Conv2d(1, 64, 5, stride=2, padding=2),
        nn.LeakyReLU(0.2),
        nn.Dropout(0.4),
        nn.Conv2d(64, 128, 5, stride=2, padding=2),
        nn.LeakyReLU(0.2),
        nn.Dropout(0.4),
        nn.Flatten(),
        nn.Linear(128 * 7 * 7, 1),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if min(a.batch, a.threads, a.steps) < 1 or a.warmup < 0:
        ap.error("--batch, --threads and --steps must be ≥ 1, --warmup ≥ 0")
    torch.manual_seed(0)
    torch.set_num_threads(a.threads)

    g, d = base_generator(), base_discriminator_logits()
    g_opt = torch.optim.RMSprop(g.parameters(), lr=1e-3, alpha=0.99, eps=1e-8)
    d_opt = torch.optim.RMSprop(d.parameters(), lr=1e-3, alpha=0.99, eps=1e-8)
    loss = nn.BCEWithLogitsLoss()
    b = a.batch
    real = torch.rand(b, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(b, 1), torch.zeros(b, 1)
    assert sum(p.numel() for p in g.parameters()) == 840_321
    assert sum(p.numel() for p in d.parameters()) == 212_865

    def step() -> tuple[float, float]:
        fake = g(torch.randn(b, 100))
        d_opt.zero_grad()
        d_loss = loss(d(real), ones) + loss(d(fake.detach()), zeros)
        d_loss.backward()
        d_opt.step()
        g_opt.zero_grad()
        g_loss = loss(d(fake), ones)
        g_loss.backward()
        g_opt.step()
        return d_loss.item(), g_loss.item()

    for _ in range(a.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    ms = (time.perf_counter() - t0) / a.steps * 1000
    out = {
        "impl": "pytorch",
        "version": torch.__version__,
        "threads": a.threads,
        "batch": b,
        "steps": a.steps,
        "ms_per_step": round(ms, 1),
        "samples_per_s": round(b * 1000 / ms, 1),
    }
    if a.json:
        print(json.dumps(out))
    else:
        print(f"pytorch {out['version']}, {a.threads} thread(s), batch {b}: "
              f"{out['ms_per_step']} ms per step, {out['samples_per_s']} samples/s")


if __name__ == "__main__":
    main()
