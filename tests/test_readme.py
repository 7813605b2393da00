"""README and .ci/run agree: CI runs exactly the README's install and test commands."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _blocks(text: str) -> list[list[str]]:
    return [[ln.strip() for ln in b.strip().splitlines()] for b in re.findall(r"```bash\n(.*?)```", text, re.S)]


def test_ci_runs_readme_commands():
    blocks = _blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    install, main = blocks[0]
    test = blocks[1]
    assert install.startswith("pip install") and main.startswith("kg build seeds/")
    assert test == ["pytest"]
    ci = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert install in ci and "pytest" in ci
    assert ci.index(install) < ci.index("pytest")
