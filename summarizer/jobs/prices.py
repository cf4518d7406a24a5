"""What tokens cost, per model, in one place: the online price and the Batch API's discount.

Prices are US dollars per million tokens (input, output), from the providers' public price
lists; a model not listed has no cost (a self-hosted model's cost is your cluster's). Batch
requests cost ``BATCH_DISCOUNT`` times the online price (OpenAI: half).
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.schema import Usage

BATCH_DISCOUNT = 0.5

# model -> (input, output) USD per 1M tokens, online
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "o4-mini": (1.10, 4.40),
}


def price_of(model: str) -> tuple[float, float] | None:
    """The online price of ``model`` (a dated snapshot, ``gpt-4.1-mini-2025-04-14``, counts as
    its model), or None when it is not listed."""
    if model in PRICES:
        return PRICES[model]
    for name in sorted(PRICES, key=len, reverse=True):
        if model.startswith(name + "-"):
            return PRICES[name]
    return None


def cost(model: str, usage: Usage, *, batch: bool) -> float | None:
    """USD for ``usage`` on ``model``, at the batch price when ``batch``; None if not listed."""
    price = price_of(model)
    if price is None:
        return None
    dollars = (usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / 1e6
    return dollars * (BATCH_DISCOUNT if batch else 1.0)


@dataclass
class Spend:
    """Tokens and dollars of a run, split between batch and online requests."""

    model: str
    batch: Usage
    online: Usage

    def add(self, usage: Usage, *, batch: bool) -> None:
        target = self.batch if batch else self.online
        target.prompt_tokens += usage.prompt_tokens
        target.completion_tokens += usage.completion_tokens
        target.total_tokens += usage.total_tokens

    @property
    def dollars(self) -> float | None:
        parts = [
            cost(self.model, self.batch, batch=True),
            cost(self.model, self.online, batch=False),
        ]
        return None if parts[0] is None or parts[1] is None else parts[0] + parts[1]

    def as_dict(self) -> dict[str, object]:
        total = self.batch.total_tokens + self.online.total_tokens
        dollars = self.dollars
        return {
            "model": self.model,
            "batch_tokens": self.batch.total_tokens,
            "online_tokens": self.online.total_tokens,
            "tokens": total,
            "cost_usd": None if dollars is None else round(dollars, 4),
        }
