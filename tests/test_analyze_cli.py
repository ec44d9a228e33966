"""`reading-circle analyze` as a user runs it: each supported input, JSON lines, bad inputs."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from aiohttp import web

from tests.ingest.builders import make_epub, make_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "libraries.md"
KEYS = {"source", "title", "words", "reading_minutes", "thesis", "arguments", "prompts", "polls", "note", "writer"}


def sample_paragraphs() -> list[str]:
    """The sample essay's body paragraphs, without the Markdown heading and the note under it."""
    blocks = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    return [" ".join(b.split()) for b in blocks if not b.startswith(("#", "*"))]


async def analyze(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "analyze",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **(env or {})},
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode(), err.decode()


def check_result(line: str, source: str) -> dict:
    """One JSON object with every documented key, verbatim spans and enough prompts and polls."""
    result = json.loads(line)
    assert set(result) == KEYS
    assert result["source"] == source
    assert result["words"] > 300 and result["reading_minutes"] >= 1
    assert result["thesis"]["text"]
    assert len(result["arguments"]) >= 3
    assert len(result["prompts"]) >= 3 and all(p["text"].endswith("?") for p in result["prompts"])
    assert len(result["polls"]) >= 2
    for poll in result["polls"]:
        assert len(poll["question"]) <= 300 and 2 <= len(poll["answers"]) <= 10
        assert all(len(a) <= 55 for a in poll["answers"])
    return result


def write_inputs(tmp_path: Path) -> dict[str, Path]:
    paragraphs = sample_paragraphs()
    title = "Why Every Town Should Keep Its Public Library"
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    files = {
        "md": SAMPLE,
        "txt": tmp_path / "essay.txt",
        "html": tmp_path / "essay.html",
        "pdf": tmp_path / "essay.pdf",
        "epub": tmp_path / "essay.epub",
    }
    files["txt"].write_text(title + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    files["html"].write_text(
        f"<html><head><title>{title}</title></head><body><nav>Home · About</nav>"
        f"<article><h1>{title}</h1>{html}</article><footer>© 2026</footer></body></html>",
        encoding="utf-8",
    )
    files["pdf"].write_bytes(make_pdf([[p] for p in paragraphs], title=title))
    files["epub"].write_bytes(make_epub([("ch1.xhtml", f"<h1>{title}</h1>{html}")], title=title))
    return files


async def test_every_file_format_gives_one_json_line_each(tmp_path: Path) -> None:
    """Markdown, text, HTML, PDF and EPUB files each give one complete JSON line, in order."""
    files = write_inputs(tmp_path)
    code, out, err = await analyze("--json", *map(str, files.values()))
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == len(files)
    results = [check_result(line, str(path)) for line, path in zip(lines, files.values(), strict=True)]
    assert results[0]["title"] == "Why Every Town Should Keep Its Public Library"
    for result in results:
        # the same essay, whatever the container: the thesis is found in each
        assert result["thesis"]["text"] in " ".join(sample_paragraphs())


async def test_url_served_locally(tmp_path: Path) -> None:
    """A link to an HTML page on 127.0.0.1 is fetched and analysed when private addresses are allowed."""
    page = write_inputs(tmp_path)["html"].read_bytes()
    app = web.Application()

    async def essay(_request: web.Request) -> web.Response:
        return web.Response(body=page, content_type="text/html")

    app.router.add_get("/essay", essay)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{port}/essay"
    try:
        code, out, err = await analyze("--json", url, env={"ALLOW_PRIVATE_URLS": "true"})
        assert code == 0, err
        check_result(out.strip(), url)
        refused_code, _, refused = await analyze(url)
        assert refused_code != 0 and "private network address" in refused
    finally:
        await runner.cleanup()


async def test_bad_input_is_reported_and_others_still_run(tmp_path: Path) -> None:
    """A missing file and an image fail on stderr; the good input still prints; exit code is non-zero."""
    image = tmp_path / "cover.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    code, out, err = await analyze("--json", str(tmp_path / "missing.txt"), str(image), str(SAMPLE))
    assert code == 1
    check_result(out.strip(), str(SAMPLE))
    assert "missing.txt" in err and "image" in err and "Traceback" not in err


async def test_preview_is_readable_text() -> None:
    """Without --json the preview names the thesis, arguments, prompts and polls."""
    code, out, err = await analyze(str(SAMPLE))
    assert code == 0, err
    for heading in ("Thesis:", "Key arguments:", "Discussion prompts:", "Polls:"):
        assert heading in out
