"""A local cache of validated LLM results, so the same article is never paid for twice.

One SQLite file (standard library) in the platform's user cache directory, or in
``$SUMMARIZER_CACHE_DIR``. A result is keyed by the article text's hash, the prompt version,
the schema version, the model, the mode, the server and the engine: change any of them and the
article is summarized afresh. Only results that passed validation are stored; nothing about
the request (no key, no headers) is.

SQLite blocks: the async engine calls the ``a``-prefixed methods, which run the same code in a
worker thread (:func:`asyncio.to_thread`), so an event loop never waits on the database (a busy
file can take up to the 30-second busy timeout). One connection serves every thread, one
statement at a time (``check_same_thread=False`` and a lock).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
import threading
import time
from pathlib import Path

from summarizer.config import ENV_CACHE_DIR, Settings, default_cache_dir
from summarizer.errors import ConfigError
from summarizer.schema import SCHEMA_VERSION, ArticleSummary

log = logging.getLogger("summarizer")


def cache_key(text: str, settings: Settings, prompt_version: str) -> str:
    parts = [
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
        prompt_version,
        SCHEMA_VERSION,
        "llm",
        settings.model,
        settings.mode,
        settings.server,  # (scheme, host, port and path: not the host alone)
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class Cache:
    """``get``/``put`` validated :class:`ArticleSummary` results by :func:`cache_key`."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.path = self.directory / "results.sqlite3"
        self._db: sqlite3.Connection | None = None  # opened on first use: offline runs never do
        self._lock = threading.Lock()

    def open(self) -> Cache:
        """Open (and create) the database now: a bad location fails here, before any work."""
        self._connection()
        return self

    def _connection(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        for attempt in range(5):
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(
                    self.path, timeout=30, check_same_thread=False, isolation_level=None
                )
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS results "
                    "(key TEXT PRIMARY KEY, result TEXT NOT NULL)"
                )
                db.execute(  # --mode auto: what each server and model accepted
                    "CREATE TABLE IF NOT EXISTS modes "
                    "(server TEXT, model TEXT, mode TEXT NOT NULL, PRIMARY KEY (server, model))"
                )
                break
            except sqlite3.OperationalError as exc:
                # another process is creating it, or switching it to WAL: wait for it
                if "locked" not in str(exc) or attempt == 4:
                    raise self._unusable(exc) from None
                time.sleep(0.05 * 2**attempt)
            except (OSError, sqlite3.Error) as exc:
                raise self._unusable(exc) from None
        self._db = db
        return db

    def _unusable(self, exc: Exception) -> ConfigError:
        return ConfigError(
            f"cannot use the cache at {self.path} ({exc}): set {ENV_CACHE_DIR} "
            "to a writable directory, or use --no-cache"
        )

    def get(self, key: str, input_name: str) -> ArticleSummary | None:
        try:
            with self._lock:
                row = (
                    self._connection()
                    .execute("SELECT result FROM results WHERE key = ?", (key,))
                    .fetchone()
                )
        except sqlite3.Error as exc:  # busy past the timeout: a miss, not a failed article
            log.warning("cache lookup failed (%s); summarizing afresh", exc)
            return None
        if row is None:
            return None
        try:
            result = ArticleSummary.model_validate_json(row[0])
        except ValueError:
            return None  # written by an incompatible version: summarize afresh
        run = result.run.model_copy(update={"cached": True, "latency_s": 0.0})
        return result.model_copy(update={"input": input_name, "run": run})

    def put(self, key: str, result: ArticleSummary) -> None:
        try:
            with self._lock:
                self._connection().execute(
                    "INSERT OR REPLACE INTO results (key, result) VALUES (?, ?)",
                    (key, result.model_dump_json()),
                )
        except sqlite3.Error as exc:  # the result is still returned; only the reuse is lost
            log.warning("could not store the result in the cache (%s)", exc)

    def get_mode(self, server: str, model: str) -> str | None:
        """The mode ``--mode auto`` settled on for ``model`` at ``server``, if it did."""
        try:
            with self._lock:
                row = (
                    self._connection()
                    .execute(
                        "SELECT mode FROM modes WHERE server = ? AND model = ?", (server, model)
                    )
                    .fetchone()
                )
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def put_mode(self, server: str, model: str, mode: str) -> None:
        try:
            with self._lock:
                self._connection().execute(
                    "INSERT OR REPLACE INTO modes (server, model, mode) VALUES (?, ?, ?)",
                    (server, model, mode),
                )
        except sqlite3.Error as exc:
            log.warning("could not remember the mode in the cache (%s)", exc)

    # the async faces: the same calls in a worker thread

    async def aget(self, key: str, input_name: str) -> ArticleSummary | None:
        return await asyncio.to_thread(self.get, key, input_name)

    async def aput(self, key: str, result: ArticleSummary) -> None:
        await asyncio.to_thread(self.put, key, result)

    async def aput_mode(self, server: str, model: str, mode: str) -> None:
        await asyncio.to_thread(self.put_mode, server, model, mode)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
