"""Duplicate reports: the same article saved twice (as .htm and .shtml), republished with
other page chrome, or copied by another site (转载). `duplicate_of` in reports.csv names
the earliest report, by doc id, that a report is the same article as.

Two steps, so that no two reports are ever compared unless they are likely the same:

- in the worker, each report's normalized text gets a MinHash signature: 128 minimums
  over its shingles (runs of SHINGLE characters, whitespace left out), computed by rensa
  (R-MinHash, a compiled library: about 0.05 ms an article). The signature is kept with
  the report's row (the reports table's `per_report`), so that an incremental run
  reuses it;
- once per run, before the corpus tables are written, locality-sensitive hashing finds
  the candidates: the signature is cut into BANDS bands of ROWS values, and reports that
  agree on a whole band share a bucket. Only reports that share a bucket are compared
  (`same_article`): by the share of their signatures' values that agree (an estimate of
  the Jaccard similarity of their shingles) and, from it and the number of shingles of
  each, the share of the shorter text found in the longer. A report that is the same
  article as an earlier one, by doc id, is its duplicate (or of what that one
  duplicates). Time and memory grow with the number of reports (512 bytes of signature
  each), not with their pairs: a report is compared with at most two of each bucket.

With 32 bands of 4, two articles whose shingles are 70% the same become candidates
with probability 0.9998, half the same 0.87, a third the same 0.23. `make bench` measures precision and recall on
20,000 generated articles (bench/duplicates_bench.py).
"""
from __future__ import annotations

import base64
import re
import struct
from typing import Iterable

NUM_PERM = 128
SEED = 20240101
SHINGLE = 5
BANDS, ROWS = 32, 4  # BANDS * ROWS == NUM_PERM
MIN_JACCARD = 0.5      # at least half of all their shingles the same
MIN_CONTAINMENT = 0.8  # and most of the shorter one's in the longer
MAX_CANDIDATES = 50  # earlier reports compared with one report, at most (a bucket of many)
PLAIN_UP_TO = 1000  # reports: so few are bucketed in plain Python, without importing numpy (0.1 s)
# a band's values mixed into one 64-bit key (fixed odd multipliers; a collision only makes
# a candidate, which the comparison then rejects)
MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)[:ROWS]
WHITESPACE = re.compile(r"\s+")


def scheme() -> str:
    """What a signature depends on: the library's algorithm and these parameters.
    Signatures of another scheme (an older run's, kept in the incremental state) are
    never compared with this one's."""
    import rensa

    return f"rensa-r{rensa.RMinHash.ALGORITHM_VERSION}-{NUM_PERM}-{SEED}-{SHINGLE}"


def shingles(text: str) -> list[str]:
    flat = "".join((text or "").split())  # str.split's whitespace is re's \s
    if len(flat) <= SHINGLE:
        return [flat] if flat else []
    return [flat[i:i + SHINGLE] for i in range(len(flat) - SHINGLE + 1)]


def signature(text: str) -> dict | None:
    """The MinHash signature of a text, as stored with its report's row; None for a text
    with nothing in it."""
    import rensa

    pieces = shingles(text)
    if not pieces:
        return None
    sketch = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update(pieces)
    packed = struct.pack(f"<{NUM_PERM}I", *sketch.digest())
    return {"scheme": scheme(), "minhash": base64.b64encode(packed).decode("ascii"),
            "shingles": len(set(pieces))}


def _digest(stored) -> tuple[bytes, int] | None:
    """(the packed signature, the number of distinct shingles) of a stored signature of
    this scheme, else None."""
    if not isinstance(stored, dict) or stored.get("scheme") != scheme():
        return None
    try:
        packed = base64.b64decode(stored.get("minhash") or "", validate=True)
        size = int(stored.get("shingles"))
    except (ValueError, TypeError):
        return None
    return (packed, size) if len(packed) == 4 * NUM_PERM and size > 0 else None


def same_article(agree: int, size_a: int, size_b: int) -> bool:
    """From the share of agreeing minimums (the Jaccard similarity J of the two sets of
    shingles) and the sets' sizes: J >= MIN_JACCARD, and the shorter text's shingles
    found in the longer, |A∩B| / min(|A|, |B|) = J (|A| + |B|) / ((1 + J) min), at least
    MIN_CONTAINMENT: a short article with a long page chrome around it is still itself,
    a short item quoted in a long report is not the report."""
    jaccard = agree / NUM_PERM
    if jaccard < MIN_JACCARD:
        return False
    return jaccard * (size_a + size_b) / ((1 + jaccard) * min(size_a, size_b)) >= MIN_CONTAINMENT


def find_duplicates(signatures: Iterable[tuple[str, dict | None]]) -> dict[str, str]:
    """{doc_id: the doc_id it duplicates} from (doc_id, signature) pairs given in doc id
    order; reports that duplicate none are left out."""
    ids, packed, sizes = [], [], []
    for doc_id, stored in signatures:
        digest = _digest(stored)
        if digest is not None:
            ids.append(doc_id)
            packed.append(digest[0])
            sizes.append(digest[1])
    if len(ids) < 2:
        return {}
    if len(ids) <= PLAIN_UP_TO:
        rows = [struct.unpack(f"<{NUM_PERM}I", p) for p in packed]
        candidates = _candidates_plain(rows)
        agree = lambda i, j: sum(a == b for a, b in zip(rows[i], rows[j]))  # noqa: E731
    else:
        import numpy as np

        matrix = np.frombuffer(b"".join(packed), dtype="<u4").reshape(len(ids), NUM_PERM)
        candidates = _candidates(matrix)
        agree = lambda i, j: int(np.count_nonzero(matrix[i] == matrix[j]))  # noqa: E731
    original: dict[int, int] = {}
    for j in sorted(candidates):
        for i in sorted(candidates[j])[:MAX_CANDIDATES]:
            if same_article(agree(i, j), sizes[i], sizes[j]):
                original[j] = original.get(i, i)
                break
    return {ids[j]: ids[i] for j, i in original.items()}


def _candidates(matrix) -> dict[int, set[int]]:
    """For each report, the earlier reports that share one of its buckets."""
    import numpy as np

    n = matrix.shape[0]
    mix = np.array(MIX, dtype=np.uint64)
    out: dict[int, set[int]] = {}
    with np.errstate(over="ignore"):
        for b in range(BANDS):
            band = matrix[:, b * ROWS:(b + 1) * ROWS].astype(np.uint64)
            keys = (band * mix).sum(axis=1, dtype=np.uint64) ^ np.uint64(b)
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            sizes = np.diff(np.r_[starts, n])
            for start, size in zip(starts[sizes > 1], sizes[sizes > 1]):
                members = [int(m) for m in order[start:start + size]]  # in doc id order (stable)
                for k in range(1, len(members)):
                    # the bucket's first report and the one just before: a bucket of many
                    # copies costs a comparison each, not one for every pair
                    out.setdefault(members[k], set()).update((members[0], members[k - 1]))
    return out


def _candidates_plain(rows: list[tuple[int, ...]]) -> dict[int, set[int]]:
    """_candidates in plain Python, for a few reports: the same keys (sums of products
    modulo 2**64, as numpy's uint64 wraps) and the same buckets, members in doc id order."""
    out: dict[int, set[int]] = {}
    mask = (1 << 64) - 1
    for b in range(BANDS):
        lo = b * ROWS
        buckets: dict[int, list[int]] = {}
        for n, row in enumerate(rows):
            key = (sum(v * m for v, m in zip(row[lo:lo + ROWS], MIX)) & mask) ^ b
            buckets.setdefault(key, []).append(n)
        for members in buckets.values():
            for k in range(1, len(members)):
                out.setdefault(members[k], set()).update((members[0], members[k - 1]))
    return out
