"""`ephkit fit resistivity`: the printed fit is the fit of numeric.resistivity on the same data, a user
CSV built with mpmath round-trips to its parameters in any stated unit, λ_tr follows from the printed
A and Θ_R, --figure writes a PNG, and bad input is one error line with status 1 or 2."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import mpmath
import numpy as np
import pytest
from click.testing import CliRunner
from scipy import constants

from derive.app.cli import cli, main
from numeric.materials import measured_resistivity
from numeric.resistivity import fit_bloch_gruneisen

NUMBER = r"([-+0-9.e]+)"


def _value(out: str, name: str, unit: str = "") -> tuple[float, float]:
    """(value, standard error) printed on the line ``name = value ± error unit``."""
    match = re.search(rf"^{re.escape(name)} = {NUMBER} ± {NUMBER}{re.escape(unit)}$", out, re.M)
    assert match, (name, out)
    return float(match.group(1)), float(match.group(2))


def _rms(out: str) -> float:
    return float(re.search(rf"^rms relative residual: {NUMBER}$", out, re.M).group(1))


def test_copper_above_20_K_prints_the_fit_of_the_same_points():
    """The plumbing: the CLI's numbers are fit_bloch_gruneisen's on the shipped points with T >= 20 K
    (to the 6 printed digits), the source of the data is printed, and the count of points."""
    result = CliRunner().invoke(cli, ["fit", "resistivity", "--metal", "Cu", "--tmin", "20"])
    assert result.exit_code == 0, result.output
    out = result.output
    T, rho, source = measured_resistivity("Cu")
    keep = T >= 20.0
    direct = fit_bloch_gruneisen(T[keep], rho[keep])
    for name, unit, value, err in (("ρ₀", " ohm m", direct.rho0, direct.rho0_err),
                                   ("Θ_R", " K", direct.theta, direct.theta_err),
                                   ("A", " ohm m", direct.A, direct.A_err)):
        printed, printed_err = _value(out, name, unit)
        assert printed == pytest.approx(value, rel=1e-5), name
        assert printed_err == pytest.approx(err, rel=0.06), name
    assert _rms(out) == pytest.approx(math.sqrt(np.mean(direct.residuals**2)), rel=2e-3)
    assert f"points: {keep.sum()} of {T.size} (T >= 20 K; 20-300 K)" in out
    assert "Matula" in out and source.splitlines()[0] in out
    # Θ_R of copper near its Debye temperature (343.5 K, Kittel): the fit is of the right metal
    assert 300.0 < _value(out, "Θ_R", " K")[0] < 360.0


def _bg_mpmath(T: float, rho0: float, theta: float, A: float, n: int = 5) -> float:
    """ρ₀ + A (T/Θ)^n J_n(Θ/T), J_n(y) = ∫_0^y x^n e^x/(e^x − 1)² dx by mpmath quadrature (30 digits)."""
    with mpmath.workdps(30):
        y = mpmath.mpf(theta) / T
        J = mpmath.quad(lambda x: x**n * mpmath.exp(x) / mpmath.expm1(x) ** 2, [0, y])
        return float(rho0 + A * (mpmath.mpf(T) / theta) ** n * J)


TRUE = {"rho0": 3e-11, "theta": 250.0, "A": 6e-8}
TEMPERATURES = [8.0, 15.0, 25.0, 40.0, 60.0, 90.0, 130.0, 180.0, 240.0, 300.0]


@pytest.fixture(scope="module")
def exact_rho() -> list[float]:
    return [_bg_mpmath(t, **TRUE) for t in TEMPERATURES]


@pytest.mark.parametrize(("header", "factor", "options"), [
    ("T (K), rho (µΩ cm)", 1e8, []),
    ("T [K], rho [nOhm m]", 1e9, []),
    ("", 1.0, ["--temperature-unit", "K", "--resistivity-unit", "ohm m"]),
])
def test_a_user_csv_round_trips_to_its_parameters(tmp_path, capsys, exact_rho, header, factor, options):
    """Exact model values (mpmath, not the implementation) written in several units: the fit recovers
    ρ₀, Θ_R and A, the residual is tiny and the file's comment is printed as its source."""
    lines = ["# synthetic sample, Bloch-Grüneisen n = 5"] + ([header] if header else [])
    lines += [f"{t:g}, {r * factor:.15g}" for t, r in zip(TEMPERATURES, exact_rho, strict=True)]
    path = tmp_path / "sample.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["fit", "resistivity", str(path), *options]) == 0
    out = capsys.readouterr().out
    assert f"data: file {path}" in out and "synthetic sample" in out
    assert f"points: {len(TEMPERATURES)} of {len(TEMPERATURES)} (all;" in out
    assert _value(out, "ρ₀", " ohm m")[0] == pytest.approx(TRUE["rho0"], rel=1e-5)
    assert _value(out, "Θ_R", " K")[0] == pytest.approx(TRUE["theta"], rel=1e-5)
    assert _value(out, "A", " ohm m")[0] == pytest.approx(TRUE["A"], rel=1e-5)
    assert _rms(out) < 1e-9


def test_omega_p_gives_lambda_tr_from_the_printed_slope(capsys):
    """λ_tr = (dρ/dT) ħ ε₀ ω_p²/(2π k_B) with the high-T slope A/((n−1) Θ_R) of the printed values."""
    omega_p = 1.64e16  # rad/s, about ħω_p = 10.8 eV
    assert main(["fit", "resistivity", "--metal", "copper", "--tmin", "20", "--omega-p", str(omega_p)]) == 0
    out = capsys.readouterr().out
    A, theta = _value(out, "A", " ohm m")[0], _value(out, "Θ_R", " K")[0]
    slope = A / (4 * theta)  # n = 5
    expected = slope * constants.hbar * constants.epsilon_0 * omega_p**2 / (2 * math.pi * constants.k)
    lam, err = _value(out, "λ_tr", f" (ω_p = {omega_p:g} rad/s)")
    assert lam == pytest.approx(expected, rel=2e-5)
    assert 0 < err < 0.1 * lam
    assert main(["fit", "resistivity", "--metal", "Cu", "--tmin", "20"]) == 0
    assert "λ_tr" not in capsys.readouterr().out  # only with --omega-p


def test_figure_is_a_png(tmp_path, capsys):
    path = tmp_path / "fit.png"
    assert main(["fit", "resistivity", "--metal", "Al", "--tmin", "20", "--n", "5",
                 "--figure", str(path)]) == 0
    assert f"figure: {path}" in capsys.readouterr().out
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


@pytest.mark.parametrize(("args", "status", "words"), [
    (["--metal", "Nb"], 2, ["--metal", "'Nb'", "Cu, Ag, Au, Al"]),
    (["--metal", "coper"], 2, ["did you mean Cu"]),
    ([], 2, ["--metal"]),
    (["x.csv", "--metal", "Cu"], 2, ["either"]),
    (["--metal", "Cu", "--resistivity-unit", "ohm m"], 2, ["--resistivity-unit"]),
    (["--metal", "Cu", "--n", "1"], 2, ["--n", "n = 1", "[2, 12]"]),
    (["--metal", "Cu", "--tmin", "nan"], 2, ["--tmin", "nan"]),
    (["--metal", "Cu", "--omega-p", "-1"], 2, ["--omega-p", "-1"]),
    (["--metal", "Cu", "--figure", ""], 2, ["--figure"]),
    (["--metal", "Cu", "--tmin", "290"], 1, ["3 points", "T >= 290 K", "at least 4"]),
    (["missing.csv"], 1, ["missing.csv", "No such file"]),
])
def test_bad_input_is_one_error_line(tmp_path, monkeypatch, capsys, args, status, words):
    monkeypatch.chdir(tmp_path)
    assert main(["fit", "resistivity", *args]) == status
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("ephkit: error:"), captured.err
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert not captured.out


@pytest.mark.parametrize(("text", "options", "words"), [
    ("T (K), rho (µΩ cm)\n10, 0.1\n20, abc\n", [], ["line 3", "'20, abc'"]),
    ("T (K), rho (µΩ cm)\n10, 0.1\n5, 0.2\n", [], ["line 3", "strictly increasing"]),
    ("10, 0.1\n20, 0.2\n", [], ["temperature_unit"]),
    ("T (K), rho (furlongs)\n10, 0.1\n", [], ["'furlongs'"]),
    ("T (K), rho (µΩ cm)\n10, 0.1\n20, 0.2\n30, 0.4\n", [], ["3 points", "at least 4"]),
])
def test_bad_csv_is_one_error_line_naming_the_problem(tmp_path, capsys, text, options, words):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["fit", "resistivity", str(path), *options]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("ephkit: error:") and "\n" not in err, err
    assert str(path) in err
    for word in words:
        assert word in err, (word, err)


def test_matplotlib_is_imported_only_for_a_figure(tmp_path):
    """The fit alone does not import matplotlib (a fresh interpreter: this one may have it already)."""
    code = ("import sys; from derive.app.cli import main; "
            "status = main(['fit', 'resistivity', '--metal', 'Cu', '--tmin', '20']); "
            "print(status, 'matplotlib' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         check=True)
    assert run.stdout.splitlines()[-1] == "0 False", run.stdout
