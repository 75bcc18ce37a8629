"""The texts the derivations reproduce, each cited once here and referenced by the topic modules.

A :class:`Source` is a work (a seed file or a book); :meth:`Source.at` names a
place in it (section, chapter, equation) and :func:`cite` joins citations into
a derivation's ``source`` string.

Examples
--------
>>> cite(ZIMAN.at("ch. 9"), SEED_002)
'Ziman, Electrons and Phonons, ch. 9; seed 002_d04b400183ce67c6.txt'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALLEN_MITROVIC",
    "ASHCROFT_MERMIN",
    "BCS_1957",
    "DLMF",
    "FETTER_WALECKA",
    "GIULIANI_VIGNALE",
    "GRIMVALL",
    "KITTEL",
    "MAHAN",
    "SEED_000",
    "SEED_000_COUPLING",
    "SEED_000_SCATTERING",
    "SEED_002",
    "SEED_002_COUPLING",
    "SEED_002_SCATTERING",
    "SEED_002_SCREENING",
    "TINKHAM",
    "VARGA_1965",
    "YU_CARDONA",
    "ZIMAN",
    "Source",
    "cite",
]


@dataclass(frozen=True)
class Source:
    """A cited work: ``citation`` is how it is named in a derivation's source."""

    citation: str

    def at(self, where: str) -> str:
        """The work with a place in it: ``"<citation>, <where>"``."""
        return f"{self.citation}, {where}"

    def __str__(self) -> str:
        return self.citation


#: The project's own source texts (review texts on electron-phonon physics in metals, numbered 000-004).
SEED_000 = Source("seed 000_30078018b323409f.txt")
SEED_002 = Source("seed 002_d04b400183ce67c6.txt")

#: Sections of the seeds the derivations cite.
SEED_000_COUPLING = SEED_000.at("原理与机制 / 微观耦合机制")
SEED_000_SCATTERING = SEED_000.at("电子-声子散射与电阻率")
SEED_002_COUPLING = SEED_002.at("'Microscopic Coupling Mechanisms and Screening'")
SEED_002_SCATTERING = SEED_002.at("'Electron-Phonon Scattering and Electrical Resistivity'")
SEED_002_SCREENING = SEED_002.at("'Fröhlich Coupling and the Role of Screening'")

ASHCROFT_MERMIN = Source("Ashcroft & Mermin, Solid State Physics")
DLMF = Source("DLMF")
FETTER_WALECKA = Source("Fetter & Walecka, Quantum Theory of Many-Particle Systems")
GIULIANI_VIGNALE = Source("Giuliani & Vignale, Quantum Theory of the Electron Liquid")
GRIMVALL = Source("Grimvall, The Electron-Phonon Interaction in Metals")
KITTEL = Source("Kittel, Introduction to Solid State Physics")
MAHAN = Source("Mahan, Many-Particle Physics")
ZIMAN = Source("Ziman, Electrons and Phonons")
YU_CARDONA = Source("Yu & Cardona, Fundamentals of Semiconductors")
VARGA_1965 = Source("B. B. Varga, Phys. Rev. 137, A1896 (1965)")
BCS_1957 = Source("J. Bardeen, L. N. Cooper & J. R. Schrieffer, Phys. Rev. 108, 1175 (1957)")
TINKHAM = Source("Tinkham, Introduction to Superconductivity")
ALLEN_MITROVIC = Source("P. B. Allen & B. Mitrović, Solid State Phys. 37, 1 (1982)")


def cite(*parts: str | Source) -> str:
    """Citations joined by ``"; "`` (the ``source`` of a derivation)."""
    return "; ".join(str(p) for p in parts)
