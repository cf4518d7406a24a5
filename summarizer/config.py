"""Settings, resolved once: arguments first, then the environment the OpenAI ecosystem already
uses, then the defaults, which are written here and nowhere else."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, get_args
from urllib.parse import urlsplit

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.http.transport import RetryPolicy

EngineChoice = Literal["auto", "llm", "offline"]
ModeChoice = Literal["auto", "tools", "json_schema", "json", "md_json"]
FIXED_MODES = ("tools", "json_schema", "json", "md_json")  # what --mode auto tries, in order

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_OUTPUT_TOKENS = 4096  # a summary is ~1,200; a weak local model may never stop
DEFAULT_JOBS = 8
ENV_API_KEY = "OPENAI_API_KEY"
ENV_BASE_URL = "OPENAI_BASE_URL"
ENV_MODEL = "SUMMARIZER_MODEL"
ENV_CACHE_DIR = "SUMMARIZER_CACHE_DIR"

LLM_HOWTO = (
    "set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server "
    "(Ollama, vLLM, llama.cpp)"
)


def default_cache_dir() -> Path:
    """Where results and fetched pages are kept: ``$SUMMARIZER_CACHE_DIR``, else the
    platform's user cache directory."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer", appauthor=False))


# Where a setting can be given besides the library's parameter (``model=``). Messages to
# library callers name these; the command line shows its option instead (``--model``:
# summarizer.cli.codes.for_cli).
ENV_VARS = {"api_key": ENV_API_KEY, "base_url": ENV_BASE_URL, "model": ENV_MODEL}


def missing_llm_message() -> str:
    """Why the LLM engine cannot run without a key or a server, and what to do."""
    return f"No API key: {LLM_HOWTO} (or pass api_key= / base_url=), or use engine='offline'"


class Overrides(TypedDict, total=False):
    """The settings a caller may give by keyword (``summarize(text, model=...)``)."""

    engine: str | None
    model: str | None
    mode: str | None
    api_key: str | None
    base_url: str | None
    max_attempts: int | None
    timeout: float | None
    deadline: float | None
    http_attempts: int | None
    max_bytes: int | None
    allow_private_urls: bool | None
    include_text: bool | None
    page_cache_dir: str | None
    max_output_tokens: int | None
    context_window: int | None
    retry_timeouts: bool | None


@dataclass(frozen=True)
class Settings:
    """Everything that decides how an article is summarized. Never printed whole (api_key)."""

    engine: EngineChoice = "auto"
    model: str = DEFAULT_MODEL
    mode: ModeChoice = "auto"
    api_key: str | None = None
    base_url: str | None = None
    max_attempts: int = 3  # model calls per article, first answer included
    timeout: float = 120.0  # seconds per HTTP request
    deadline: float | None = None  # seconds for a whole article, re-asks and retries included
    http_attempts: int = 4  # tries per HTTP request (429, 5xx, dropped connections)
    backoff: float = 0.5  # seconds: the first retry's backoff bound, doubling each time
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest article read
    allow_private_urls: bool = False  # fetch URLs on loopback and private networks too
    include_text: bool = False  # put the article text (that offsets index) in the result
    page_cache_dir: str | None = None  # keep fetched pages here (None: not kept)
    max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS  # sent as max_tokens with each request
    context_window: int | None = None  # the model's window in tokens (None: ask the server)
    retry_timeouts: bool | None = None  # re-send timed-out requests (None: not to local servers)
    passed: frozenset[str] = frozenset()  # of ENV_VARS: those passed as arguments, not env

    def __repr__(self) -> str:  # keep the key out of logs and tracebacks
        key = "set" if self.api_key else None
        return (
            f"Settings(engine={self.engine!r}, model={self.model!r}, mode={self.mode!r}, "
            f"api_key={key!r}, base_url={self.base_url!r}, max_attempts={self.max_attempts}, "
            f"timeout={self.timeout}, deadline={self.deadline})"
        )

    @classmethod
    def resolve(cls, settings: Settings | None = None, **overrides: object) -> Settings:
        """``settings`` (or the environment: OPENAI_API_KEY, OPENAI_BASE_URL,
        SUMMARIZER_MODEL, else the defaults) with the ``overrides`` that are not None."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = sorted(set(given) - {f.name for f in fields(cls)})
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(unknown)}")
        if settings is None:
            settings = cls(
                model=os.environ.get(ENV_MODEL) or DEFAULT_MODEL,
                api_key=os.environ.get(ENV_API_KEY) or None,
                base_url=os.environ.get(ENV_BASE_URL) or None,
            )
        for key in ("engine", "model", "mode", "api_key", "base_url"):
            if given.get(key) == "":
                del given[key]  # an empty string is "not given", as in the environment
        passed = settings.passed | {name for name in ENV_VARS if name in given}
        return replace(settings, **given, passed=passed)._checked()  # type: ignore[arg-type]

    def _checked(self) -> Settings:
        if self.engine not in get_args(EngineChoice):
            raise ConfigError(f"engine={self.engine!r} is unknown: use auto, llm or offline")
        if self.mode not in get_args(ModeChoice):
            raise ConfigError(
                f"mode={self.mode!r} is unknown: use auto, tools, json_schema, json or md_json"
            )
        if self.max_attempts < 1:
            raise ConfigError(f"max_attempts= must be at least 1 (got {self.max_attempts})")
        if self.timeout <= 0:
            raise ConfigError(f"timeout= must be a positive number of seconds (got {self.timeout})")
        if self.deadline is not None and self.deadline <= 0:
            raise ConfigError(
                f"deadline= must be a positive number of seconds (got {self.deadline})"
            )
        if self.http_attempts < 1:
            raise ConfigError(f"http_attempts= must be at least 1 (got {self.http_attempts})")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes= must be at least 1 (got {self.max_bytes})")
        if self.max_output_tokens < 16:
            raise ConfigError(
                f"max_output_tokens= must be at least 16 (got {self.max_output_tokens})"
            )
        if self.context_window is not None and self.context_window < 512:
            raise ConfigError(
                f"context_window= must be at least 512 tokens (got {self.context_window})"
            )
        if self.base_url is not None and self.engine != "offline":
            parts = urlsplit(self.base_url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                where = self.where("base_url")
                given = (
                    f"base_url={self.base_url!r}"
                    if where == "base_url="
                    else f"{where} ({self.base_url!r})"
                )
                raise ConfigError(
                    f"{given} is not an http(s) URL: give the server's /v1 URL "
                    "(http://localhost:11434/v1 for Ollama)"
                )
        return self

    @property
    def retry_policy(self) -> RetryPolicy:
        from summarizer.http.refusals import is_local
        from summarizer.http.transport import RetryPolicy

        # a local server that timed out is probably still generating: re-sending queues behind it
        return RetryPolicy(
            attempts=self.http_attempts,
            backoff=self.backoff,
            retry_timeouts=(
                not is_local(self.base_url) if self.retry_timeouts is None else self.retry_timeouts
            ),
        )

    @property
    def llm_configured(self) -> bool:
        """Whether an LLM can be reached without further setup."""
        return bool(self.api_key or self.base_url)

    @property
    def base_url_host(self) -> str:
        return urlsplit(self.base_url or DEFAULT_BASE_URL).hostname or "?"

    @property
    def server(self) -> str:
        """The server, as the results cache and the remembered mode tell servers apart: its
        URL's scheme, host, port and path ('http://127.0.0.1:11434/v1'), without credentials
        or a query; two local servers on one host are two servers (Ollama's answer is not
        llama.cpp's, even for one model name)."""
        parts = urlsplit(self.base_url or DEFAULT_BASE_URL)
        return f"{parts.scheme}://{self.base_url_address}{parts.path.rstrip('/')}"

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
        if name in self.passed or env is None:
            return f"{name}="
        if os.environ.get(env):
            return env
        return f"{name}= or {env}"
