"""Eval output: a rich table, results JSON, a markdown report and a PNG plot."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rag.evaluation.score import HEADLINE

ROWS = [
    "hit@1", "hit@5", "mrr@10", "passage_hit@1", "passage_hit@5", "passage_mrr@10", "multi_gold_article_recall@5",
    "fact_recall", "token_f1", "citation_validity", "cited_article_precision", "cited_article_recall",
    "cited_sentence_share", "refusal_precision", "refusal_recall", "over_refusal", "errors",
]


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def table(results: dict) -> Table:
    systems = list(results)
    t = Table(title="newsrag eval")
    t.add_column("metric")
    for s in systems:
        t.add_column(s, justify="right")
    for row in ROWS:
        name = f"[bold]{row}[/]" if row in HEADLINE else row
        t.add_row(name, *[_fmt(results[s]["aggregate"].get(row)) for s in systems])
    for s in systems[:1]:
        for stage, v in results[s]["aggregate"]["latency_ms"].items():
            t.add_row(f"{stage} p50/p95", *[
                "/".join(_fmt(results[x]["aggregate"]["latency_ms"].get(stage, {}).get(q)) for q in ("p50", "p95"))
                for x in systems
            ])
    return t


def markdown(results: dict, plot_name: str) -> str:
    systems = list(results)
    lines = [f"# newsrag eval · {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "",
             "| metric | " + " | ".join(systems) + " |", "| --- |" + " --- |" * len(systems)]
    for row in ROWS:
        lines.append(f"| {row} | " + " | ".join(_fmt(results[s]["aggregate"].get(row)) for s in systems) + " |")
    stages = sorted({st for s in systems for st in results[s]["aggregate"]["latency_ms"]})
    for st in stages:
        cells = ["/".join(_fmt(results[s]["aggregate"]["latency_ms"].get(st, {}).get(q)) for q in ("p50", "p95")) for s in systems]
        lines.append(f"| {st} p50/p95 | " + " | ".join(cells) + " |")
    for s in systems:
        lines += ["", f"## {s}: by question type", "",
                  "| type | items | hit@5 | fact_recall | token_f1 | cited_article_precision | refused |", "| --- |" + " --- |" * 6]
        for typ, agg in results[s]["by_type"].items():
            refused = sum(r["refused"] for r in results[s]["items"] if r["type"] == typ)
            lines.append(f"| {typ} | {agg['items']} | {_fmt(agg['hit@5'])} | {_fmt(agg['fact_recall'])} | "
                         f"{_fmt(agg['token_f1'])} | {_fmt(agg['cited_article_precision'])} | {refused} |")
        misses = [r for r in results[s]["items"] if r["answerable"] and not r.get("fact_recall")]
        if misses:
            lines += ["", "Answerable items without the expected facts:", ""]
            lines += [f"- `{r['id']}` {r['question']} → {r['answer'][:160]!r}" for r in misses]
    lines += ["", f"![metrics per question type and latency]({plot_name})", ""]
    return "\n".join(lines)


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = list(results)
    types = sorted({t for s in systems for t in results[s]["by_type"]})
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    width = 0.8 / len(systems)
    for i, s in enumerate(systems):
        values = []
        for t in types:
            agg = results[s]["by_type"].get(t, {})
            values.append(agg.get("refusal_recall") if t == "unanswerable" else agg.get("fact_recall"))
        ax1.bar([x + i * width for x in range(len(types))], [v or 0 for v in values], width, label=s)
    ax1.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(types))], types, rotation=20)
    ax1.set_ylim(0, 1)
    ax1.set_title("fact recall per type (unanswerable: refusal recall)")
    ax1.legend()
    stages = [st for st in results[systems[0]]["aggregate"]["latency_ms"]]
    for i, s in enumerate(systems):
        lat = results[s]["aggregate"]["latency_ms"]
        ax2.bar([x + i * width for x in range(len(stages))], [(lat.get(st) or {}).get("p50") or 0 for st in stages], width, label=f"{s} p50")
    ax2.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(stages))], stages, rotation=30, ha="right")
    ax2.set_ylabel("ms")
    ax2.set_title("latency per stage (p50)")
    ax2.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write(results: dict, out_dir: Path, meta: dict) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "latest.json", "markdown": out_dir / "latest.md", "plot": out_dir / "latest.png"}
    paths["json"].write_text(json.dumps({"meta": meta, "systems": results}, indent=2, ensure_ascii=False))
    plot(results, paths["plot"])
    paths["markdown"].write_text(markdown(results, paths["plot"].name))
    return paths


def show(results: dict, console: Console) -> None:
    console.print(table(results))
