"""GeoDigest's engine: models, extraction, the store, digests. Imports no platform library."""
