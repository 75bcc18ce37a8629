"""The ``ephkit`` command line: list, show and check the registered derivations (and list and show the
stated formulas, fits registered apart from them).

``ephkit check`` is the main job: it re-derives every derivation (or the
named ones), machine-checks each step, the textbook form and the SI
dimensions, prints a table and exits non-zero if anything fails.
``ephkit worksheets list|export`` hands out the teaching worksheets as .ipynb.
``ephkit materials list|show`` prints the cited constants of real metals, and ``ephkit fit resistivity``
fits ρ₀ + A (T/Θ_R)^n J_n(Θ_R/T) to measured ρ(T) (a CSV file or the shipped data of a metal).
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING

import click
import numpy as np

from derive import registry
from derive.derivation import CheckReport

if TYPE_CHECKING:
    from .mutants import MutationReport

__all__ = ["main"]


def _derivation(name: str):
    try:
        return registry.get(name)
    except registry.UnknownDerivationError as exc:
        raise click.UsageError(str(exc)) from None


def _unknown_name(name: str) -> click.UsageError:
    """The error for a name that is neither a derivation nor a stated formula, with close matches of both."""
    import difflib

    close = difflib.get_close_matches(name, registry.catalog() + registry.formulas(), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `ephkit list`"
    return click.UsageError(f"unknown derivation or stated formula {name!r}{hint}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True,
             no_args_is_help=False)
@click.version_option(package_name="ephkit", prog_name="ephkit")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """ephkit: derive and check electron-phonon closed forms."""
    if ctx.invoked_subcommand is None:  # bare `ephkit`: the help, and success
        click.echo(ctx.get_help())


@cli.command(name="list")
def list_() -> None:
    """Name, topic and one-line result of every derivation (nothing is built: `ephkit show NAME`
    builds one); then, in a section of their own, the stated formulas (fits, not derived) with their
    titles and sources."""
    names, stated = registry.catalog(), registry.formulas()
    width = max(map(len, names + stated))
    for name in names:
        click.echo(f"{name:<{width}}  [{registry.topic(name)}] {registry.summary(name)}")
    if stated:
        click.echo("\nstated formulas (fits with their source and fit range, not derived; "
                   "`ephkit show NAME`):")
        for name in stated:
            f = registry.get_formula(name)
            click.echo(f"{name:<{width}}  [{f.topic}, stated fit] {f.title}; {f.source}")


@cli.command()
@click.argument("name")
@click.option("--steps", is_flag=True, help="Show every step with its justification.")
@click.option("--latex", is_flag=True, help="Print LaTeX instead of plain text (math mode, for \\[ \\]).")
@click.option("--standalone", is_flag=True,
              help="A complete LaTeX document of the whole chain (compiles with pdflatex or lualatex).")
def show(name: str, steps: bool, latex: bool, standalone: bool) -> None:
    """The statement of derivation NAME (and with --steps, the whole chain), or stated formula NAME
    (its expression, source, fit range and the derivations that take it as their model)."""
    import sympy as sp

    if name in registry.formulas():
        _show_formula(registry.get_formula(name), steps, latex, standalone)
        return
    if name not in registry.catalog():
        raise _unknown_name(name)
    d = _derivation(name)
    if standalone:
        click.echo(d.latex(document=True), nl=False)
        return
    if latex:
        click.echo(d.latex() if steps else sp.latex(d.statement))
        return
    click.echo(f"{d.title} ({d.name}), topic {d.topic}")
    click.echo(f"source: {d.source}")
    click.echo(f"regime: {'; '.join(map(sp.sstr, d.regime)) or 'no restriction'}")
    if steps:
        click.echo("assumptions:")
        for a in d.assumptions:
            rel = f"  [{a.relation}]" if a.relation is not None else ""
            click.echo(f"  - {a.text}{rel}")
        click.echo("model:")
        for m in d.model:
            click.echo(f"  - {m.ref}: {m.text}")
            click.echo(f"      {sp.sstr(m.expr)}")
        click.echo("steps:")
        for i, step in enumerate(d.steps, 1):
            built = f"  [from {', '.join(map(str, step.inputs))}]" if step.inputs else ""
            click.echo(f"  ({i}) {step.why}{built}")
            click.echo(f"      {sp.sstr(step.lhs)}")
            click.echo(f"        = {sp.sstr(step.rhs)}")
            if step.order is not None:
                g, x, x0 = step.order
                click.echo(f"          + O({g}) as {x} -> {x0}")
            if step.solves is not None:
                click.echo(f"      solving {sp.sstr(step.solves)}")
    click.echo(f"result:   {sp.sstr(d.statement.lhs)} = {sp.sstr(d.statement.rhs)}")
    click.echo(f"textbook: {sp.sstr(d.textbook.lhs)} = {sp.sstr(d.textbook.rhs)}")


def _show_formula(f: registry.StatedFormula, steps: bool, latex: bool, standalone: bool) -> None:
    """``ephkit show`` of a stated formula: what it is, where printed and fitted, who derives from it."""
    import sympy as sp

    from derive.units import format_dimension

    if standalone:
        raise click.UsageError(f"{f.name} is a stated formula, not a derivation: no document of steps "
                               "(--latex prints its LaTeX)")
    if latex:
        click.echo(sp.latex(f.expression))
        return
    click.echo(f"{f.title} ({f.name}), topic {f.topic}: a stated formula (a fit), not a derivation")
    click.echo(f"formula:   {sp.sstr(f.expression.lhs)} = {sp.sstr(f.expression.rhs)}")
    click.echo(f"source:    {f.source}")
    click.echo("fit range:")
    for a in f.fit_range:
        rel = f"  [{a.relation}]" if a.relation is not None else ""
        click.echo(f"  - {a.text}{rel}")
    if f.notes:
        click.echo(f"notes:     {f.notes}")
    if steps:
        click.echo("symbols:")
        for q in f.symbols:
            click.echo(f"  - {q.symbol} [{format_dimension(q.dimension)}]: {q.meaning}")
        click.echo("steps: none (stated as printed, not derived; the derivations below derive from it)")
    users = registry.formula_users(f.name)
    click.echo(f"model of:  {', '.join(users) if users else 'no derivation'}")


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of reports (in catalogue order).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: all cores].")
@click.option("--mutants", "mutation", is_flag=True,
              help="Mutation testing of the checker: mutate each derivation, every mutant must fail.")
@click.option("--sample", type=click.IntRange(min=1), default=None,
              help="With --mutants: run N randomly chosen mutants per derivation.")
@click.option("--seed", type=int, default=0, show_default=True, help="With --mutants --sample: the seed.")
def check(names: tuple[str, ...], as_json: bool, jobs: int | None, mutation: bool, sample: int | None,
          seed: int) -> None:
    """Re-derive and check every derivation (or NAMES); exit 1 if any check fails.

    Each derivation's steps, textbook form and dimensions are checked and its numeric
    cross-check run, in parallel on all cores; each result is printed as it finishes.

    With --mutants, the checker itself is tested instead: every derivation is mutated (numbers,
    signs, factors, boundaries, asymptotic results, a typed-in statement; one change per mutant)
    and each mutant must fail its check; prints the mutation score per derivation and every
    surviving mutant, and exits 1 if any survives.
    """
    from .verdict import default_jobs, verdicts

    selected = list(dict.fromkeys(names)) or registry.catalog()  # each name once, in the order given
    stated = [name for name in selected if name in registry.formulas()]
    if stated:
        raise click.UsageError(f"{', '.join(stated)}: a stated formula (a fit, not derived) has no steps to "
                               "check; `ephkit show NAME` names the derivations built on it")
    jobs = jobs or default_jobs()
    if mutation:
        _check_mutants(selected, as_json, jobs, sample, seed)
        return
    if sample is not None:
        raise click.UsageError("--sample needs --mutants")
    try:
        results = verdicts(selected, jobs=jobs)  # validates every name before the (slow) work
    except registry.UnknownDerivationError as exc:
        raise click.UsageError(str(exc)) from None
    start = time.perf_counter()
    reports: list[CheckReport] = []
    width = max(map(len, selected))
    with _Progress(len(selected)) as progress:
        if not as_json:
            progress.echo(_header(width))
            progress.echo("-" * len(_header(width)))
        for report in results:
            reports.append(report)
            if not as_json:
                progress.echo(_row(report, width))
            progress.advance(report.name)
    order = {name: i for i, name in enumerate(selected)}
    reports.sort(key=lambda r: order[r.name])
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        _print_summary(reports, time.perf_counter() - start, min(jobs, len(selected)))
    if not all(report.passed for report in reports):
        sys.exit(1)


def _check_mutants(selected: list[str], as_json: bool, jobs: int, sample: int | None, seed: int) -> None:
    """``ephkit check --mutants``: a row per derivation as it finishes, then every survivor."""
    from .mutants import MutationReport, iter_mutation_scores

    try:
        stream = iter_mutation_scores(selected, jobs=jobs, sample=sample, seed=seed)
    except registry.UnknownDerivationError as exc:
        raise click.UsageError(str(exc)) from None
    start = time.perf_counter()
    width = max(map(len, selected))
    header = (f"{'derivation':<{width}}  {'mutants':>7}  {'run':>5}  {'killed':>6}  {'survived':>8}  "
              f"{'equiv.':>6}  {'other':>5}  {'score':>6}  {'time':>7}")
    scores = []
    with _Progress(len(selected)) as progress:
        if not as_json:
            progress.echo(header)
            progress.echo("-" * len(header))
        for score in stream:
            scores.append(score)
            if not as_json:
                other = len(score.results) - score.killed - score.survived - score.equivalent
                value = "-" if score.score is None else f"{100 * score.score:5.1f}%"
                progress.echo(f"{score.name:<{width}}  {score.total:>7}  {len(score.results):>5}  "
                              f"{score.killed:>6}  {score.survived:>8}  {score.equivalent:>6}  {other:>5}  "
                              f"{value:>6}  {score.seconds:6.1f}s")
            progress.advance(score.name)
    order = {name: i for i, name in enumerate(selected)}
    scores.sort(key=lambda s: order[s.name])
    report = MutationReport(scores, time.perf_counter() - start, min(jobs, len(selected)))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_mutation_summary(report)
    if report.survived or any(r.status == "error" for s in scores for r in s.results):
        sys.exit(1)


def _print_mutation_summary(report: MutationReport) -> None:
    """After the rows: equivalent mutants with their proofs, other outcomes, every survivor, the total."""
    results = [r for s in report.scores for r in s.results]
    equivalent = [r for r in results if r.status == "equivalent"]
    if equivalent:
        click.echo(f"\nequivalent mutants ({len(equivalent)}, not scored):")
        for r in equivalent:
            click.echo(f"  {r.derivation} {r.where} [{r.operator}] {r.detail}: {r.reason}")
    other = [r for r in results if r.status in ("unscored", "error")]
    if other:
        click.echo(f"\nnot scored ({len(other)}):")
        for r in other:
            click.echo(f"  {r.status}: {r.derivation} {r.where} [{r.operator}] {r.detail}: "
                       f"{r.reason.splitlines()[0] if r.reason else ''}")
    survivors = report.survivors()
    click.echo(f"\nsurvivors ({len(survivors)}):" if survivors else "\nno survivors")
    for r in survivors:
        click.echo(f"  {r.derivation} {r.where} [{r.operator}] {r.detail}")
        click.echo(f"      before: {r.before}")
        click.echo(f"      after:  {r.after}")
        if r.reason:
            click.echo(f"      ({r.reason})")
    by_operator: dict[str, dict[str, int]] = {}
    for r in results:
        counts = by_operator.setdefault(r.operator, {})
        counts[r.status] = counts.get(r.status, 0) + 1
    click.echo("\nkilled / scored by operator: " + ", ".join(
        f"{op} {c.get('killed', 0)}/{c.get('killed', 0) + c.get('survived', 0)}"
        for op, c in by_operator.items() if op != "?"))
    score = "-" if report.score is None else f"{100 * report.score:.1f}%"
    plural = "es" if report.workers > 1 else ""
    click.echo(f"\nmutation score {score}: {report.killed} killed, {report.survived} survived, "
               f"{len(equivalent)} equivalent, {len(other)} not scored, of {len(results)} mutants run "
               f"({report.seconds:.1f} s, {report.workers} process{plural})")


@cli.command()
@click.argument("name", required=False)
@click.option("--backend", type=click.Choice(["numba", "numpy", "c"]), default="numba",
              show_default=True, help="Language of the printed kernel.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--expr", help="Your own formula, e.g. 'sqrt(x)*log(1 + y)' (needs --args).")
@click.option("--args", "arg_names", help="Comma-separated argument names of --expr, e.g. x,y.")
@click.option("--function-name", default="kernel", show_default=True, help="Name of the --expr function.")
@click.option("--list", "list_only", is_flag=True,
              help="List every kernel: name, topic, derivation and arguments (nothing is built).")
@click.option("--write", is_flag=True, help="Regenerate numeric/_generated from the registry.")
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1 if numeric/_generated differs from what the registry generates now.")
def codegen(name: str | None, backend: str, output: str | None, expr: str | None, arg_names: str | None,
            function_name: str, list_only: bool, write: bool, check_only: bool) -> None:
    """Print the kernel(s) of derivation NAME (or kernel NAME, or --expr); manage numeric/_generated.

    NAME is a derivation (all its kernels) or a kernel name: `ephkit codegen --list` lists them.
    """
    import shlex

    from derive import kernels as cg

    modes = [flag for flag, on in (("--list", list_only), ("--check", check_only), ("--write", write)) if on]
    if len(modes) > 1:
        raise click.UsageError(f"{' and '.join(modes)} cannot be combined")
    if modes:
        if name or expr is not None or arg_names is not None or output:
            raise click.UsageError(f"{modes[0]} takes no NAME, --expr, --args or --output")
    if list_only:
        rows = [(f"{kernel}({', '.join(args)})", topic, derivation)
                for kernel, topic, derivation, args in cg.kernel_table()]
        width = max(len(call) for call, _, _ in rows)
        for call, topic, derivation in rows:
            click.echo(f"{call:<{width}}  [{topic}] derivation {derivation}")
        return
    if check_only or write:
        if check_only:
            stale = cg.check_generated()
            for path in stale:
                click.echo(f"stale: {path} (run `{cg.REGENERATE}`)")
            if stale:
                sys.exit(1)
            click.echo("generated kernels are up to date")
        else:
            written = cg.write_generated()
            for path in written:
                click.echo(f"wrote {path}")
            if not written:
                click.echo("generated kernels are up to date: nothing written")
        return
    if (name is None) == (expr is None):
        raise click.UsageError("give a derivation or kernel NAME (see --list) or --expr (with --args), "
                               "not both")
    if expr is not None:
        if not arg_names:
            raise click.UsageError("--expr needs --args, e.g. --args x,y")
        try:
            ks = [cg.user_kernel(expr, [a.strip() for a in arg_names.split(",")], name=function_name)]
            source = cg.source_for(ks, backend, command=shlex.join(
                ["ephkit", "codegen", "--expr", expr, "--args", arg_names]
                + (["--function-name", function_name] if function_name != "kernel" else [])
                + (["--backend", backend] if backend != "numba" else [])))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        except RecursionError:  # a safety net: the limits of derive.kernels.user should prevent it
            raise click.UsageError("expression too complex for SymPy (RecursionError)") from None
    else:
        if arg_names is not None or function_name != "kernel":
            raise click.UsageError("--args and --function-name go with --expr, not with NAME")
        try:
            ks = cg.kernels_for(name)
        except registry.UnknownDerivationError as exc:
            raise click.UsageError(f"{exc} (or a kernel name: see `ephkit codegen --list`)") from None
        except KeyError as exc:
            raise click.UsageError(str(exc.args[0])) from None
        command = ["ephkit", "codegen", name] + (["--backend", backend] if backend != "numba" else [])
        source = cg.source_for(ks, backend, command=shlex.join(command))
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(source)
        click.echo(f"wrote {output}")
    else:
        click.echo(source, nl=False)


@cli.group()
def worksheets() -> None:
    """Teaching worksheets (MyST notebooks): list them, export them as .ipynb."""


@worksheets.command(name="list")
def worksheets_list() -> None:
    """Name, title and file of every worksheet."""
    from . import worksheets as ws

    try:
        found = ws.worksheets()
    except ws.WorksheetError as exc:
        raise click.UsageError(str(exc)) from None
    if not found:
        raise click.UsageError(f"no worksheets in {ws.worksheet_dir()}")
    width = max(len(w.name) for w in found)
    for w in found:
        click.echo(f"{w.name:<{width}}  {w.title}")
        click.echo(f"{'':<{width}}  file: {w.path}")


@worksheets.command(name="export")
@click.argument("directory", type=click.Path(file_okay=False))
@click.argument("names", nargs=-1)
@click.option("--execute", "run", is_flag=True, help="Run every notebook and save its outputs.")
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True,
              help="Seconds allowed per cell with --execute.")
@click.option("--force", is_flag=True, help="Overwrite existing .ipynb files.")
def worksheets_export(directory: str, names: tuple[str, ...], run: bool, timeout: int, force: bool) -> None:
    """Write the worksheets (or NAMES) as .ipynb notebooks into DIRECTORY; open them with `jupyter lab`."""
    from . import worksheets as ws

    with _Progress(None, unit="cell") as progress:
        def report(name: str, done: int, total: int) -> None:
            if progress.total is None:
                progress.start(total)
            if done == progress.done:  # a worksheet begins
                progress.note(f"executing {name}")
            else:
                progress.advance(name)

        try:
            written = ws.export(directory, names, run=run, timeout=timeout, overwrite=force,
                                progress=report if run else None)
        except ws.WorksheetError as exc:
            raise click.UsageError(str(exc)) from None
    for path in written:
        click.echo(f"wrote {path}{' (executed)' if run else ''}")


@cli.group()
def materials() -> None:
    """Cited constants of real metals and the measured resistivity shipped with ephkit."""


def _material(name: str):
    from numeric import materials as table

    try:
        return table.material(name)
    except ValueError as exc:
        raise click.UsageError(f"{exc} (see `ephkit materials list`)") from None


@materials.command(name="list")
def materials_list() -> None:
    """One line per metal: lattice, a, Z, n, Θ_D(0) and T_c (`ephkit materials show NAME` for sources)."""
    from numeric import materials as table

    for symbol in table.materials():
        m = table.material(symbol)
        tc = m.critical_temperature
        click.echo(f"{symbol:<2}  {m.name:<9}  {m.lattice}  a = {m.lattice_constant.value * 1e10:.3g} Å  "
                   f"Z = {m.valence.value:g}  n = {m.electron_density.value:.3g} m^-3  "
                   f"Θ_D(0) = {m.debye_temperature.value:g} K  "
                   f"T_c = {f'{tc.value:g} K' if tc is not None else '-'}")
    click.echo(f"measured ρ(T) shipped for: {', '.join(table.measured_metals())}")


@materials.command(name="show")
@click.argument("name")
def materials_show(name: str) -> None:
    """Every tabulated value of metal NAME (symbol or name) with its SI unit, the number as printed,
    its source and notes; the lattice-derived n and density beside them; the measured ρ(T) if shipped."""
    from numeric import materials as table

    m = _material(name)
    click.echo(f"{m.name} ({m.symbol}), {m.lattice}, {m.atoms_per_cube} atoms per conventional cube")
    for label, v in m.values():
        unit = "(a pure number)" if v.unit == "1" else v.unit
        click.echo(f"  {label}: {v.value:.10g} {unit}  (printed: {v.printed})")
        click.echo(f"      source: {v.source}")
        if v.note:
            click.echo(f"      note: {v.note}")
    click.echo("from the lattice:")
    click.echo(f"  n = Z N_cell / a^3 = {m.free_electron_density():.4g} 1/m^3 "
               f"(tabulated {m.electron_density.value:.4g})")
    click.echo(f"  mass density = M N_cell / (N_A a^3) = {m.xray_density():.4g} kg/m^3 "
               f"(tabulated {m.mass_density.value:.4g})")
    if m.elastic_c11 is not None:
        click.echo("from the elastic constants and the tabulated mass density (Christoffel equation):")
        for label, direction in (("[100]", (1, 0, 0)), ("[110]", (1, 1, 0)), ("[111]", (1, 1, 1))):
            v = m.sound_velocities(direction)
            click.echo(f"  sound velocities along {label}: {v[0]:.0f}, {v[1]:.0f} (transverse), "
                       f"{v[2]:.0f} (longitudinal) m/s")
        click.echo(f"  elastic Debye temperature = {m.elastic_debye_temperature():.1f} K "
                   f"(calorimetric Θ_D(0) {m.debye_temperature.value:g} K)")
    if m.symbol in table.measured_metals():
        T, rho, source = table.measured_resistivity(m.symbol)
        click.echo(f"measured resistivity: {T.size} points, {T[0]:g}-{T[-1]:g} K, "
                   f"rho({T[-1]:g} K) = {rho[-1]:.4g} ohm m (numeric.materials.measured_resistivity)")
        for line in source.splitlines():
            click.echo(f"  {line}")
    if m.symbol in table.thermal_conductivity_metals():
        T, kappa, source = table.measured_thermal_conductivity(m.symbol)
        values = ", ".join(f"{k:g} W/(m K) at {t:g} K" for t, k in zip(T, kappa, strict=True))
        click.echo(f"measured thermal conductivity: {values} "
                   "(numeric.materials.measured_thermal_conductivity; L/L0: `ephkit materials lorenz`)")
        for line in source.splitlines():
            click.echo(f"  {line}")


@materials.command(name="lorenz")
def materials_lorenz() -> None:
    """Measured Lorenz ratio L/L0 = κρ/(L0 T) of every metal with shipped thermal conductivity and
    resistivity, at their common temperatures (numeric.metals.lorenz_ratio), with the sources."""
    from numeric import materials as table
    from numeric.metals import copper_lorenz_ratio, lorenz_number, lorenz_ratio

    click.echo(f"{'metal':<6}{'T (K)':>7}{'κ (W/m K)':>11}{'ρ (ohm m)':>12}{'L (W ohm/K^2)':>15}{'L/L0':>7}")
    for symbol in table.thermal_conductivity_metals():
        r = lorenz_ratio(symbol)
        for row in zip(r.temperature, r.conductivity, r.resistivity, r.lorenz, r.ratio, strict=True):
            T, kappa, rho, lorenz, ratio = row
            click.echo(f"{symbol:<6}{T:>7g}{kappa:>11g}{rho:>12.4e}{lorenz:>15.4e}{ratio:>7.3f}")
    click.echo(f"L0 = π² k_B²/(3 e²) = {lorenz_number():.6e} W ohm/K^2 (Sommerfeld, elastic scattering)")
    curves = {rrr: copper_lorenz_ratio(rrr) for rrr in table.copper_fit_rrr()}
    click.echo("copper from 10 to 300 K, L/L0 with the NIST κ fit of OFHC copper of residual resistance "
               "ratio RRR and the CRC ρ(T) with that RRR's residual (numeric.metals.copper_lorenz_ratio):")
    click.echo(f"{'T (K)':>7}" + "".join(f"{f'RRR {rrr}':>10}" for rrr in curves))
    first = next(iter(curves.values()))
    for k, T in enumerate(first.temperature):
        click.echo(f"{T:>7g}" + "".join(f"{curve.ratio[k]:>10.3f}" for curve in curves.values()))
    click.echo("L/L0 -> 1 for T >> Θ_D and T -> 0 (elastic scattering); below 1 in between (small-angle "
               "inelastic phonon scattering); κ and ρ are recommended values, not one sample")
    click.echo("sources (full text: `ephkit materials show NAME`): κ of Cu Ho, Powell & Liley, "
               "J. Phys. Chem. Ref. Data 1, 279 (1972); of Ag, Au, Al Electronics Cooling (1999) after "
               "Beaton and Hewitt; copper fits NIST Cryogenic Technologies Group (trc.nist.gov, OFHC "
               "copper); ρ CRC Handbook after Matula (1979) and Desai et al. (1984); indicative: not one "
               "sample")


@materials.command(name="scales")
def materials_scales() -> None:
    """Migdal's adiabatic ratio (k_BΘ_D/E_F from the table, and the Bohm–Staver ħω_D/E_F) and the
    free-electron umklapp kinematics (q_D/k_F, q_U/k_F, freeze-out T_U = Θ_D q_U/q_D) of every metal."""
    from numeric import materials as table
    from numeric.metals import metal_scales

    click.echo(f"{'metal':<6}{'k_BΘ_D/E_F':>12}{'Bohm-Staver':>13}{'q_D/k_F':>9}{'q_U/k_F':>9}{'T_U (K)':>9}")
    for symbol in table.materials():
        s = metal_scales(symbol)
        click.echo(f"{symbol:<6}{s.migdal_tabulated:>12.2e}{s.migdal_bohm_staver:>13.2e}{s.q_debye:>9.3f}"
                   f"{s.q_umklapp:>9.3f}{s.T_umklapp:>9.1f}")
    click.echo("free-electron estimates (numeric.metals.metal_scales): q_U <= 0 means the sphere reaches the "
               "zone boundary (T_U = 0); a real surface that touches it (Cu's necks) has no gap either")


@cli.group()
def fit() -> None:
    """Fit the models of ephkit to measured data."""


def _option_value(option: str, parameter: str, value: float | None, low: float,
                  low_open: bool) -> float | None:
    """``value`` checked by numeric._support.scalar, a bad one reported as a usage error of ``option``."""
    from numeric._support import scalar

    try:
        return None if value is None else scalar(parameter, value, low, low_open=low_open)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _resistivity_data(path: str | None, metal: str | None, temperature_unit: str | None,
                      resistivity_unit: str | None):
    """(T in K, ρ in Ω m, a label, the source lines): the CSV at ``path`` or the shipped ``metal``."""
    from numeric import materials as table

    if (path is None) == (metal is None):
        raise click.UsageError("give either a CSV file or --metal NAME (one of them)")
    if metal is not None:
        if temperature_unit is not None or resistivity_unit is not None:
            raise click.UsageError("--temperature-unit and --resistivity-unit apply to a CSV file, "
                                   "not to the shipped --metal data")
        try:
            T, rho, source = table.measured_resistivity(metal)
        except ValueError as exc:
            shipped = ", ".join(table.measured_metals())
            raise click.BadParameter(f"{exc} (measured ρ(T) is shipped for {shipped})",
                                     param_hint="--metal") from None
        symbol = table.material(metal).symbol
        return T, rho, f"{symbol}, measured ρ(T) shipped with ephkit", source
    try:
        T, rho, source = table.load_resistivity(path, temperature_unit=temperature_unit,
                                                resistivity_unit=resistivity_unit)
    except OSError as exc:
        raise click.FileError(path, exc.strerror or str(exc)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    return T, rho, f"file {path}", source


@fit.command(name="resistivity")
@click.argument("path", required=False, metavar="[FILE.csv]")
@click.option("--metal", help="Fit the shipped measured ρ(T) of this metal (symbol or name), not a file.")
@click.option("--n", "n", default=5, show_default=True, type=int,
              help="Exponent n of the model, an integer in [2, 12] (5: Bloch-Grüneisen).")
@click.option("--tmin", type=float, help="Fit only the points with T >= tmin (K).")
@click.option("--omega-p", "omega_p", type=float, help="Plasma frequency ω_p (rad/s): also print λ_tr.")
@click.option("--temperature-unit", help="Unit of the file's temperatures if its header states none (K).")
@click.option("--resistivity-unit", help="Unit of the file's resistivities if its header states none "
                                         "(ohm m, uOhm cm, 1e-8 ohm m, nOhm m).")
@click.option("--figure", type=click.Path(dir_okay=False),
              help="Write a PNG: data and fit, relative residuals below.")
def fit_resistivity(path: str | None, metal: str | None, n: int, tmin: float | None, omega_p: float | None,
                    temperature_unit: str | None, resistivity_unit: str | None, figure: str | None) -> None:
    """Fit ρ(T) = ρ₀ + A (T/Θ_R)^n J_n(Θ_R/T) to measured resistivity (a CSV FILE or --metal) by
    relative least squares (numeric.resistivity.fit_bloch_gruneisen); print ρ₀, Θ_R, A with their
    standard errors, the rms relative residual, the number of points and the source of the data.

    FILE.csv: lines 'T, rho', '#' comments at the top (the source), units in a header like
    'T (K), rho (µΩ cm)' or given with --temperature-unit and --resistivity-unit.
    """
    from numeric.resistivity import N_MAX, fit_bloch_gruneisen

    if not 2 <= n <= N_MAX:
        raise click.BadParameter(f"n = {n} is outside the valid range [2, {N_MAX}]", param_hint="--n")
    tmin = _option_value("--tmin", "tmin", tmin, 0.0, False)
    omega_p = _option_value("--omega-p", "omega_p", omega_p, 0.0, True)
    if figure == "":
        raise click.BadParameter("'' is not a file name", param_hint="--figure")
    T, rho, label, source = _resistivity_data(path, metal, temperature_unit, resistivity_unit)
    used = T >= tmin if tmin is not None else np.ones(T.shape, dtype=bool)
    needed = 4  # three parameters and one more point for the residual variance
    if used.sum() < needed:
        where = f" with T >= {tmin:g} K" if tmin is not None else ""
        raise click.ClickException(f"{label}: {int(used.sum())} points{where}; the fit of ρ₀, Θ_R and A "
                                   f"needs at least {needed}")
    try:
        result = fit_bloch_gruneisen(T[used], rho[used], n=n, omega_p=omega_p)
    except (ValueError, RuntimeError) as exc:
        raise click.ClickException(f"{label}: {exc}") from None
    rms = float(np.sqrt(np.mean(result.residuals**2)))
    click.echo(f"data: {label}")
    for line in source.splitlines() or ["(no source stated)"]:
        click.echo(f"  {line}")
    cut = f"T >= {tmin:g} K" if tmin is not None else "all"
    click.echo(f"points: {int(used.sum())} of {T.size} ({cut}; {T[used][0]:g}-{T[used][-1]:g} K)")
    click.echo(f"model: ρ(T) = ρ₀ + A (T/Θ_R)^{n} J_{n}(Θ_R/T), relative least squares")
    click.echo(f"ρ₀ = {result.rho0:.6g} ± {result.rho0_err:.2g} ohm m")
    click.echo(f"Θ_R = {result.theta:.6g} ± {result.theta_err:.2g} K")
    click.echo(f"A = {result.A:.6g} ± {result.A_err:.2g} ohm m")
    click.echo(f"dρ/dT (T ≫ Θ_R) = A/((n-1) Θ_R) = {result.slope:.6g} ohm m/K")
    if result.lambda_tr is not None:
        click.echo(f"λ_tr = {result.lambda_tr:.6g} ± {result.lambda_tr_err:.2g} (ω_p = {omega_p:g} rad/s)")
    click.echo(f"rms relative residual: {rms:.3g}")
    if figure is not None:
        _resistivity_figure(figure, T, rho, used, result, label)
        click.echo(f"figure: {figure}")


def _resistivity_figure(path: str, T: np.ndarray, rho: np.ndarray, used: np.ndarray, result,
                        label: str) -> None:
    """PNG at ``path``: data (points left out of the fit hollow) and fit on log axes, relative residuals
    below."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.0, 6.0), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    grid = np.geomspace(T[0], T[-1], 300)
    top.loglog(T[used], rho[used], "o", color="C0", label="fitted data")
    if not used.all():
        top.loglog(T[~used], rho[~used], "o", mfc="none", color="C0", label="left out")
    top.loglog(grid, result(grid), "-", color="C1",
               label=f"fit: Θ_R = {result.theta:.4g} K, n = {result.n}")
    top.set_ylabel("ρ (Ω m)")
    top.set_title(label)
    top.legend()
    bottom.semilogx(T[used], 100.0 * result.residuals, "o", color="C0")
    bottom.axhline(0.0, color="0.5", lw=0.8)
    bottom.set_xlabel("T (K)")
    bottom.set_ylabel("(ρ_fit − ρ)/ρ (%)")
    fig.savefig(path, format="png", dpi=100)


def _header(width: int) -> str:
    """The table's header; ``width`` is the longest name checked, so that rows printed as they finish
    line up."""
    return (f"{'derivation':<{width}}  {'steps ok (sym/num)':>18}  {'textbook':>8}  {'dimensions':>10}  "
            f"{'kernel':>7}  {'numeric':>7}  {'time':>6}  status")


def _row(report: CheckReport, width: int) -> str:
    """One line of the table: how many steps passed, textbook, dimensions, cross-check, time, status."""
    c = report.counts()

    def mark(check: str, good: str, bad: str) -> str:
        try:
            return good if report.get(check).passed else bad
        except KeyError:
            return "-"

    steps = f"{c['symbolic'] + c['numeric']}/{c['steps']} ({c['symbolic']}/{c['numeric']})"
    return (f"{report.name:<{width}}  {steps:>18}  {mark('textbook', 'match', 'DIFFERS'):>8}  "
            f"{mark('dimensions', 'ok', 'WRONG'):>10}  {mark('kernel', 'current', 'STALE'):>7}  "
            f"{mark('numeric cross-check', 'ok', 'FAIL'):>7}  "
            f"{report.seconds:5.2f}s  {report.status}")


def _print_summary(reports: list[CheckReport], seconds: float, workers: int) -> None:
    """After the rows: every failure in full, the cross-check ratios, and the count."""
    for report in reports:
        if not report.passed:
            click.echo("")
            click.echo(str(report))
    click.echo("")
    for report in reports:
        numeric = next((r for r in report.results if r.check == "numeric cross-check"), None)
        if numeric is not None:
            click.echo(f"{report.name}: {numeric.method}: {numeric.detail} "
                       f"[{'pass' if numeric.passed else 'FAIL'}]")
    passed = sum(r.passed for r in reports)
    plural = "es" if workers > 1 else ""
    click.echo(f"\n{passed} of {len(reports)} derivations pass ({seconds:.1f} s, {workers} process{plural})")


class _Progress:
    """Progress of long work: a tqdm bar on stderr when it is a terminal, with the rows printed above
    it; otherwise only the rows (and :meth:`note` lines on stderr). ``total`` may be set later by
    :meth:`start`, when it is known only once the work has begun."""

    def __init__(self, total: int | None, unit: str = "derivation") -> None:
        self._bar = None
        self.unit, self.total, self.done = unit, None, 0
        if total is not None:
            self.start(total)

    def start(self, total: int) -> None:
        self.total = total
        if sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=self.unit, file=sys.stderr, leave=False,
                             bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}] {postfix}")

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def echo(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=sys.stdout)
        else:
            click.echo(line)

    def note(self, line: str) -> None:
        """A line about the work (not its result): on stderr, above the bar if there is one."""
        if self._bar is not None:
            self._bar.set_postfix_str(line, refresh=True)
        else:
            click.echo(line, err=True)

    def advance(self, name: str) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.set_postfix_str(f"{'last' if self.unit == 'derivation' else 'in'}: {name}",
                                      refresh=False)
            self._bar.update(1)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ephkit`` console script; errors are one line, not a traceback."""
    try:
        cli.main(args=argv, prog_name="ephkit", standalone_mode=False)
    except click.UsageError as exc:
        click.echo(f"ephkit: error: {exc.format_message()}", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"ephkit: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("ephkit: aborted", err=True)
        return 1
    except OSError as exc:  # an output path that cannot be written: one line, exit 1
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"ephkit: error: {exc.strerror or exc}{where}", err=True)
        return 1
    except SystemExit as exc:  # sys.exit inside a command
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
