"""How ``reading-circle analyze`` prints an analysis: a preview to read, or one JSON object per line."""

from __future__ import annotations

import json
import textwrap

from bot.analysis.model import Analysis
from bot.text import as_sentence


def as_dict(source: str, analysis: Analysis) -> dict:
    thesis = analysis.thesis
    return {
        "source": source,
        "title": analysis.title,
        "words": analysis.words,
        "reading_minutes": analysis.reading_minutes,
        "thesis": {"text": thesis.text, "start": thesis.start, "end": thesis.end} if thesis else None,
        "arguments": [
            {
                "text": a.text,
                "start": a.start,
                "end": a.end,
                "score": round(a.score, 4),
                "kind": a.kind,
                "reasons": list(a.reasons),
            }
            for a in analysis.arguments
        ],
        "prompts": [{"text": p.text, "argument": p.argument} for p in analysis.prompts],
        "polls": [{"question": p.question, "answers": list(p.answers), "argument": p.argument} for p in analysis.polls],
        "writer": analysis.writer,
        "note": analysis.note,
    }


def as_json_line(source: str, analysis: Analysis) -> str:
    return json.dumps(as_dict(source, analysis), ensure_ascii=False)


def as_preview(source: str, analysis: Analysis) -> str:
    wrap = textwrap.TextWrapper(width=100, initial_indent="    ", subsequent_indent="    ")
    lines = [
        f"# {analysis.title or source}",
        f"{source} · {analysis.words:,} words · about {analysis.reading_minutes} min · {analysis.writer} writer",
        "",
        "Thesis:",
        wrap.fill(analysis.thesis.text) if analysis.thesis else "    (none found)",
        "",
        "Key arguments:",
    ]
    for i, arg in enumerate(analysis.arguments, 1):
        lines.append(f"  {i}. [{arg.kind}, {arg.score:.2f}]")
        lines.append(wrap.fill(as_sentence(arg.text)))
        lines.extend(wrap.fill(f"because: {reason}") for reason in arg.reasons)
    lines += ["", "Discussion prompts:"]
    lines += [f"  - {p.text}" for p in analysis.prompts]
    if analysis.note:
        lines.append(wrap.fill(f"Note: {analysis.note}"))
    lines += ["", "Polls:"]
    for poll in analysis.polls:
        lines.append(f"  ? {poll.question}")
        if poll.message:
            lines.append(textwrap.indent(poll.message, "      "))
        lines += [f"      [{j}] {answer}" for j, answer in enumerate(poll.answers, 1)]
    return "\n".join(lines) + "\n"
