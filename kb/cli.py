"""kb's command line: a thin click layer over the library.

Each command parses options, calls one library function and prints a summary. ``KbError``s are
turned into one clean message here, and only here; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import time

import click

from .errors import KbError
from .settings import get_settings


class KbGroup(click.Group):
    """A click group that turns KbError into ``Error: <how to fix>`` and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KbError as exc:
            click.secho(f"Error: {exc}", err=True, fg="red")
            ctx.exit(exc.exit_code)


def _db_option(f):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), default=lambda: get_settings().db_path,
        show_default="kb.db", help="The kb SQLite database.",
    )(f)


def _echo_problems(label: str, lines: list[str], limit: int, hint: str) -> None:
    """One stderr line per problem, at most ``limit``, then how many more there were."""
    for line in lines[:limit]:
        click.echo(f"{label}: {line}", err=True)
    if len(lines) > limit:
        click.echo(f"... and {len(lines) - limit} more ({hint})", err=True)


def _open(db_path: str, create: bool = False):
    from .store import open_db

    return open_db(db_path, create=create)


@click.group(cls=KbGroup)
@click.version_option(package_name="kb")
@click.option("-v", "--verbose", is_flag=True, help="Show debug logging.")
def cli(verbose: bool) -> None:
    """kb: build a knowledge base of people, organisations and the roles they hold, with
    dates and evidence, from news articles; browse it in Datasette, export it to Gephi."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )


# ---------------------------------------------------------------------------------- build


class _ProgressLines:
    """Build progress when stderr is not a terminal (a log file, CI, nohup): one line every
    ``every`` seconds, so a long build shows it is alive without a bar's control codes."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.done = 0
        self.started = self.last = time.monotonic()

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            click.echo(f"building: {self.done} documents read ({rate:.1f}/s)", err=True)

    def close(self) -> None:
        pass


def _progress(quiet: bool):
    """A tqdm bar on a terminal, progress lines otherwise, nothing with --quiet."""
    if not quiet and not sys.stderr.isatty():
        return _ProgressLines(get_settings().progress_seconds)
    from tqdm import tqdm

    return tqdm(unit=" docs", desc="building", disable=quiet, file=sys.stderr)


def _check_inputs(inputs: tuple[str, ...]) -> None:
    """Refuse, before the database is created, inputs that hold nothing to build: missing
    paths (all named at once) and folders without a single document."""
    from .errors import InputError
    from .ingest import SUPPORTED, collect_inputs

    plan = collect_inputs(inputs)
    if not plan.files:
        skipped = f" ({len(plan.skipped)} files of other kinds skipped, e.g. {plan.skipped[0]})" if plan.skipped else ""
        raise InputError(f"no documents in {', '.join(inputs)}{skipped}: kb reads {SUPPORTED} files; "
                         "point it at a folder that holds some")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(readable=False))
@_db_option
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents that do not carry one.")
@click.option("--lang", type=click.Choice(["en", "de", "auto"]), default="auto", show_default=True,
              help="Language of the documents; auto detects it per sentence.")
@click.option("--model", help="spaCy pipeline name or path for English (default: en_core_web_sm if installed).")
@click.option("--online", is_flag=True, help="Ask the Wikidata API for mentions the offline reference misses.")
@click.option("--workers", type=int, default=1, show_default=True, help="Parallel extraction processes.")
@click.option("--dask", "dask_address", metavar="SCHEDULER_ADDRESS",
              help="Run ingest+extract+link on this Dask cluster (tcp://HOST:8786, or 'local') and merge into --db.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(inputs, db_path, published, lang, model, online, workers, dask_address, quiet) -> None:
    """Build or update kb.db from .txt, .html and .jsonl files and directories.

    Example: kb build ../shared/samples/articles --db kb.db --published 2025-03-14
    """
    from .build import build as run_build
    from .ingest import normalise_date

    if published:
        published = normalise_date(published)
    _check_inputs(inputs)
    bar = _progress(quiet)
    kwargs = dict(published=published, lang=None if lang == "auto" else lang, model=model,
                  online=online, progress=bar.update)
    if workers != 1:
        kwargs["workers"] = workers
    if dask_address:
        from .distributed import build_distributed

        report = build_distributed(list(inputs), db_path, scheduler=dask_address, published=published,
                                   lang=kwargs["lang"], model=model, online=online, progress=bar.update)
    else:
        report = run_build(list(inputs), db_path, **kwargs)
    bar.close()
    _echo_problems("failed", [f"{f.source}: {f.reason}" for f in report.failures], 50, "see the failures table")
    click.echo(
        f"documents: {report.read} read, {report.built} built, {report.skipped} skipped, {report.failed} failed | "
        f"persons: {report.persons}, organisations: {report.organizations}, tenures: {report.tenures} | db: {db_path}"
    )


# ---------------------------------------------------------------------------------- export


@cli.group()
def export() -> None:
    """Export kb.db: facts (JSON Lines), graphs for Gephi, QuickStatements."""


@export.command("facts")
@_db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-", show_default=True,
              help="Output file (- for standard output).")
def export_facts(db_path, output) -> None:
    """One JSON object per document in the gold format (GOLD-FORMAT.md).

    Example: kb export facts --db kb.db -o facts.jsonl
    """
    from .export import facts_to_file

    n = facts_to_file(_open(db_path), None if output == "-" else output)
    if output != "-":
        click.echo(f"wrote {n} documents to {output}")


def _graph_filters(f):
    """The filters shared by every graph export (they map to kb.graph.build_graph)."""
    options = [
        click.option("--as-of", help="Close open tenures at this date on the timeline (default: newest article date)."),
        click.option("--since", help="Only tenures that end on or after this date."),
        click.option("--until", help="Only tenures that start on or before this date."),
        click.option("--org", help="Only posts of this organisation (QID or name)."),
        click.option("--ego", help="Only the neighbourhood of this person or organisation (QID or name)."),
        click.option("--depth", type=int, default=1, show_default=True, help="Neighbourhood depth for --ego."),
        click.option("--comentions", is_flag=True, help="Add co-mention edges (weighted by shared documents)."),
        click.option("--min-weight", type=int, default=1, show_default=True, help="Drop edges supported by fewer documents."),
        click.option("--keep-isolated/--drop-isolated", "keep_isolated", default=None,
                     help="Keep or drop nodes without edges (default: drop them, unless --ego or --org is given)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _build_graph(db_path: str, **filters):
    from .graph import build_graph

    return build_graph(_open(db_path), **filters)


def _write_graph(db_path: str, output: str, writer, filters: dict) -> None:
    """Build the filtered graph, write it with ``writer`` and say how big it is."""
    graph = _build_graph(db_path, **filters)
    writer(graph, output)
    click.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}")


@export.command("gexf")
@_db_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="GEXF file to write.")
@_graph_filters
def export_gexf(db_path, output, **filters) -> None:
    """GEXF 1.2 with a timeline of tenures, for Gephi.

    Example: kb export gexf -o kb.gexf --org NATO --comentions
    """
    from .export.gexf import write_gexf

    _write_graph(db_path, output, write_gexf, filters)


@export.command("graphml")
@_db_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="GraphML file to write.")
@_graph_filters
def export_graphml(db_path, output, **filters) -> None:
    """GraphML (static attributes), for Gephi, yEd, Cytoscape and networkx.

    Example: kb export graphml -o kb.graphml --since 2020-01-01
    """
    from .export.graphml import write_graphml

    _write_graph(db_path, output, write_graphml, filters)


@export.command("csv")
@_db_option
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Directory for nodes.csv and edges.csv.")
@_graph_filters
def export_csv(db_path, output, **filters) -> None:
    """nodes.csv and edges.csv in Gephi's spreadsheet-import conventions.

    Example: kb export csv -o graph/ --ego Q57792 --depth 2
    """
    from .export.csv import write_csv

    graph = _build_graph(db_path, **filters)
    nodes, edges = write_csv(graph, output)
    click.echo(f"wrote {nodes} and {edges}")


@export.command("quickstatements")
@_db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-", show_default=True,
              help="Output file (- for standard output).")
@click.option("--needs-position", type=click.Path(dir_okay=False),
              help="Also write a CSV of the new tenures whose post has no Wikidata item (position item needed).")
def export_quickstatements(db_path, output, needs_position) -> None:
    """What the news says that the reference lacks: P39 statements (QuickStatements V1) for
    Wikidata editors to review, with the evidence as the reference.

    Example: kb export quickstatements --db kb.db -o new-facts.qs --needs-position needs-item.csv
    """
    from .export import quickstatements_to_file

    n, m = quickstatements_to_file(_open(db_path), None if output == "-" else output, needs_position)
    if output != "-":
        click.echo(f"wrote {n} statements to {output}")
    if needs_position:
        click.echo(f"wrote {m} tenures needing a position item to {needs_position}", err=output == "-")


# ---------------------------------------------------------------------------------- evaluate


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@_db_option
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), help="Score this facts file instead of --db.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--verbose", is_flag=True, help="List misses and spurious items.")
@click.option("--gold-reference", type=click.Path(exists=True, dir_okay=False),
              help="The reference dump the gold's QIDs were looked up in: adds a strict-links row that "
                   "judges only links to its QIDs (or to entities whose gold QID is set).")
def evaluate(gold, db_path, pred, as_json, verbose, gold_reference) -> None:
    """Score kb's facts against a gold file (GOLD-FORMAT.md): P/R/F1 and accuracies.

    Example: kb evaluate ../shared/samples/gold.jsonl --db kb.db --verbose
    """
    from .evaluate import evaluate as run, format_report, read_jsonl, reference_qids
    from .export import iter_facts

    predictions = read_jsonl(pred) if pred else list(iter_facts(_open(db_path)))
    judged = reference_qids(gold_reference) if gold_reference else None
    report = run(read_jsonl(gold), predictions, judged)
    if as_json:
        click.echo(json.dumps(report.as_dict() if verbose else {k: v for k, v in report.as_dict().items() if k not in ("misses", "spurious")}, indent=2))
    else:
        click.echo(format_report(report, verbose=verbose))


# ---------------------------------------------------------------------------------- reference


@cli.group()
def reference() -> None:
    """Reference data (Wikidata dump lines) that the linker uses."""


@reference.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_db_option
def reference_import(paths, db_path) -> None:
    """Import Wikidata JSON dump data (.jsonl/.json, plain, .gz or .bz2) into kb.db.

    Example: kb reference import ../shared/reference/wikidata-subset.jsonl.gz --db kb.db
    """
    from .link.reference import import_reference

    report = import_reference(_open(db_path, create=True), list(paths))
    _echo_problems("skipped", list(report.failures), 20, "malformed lines are counted, never fatal")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"entities: {report.entities} imported, {report.skipped} malformed lines skipped "
        f"in {report.seconds:.1f} s | db: {db_path}"
    )


# ---------------------------------------------------------------------------------- link


@cli.group()
def link() -> None:
    """Judge links: the documents already built are relinked at once, and the judgement
    holds in every later build."""


def _judgement_command(name: str, verdict: str, doc: str) -> None:
    """Register ``kb link confirm`` / ``kb link reject``: same arguments, another verdict."""

    @link.command(name, help=doc)
    @click.argument("entity")
    @click.argument("qid")
    @_db_option
    @click.option("--type", "entity_type", type=click.Choice(["person", "organization"]), default="person", show_default=True)
    @click.option("--note", help="Why (kept with the judgement).")
    def command(entity, qid, db_path, entity_type, note) -> None:
        from .link.relink import apply_judgement

        result = apply_judgement(_open(db_path), entity_type, entity, qid, verdict, note=note)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(result.summary())


_judgement_command("confirm", "confirmed", """Confirm that ENTITY (a name or an entity id) is QID.

    Example: kb link confirm "Mark Rutte" Q57792
    """)
_judgement_command("reject", "rejected", """Reject QID for ENTITY: the linker will never choose it again for that name.

    Example: kb link reject "John Smith" Q123456
    """)


# ---------------------------------------------------------------------------------- serve


@cli.command()
@_db_option
@click.option("--port", type=int, default=lambda: get_settings().serve_port, show_default="8001")
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(db_path, port, host) -> None:
    """Browse kb.db in Datasette with kb's metadata.yml and link plugin (read-only).

    Example: kb serve --db kb.db --port 8001
    """
    from .serve import exposure_warning, serve as run

    _open(db_path)  # fails clearly when missing; migrates an older kb.db first
    warning = exposure_warning(host)
    if warning:
        click.secho(warning, err=True, fg="yellow")
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)")
    run(db_path, port=port, host=host)


def main() -> None:  # pragma: no cover
    cli()
