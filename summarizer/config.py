"""Settings, from arguments first and then the environment the OpenAI ecosystem already uses."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, get_args
from urllib.parse import urlsplit

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.http.transport import RetryPolicy

EngineChoice = Literal["auto", "llm", "offline"]
ModeChoice = Literal["tools", "json_schema", "md_json"]

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
ENV_MODEL = "SUMMARIZER_MODEL"

# Where a setting can be given: the library's parameter (``model=``) and, for some, an
# environment variable. Messages to library callers name these; the command line shows its
# option instead (``--model``: summarizer.cli.codes.for_cli).
ENV_VARS = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": ENV_MODEL,
}

LLM_HOWTO = (
    "set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server "
    "(Ollama, vLLM, llama.cpp)"
)


@dataclass(frozen=True)
class Settings:
    """Everything that decides how an article is summarized. Never printed whole (api_key)."""

    engine: EngineChoice = "auto"
    model: str = DEFAULT_MODEL
    mode: ModeChoice = "tools"
    api_key: str | None = None
    base_url: str | None = None
    max_attempts: int = 3  # model calls per article, first answer included
    timeout: float = 120.0  # seconds per HTTP request
    deadline: float | None = None  # seconds for a whole article, re-asks and retries included
    http_attempts: int = 4  # tries per HTTP request (429, 5xx, dropped connections)
    backoff: float = 0.5  # seconds: the first retry's backoff bound, doubling each time
    given: frozenset[str] = frozenset()  # the settings passed as arguments, not from the env

    def __repr__(self) -> str:  # keep the key out of logs and tracebacks
        key = "set" if self.api_key else None
        return (
            f"Settings(engine={self.engine!r}, model={self.model!r}, mode={self.mode!r}, "
            f"api_key={key!r}, base_url={self.base_url!r}, max_attempts={self.max_attempts}, "
            f"timeout={self.timeout}, deadline={self.deadline})"
        )

    @classmethod
    def resolve(
        cls,
        *,
        engine: str | None = None,
        model: str | None = None,
        mode: str | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        max_attempts: int | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        http_attempts: int | None = None,
    ) -> Settings:
        """Arguments where given, else the environment (OPENAI_API_KEY, OPENAI_BASE_URL,
        SUMMARIZER_MODEL), else the defaults."""
        engine = engine or "auto"
        if engine not in get_args(EngineChoice):
            raise ConfigError(f"unknown engine {engine!r}: use auto, llm or offline")
        mode = mode or "tools"
        if mode not in get_args(ModeChoice):
            raise ConfigError(f"unknown mode {mode!r}: use tools, json_schema or md_json")
        given = {"api_key": api_key, "base_url": base_url, "model": model}
        settings = cls(
            given=frozenset(name for name, value in given.items() if value),
            engine=engine,  # type: ignore[arg-type]
            mode=mode,  # type: ignore[arg-type]
            model=model or os.environ.get(ENV_MODEL) or DEFAULT_MODEL,
            api_key=api_key or os.environ.get("OPENAI_API_KEY") or None,
            base_url=base_url or os.environ.get("OPENAI_BASE_URL") or None,
        )
        if max_attempts is not None:
            if max_attempts < 1:
                raise ConfigError("max attempts must be at least 1")
            settings = replace(settings, max_attempts=max_attempts)
        if timeout is not None:
            if timeout <= 0:
                raise ConfigError("timeout must be a positive number of seconds")
            settings = replace(settings, timeout=timeout)
        if deadline is not None:
            if deadline <= 0:
                raise ConfigError("deadline must be a positive number of seconds")
            settings = replace(settings, deadline=deadline)
        if http_attempts is not None:
            if http_attempts < 1:
                raise ConfigError("HTTP attempts must be at least 1")
            settings = replace(settings, http_attempts=http_attempts)
        return settings

    @property
    def retry_policy(self) -> RetryPolicy:
        from summarizer.http.transport import RetryPolicy

        return RetryPolicy(attempts=self.http_attempts, backoff=self.backoff)

    @property
    def llm_configured(self) -> bool:
        """Whether an LLM can be reached without further setup."""
        return bool(self.api_key or self.base_url)

    @property
    def base_url_host(self) -> str:
        return urlsplit(self.base_url or DEFAULT_BASE_URL).hostname or "?"

    @property
    def base_url_address(self) -> str:
        """host:port of the server, the port spelled out even when it is the scheme's own."""
        parts = urlsplit(self.base_url or DEFAULT_BASE_URL)
        try:
            port = parts.port
        except ValueError:
            port = None
        port = port or (443 if parts.scheme == "https" else 80)
        host = parts.hostname or "?"
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def where(self, name: str) -> str:
        """Where the caller set ``name`` (or can set it), for a message: ``base_url=`` when
        passed as an argument, ``OPENAI_BASE_URL`` when it came from the environment."""
        env = ENV_VARS.get(name)
        if name in self.given or env is None:
            return f"{name}="
        if os.environ.get(env):
            return env
        return f"{name}= or {env}"
