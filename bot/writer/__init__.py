"""The optional model writer: any OpenAI-compatible chat-completions endpoint chooses among the embedded
analysis's passages and writes the prompts and polls; the embedded writer stays the default and the fallback.

Nothing in ``bot.analysis`` imports this package, so with no model configured it is never loaded.
"""

from bot.writer.write import write_with_model

__all__ = ["write_with_model"]
