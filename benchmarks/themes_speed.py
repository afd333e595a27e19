"""Time and peak memory of the theme analysis for 1k, 10k and 50k answers, cold and warm.

    python benchmarks/themes_speed.py PATH.csv [--text-column text] [--sizes 1000 10000 50000]

Each measurement runs in its own process (peak memory is that process's
maximum resident set size). "Cold" starts from an empty embedding cache;
"warm" runs again on the same answers with that cache filled. When the file
has fewer rows than a size, rows are drawn with replacement and every drawn
copy after the first is perturbed (one word dropped, or two neighbouring
words swapped, chosen at random) so that the sample is mostly distinct
texts rather than duplicates the model would count instead of embed.
"""

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample(texts, size, seed=0):
    """Return ``size`` answers drawn from ``texts`` (see the module docstring)."""
    rng = random.Random(seed)
    if size <= len(texts):
        return rng.sample(texts, size)
    seen, out = set(), []
    for _ in range(size):
        text = rng.choice(texts)
        if text in seen:
            words = text.split()
            if len(words) > 2 and rng.random() < 0.5:
                del words[rng.randrange(len(words))]
            elif len(words) > 1:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            text = " ".join(words)
        seen.add(text)
        out.append(text)
    return out


def one_run(path, cache_dir):
    """Fit on the answers in ``path`` (JSON list); print seconds and peak MB as JSON."""
    sys.path.insert(0, str(ROOT))
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    from analysis import ThemeModel

    model = ThemeModel(cache_dir=cache_dir).fit(texts)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak,
                      "themes": sum(t.size > 0 for t in model.themes_)}))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--_one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._one:
        return one_run(*args._one)
    with open(args.path, encoding="utf-8-sig", newline="") as handle:
        texts = [row[args.text_column] for row in csv.DictReader(handle)]
    print(f"{args.path}: {len(texts)} rows")
    print(f"{'answers':>8} {'run':>5} {'seconds':>8} {'peak MB':>8} {'themes':>7}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            answers = Path(tmp) / "answers.json"
            answers.write_text(json.dumps(sample(texts, size)), encoding="utf-8")
            for run in ("cold", "warm"):
                out = subprocess.run(
                    [sys.executable, __file__, args.path, "--_one", str(answers), tmp + "/cache"],
                    check=True, capture_output=True, text=True).stdout
                result = json.loads(out.strip().splitlines()[-1])
                print(f"{size:>8} {run:>5} {result['seconds']:>8.1f} {result['peak_mb']:>8.0f} "
                      f"{result['themes']:>7}", flush=True)


if __name__ == "__main__":
    main()
