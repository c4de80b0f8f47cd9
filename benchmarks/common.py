"""Helpers shared by the benchmarks: timing, percentiles, reporting."""
import contextlib
import statistics
import time


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) -
                                                           1))))
    return ordered[index]


def timed(func, count, warmup=20):
    """Run ``func`` ``count`` times; return the durations in ms."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def describe(samples):
    return 'p50 %7.2f ms  p99 %7.2f ms  mean %7.2f ms  (n=%d)' % (
        percentile(samples, 0.5), percentile(samples, 0.99),
        statistics.fmean(samples), len(samples))


def header(title):
    print('\n== %s ==' % title)


def line(label, text):
    print('  %-34s %s' % (label, text))


@contextlib.contextmanager
def stopwatch():
    box = {}
    start = time.perf_counter()
    yield box
    box['seconds'] = time.perf_counter() - start
