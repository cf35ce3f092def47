"""Eval output per suite: a rich table, JSON, a markdown report (metrics, stage table, types) and a PNG."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rag.evaluation import calibrate, fusion, recall
from rag.evaluation.score import HEADLINE, STAGES

ROWS = [
    "accuracy", "hit@1", "hit@5", "mrr@10", "passage_hit@1", "passage_hit@5", "passage_mrr@10",
    "multi_gold_article_recall@5", "fact_recall", "rgb_accuracy", "rgb_rejection_rate", "token_f1",
    "citation_validity", "cited_article_precision", "cited_article_recall", "cited_sentence_share",
    "refusal_precision", "refusal_recall", "over_refusal", "confidently_wrong", "quote_dumps",
    "verified_share", "verified_precision", "answer_words_p50", "answer_words_p90", "unanswerable_with_answer_in_context", "judge_faithfulness",
    "judge_correctness", "errors",
]
# What a lost answer means at each stage, for the report's readers.
STAGE_MEANING = {
    "retrieval": "the passages given to the answer step lack the required facts",
    "evidence": "the passages hold them, the sentences shown to the generator do not",
    "answerability": "declined with the facts in its evidence, or answered an unanswerable question",
    "generation": "shown the facts, answered without them or only by quoting a sentence",
}


def _fmt(v) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def _rows(results: dict) -> list[str]:
    return [r for r in ROWS if any(results[s]["aggregate"].get(r) is not None for s in results)]


def table(suite: str, results: dict) -> Table:
    systems = list(results)
    t = Table(title=f"newsrag eval · {suite} ({results[systems[0]]['aggregate']['items']} items)")
    t.add_column("metric")
    for s in systems:
        t.add_column(s, justify="right")
    for row in _rows(results):
        name = f"[bold]{row}[/]" if row in HEADLINE else row
        t.add_row(name, *[_fmt(results[s]["aggregate"].get(row)) for s in systems])
    for stage in STAGES:
        t.add_row(f"lost at {stage}", *[str(results[s]["aggregate"]["lost_at"][stage]) for s in systems])
    for stage in _latency_stages(results):
        t.add_row(f"{stage} p50/p95", *[_latency(results[s], stage) for s in systems])
    return t


def _latency_stages(results: dict) -> list[str]:
    return sorted({st for s in results for st in results[s]["aggregate"]["latency_ms"]})


def _latency(result: dict, stage: str) -> str:
    lat = result["aggregate"]["latency_ms"].get(stage, {})
    return "/".join(f"{lat[q]:.0f}" if lat.get(q) is not None else "–" for q in ("p50", "p95"))


def markdown(suite: str, results: dict, plot_name: str, quotable: bool) -> str:
    systems = list(results)
    head = "| metric | " + " | ".join(systems) + " |"
    lines = [f"## Suite `{suite}` · {results[systems[0]]['aggregate']['items']} items", "", head,
             "| --- |" + " --- |" * len(systems)]
    for row in _rows(results):
        lines.append(f"| {row} | " + " | ".join(_fmt(results[s]["aggregate"].get(row)) for s in systems) + " |")
    for stage in _latency_stages(results):
        lines.append(f"| {stage} p50/p95 | " + " | ".join(_latency(results[s], stage) for s in systems) + " |")
    lines += ["", "### Where answers were lost (earliest stage that lost each wrong answer)", "",
              "| stage | meaning | " + " | ".join(systems) + " |", "| --- | --- |" + " --- |" * len(systems)]
    for stage in STAGES:
        lines.append(f"| {stage} | {STAGE_MEANING[stage]} | "
                     + " | ".join(str(results[s]["aggregate"]["lost_at"][stage]) for s in systems) + " |")
    lines.append("| right | | " + " | ".join(str(sum(r["correct"] for r in results[s]["items"])) for s in systems) + " |")
    for s in systems:
        lines += ["", f"### {s}: by question type", "",
                  "| type | items | accuracy | hit@5 | fact_recall | confidently_wrong | quote_dumps | words p50 | refused |",
                  "| --- |" + " --- |" * 8]
        for typ, agg in results[s]["by_type"].items():
            refused = sum(r["refused"] for r in results[s]["items"] if r["type"] == typ)
            lines.append(f"| {typ} | {agg['items']} | {_fmt(agg['accuracy'])} | {_fmt(agg['hit@5'])} | "
                         f"{_fmt(agg['fact_recall'])} | {_fmt(agg['confidently_wrong'])} | {_fmt(agg['quote_dumps'])} | "
                         f"{_fmt(agg['answer_words_p50'])} | {refused} |")
        wrong = [r for r in results[s]["items"] if not r["correct"]]
        if wrong:
            lines += ["", "Wrong answers (stage that lost them):", ""]
            if quotable:
                lines += [f"- `{r['id']}` ({r['lost_at']}) {r['question']} → {r['answer'][:160]!r}" for r in wrong]
            else:
                # The benchmark's licence keeps its questions and snippets out of committed reports.
                lines.append(", ".join(f"`{r['id']}` ({r['lost_at']})" for r in wrong))
    first = results[systems[0]] if systems else {}
    if first.get("retrieval"):
        lines += recall.markdown(first["retrieval"])
    for s in systems:
        curve = results[s].get("tradeoff")
        if curve:
            lines += ["", f"### {s}: abstention trade-off (had the evidence-score threshold been t)", "",
                      "| t | " + " | ".join(f"{p['threshold']:.2f}" for p in curve[::2]) + " |",
                      "| --- |" + " --- |" * len(curve[::2]),
                      "| false declines | " + " | ".join(f"{p['false_declines']:.2f}" for p in curve[::2]) + " |",
                      "| rejections | " + " | ".join(f"{p['rejections']:.2f}" for p in curve[::2]) + " |"]
    lines += ["", f"![accuracy per type, stage losses, latency and the abstention trade-off]({plot_name})", ""]
    return "\n".join(lines)


def plot(suite: str, results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = list(results)
    types = sorted({t for s in systems for t in results[s]["by_type"]})
    fig, axes = plt.subplots(1, 4, figsize=(21, 4.5))
    width = 0.8 / len(systems)

    def bars(ax, labels, values_of, title, ylabel=None, ylim=None):
        for i, s in enumerate(systems):
            ax.bar([x + i * width for x in range(len(labels))], [values_of(s, lab) or 0 for lab in labels], width, label=s)
        ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(labels))], labels, rotation=25, ha="right")
        ax.set_title(title)
        if ylim:
            ax.set_ylim(*ylim)
        if ylabel:
            ax.set_ylabel(ylabel)
        ax.legend()

    bars(axes[0], types, lambda s, t: results[s]["by_type"].get(t, {}).get("accuracy"),
         f"{suite}: accuracy per type (unanswerable: declined)", ylim=(0, 1))
    bars(axes[1], list(STAGES), lambda s, st: results[s]["aggregate"]["lost_at"][st], "wrong answers lost at", "items")
    stages = _latency_stages(results)
    bars(axes[2], stages, lambda s, st: (results[s]["aggregate"]["latency_ms"].get(st) or {}).get("p50"),
         "latency per stage (p50)", "ms")
    for s in systems:
        curve = results[s].get("tradeoff")
        if curve:
            axes[3].plot([p["false_declines"] for p in curve], [p["rejections"] for p in curve], marker=".", label=s)
            for p in curve[::5]:
                axes[3].annotate(f"{p['threshold']:.2f}", (p["false_declines"], p["rejections"]), fontsize=7)
    axes[3].set(xlim=(-0.02, 1.02), ylim=(-0.02, 1.02), xlabel="false declines (answerable declined)",
                ylabel="rejections (unanswerable declined)", title="abstention threshold trade-off")
    if any(results[s].get("tradeoff") for s in systems):
        axes[3].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write(results: dict[str, dict], out_dir: Path, meta: dict, quotable: dict[str, bool]) -> list[Path]:
    """Per suite `<suite>.json`, `<suite>.md`, `<suite>.png`; `latest.json` and `latest.md` hold them all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
    sections = [f"# newsrag eval · {stamp}", ""]
    for reason in meta.get("skipped", {}).items():
        sections.append(f"- suite `{reason[0]}` skipped: {reason[1]}")
    paths = []
    for suite, res in results.items():
        png, md, js = out_dir / f"{suite}.png", out_dir / f"{suite}.md", out_dir / f"{suite}.json"
        plot(suite, res, png)
        section = markdown(suite, res, png.name, quotable.get(suite, True))
        md.write_text(f"# newsrag eval · {stamp}\n\n{section}")
        js.write_text(json.dumps({"meta": meta, "suite": suite, "systems": res}, indent=2, ensure_ascii=False))
        sections.append(section)
        paths += [js, md, png]
    if meta.get("operating_point"):
        sections += ["", *calibrate.markdown(meta["operating_point"]), ""]
    if meta.get("fusion"):
        sections += ["", *fusion.markdown(meta["fusion"]), ""]
    (out_dir / "latest.md").write_text("\n".join(sections))
    (out_dir / "latest.json").write_text(json.dumps({"meta": meta, "suites": results}, indent=2, ensure_ascii=False))
    return [out_dir / "latest.json", out_dir / "latest.md", *paths]


def show(results: dict[str, dict], console: Console) -> None:
    for suite, res in results.items():
        console.print(table(suite, res))
