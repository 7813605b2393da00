"""Training of conflict-kg's own spaCy pipeline (``kg_news_sm``).

Run ``python -m kg.train --data ../shared/data --out kg/models/kg_news_sm``;
see :func:`kg.train.__main__.main` and ``kg/models/MODEL.md``.
"""
from __future__ import annotations

from pathlib import Path

CONFIG_DIR = Path(__file__).parent / "configs"
#: the shipped model's config (Brown-cluster features); ``kg_news_sm.cfg`` is the same without them
#: (the config of training runs one to eight, see MODEL.md)
DEFAULT_CONFIG = CONFIG_DIR / "kg_news_clusters.cfg"


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``kg train`` (same options as ``python -m kg.train``)."""
    from kg.train.__main__ import main as _main

    return _main(argv)


__all__ = ["main", "CONFIG_DIR", "DEFAULT_CONFIG"]
