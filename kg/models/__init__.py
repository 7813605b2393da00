"""Trained spaCy pipelines shipped with conflict-kg.

``model_path("kg_news_sm")`` gives the directory to pass to ``spacy.load``;
``available()`` lists the pipelines present in this installation. See MODEL.md.
"""
from __future__ import annotations

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL = "kg_news_sm"


def model_path(name: str = DEFAULT_MODEL) -> Path:
    """Directory of the shipped pipeline ``name``.

    Raises ``FileNotFoundError`` if it is not installed (e.g. a checkout where
    the model has not been trained yet: ``python -m kg.train``)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"not a model name: {name!r}")
    path = MODELS_DIR / name
    if not (path / "meta.json").is_file() or not (path / "config.cfg").is_file():
        known = ", ".join(available()) or "none"
        raise FileNotFoundError(f"model {name!r} not found in {MODELS_DIR} (available: {known}); "
                                f"train it with `python -m kg.train --out {path}`")
    return path


def available() -> list[str]:
    """Names of the shipped pipelines (directories with meta.json and config.cfg)."""
    return sorted(p.name for p in MODELS_DIR.iterdir()
                  if p.is_dir() and (p / "meta.json").is_file() and (p / "config.cfg").is_file())


__all__ = ["model_path", "available", "MODELS_DIR", "DEFAULT_MODEL"]
