"""The `newsrag` command line."""

from __future__ import annotations

import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.markup import escape

from rag.errors import ConfigError, RagError
from rag.settings import load_settings

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True, help="Answer questions about news articles, with citations.")
out = Console()
err = Console(stderr=True)


def _fail(exc: RagError) -> None:
    # One line, however narrow the terminal: messages are meant to be read (and grepped) whole.
    err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2 if exc.code in ("bad_input", "too_large", "unsupported_type", "not_found", "config_error",
                                            "embedding_mismatch") else 1)


def _library():
    from rag.library import Library

    return Library.from_settings(load_settings())


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


@app.command()
def ingest(
    sources: Annotated[list[str] | None, typer.Argument(
        help="A folder of .txt/.md/.html articles (default: RAG_SEEDS_DIR), or web page URLs to fetch.")] = None,
    feed: Annotated[list[str] | None, typer.Option(help="An RSS/Atom feed URL: each entry's page is fetched (repeatable).")] = None,
    prune: Annotated[bool, typer.Option(help="Delete stored articles that are not in the folder.")] = False,
    reembed: Annotated[bool, typer.Option(help="Drop the store and embed everything again with the configured model.")] = False,
) -> None:
    """Ingest a folder of articles, web pages or feeds (idempotent). URLs on private addresses are fetched:
    this command is its operator's own (the HTTP endpoint refuses them unless RAG_ALLOW_PRIVATE_URLS=true)."""
    sources = sources or []
    urls = [s for s in sources if s.startswith(("http://", "https://"))]
    folders = [Path(s) for s in sources if s not in urls]
    if len(folders) > 1 or (folders and (urls or feed)) or ((prune or reembed) and (urls or feed)):
        err.print("[bold red]error:[/] give one folder, or URLs and --feed; --prune and --reembed apply to a folder")
        raise typer.Exit(2)
    failed = 0
    try:
        library = _library()
        for url in urls:
            stored, status = library.add_url(url, private_ok=True)
            out.print(f"{status} {stored.id} · {escape(stored.title)} ({escape(stored.site or 'no site')}, {stored.date or 'undated'})",
                      highlight=False)
        for feed_url in feed or []:
            report, problems = library.add_feed(feed_url, private_ok=True)
            for link, why in problems.items():
                err.print(f"[yellow]skipped[/] {escape(link)}: {escape(why)}", highlight=False)
            failed += len(problems)
            out.print(f"{feed_url}: added {len(report.added)} · updated {len(report.updated)} · "
                      f"unchanged {len(report.unchanged)} · skipped {len(problems)}", highlight=False)
        if urls or feed:
            if failed:
                raise typer.Exit(1)
            return
        folder = folders[0] if folders else library.settings.seeds_dir
        with Progress(
            TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
        ) as bar:
            task = bar.add_task("ingest", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            report = library.ingest_folder(folder, prune=prune, reembed=reembed, progress=progress)
    except RagError as exc:
        _fail(exc)
    out.print(
        f"added {len(report.added)} · updated {len(report.updated)} · unchanged {len(report.unchanged)} · "
        f"removed {len(report.removed)} · {report.chunks} chunks in store · {report.seconds:.2f} s"
    )


@app.command()
def search(
    question: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("-k", "--top-k", help="How many passages.")] = 5,
) -> None:
    """Show the passages hybrid retrieval ranks best for a question."""
    try:
        library = _library()
        t0 = time.perf_counter()
        result = library.search(question, k)
        ms = (time.perf_counter() - t0) * 1000
    except RagError as exc:
        _fail(exc)
    out.print(f"[dim]{len(result.passages)} passages in {ms:.0f} ms[/]")
    for i, p in enumerate(result.passages, start=1):
        ranks = f"chunk-dense #{p.dense_rank or '–'}, sentence-dense #{p.sentence_rank or '–'}, bm25 #{p.bm25_rank or '–'}"
        out.print(
            f"\n[bold][{i}] {escape(p.title)}[/]\n[dim]{p.article_id} · {p.date or 'undated'} · "
            f"chars {p.start}–{p.end} · rrf {p.score:.4f} ({ranks})[/]",
            highlight=False,
        )
        out.print(escape(p.text), highlight=False)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question about the articles.")],
    stream: Annotated[bool, typer.Option("--stream", help="Print the draft as it is generated.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole answer object as JSON.")] = False,
    k: Annotated[int | None, typer.Option("-k", "--top-k", help="Passages to retrieve.")] = None,
) -> None:
    """Answer a question from the articles, citing the quoted sentences."""
    from rag.answer import Answerer
    from rag.result import Answer

    try:
        answerer = Answerer.from_settings(load_settings())
        answerer.library.seed_if_empty()
        if stream and not as_json:
            result = None
            for item in answerer.stream(question, top_k=k):
                if isinstance(item, Answer):
                    result = item
                else:
                    err.print(item, end="", highlight=False, markup=False)
            err.print()
            if result.revised:
                err.print("[dim](verified answer below differs from the draft)[/]")
        else:
            result = answerer.answer(question, top_k=k)
    except RagError as exc:
        _fail(exc)
    if as_json:
        import dataclasses
        import json

        out.print_json(json.dumps(dataclasses.asdict(result), ensure_ascii=False))
        return
    style = "" if result.grounded else "yellow"
    out.print(escape(result.answer), style=style, highlight=False)
    if result.fallback:
        out.print("[dim](the model's draft did not check out against the quotes; showing them verbatim)[/]")
    for c in result.citations:
        out.print(f"\n[bold][{c.number}][/] {escape(c.title)} · {c.date or 'undated'} · {c.source} · chars {c.start}–{c.end}", highlight=False)
        out.print(f"    “{escape(c.quote)}”", highlight=False)
    if not result.grounded and result.passages:
        out.print("\n[dim]Related passages:[/]")
        for p in result.passages[:3]:
            out.print(f"  · {escape(p.title)} ({p.article_id}, chars {p.start}–{p.end})", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (each loads its own models).")] = 1,
) -> None:
    """Run the HTTP API and the chat page (ingests seeds/ first when the store is empty)."""
    import uvicorn

    try:
        settings = load_settings()
        if settings.api_key is None and not settings.allow_open_writes and not _loopback_only(host):
            raise ConfigError(
                f"refusing to serve on {host} without RAG_API_KEY: anyone who can reach it could upload and delete "
                "articles; set RAG_API_KEY, or RAG_ALLOW_OPEN_WRITES=true to run it open on purpose"
            )
        if workers > 1 and settings.chroma_url is None:
            # Embedded Chroma is one process's store; several processes writing it can corrupt its index.
            raise ConfigError(
                f"--workers {workers} needs a Chroma server: start `chroma run` and set RAG_CHROMA_URL "
                "(the embedded store serves one process)"
            )
        if workers > 1:
            # Seed once here, so workers starting together do not all ingest the same articles.
            from rag.library import Library

            Library.from_settings(settings).seed_if_empty()
    except RagError as exc:
        _fail(exc)
    err.print(f"newsrag on http://{host}:{port} (page at /, API docs at /docs)")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="warning")


def _loopback_only(host: str) -> bool:
    """True when every address the host name stands for is a loopback address (only this machine can connect)."""
    import ipaddress
    import socket

    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)


@app.command("eval")
def eval_(
    suite: Annotated[str, typer.Option(help="seeds, paraphrase, rgb, chat or all (comma-separated to pick several).")] = "all",
    questions: Annotated[Path, typer.Option(help="Seed question set (JSONL).")] = Path("eval/questions.jsonl"),
    chat: Annotated[Path, typer.Option(help="Chat conversations (JSONL).")] = Path("eval/chat.jsonl"),
    paraphrases: Annotated[Path, typer.Option(help="Paraphrased seed questions (JSONL).")] = Path("eval/paraphrase.jsonl"),
    rgb_file: Annotated[Path, typer.Option(help="RGB's en_fact file (read in place, never copied).")] = Path("../shared/rgb/en_fact_dev.jsonl"),
    url: Annotated[str | None, typer.Option(help="Evaluate a running server instead of in-process (seeds and chat).")] = None,
    compare: Annotated[str | None, typer.Option(help="Also run a baseline: 'naive' (default LlamaIndex engines).")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the per-suite JSON, markdown and PNG.")] = Path("eval/results"),
    gate: Annotated[Path | None, typer.Option(help="Fail (exit 1) when gated metrics regress against this baseline.")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N items of each suite (smoke runs).")] = None,
) -> None:
    """Score answers on the seed questions, the RGB noisy corpus and chat follow-ups."""
    import json as jsonlib

    from rag.evaluation import report
    from rag.evaluation.calibrate import operating_point
    from rag.evaluation.runner import SUITES, Evaluation, load_suites
    from rag.evaluation.score import gate as gate_check

    if compare not in (None, "naive"):
        err.print("[bold red]error:[/] --compare takes 'naive'")
        raise typer.Exit(2)
    names = list(SUITES) if suite == "all" else [n.strip() for n in suite.split(",") if n.strip()]
    try:
        settings = load_settings()
        suites, skipped = load_suites(names, settings.seeds_dir, questions, chat, rgb_file, limit, paraphrases)
        if url and any(s.rgb for s in suites):
            suites = [s for s in suites if not s.rgb]
            skipped["rgb"] = "it ingests its corpus into a temporary store, so it runs in-process only"
        for name, reason in skipped.items():
            err.print(f"[yellow]suite {name} skipped:[/] {escape(reason)}", highlight=False)
        judge = None
        if settings.judge_base_url and settings.judge_model:
            from rag.backends.openai_api import OpenAILLM, make_client

            judge = OpenAILLM(make_client(settings.model_copy(update={"openai_base_url": settings.judge_base_url})),
                              settings.judge_model, 8, 0.0)
        evaluation = Evaluation(settings, compare, url, judge)
        n_systems = 2 if compare else 1
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
            task = bar.add_task("answering", total=sum(len(s.items) for s in suites) * n_systems)
            results = evaluation.run(suites, lambda system, n: bar.advance(task, n))
    except RagError as exc:
        _fail(exc)
    report.show(results, out)
    meta = {"suites": list(results), "skipped": skipped, "limit": limit, "url": url, "model": evaluation.llm.name,
            "operating_point": operating_point(results, settings.abstain_threshold), "fusion": evaluation.fusion}
    if meta["operating_point"]:
        point = meta["operating_point"]
        out.print(f"abstention threshold: configured {point['configured']:.2f}, best on the calibration half "
                  f"{point['chosen']:.2f} (report half worth {point['report']['configured']['utility']} at the "
                  f"configured, {point['report']['chosen']['utility']} at the chosen)")
    if meta["fusion"]:
        rows = meta["fusion"]["rows"]
        out.print(f"fusion weights (chunk-dense, sentence-dense, BM25): configured {rows['configured']['weights']}, "
                  f"best on the calibration half {rows['chosen']['weights']} (report half worth "
                  f"{rows['configured']['report']:.3f} at the configured, {rows['chosen']['report']:.3f} at the chosen)")
    paths = report.write(results, out_dir, meta, {s.name: s.quotable for s in suites})
    out.print(f"wrote {', '.join(str(p) for p in paths[:2])} and per-suite reports in {out_dir}")
    if gate:
        baseline = jsonlib.loads(gate.read_text())
        failures = []
        for name in names:
            accepted = baseline.get("suites", {}).get(name)
            if accepted is None:
                continue
            if name not in results:
                failures.append(f"{name}: not run ({skipped.get(name, 'not selected')})")
                continue
            ours = next(iter(results[name].values()))["aggregate"]
            failures += [f"{name}: {f}" for f in gate_check(ours, accepted)]
        if failures:
            for f in failures:
                err.print(f"[bold red]eval gate:[/] {escape(f)}", highlight=False)
            raise typer.Exit(1)
        out.print(f"eval gate passed against {gate} for {', '.join(n for n in names if n in results)}")


@app.command("search-bench", hidden=True)
def search_bench(n: int = 20) -> None:
    """Time n searches (p50/p95 ms) over a fixed list of questions."""
    questions = [
        "Where did the second round of talks take place?", "Who led the American delegation?",
        "What did Lavrov and Rubio discuss by phone?", "How much of Russia's budget is spent on defence?",
        "Why was Ukraine not at the table?", "What did Europe say about being excluded?",
    ]
    library = _library()
    library.search("warm up", 3)
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        library.search(questions[i % len(questions)], 5)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    out.print(f"search over {n} queries: p50 {statistics.median(times):.1f} ms · p95 {times[int(0.95 * (n - 1))]:.1f} ms")


if __name__ == "__main__":
    app()
