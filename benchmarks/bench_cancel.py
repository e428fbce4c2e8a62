"""How fast a canceled run stops: seconds from the cancel to the end of processing.run, for the
runs that tests/reliability/test_cancellation.py cancels (the tests check what a cancel guarantees;
this measures the latency, which depends on the machine and its load).

Run from the repository root (after `make setup`):

    .venv/bin/python benchmarks/bench_cancel.py              # every case, 3 runs each
    .venv/bin/python benchmarks/bench_cancel.py --runs 5 locate_service_sites

Prints, per case: the progress at the cancel and the highest progress reported after it, and the
median and worst seconds from the cancel to the stop. The load average is printed too: on a
shared machine, read the figures against it.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests", "reliability"))
SHARED_HG = os.path.join(os.path.dirname(ROOT), "shared", "data", "communes_31.gpkg")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    import qgis_standalone
    qgis_standalone.start()
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingException
    from reliability_helpers import cancel_cases, cancel_feedback

    hg = SHARED_HG if os.path.exists(SHARED_HG) else None
    with tempfile.TemporaryDirectory() as tmp:
        names = args.cases or list(cancel_cases(tmp, hg))
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s); {args.runs} run(s) per case")
        print(f"{'case':<40} {'cancel at':>9} {'last':>6} {'stop median':>12} {'worst':>7}")
        worst_all = 0.0
        for name in names:
            lat, at, last = [], None, None
            for r in range(args.runs):
                out = os.path.join(tmp, f"{name}_{r}")
                os.makedirs(out)
                alg, params, trigger, _ = cancel_cases(out, hg)[name]
                fb = cancel_feedback(**trigger)
                try:
                    processing.run(alg, params, context=QgsProcessingContext(), feedback=fb)
                    print(f"{name:<40} finished before the cancel")
                    break
                except QgsProcessingException:
                    t_end = time.perf_counter()
                if fb.canceled_at is None:
                    print(f"{name:<40} failed before the cancel")
                    break
                lat.append(t_end - fb.canceled_at)
                at = fb.progress_at_cancel
                last = max(last or 0.0, fb.progress_after_cancel or at)
            if lat:
                worst_all = max(worst_all, max(lat))
                print(f"{name:<40} {at:>8.0f}% {last:>5.0f}% {statistics.median(lat):>11.2f}s {max(lat):>6.2f}s",
                      flush=True)
        print(f"worst stop: {worst_all:.2f} s")
    return 0


if __name__ == "__main__":
    import qgis_standalone
    qgis_standalone.run(main)
