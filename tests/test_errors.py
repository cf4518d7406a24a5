"""Error kinds know their exit codes; settings are resolved once and frozen."""

from __future__ import annotations

import pytest

from summarizer.config import Settings
from summarizer.errors import EXIT_FAILED, EXIT_USAGE, ErrorKind


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_an_exit_code(kind: ErrorKind) -> None:
    usage = kind.value in {"input", "config", "auth", "model_not_found"}
    assert kind.is_usage is usage
    assert kind.exit_code == (EXIT_USAGE if usage else EXIT_FAILED)
    assert ErrorKind.of(kind.value) is kind


def test_an_unknown_kind_name_is_internal() -> None:
    assert ErrorKind.of("no-such-kind") is ErrorKind.INTERNAL


def test_settings_resolve_once_and_are_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    settings = Settings.resolve(max_attempts=2)
    assert (settings.model, settings.max_attempts, settings.max_bytes) == ("from-env", 2, 5_000_000)
    assert Settings.resolve(settings, model="given").model == "given"
    with pytest.raises(AttributeError):
        settings.model = "changed"  # type: ignore[misc]
