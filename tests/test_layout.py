"""The import rules that keep the layout honest (README: Layout).

Each package may import only the packages listed for it; third-party packages that are heavy or
belong to one concern are imported only where that concern lives. Type-checking-only imports
count too: a layer that needs another's types to be written is coupled to it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "summarizer"

# package -> the packages of ours it may import ("" is a top-level module such as errors)
ALLOWED: dict[str, set[str]] = {
    "text": {"text"},
    "errors": set(),
    "schema": {"text"},
    "config": {"errors", "http"},
    "http": {"http", "errors"},
    "io": {"io", "text", "errors", "schema", "http", "config"},
    "engines": set(),
    "engines.offline": {"engines.offline", "text", "errors", "schema"},
    "engines.llm": {
        "engines.llm",
        "engines.offline",
        "text",
        "errors",
        "schema",
        "config",
        "http",
    },
    "evaluation": {
        "evaluation",
        "engines.offline",
        "engines.llm",  # eval --engine llm: the same scoring for any model
        "config",
        "text",
        "errors",
        "schema",
        "io",
    },
    "api": {"config", "errors", "schema", "text", "engines.llm", "engines.offline", "http", "io"},
    "batch": {"api", "config", "errors", "schema", "io", "http", "engines.llm", "text"},
    # batch jobs: request bodies and answers through the LLM engine's own steps (engines.llm),
    # sources and the JSON Lines writer (io), the rate limiter for online re-asks (http)
    "jobs": {"jobs", "config", "errors", "schema", "io", "http", "engines.llm"},
    "testing": {"testing", "engines.offline", "engines.llm", "text", "schema", "errors"},
    "cli": {
        "cli",
        "api",
        "batch",
        "jobs",
        "config",
        "errors",
        "schema",
        "io",
        "http",
        "engines.llm",
        "engines.offline",
        "evaluation",
        "text",
        "testing",
    },
}

# third-party package -> the packages of ours that may import it
THIRD_PARTY = {
    "openai": {"engines.llm", "api", "batch", "jobs"},  # jobs: the Files and Batches API
    "instructor": {"engines.llm"},
    "aiohttp": {"http"},  # the async client's transport (http/aio.py)
    "typer": {"cli"},
    "rich": {"cli"},
}


def _package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "engines" and len(parts) > 2:
        return "engines." + parts[1]
    return parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "summarizer":
                found += [(node.lineno, f"summarizer.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def _target_package(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "summarizer" or len(parts) == 1 or parts[1].startswith("__"):
        return None  # the package face (``from summarizer import __version__``)
    if parts[1] == "engines" and len(parts) > 2:
        return "engines." + parts[2]
    return parts[1]


def test_every_module_belongs_to_a_package_with_rules() -> None:
    unknown = sorted(
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if not (p.parent == ROOT and p.name in {"__init__.py", "__main__.py"})
        if _package_of(p) not in ALLOWED
    )
    assert not unknown, f"modules with no import rule: {unknown}"


def test_imports_follow_the_layers() -> None:
    broken: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.parent == ROOT and path.name in {"__init__.py", "__main__.py"}:
            continue  # the package face: lazy re-exports and the entry point
        package = _package_of(path)
        for line, module in _imports(path):
            target = _target_package(module)
            top = module.split(".")[0]
            where = f"{path.relative_to(ROOT.parent)}:{line} imports {module}"
            if target is not None and target != package and target not in ALLOWED[package]:
                broken.append(f"{where} ({package} may not import {target})")
            if top in THIRD_PARTY and package not in THIRD_PARTY[top]:
                broken.append(f"{where} (only {sorted(THIRD_PARTY[top])} may import {top})")
    assert not broken, "\n".join(broken)


def test_the_rules_would_catch_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a text module importing the CLI is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from summarizer.cli import main\nimport openai\n", encoding="utf-8")
    imports = _imports(bad)
    assert [_target_package(m) for _, m in imports] == ["cli", None]
    assert "cli" not in ALLOWED["text"] and "text" not in THIRD_PARTY["openai"]


# Public names defined in more than one module, each with its own meaning in its place. A name
# not listed here is defined once: two things of one name (a helper copied, or two helpers
# that do different things) make a reader guess which one an import means.
KNOWN_TWICE = {
    "Article",  # text.grounding: the text to ground in; io.inputs: a loaded article
    "Part",  # engines.llm.longform: a part's notes; jobs.files: a part of an upload
    "Unsupported",
    "collect",
    "evaluate",
    "main",
    "one_line",
    "paragraphs",
    "render",
}


def test_a_public_name_is_defined_once() -> None:
    defined: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            kinds = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
            if isinstance(node, kinds) and not node.name.startswith("_"):
                defined.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    twice = {name: paths for name, paths in defined.items() if len(paths) > 1}
    assert set(twice) <= KNOWN_TWICE, {n: p for n, p in twice.items() if n not in KNOWN_TWICE}


def test_the_readme_layout_names_every_module() -> None:
    """README "Layout" is the map a newcomer reads: a module missing from it is hidden."""
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    layout = readme.split("### Layout", 1)[1].split("```", 2)[1]
    words = set(re.findall(r"[a-z_]+", layout))
    missing = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*.py"))
        if path.stem not in ("__init__", "__main__") and path.stem not in words
    ]
    assert not missing, f"README Layout does not name: {missing}"
