"""Derivations: scattering rates.

* ``deformation_potential_rate_high_T``: Fermi's golden rule for an electron
  on a free-electron Fermi sphere scattered quasi-elastically by LA phonons
  with the deformation-potential coupling of ``deformation_potential_coupling``.
  In the equipartition regime T >> T_BG = 2ħv_s k_F/k_B the transport
  (momentum-relaxation) rate is 1/τ = D² m k_B k_F T/(π ρ v_s² ħ³), linear in T.
"""

from __future__ import annotations

import sympy as sp

from .codegen import Kernel, kernel, statement_kernel
from .constants import (
    D_POT,
    HBAR,
    K_B,
    K_F,
    M_ELECTRON,
    RHO,
    TEMPERATURE,
    V_S,
    VOLUME,
    Q,
    quantity,
)
from .derivation import Assumption, Derivation, Step
from .registry import register
from .units import DIMENSIONLESS, JOULE, SECOND, dimension_of, same_dimension

__all__ = ["deformation_potential_rate_high_T"]

SEED_000 = "seed 000_30078018b323409f.txt, 电子-声子散射与电阻率 (1/τ_ep at high T)"
SEED_002 = (
    "seed 002_d04b400183ce67c6.txt, 'Electron-Phonon Scattering and Electrical Resistivity' "
    "(high temperatures: 1/τ_ep = (D² m k_B k_F/(π ρ v_s² ħ³)) T)"
)

TAU_INV = quantity(
    "1/tau", 1 / SECOND, "transport (momentum-relaxation) rate 1/τ_ep at the Fermi surface"
)
MU = quantity("mu", DIMENSIONLESS, "cosine of the angle between k and the phonon wavevector q",
              real=True)
PHI = quantity("phi", DIMENSIONLESS, "azimuth of q about k", real=True)


def _coupling_squared() -> sp.Expr:
    """|g_q|² of the deformation-potential coupling, from its registered derivation."""
    from .registry import get

    coupling = get("deformation_potential_coupling")
    g = coupling.statement.rhs
    dimension = dimension_of(g, coupling.dimensions)
    if same_dimension(dimension, JOULE):  # the statement gives |g_q|
        return sp.Abs(g) ** 2
    if same_dimension(dimension, JOULE**2):  # the statement gives |g_q|²
        return g
    raise ValueError(f"deformation_potential_coupling has dimension {dimension}, not J or J²")


@register
def deformation_potential_rate_high_T() -> Derivation:
    """1/τ = D² m k_B k_F T/(π ρ v_s² ħ³): high-T deformation-potential transport rate.

    Model: a free electron (mass m) on the Fermi sphere, |k| = k_F, couples to
    longitudinal acoustic phonons ω_q = v_s q through the deformation
    potential, |g_q|² = D² ħ q/(2ρ V v_s) (taken from the derivation
    ``deformation_potential_coupling``). Fermi's golden rule with the
    transport weight 1 − cos θ_{k,k+q} gives

        1/τ = (2π/ħ) Σ_q |g_q|² [(n_q + 1) δ(ε_{k+q} − ε_k + ħω_q)
                                 + n_q δ(ε_{k+q} − ε_k − ħω_q)] (1 − cos θ).

    Conventions (needed to reproduce the seed's prefactor exactly): both
    phonon emission (n_q + 1) and absorption (n_q) are counted; the electron
    spin is conserved, so there is no spin sum over final states; the
    final-state Pauli factors are left out because they cancel in the
    quasi-elastic limit ħω_q << k_BT, (n_q + 1 − f_{k+q}) + (n_q + f_{k+q}) = 2n_q + 1; the
    sum over q runs over all of q-space, Σ_q -> V ∫ d³q/(2π)³, with the
    linear dispersion assumed up to q = 2k_F (no Debye cutoff, normal
    processes only, one LA branch).

    Derivation: (i) quasi-elastic, ħω_q << E_F: both deltas become
    δ(ε_{k+q} − ε_k), so the phonon factor is 2n_q + 1; (ii) equipartition,
    2n_q + 1 = 2k_BT/(ħω_q) + O(1/T), makes |g_q|²(2n_q + 1) = D²k_BT/(ρVv_s²)
    independent of q; (iii) the angular integral against the delta
    function restricts q < 2k_F and fixes cos θ_{kq} = −q/(2k_F), so the
    transport weight is q²/(2k_F²); (iv) the q-integral ∫_0^{2k_F} gives the
    result.

    Result: 1/τ = D² m k_B k_F T/(π ρ v_s² ħ³). This is the transport
    (momentum-relaxation) rate, weight 1 − cos θ, which sets the resistivity
    ρ_el = m/(n e² τ) ∝ T; the quasiparticle (single-particle) rate has no
    such weight and is not what is derived here. (For T >> T_BG the
    scattering is isotropic, |g_q|²(2n_q + 1) does not depend on q, so
    <1 − cos θ> = 1 and both rates have this leading value; below T_BG
    they differ: T⁵ against T³.)

    Source: seed 002 and seed 000 (high-temperature rate); Ziman, *Electrons
    and Phonons*, ch. 9; Ashcroft & Mermin, *Solid State Physics*, ch. 26.

    Validity: T >> T_BG = 2ħv_s k_F/k_B (the Bloch-Grüneisen temperature:
    equipartition must hold for every phonon up to q = 2k_F; T_BG ≈ 1000 K for
    Cu-like parameters, so T >> Θ_D alone is not enough in this model); the
    corrections are O((T_BG/T)²), with a coefficient that depends on the
    treatment of the occupation factors. Also ħv_s k_F << E_F (quasi-elastic),
    an isotropic parabolic band and an isotropic elastic continuum. Below
    T_BG the rate falls as T⁵ (Bloch-Grüneisen), not derived here.
    """
    hbar, m, k_B, T = HBAR.symbol, M_ELECTRON.symbol, K_B.symbol, TEMPERATURE.symbol
    k_F = K_F.symbol
    D, rho, V, v_s, q = D_POT.symbol, RHO.symbol, VOLUME.symbol, V_S.symbol, Q.symbol
    mu, phi, tau_inv = MU.symbol, PHI.symbol, TAU_INV.symbol

    # (i)-(ii) Phonon factor: emission (n + 1) plus absorption (n), equipartition limit.
    hbar_omega = hbar * v_s * q
    bose = 1 / (sp.exp(hbar_omega / (k_B * T)) - 1)
    phonon_factor = sp.Add(bose + 1, bose, evaluate=False)  # (n_q + 1) + n_q
    y = sp.Dummy("y", positive=True)  # ħω_q/(k_B T)

    def leading_term(expr: sp.Expr, order: int) -> sp.Expr:
        """Laurent series in y = ħω_q/(k_B T) -> 0 up to (excluding) y**order."""
        series = sp.series(expr.subs(hbar_omega / (k_B * T), y), y, 0, order).removeO()
        return series.subs(y, hbar_omega / (k_B * T))

    occupation = leading_term(bose, 0)  # n_q = k_B T/(ħ v_s q) + O(1)
    equipartition = leading_term(phonon_factor, 1)  # 2n_q + 1 = 2 k_B T/(ħ v_s q) + O(1/T)
    g_squared = _coupling_squared()
    weight_product = sp.Mul(g_squared, equipartition, evaluate=False)
    strength = sp.simplify(weight_product)  # D² k_B T/(ρ V v_s²): independent of q

    # (iii) Free-electron kinematics on the Fermi sphere, μ = cos∠(k, q).
    k_plus_q = sp.sqrt(k_F**2 + 2 * k_F * q * mu + q**2)
    energy_change = hbar**2 * k_plus_q**2 / (2 * m) - hbar**2 * k_F**2 / (2 * m)
    energy_change_factored = sp.factor(sp.expand(energy_change))
    cos_theta = (k_F**2 + k_F * q * mu) / (k_F * k_plus_q)  # k·(k + q)/(|k||k + q|)
    transport_weight = 1 - cos_theta
    mu_shell = sp.solve(energy_change_factored, mu)[0]  # −q/(2k_F)
    weight_on_shell = sp.Subs(transport_weight, mu, mu_shell)
    angular = sp.Integral(
        q**2 * sp.DiracDelta(energy_change_factored) * transport_weight,
        (mu, -1, 1), (phi, 0, 2 * sp.pi),
    )
    angular_value = sp.simplify(angular.doit())  # ∝ q³ (1 − Heaviside(q/(2k_F) − 1))
    angular_support = sp.piecewise_fold(angular_value.rewrite(sp.Piecewise))
    radial = sp.Integral(angular_support, (q, 0, sp.oo))
    radial_value = radial.doit()  # ∫_0^{2k_F} dq: 4π m k_F/ħ²

    # (iv) Golden rule, Σ_q -> V ∫ d³q/(2π)³, with the q-independent strength pulled out.
    prefactor = [2 * sp.pi / hbar, V / (2 * sp.pi) ** 3, strength]
    golden_rule = sp.Mul(*prefactor, radial, evaluate=False)
    rate = sp.simplify(sp.Mul(*prefactor, radial_value))

    steps = [
        Step(bose, occupation, "Bose occupation at k_B T >> ħω_q: equipartition",
             order=(1, T, sp.oo)),
        Step(phonon_factor, equipartition,
             "emission (n_q + 1) plus absorption (n_q), quasi-elastic; equipartition "
             "k_B T >> ħv_s q", order=(1 / T, T, sp.oo)),
    ]
    strength_step = len(steps) + 1
    steps += [
        Step(weight_product, strength,
             "|g_q|² (from deformation_potential_coupling) × 2k_BT/(ħω_q): independent of q"),
        Step(energy_change, energy_change_factored,
             "ε_{k+q} − ε_k for free electrons, |k| = k_F, μ = cos∠(k, q)"),
        Step(weight_on_shell, sp.simplify(weight_on_shell.doit()),
             "on the energy shell μ = −q/(2k_F): transport weight 1 − cos θ = q²/(2k_F²)"),
        Step(angular, angular_value,
             "angles of q: the delta fixes μ = −q/(2k_F), inside [−1, 1] only for q < 2k_F"),
        Step(angular_value, angular_support, "the step function as the support q < 2k_F"),
        Step(radial, radial_value, "radial integral over 0 < q < 2k_F"),
        Step(golden_rule, rate,
             "golden rule (2π/ħ) V∫d³q/(2π)³ |g_q|²(2n_q + 1) δ(ε_{k+q} − ε_k)(1 − cos θ); "
             f"|g_q|²(2n_q + 1) does not depend on q (step {strength_step}): out of the integrals"),
    ]
    return Derivation(
        name="deformation_potential_rate_high_T",
        title="High-temperature deformation-potential transport rate (linear in T)",
        topic="scattering",
        source=f"{SEED_002}; {SEED_000}; Ziman, Electrons and Phonons, ch. 9; "
        "Ashcroft & Mermin, Solid State Physics, ch. 26",
        symbols=[TAU_INV, D_POT, M_ELECTRON, K_B, K_F, TEMPERATURE, RHO, V_S, HBAR, VOLUME, Q,
                 MU, PHI],
        assumptions=[
            Assumption("free electrons ε_k = ħ²k²/(2m); initial state on the Fermi sphere, "
                       "|k| = k_F"),
            Assumption("one LA branch ω_q = v_s q up to q = 2k_F (no Debye cutoff, normal "
                       "processes only); |g_q|² = D²ħq/(2ρVv_s)"),
            Assumption("Fermi's golden rule, emission and absorption both counted, no spin sum "
                       "(spin conserved), Σ_q -> V∫d³q/(2π)³"),
            Assumption("quasi-elastic: ħω_q <= 2ħv_s k_F << E_F, δ(ε_{k+q} − ε_k ± ħω_q) -> "
                       "δ(ε_{k+q} − ε_k)", sp.StrictLessThan(2 * hbar * v_s * k_F,
                                                               hbar**2 * k_F**2 / (2 * m))),
            Assumption("equipartition for all phonons involved: T >> T_BG = 2ħv_s k_F/k_B "
                       "(Bloch-Grüneisen temperature), not only T >> Θ_D",
                       sp.StrictGreaterThan(T, 2 * hbar * v_s * k_F / k_B)),
            Assumption("transport (momentum-relaxation) rate, weight 1 − cos θ; not the "
                       "quasiparticle rate"),
        ],
        steps=steps,
        statement=sp.Eq(tau_inv, rate, evaluate=False),
        textbook=sp.Eq(tau_inv, D**2 * m * k_B * k_F / (sp.pi * rho * v_s**2 * hbar**3) * T,
                       evaluate=False),
        sample={mu: (-1.0, 1.0)},
    )


# ------------------------------------------------------------------ kernels
@kernel("scattering")
def _deformation_potential_rate_high_T_kernel() -> Kernel:
    return statement_kernel("deformation_potential_rate_high_T", ["T", "D", "m", "k_F", "rho", "v_s"],
                            "High-temperature deformation-potential transport rate 1/tau in 1/s")
