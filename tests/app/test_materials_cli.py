"""`ephkit materials list|show NAME`: one line per metal, every value with unit and source, one-line
errors with close matches; fuzzed like tests/app/test_cli_fuzz.py (status 0 or 2, no traceback)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derive.app.cli import main
from numeric.materials import material, materials


def test_list_prints_one_line_per_metal(capsys):
    assert main(["materials", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for symbol in materials():
        m = material(symbol)
        [line] = [x for x in lines if x.split()[0] == symbol]
        assert m.name in line and m.lattice in line and f"Θ_D(0) = {m.debye_temperature.value:g} K" in line
    assert "T_c = 7.193 K" in next(x for x in lines if x.startswith("Pb"))
    assert lines[-1] == "measured ρ(T) shipped for: Cu, Ag, Au, Al"


@pytest.mark.parametrize("name", ["Cu", "copper", "nb", "K"])
def test_show_prints_every_value_with_unit_and_source(capsys, name):
    assert main(["materials", "show", name]) == 0
    out = capsys.readouterr().out
    m = material(name)
    assert out.startswith(f"{m.name} ({m.symbol}), {m.lattice}")
    for label, v in m.values():
        assert f"  {label}: {v.value:.10g} " in out and f"(printed: {v.printed})" in out
        assert f"source: {v.source}" in out
        if v.note:
            assert f"note: {v.note}" in out
    assert f"n = Z N_cell / a^3 = {m.free_electron_density():.4g} 1/m^3" in out
    assert ("measured resistivity: 13 points, 1-300 K" in out) == (m.symbol == "Cu")
    assert ("Matula" in out) == (m.symbol == "Cu")


@pytest.mark.parametrize("args, needle", [
    (["materials", "show", "coper"], "did you mean Cu?"),
    (["materials", "show", "Fe"], "valid: Ag, Al, Au, Cu"),
    (["materials", "show"], "NAME"), (["materials", "nope"], "nope")])
def test_errors_are_one_line_with_status_2(capsys, args, needle):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("ephkit: error:") and needle in err


ODD = ["", " ", "-", "--", "-x", "nope", "Cu", "cu", "copper", "Copper ", "coper", "π", "原", "a" * 300,
       "../x", "\x00", "\n", "--help", "-h", "list", "show", "materials"]
TOKENS = st.one_of(st.sampled_from(ODD), st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sub=st.sampled_from([[], ["list"], ["show"], ["lorenz"], ["scales"]]),
       extra=st.lists(TOKENS, max_size=3))
def test_any_argument_list_gives_output_or_one_error_line(capsys, sub, extra):
    args = ["materials", *sub, *extra]
    capsys.readouterr()
    try:
        status = main(args)
    except BaseException as exc:  # nothing may escape
        pytest.fail(f"ephkit {args!r} raised {type(exc).__name__}: {exc}")
    out, err = capsys.readouterr()
    assert status in (0, 2), (args, status, err)
    assert "Traceback" not in out + err
    if status:
        errors = [line for line in err.splitlines() if line.startswith("ephkit: ")]
        assert len(errors) == 1 and len(errors[0]) < 2000, (args, err)
    else:
        assert out, args


def test_materials_scales_prints_every_metal(capsys):
    """One row per tabulated metal with the numbers of numeric.metals.metal_scales (K: T_U = 20.2 K)."""
    from numeric.metals import metal_scales

    assert main(["materials", "scales"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:-1]}
    assert set(rows) == set(materials())
    for symbol, cells in rows.items():
        s = metal_scales(symbol)
        expected = [s.migdal_tabulated, s.migdal_bohm_staver, s.q_debye, s.q_umklapp, s.T_umklapp]
        assert [float(x) for x in cells] == pytest.approx(expected, rel=5e-3, abs=1e-3)
    # potassium's measured umklapp freeze-out θ = 19.9 ± 0.2 K (van Kempen et al., PRL 37, 1574 (1976)):
    # the free-electron estimate within 10 %
    assert abs(float(rows["K"][-1]) / 19.9 - 1) < 0.1



def test_materials_lorenz_prints_the_ratio_of_every_metal_with_both_tables(capsys):
    """One row per metal and temperature with the numbers of numeric.metals.lorenz_ratio; sources named."""
    from numeric.metals import lorenz_ratio

    assert main(["materials", "lorenz"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    rows = [line.split() for line in lines[1:] if line.split()[0] in ("Cu", "Ag", "Au", "Al")]
    assert {row[0] for row in rows} == {"Cu", "Ag", "Au", "Al"} and len(rows) == 6
    for symbol, T, kappa, rho, lorenz, ratio in rows:
        r = lorenz_ratio(symbol)
        i = list(r.temperature).index(float(T))
        assert float(kappa) == r.conductivity[i]
        assert [float(rho), float(lorenz), float(ratio)] == pytest.approx(
            [r.resistivity[i], r.lorenz[i], r.ratio[i]], rel=5e-4, abs=5e-4)
    for needle in ("L0 = π² k_B²/(3 e²) = 2.443005e-08", "Ho, Powell & Liley", "Beaton and Hewitt", "Matula"):
        assert needle in out


def test_show_prints_the_thermal_conductivity_with_its_source(capsys):
    assert main(["materials", "show", "Au"]) == 0
    out = capsys.readouterr().out
    assert "measured thermal conductivity: 317 W/(m K) at 300 K" in out and "Beaton and Hewitt" in out
    assert main(["materials", "show", "Pb"]) == 0
    assert "thermal conductivity" not in capsys.readouterr().out


def test_show_prints_sound_velocities_and_the_elastic_debye_temperature(capsys):
    """The numbers of Material.sound_velocities and elastic_debye_temperature, beside the calorimetric
    Θ_D(0)."""
    cu = material("Cu")
    assert main(["materials", "show", "Cu"]) == 0
    out = capsys.readouterr().out
    v = cu.sound_velocities([1, 1, 0])
    assert f"along [110]: {v[0]:.0f}, {v[1]:.0f} (transverse), {v[2]:.0f} (longitudinal) m/s" in out
    theta = cu.elastic_debye_temperature()
    assert f"elastic Debye temperature = {theta:.1f} K (calorimetric Θ_D(0) 343 K)" in out
    assert main(["materials", "show", "K"]) == 0
    assert "elastic Debye temperature" not in capsys.readouterr().out


def test_materials_lorenz_prints_the_copper_curves(capsys):
    """One column per NIST RRR, one row per resistivity-table temperature in 10-300 K, the numbers of
    numeric.metals.copper_lorenz_ratio to the printed digits."""
    from numeric.materials import copper_fit_rrr
    from numeric.metals import copper_lorenz_ratio

    assert main(["materials", "lorenz"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(next(x for x in lines if x.split()[:2] == ["T", "(K)"] and "RRR" in x))
    assert lines[start].split()[3::2] == [str(r) for r in copper_fit_rrr()]
    curves = [copper_lorenz_ratio(r) for r in copper_fit_rrr()]
    rows = lines[start + 1:start + 1 + curves[0].temperature.size]
    for k, row in enumerate(rows):
        cells = [float(x) for x in row.split()]
        assert cells[0] == curves[0].temperature[k]
        assert cells[1:] == pytest.approx([c.ratio[k] for c in curves], abs=5e-4)
