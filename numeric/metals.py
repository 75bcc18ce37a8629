"""Closed forms for real metals: the Lorenz number, the Bohm–Staver velocity, Migdal's adiabatic ratio,
the umklapp kinematics of a free-electron Fermi sphere (fcc, bcc) and the high-temperature slope of the
resistivity (and the transport coupling λ_tr it measures).

Each function evaluates a generated kernel (``numeric/_generated/metals.py``) of a derivation of
``derive.metals``: ``wiedemann_franz_lorenz``, ``migdal_adiabatic_ratio``, ``umklapp_kinematics``,
``resistivity_high_T_slope``.
Inputs are SI; invalid input is a ValueError naming the parameter, its value and the valid range.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import constants as _c
from ._generated import eliashberg_function as _eliashberg_kernels
from ._generated import metals as _kernels
from ._support import checked, evaluate, finite_result, scaled

__all__ = ["LorenzRatio", "MetalScales", "bloch_wilson_lorenz_ratio", "bohm_staver_velocity",
           "copper_lorenz_ratio", "debye_wavevector_ratio", "lorenz_number", "lorenz_ratio", "metal_scales",
           "migdal_ratio",
           "resistivity_slope", "transport_coupling_from_slope", "umklapp_freeze_out_temperature",
           "umklapp_gap"]

_LATTICES = ("fcc", "bcc")


def lorenz_number() -> float:
    """Sommerfeld value of the Lorenz number L₀ = κ/(σT) (W Ω K⁻²).

    L₀ = π² k_B²/(3 e²), CODATA k_B and e.

    Returns
    -------
    float
        L₀ in W Ω K⁻² (V² K⁻²), 2.443004509e-8.

    Notes
    -----
    Derivation ``wiedemann_franz_lorenz``: elastic scattering with an energy-independent τ, the
    Sommerfeld expansion of the transport integrals (Ashcroft & Mermin ch. 13). The generated kernel is
    κ/(σT) = L₀[1 − (π²/3)s²] of a transport function linear near μ with s = k_BTΦ'/Φ, taken at s = 0.
    Measured L of pure metals approaches L₀ at T >> Θ_D and at T -> 0 (impurity scattering) and lies
    below it in between (inelastic small-angle phonon scattering relaxes the heat current faster).

    Examples
    --------
    >>> f"{lorenz_number():.9e}"
    '2.443004509e-08'
    """
    return float(evaluate(_kernels.lorenz_ratio_linear_loop, np.asarray(0.0)))


def bohm_staver_velocity(Z: object, M: object, v_F: object, m: object = _c.m_e) -> float | np.ndarray:
    """Bohm–Staver sound velocity v_s = (Z m/(3M))^{1/2} v_F (m/s).

    Parameters
    ----------
    Z : float or array
        Valence (conduction electrons per ion), > 0.
    M : float or array
        Ion mass (kg), > 0.
    v_F : float or array
        Fermi velocity (m/s), > 0.
    m : float or array, optional
        Electron (band) mass (kg), > 0; default the free-electron mass.

    Returns
    -------
    float or ndarray
        v_s in m/s.

    Notes
    -----
    Derivation ``migdal_adiabatic_ratio``: ions at the ion plasma frequency screened by Thomas–Fermi
    electrons, v_s = lim ω_q/q (Bohm & Staver, Phys. Rev. 84, 836 (1951); Ashcroft & Mermin ch. 26).
    An estimate: measured sound velocities of simple metals agree within tens of per cent.

    Examples
    --------
    Potassium (Z = 1, M = 39.098 u, free-electron v_F = 0.86e6 m/s):

    >>> from numeric.constants import atomic_mass
    >>> round(bohm_staver_velocity(1, 39.098 * atomic_mass, 0.86e6))
    1860
    """
    args = _valence(Z), checked("m", m, 0.0, low_open=True), checked("M", M, 0.0, low_open=True), \
        checked("v_F", v_F, 0.0, low_open=True)
    return evaluate(_kernels.bohm_staver_velocity_loop, *args)


def migdal_ratio(Z: object, M: object, m: object = _c.m_e) -> float | np.ndarray:
    """Migdal's adiabatic ratio ħω_D/E_F of the Bohm–Staver jellium (dimensionless).

    ħω_D/E_F = (2^{4/3}/√3) Z^{1/6} (m/M)^{1/2}, with ω_D = v_s q_D, q_D = (2/Z)^{1/3} k_F.

    Parameters
    ----------
    Z : float or array
        Valence, > 0.
    M : float or array
        Ion mass (kg), > 0.
    m : float or array, optional
        Electron (band) mass (kg), > 0; default the free-electron mass.

    Returns
    -------
    float or ndarray
        ħω_D/E_F.

    Notes
    -----
    Derivation ``migdal_adiabatic_ratio`` (Bohm–Staver v_s, Debye sphere of one atom per cell); the
    small parameter of Migdal's theorem, ~1e-2 to 1e-3 in metals.

    Examples
    --------
    >>> from numeric.constants import atomic_mass
    >>> round(migdal_ratio(1, 63.546 * atomic_mass), 5)
    0.00427
    """
    args = _valence(Z), checked("m", m, 0.0, low_open=True), checked("M", M, 0.0, low_open=True)
    return evaluate(_kernels.migdal_ratio_bohm_staver_loop, *args)


def debye_wavevector_ratio(Z: object) -> float | np.ndarray:
    """Debye-sphere radius over the free-electron k_F, q_D/k_F = (2/Z)^{1/3} (one atom per cell).

    Parameters
    ----------
    Z : float or array
        Valence, > 0.

    Returns
    -------
    float or ndarray
        q_D/k_F (dimensionless).

    Notes
    -----
    Derivation ``umklapp_kinematics``: (4π/3)q_D³ = (2π)³/Ω and k_F³ = 3π²Z/Ω.

    Examples
    --------
    >>> round(debye_wavevector_ratio(1), 6)
    1.259921
    """
    return evaluate(_kernels.debye_wavevector_ratio_loop, _valence(Z))


def umklapp_gap(lattice_kind: str, Z: object) -> float | np.ndarray:
    """Smallest umklapp wavevector q_U/k_F = |G_min|/k_F − 2 of a free-electron Fermi sphere.

    fcc: |G_min| = √3·2π/a, q_U/k_F = (2√3π/Z)^{1/3} − 2; bcc: |G_min| = √2·2π/a,
    q_U/k_F = (8√2π/(3Z))^{1/3} − 2 (one atom per primitive cell).

    Parameters
    ----------
    lattice_kind : {"fcc", "bcc"}
        Cubic Bravais lattice.
    Z : float or array
        Valence, > 0.

    Returns
    -------
    float or ndarray
        q_U/k_F (dimensionless); ≤ 0 where the free-electron sphere reaches the zone boundary (no
        umklapp gap: Z ≥ 2√3π/8 ≈ 1.36 for fcc, Z ≥ √2π/3 ≈ 1.48 for bcc).

    Notes
    -----
    Derivation ``umklapp_kinematics`` (Ashcroft & Mermin ch. 26; Ziman ch. 9). Real Fermi surfaces
    are not spheres: Cu's touches the {111} faces (necks), so its true q_U is 0 although the
    free-electron gap is 0.216 k_F.

    Examples
    --------
    >>> round(umklapp_gap("fcc", 1), 4), round(umklapp_gap("bcc", 1), 4)
    (0.2161, 0.2797)
    """
    kind = _lattice(lattice_kind)
    loop = _kernels.umklapp_gap_fcc_loop if kind == "fcc" else _kernels.umklapp_gap_bcc_loop
    return evaluate(loop, _valence(Z))


def umklapp_freeze_out_temperature(Theta_D: object, lattice_kind: str, Z: object) -> float | np.ndarray:
    """Umklapp freeze-out estimate T_U = Θ_D q_U/q_D (K) of a free-electron metal.

    Parameters
    ----------
    Theta_D : float or array
        Debye temperature (K), > 0.
    lattice_kind : {"fcc", "bcc"}
        Cubic Bravais lattice.
    Z : float or array
        Valence, > 0.

    Returns
    -------
    float or ndarray
        T_U in K; 0 where there is no umklapp gap (q_U ≤ 0: umklapp never freezes out).

    Notes
    -----
    Derivation ``umklapp_kinematics``: the Debye phonon of wavevector q_U has energy k_BΘ_D q_U/q_D;
    umklapp resistivity falls as exp(−T_U/T) below it. An order-of-magnitude estimate. Potassium
    (bcc, Z = 1, Θ_D ≈ 91 K) gives ≈ 20 K; measured: ρ(T) − ρ₀ ∝ T exp(−θ/T) with θ = 19.9 ± 0.2 K
    between 2 and 4.2 K (H. van Kempen et al., "Low-Temperature Limit of the Temperature-Dependent Part
    of the Resistivity of Potassium", Phys. Rev. Lett. 37, 1574 (1976); title, year and θ checked against
    the abstract, volume and page from memory). For Cu the estimate fails: its Fermi surface touches the
    zone boundary, so umklapp does not freeze out. The whole curve, the umklapp share of the golden-rule
    rate vs T, is :func:`numeric.transport.umklapp_fraction`.

    Examples
    --------
    >>> round(umklapp_freeze_out_temperature(91.0, "bcc", 1), 1)
    20.2
    """
    theta = checked("Theta_D", Theta_D, 0.0, low_open=True)
    valence = _valence(Z)
    gap = np.maximum(umklapp_gap(lattice_kind, valence), 0.0)
    return evaluate(_kernels.umklapp_freeze_out_temperature_loop, theta, np.asarray(gap), valence)


def resistivity_slope(lambda_tr: object, omega_p: object) -> float | np.ndarray:
    """High-temperature slope of the phonon resistivity, dρ/dT = 2πλ_tr k_B/(ħε₀ω_p²) (Ω m/K).

    Parameters
    ----------
    lambda_tr : float or array
        Transport electron-phonon coupling λ_tr = 2∫α²F_tr(ω)/ω dω (dimensionless), ≥ 0.
    omega_p : float or array
        Drude plasma frequency ω_p = (n e²/(ε₀ m))^{1/2} of the conduction electrons (rad/s), > 0.

    Returns
    -------
    float or ndarray
        dρ/dT in Ω m/K.

    Notes
    -----
    Derivation ``resistivity_high_T_slope``: Allen's rate at T >> Θ, 1/τ_tr = 2πλ_tr k_BT/ħ
    (``allen_transport_bloch_gruneisen``), in the Drude resistivity ρ = m/(ne²τ_tr) = 1/(ε₀ω_p²τ_tr)
    (Allen, Phys. Rev. B 17, 3725 (1978); Grimvall ch. 6). Valid at T >> Θ_D (relative correction
    −(Θ/T)²/18 for α²F_tr ∝ ω⁴), lowest-order variational solution of the Boltzmann equation; the residual
    resistivity adds a constant, not a slope.

    Examples
    --------
    Free-electron copper (n = 8.47e28 m⁻³) with λ_tr = 0.2:

    >>> from numeric.constants import e, epsilon_0, m_e
    >>> omega_p = (8.47e28 * e**2 / (epsilon_0 * m_e)) ** 0.5
    >>> f"{resistivity_slope(0.2, omega_p):.3e}"
    '6.893e-11'
    """
    inputs = dict(lambda_tr=checked("lambda_tr", lambda_tr, 0.0),
                  omega_p=checked("omega_p", omega_p, 0.0, low_open=True))
    out = scaled(_kernels.resistivity_slope_loop, {"omega_p": -2.0}, **inputs)
    return finite_result(out, "resistivity_slope", **inputs)


def transport_coupling_from_slope(slope: object, omega_p: object) -> float | np.ndarray:
    """Transport coupling from the high-temperature resistivity slope, λ_tr = ħε₀ω_p²(dρ/dT)/(2πk_B).

    The inverse of :func:`resistivity_slope`.

    Parameters
    ----------
    slope : float or array
        Measured dρ/dT at T >> Θ_D (Ω m/K), ≥ 0.
    omega_p : float or array
        Drude plasma frequency (rad/s), > 0.

    Returns
    -------
    float or ndarray
        λ_tr (dimensionless).

    Notes
    -----
    Derivation ``resistivity_high_T_slope``, solved for λ_tr. The estimate inherits the model's
    assumptions (Drude ω_p of an isotropic Fermi surface, T >> Θ_D); with a free-electron ω_p it is only
    as good as the free-electron density of states at E_F.

    Examples
    --------
    Copper: ρ = 1.046e-8 Ω m at 200 K and 1.725e-8 Ω m at 300 K (CRC Handbook; Matula, J. Phys. Chem.
    Ref. Data 8, 1147 (1979)), free-electron ω_p:

    >>> from numeric.constants import e, epsilon_0, m_e
    >>> omega_p = (8.47e28 * e**2 / (epsilon_0 * m_e)) ** 0.5
    >>> round(transport_coupling_from_slope((1.725e-8 - 1.046e-8) / 100, omega_p), 3)
    0.197
    """
    s_rho, w_p = checked("slope", slope, 0.0), checked("omega_p", omega_p, 0.0, low_open=True)
    out = scaled(_kernels.transport_coupling_from_slope_loop, {"omega_p": 2.0}, s_rho=s_rho, omega_p=w_p)
    return finite_result(out, "transport_coupling_from_slope", slope=s_rho, omega_p=w_p)


def bloch_wilson_lorenz_ratio(T: object, theta_D: object, Z: object = 1.0) -> float | np.ndarray:
    """Lorenz ratio L/L₀ = κ/(σTL₀) of phonon scattering alone (Bloch–Wilson), at any temperature.

    L/L₀ = 1/[1 + (3/π²)(Z/2)^{2/3}(Θ_D/T)² − J_7(Θ_D/T)/(2π²J_5(Θ_D/T))],
    J_n(y) = ∫_0^y zⁿeᶻ/(eᶻ − 1)² dz.

    Parameters
    ----------
    T : float or array
        Temperature (K), >= 0 (T = 0 gives the limit 0).
    theta_D : float or array
        Debye temperature (K), > 0.
    Z : float or array, optional
        Valence (conduction electrons per atom, one atom per cell), > 1/4 (q_D < 2k_F); default 1.

    Returns
    -------
    float or ndarray
        L/L₀ in (0, 1].

    Notes
    -----
    Derivation ``lorenz_ratio_bloch_wilson``: free electrons, Debye phonons (normal processes,
    equilibrium), lowest-order variational solutions for the electric and the thermal current
    (Ziman, *Electrons and Phonons* ch. 9). The (Z/2)^{2/3}(Θ_D/T)² term is the "vertical"
    scattering: a phonon changes an electron's energy by ħω, which degrades a heat current even
    when the momentum change is small; hence L < L₀ at intermediate T. High T: 1 − O((Θ_D/T)²);
    low T: (π²/3)(2/Z)^{2/3}(T/Θ_D)² -> 0 (phonons only; in a real metal impurity scattering,
    elastic, restores L₀ as T -> 0: combine both by Matthiessen's rule for ρ and for 1/κ).
    J_5 and J_7 are the generated kernels ``transport_integral_5`` and ``transport_integral_7``.

    Examples
    --------
    >>> [round(bloch_wilson_lorenz_ratio(T, 343.0), 4) for T in (30.0, 100.0, 300.0, 3000.0)]
    [0.0414, 0.3465, 0.8288, 0.9979]
    """
    T_arr = checked("T", T, 0.0)
    theta = checked("theta_D", theta_D, 0.0, low_open=True)
    valence = checked("Z", Z, 0.25, low_open=True)
    with np.errstate(divide="ignore", over="ignore"):
        y = np.asarray(np.divide(theta, T_arr), dtype=np.float64)       # T = 0: y = inf, the limit
    j5 = np.asarray(evaluate(_eliashberg_kernels.transport_integral_5_loop, y))
    j7 = np.asarray(evaluate(_kernels.transport_integral_7_loop, y))
    tiny = j5 == 0.0                                  # y < 1e-77: J_7/J_5 ~ (2/3)y² is 0 in doubles
    j5, j7 = np.where(tiny, 1.0, j5), np.where(tiny, 0.0, j7)
    out = evaluate(_kernels.lorenz_ratio_bloch_wilson_loop, y, valence, j5, j7)
    return finite_result(out, "bloch_wilson_lorenz_ratio", T=T_arr, theta_D=theta, Z=valence)


def _valence(Z: object) -> np.ndarray:
    return checked("Z", Z, 0.0, low_open=True)


def _lattice(lattice_kind: object) -> str:
    if lattice_kind not in _LATTICES:
        raise ValueError(f"lattice_kind = {lattice_kind!r} is not one of {_LATTICES}")
    return str(lattice_kind)


class MetalScales(NamedTuple):
    """The adiabatic and umklapp scales of one metal of :mod:`numeric.materials` (:func:`metal_scales`).

    Attributes
    ----------
    symbol : str
        Chemical symbol.
    migdal_tabulated : float
        k_BΘ_D/E_F from the table's calorimetric Θ_D(0) and free-electron E_F (dimensionless).
    migdal_bohm_staver : float
        ħω_D/E_F of the Bohm–Staver jellium with the metal's Z and atomic mass (:func:`migdal_ratio`).
    q_debye : float
        q_D/k_F = (2/Z)^{1/3} (:func:`debye_wavevector_ratio`).
    q_umklapp : float
        q_U/k_F of the free-electron sphere in the metal's lattice (:func:`umklapp_gap`); <= 0: no gap.
    T_umklapp : float
        Freeze-out estimate Θ_D q_U/q_D in K (:func:`umklapp_freeze_out_temperature`); 0 without a gap.
    """

    symbol: str
    migdal_tabulated: float
    migdal_bohm_staver: float
    q_debye: float
    q_umklapp: float
    T_umklapp: float


def metal_scales(name: str) -> MetalScales:
    """Migdal's ratio (tabulated and Bohm–Staver) and the umklapp kinematics of a tabulated metal.

    From :func:`numeric.materials.material`: lattice, valence Z, molar mass (atomic mass M = molar
    mass/N_A), calorimetric Θ_D(0) and the free-electron E_F, each with the source the table gives.

    Parameters
    ----------
    name : str
        Symbol or English name of a metal of :func:`numeric.materials.materials`.

    Returns
    -------
    MetalScales

    Notes
    -----
    Free-electron estimates: a real Fermi surface that reaches the zone boundary (Cu's necks at the
    {111} faces) has no umklapp gap although the sphere's q_U is positive; the Bohm–Staver ratio ignores
    the ion cores' repulsion and band masses.

    Examples
    --------
    >>> k = metal_scales("K")
    >>> round(k.q_umklapp, 4), round(k.T_umklapp, 1)
    (0.2797, 20.2)
    """
    from .materials import material

    m = material(name)
    Z = m.valence.value
    if m.fermi_energy is None:
        raise ValueError(f"name = {name!r}: the table has no Fermi energy for {m.symbol}")
    atom = m.molar_mass.value / _c.N_A
    theta = m.debye_temperature.value
    return MetalScales(m.symbol, _c.k * theta / m.fermi_energy.value, float(migdal_ratio(Z, atom)),
                       float(debye_wavevector_ratio(Z)), float(umklapp_gap(m.lattice, Z)),
                       float(umklapp_freeze_out_temperature(theta, m.lattice, Z)))



class LorenzRatio(NamedTuple):
    """Measured Lorenz number of one metal (:func:`lorenz_ratio`), arrays over the matched temperatures.

    Attributes
    ----------
    symbol : str
        Chemical symbol.
    temperature : ndarray
        T in K (the thermal-conductivity table's temperatures).
    conductivity : ndarray
        κ in W/(m K) (:func:`numeric.materials.measured_thermal_conductivity`).
    resistivity : ndarray
        ρ in Ω m at T (:func:`numeric.materials.measured_resistivity`, linearly interpolated, see
        :func:`lorenz_ratio`).
    lorenz : ndarray
        L = κρ/T in W Ω K⁻².
    ratio : ndarray
        L/L₀ with L₀ = :func:`lorenz_number`.
    """

    symbol: str
    temperature: np.ndarray
    conductivity: np.ndarray
    resistivity: np.ndarray
    lorenz: np.ndarray
    ratio: np.ndarray


#: largest distance (K) between a thermal-conductivity temperature and a tabulated resistivity temperature
_MATCH_K = 0.5


def lorenz_ratio(metal: str) -> LorenzRatio:
    """Measured Lorenz ratio L/L₀ = κρ/(L₀T) of a metal from the shipped κ and ρ tables.

    At every temperature T of the thermal-conductivity table that lies within 0.5 K of a temperature
    of the resistivity table (273.2 K against 273 K, ...), ρ(T) is interpolated linearly between the
    neighbouring resistivity points (a correction of 0.2 K, ~0.1 % of ρ) and L = κρ/T is divided by
    the Sommerfeld value L₀ = π²k_B²/(3e²) (:func:`lorenz_number`).

    Parameters
    ----------
    metal : str
        Symbol or English name of a metal with both tables shipped (Cu, Ag, Au, Al).

    Returns
    -------
    LorenzRatio
        ``(symbol, temperature, conductivity, resistivity, lorenz, ratio)``.

    Raises
    ------
    ValueError
        For a metal without a shipped thermal conductivity or resistivity, or without a common temperature.

    Notes
    -----
    Physics (derivation ``wiedemann_franz_lorenz``): for elastic scattering the Sommerfeld expansion gives
    L = L₀ exactly. Measured L/L₀ of a pure metal approaches 1 at T ≳ Θ_D, where phonon scattering is
    quasi-elastic and large-angle, and again as T -> 0, where impurity (elastic) scattering dominates; it
    dips below 1 at intermediate T ~ Θ_D/10 because small-angle inelastic phonon scattering relaxes
    the heat current (energy) much faster than the charge current (momentum). Near room temperature
    (T ~ Θ_D) the noble metals are a few per cent below 1; the lattice conductivity adds ~1 % at most.

    Caveats: the κ and ρ tables are recommended values for well-annealed high-purity samples but need not
    be for the same sample; at low T both depend on the residual resistivity (sample purity), so any
    low-temperature ratio from two tables is indicative only. The shipped κ is near room temperature.

    Examples
    --------
    >>> cu = lorenz_ratio("Cu")
    >>> [f"{t:g} K: L/L0 = {r:.3f}" for t, r in zip(cu.temperature, cu.ratio)]
    ['273.2 K: L/L0 = 0.932', '298.2 K: L/L0 = 0.943', '300 K: L/L0 = 0.944']
    """
    from .materials import material, measured_resistivity, measured_thermal_conductivity

    T_k, kappa, _ = measured_thermal_conductivity(metal)
    T_r, rho, _ = measured_resistivity(metal)
    near = np.abs(T_k[:, None] - T_r[None, :]).min(axis=1) <= _MATCH_K
    if not near.any():
        raise ValueError(f"metal = {metal!r}: no thermal-conductivity temperature within {_MATCH_K} K of a "
                         "tabulated resistivity temperature")
    T = T_k[near]
    return _lorenz(material(metal).symbol, T, kappa[near], np.interp(T, T_r, rho))


def _lorenz(symbol: str, T: np.ndarray, kappa: np.ndarray, rho: np.ndarray) -> LorenzRatio:
    lorenz = kappa * rho / T
    return LorenzRatio(symbol, T, kappa, rho, lorenz, lorenz / lorenz_number())


def copper_lorenz_ratio(rrr: int) -> LorenzRatio:
    """L/L₀ of copper of residual resistance ratio RRR from 10 to 300 K: the NIST κ fit and the CRC ρ(T).

    κ(T) is the NIST curve fit for OFHC copper of that RRR
    (:func:`numeric.materials.copper_thermal_conductivity`); ρ(T) is the shipped CRC/Matula resistivity
    with its own residual replaced by the one of the RRR (Matthiessen's rule):
    ρ = ρ_CRC(T) − ρ_CRC(1 K) + ρ₀, ρ₀ = (ρ_CRC(273 K) − ρ_CRC(1 K))/(RRR − 1), so that ρ(273 K)/ρ₀ = RRR.
    Temperatures: those of the resistivity table within the fit's 4-300 K.

    Parameters
    ----------
    rrr : int
        Residual resistance ratio, one of :func:`numeric.materials.copper_fit_rrr` (50, 100, 150, 300, 500).

    Returns
    -------
    LorenzRatio

    Raises
    ------
    ValueError
        For an RRR without a NIST fit.

    Notes
    -----
    The curve shows the physics of :func:`lorenz_ratio`: L/L₀ close to 1 where impurity (elastic)
    scattering dominates (low T, the more so the lower the RRR), a minimum of ~0.5 near Θ_D/10 for a pure
    sample (small-angle inelastic phonon scattering degrades the heat current), and ~0.94 at 300 K.
    Indicative only: κ and ρ are fits and tables of different samples, Matthiessen's rule is approximate,
    and the fits carry 1-2 % error.

    Examples
    --------
    >>> r = copper_lorenz_ratio(500)
    >>> [f"{t:g} K: {x:.2f}" for t, x in zip(r.temperature, r.ratio)][:4]
    ['10 K: 0.88', '20 K: 0.52', '40 K: 0.51', '60 K: 0.55']
    """
    from .materials import copper_thermal_conductivity, measured_resistivity

    T_r, rho, _ = measured_resistivity("Cu")
    inside = (T_r >= 4.0) & (T_r <= 300.0)
    T = T_r[inside]
    kappa = np.asarray(copper_thermal_conductivity(T, rrr))  # refuses an RRR without a fit
    residual = (np.interp(273.0, T_r, rho) - rho[0]) / (int(rrr) - 1)
    return _lorenz("Cu", T, kappa, rho[inside] - rho[0] + residual)
