"""GeoDigest's benchmark: a seeded article generator and a runner (``python -m bench.run``).

Not installed with the package; run it from the repository root.
"""
