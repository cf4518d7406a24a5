"""Test support: an OpenAI-compatible server with fault injection.

Run it with ``python -m summarizer.testing``; see ``summarizer.testing.server``.
"""
