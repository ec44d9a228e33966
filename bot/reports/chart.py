"""A PNG chart of weekly active members by kind of activity.

matplotlib is imported here only, when a chart is drawn, and with the Agg backend: the bot runs headless
and most commands never draw, so neither start-up nor memory pays for it.
"""

from __future__ import annotations

import io

from bot.reports.summary import Summary


def weekly_chart_png(summary: Summary, *, title: str = "Weekly active members") -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure without pyplot keeps no global state between charts

    labels = [week.week.label for week in summary.weeks]
    x = range(len(labels))
    figure = Figure(figsize=(8, 4.5), dpi=100)
    axes = figure.subplots()
    series = (
        ("active (any)", [w.active for w in summary.weeks], "-o"),
        ("wrote in the thread", [w.wrote for w in summary.weeks], "-s"),
        ("answered a prompt", [w.answered for w in summary.weeks], "-^"),
        ("voted in a poll", [w.voted for w in summary.weeks], "-d"),
    )
    for label, values, style in series:
        axes.plot(x, values, style, label=label)
    if summary.role_size is not None:
        axes.axhline(summary.role_size, linestyle="--", color="grey", label=f"member role ({summary.role_size})")
    axes.set_xticks(list(x), labels, rotation=45, ha="right")
    axes.set_ylabel("members")
    axes.set_ylim(bottom=0)
    axes.set_title(title)
    axes.legend(loc="best", fontsize="small")  # where it hides the fewest points
    axes.grid(alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
