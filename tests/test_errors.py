"""Error kinds know their exit codes; library messages name parameters, the CLI its options."""

from __future__ import annotations

import pytest

from summarizer import summarize
from summarizer.config import Settings
from summarizer.errors import EXIT_FAILED, EXIT_USAGE, ConfigError, ErrorKind, SummarizerError


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_an_exit_code(kind: ErrorKind) -> None:
    usage = kind.value in {"input", "config", "auth", "model_not_found"}
    assert kind.is_usage is usage
    assert kind.exit_code == (EXIT_USAGE if usage else EXIT_FAILED)
    assert ErrorKind.of(kind.value) is kind


def test_an_unknown_kind_name_is_internal() -> None:
    assert ErrorKind.of("no-such-kind") is ErrorKind.INTERNAL


def test_the_library_names_its_parameters_and_the_cli_adds_its_options(seed: str) -> None:
    with pytest.raises(ConfigError) as missing:
        summarize(seed, engine="llm")
    message = str(missing.value)
    assert "api_key=" in message and "OPENAI_API_KEY" in message and "--" not in message
    assert "--engine offline" in missing.value.for_cli()
    assert missing.value.exit_code == EXIT_USAGE


@pytest.mark.parametrize(
    ("overrides", "parameter", "option"),
    [
        ({"engine": "magic"}, "engine=", "--engine"),
        ({"mode": "xml"}, "mode=", "--mode"),
        ({"max_attempts": 0}, "max_attempts=", "--max-attempts"),
        ({"timeout": 0}, "timeout=", "--timeout"),
        ({"deadline": -1}, "deadline=", "--deadline"),
    ],
)
def test_a_bad_setting_names_its_parameter(
    overrides: dict[str, object], parameter: str, option: str
) -> None:
    with pytest.raises(SummarizerError) as bad:
        Settings.resolve(**overrides)
    assert str(bad.value).startswith(parameter) and "--" not in str(bad.value)
    assert option in bad.value.for_cli()


def test_settings_resolve_once_and_are_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    settings = Settings.resolve(max_attempts=2)
    assert (settings.model, settings.max_attempts, settings.max_bytes) == ("from-env", 2, 5_000_000)
    assert Settings.resolve(settings, model="given").model == "given"
    with pytest.raises(AttributeError):
        settings.model = "changed"  # type: ignore[misc]
