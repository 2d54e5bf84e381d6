"""Peruvian person and company names, upper case as SUNAT writes them."""

from __future__ import annotations

import numpy as np

SURNAMES = (
    "QUISPE",
    "MAMANI",
    "HUAMÁN",
    "FLORES",
    "RODRÍGUEZ",
    "SÁNCHEZ",
    "GARCÍA",
    "GUTIÉRREZ",
    "CHÁVEZ",
    "RAMÍREZ",
    "PÉREZ",
    "VÁSQUEZ",
    "NÚÑEZ",
    "MUÑOZ",
    "IBÁÑEZ",
    "PEÑA",
    "ZÚÑIGA",
    "CÁRDENAS",
    "CÓRDOVA",
    "GÓMEZ",
    "LÓPEZ",
    "DÍAZ",
    "HERNÁNDEZ",
    "ÑAHUI",
    "CCORI",
    "CONDORI",
    "HUANCA",
    "MENDOZA",
    "CASTILLO",
    "ROJAS",
    "TORRES",
    "VARGAS",
    "ESPINOZA",
    "SALAZAR",
    "ALVARADO",
    "CHOQUE",
    "APAZA",
    "YUPANQUI",
    "TICONA",
    "PALOMINO",
    "CASTAÑEDA",
    "BRICEÑO",
    "ACUÑA",
    "CUBA",
    "VILLANUEVA",
    "ÁLVAREZ",
    "JIMÉNEZ",
    "MARTÍNEZ",
    "FERNÁNDEZ",
    "GONZÁLES",
    "RAMOS",
    "CRUZ",
    "REYES",
    "MORALES",
    "ORTIZ",
    "SILVA",
    "AGUILAR",
    "LUNA",
    "CAMPOS",
    "CARRIÓN",
    "MONTAÑEZ",
    "LEÓN",
    "ARÉVALO",
    "CANO",
    "ROMÁN",
    "HUAYTA",
    "CUTIPA",
    "LAURA",
    "INGA",
    "POMA",
    "PUMA",
    "CAHUANA",
    "OCAÑA",
)
MALE_NAMES = (
    "JOSÉ",
    "LUIS",
    "JUAN",
    "CARLOS",
    "JORGE",
    "MIGUEL",
    "VÍCTOR",
    "CÉSAR",
    "JESÚS",
    "ÁNGEL",
    "MARTÍN",
    "IVÁN",
    "RAÚL",
    "RAMÓN",
    "NICOLÁS",
    "JULIO",
    "FÉLIX",
    "ROBERTO",
    "EDGAR",
    "WILFREDO",
    "ELÍAS",
    "ANDRÉS",
    "SEBASTIÁN",
    "TOMÁS",
    "ÓSCAR",
    "HÉCTOR",
    "RUBÉN",
    "SAÚL",
    "DAVID",
    "PERCY",
)
FEMALE_NAMES = (
    "MARÍA",
    "ROSA",
    "ANA",
    "CARMEN",
    "JULIA",
    "ELENA",
    "INÉS",
    "SOFÍA",
    "LUCÍA",
    "MÓNICA",
    "VERÓNICA",
    "BEATRIZ",
    "NOEMÍ",
    "RAQUEL",
    "SILVIA",
    "PATRICIA",
    "MIRIAM",
    "YESENIA",
    "MARLENY",
    "GLADYS",
    "FLOR",
    "ROCÍO",
    "DÉBORA",
    "ANGÉLICA",
    "MARGARITA",
    "ISABEL",
    "JESÚS",
    "SALOMÉ",
    "NÉLIDA",
    "ZOILA",
)
COMPANY_PREFIXES = {
    "comercio": (
        "COMERCIALIZADORA",
        "DISTRIBUIDORA",
        "INVERSIONES",
        "NEGOCIACIONES",
        "IMPORTACIONES Y EXPORTACIONES",
        "BODEGA",
        "FERRETERÍA",
        "AUTOPARTES",
    ),
    "manufactura": (
        "INDUSTRIAS",
        "CONFECCIONES",
        "TEXTIL",
        "CALZADO",
        "MUEBLERÍA",
        "PANIFICADORA",
        "METALMECÁNICA",
        "AGROINDUSTRIAS",
        "LABORATORIOS",
        "CURTIEMBRE",
        "VIÑEDOS Y BODEGA",
        "PRODUCTOS LÁCTEOS",
    ),
    "servicios": (
        "SERVICIOS GENERALES",
        "CONSULTORÍA",
        "TRANSPORTES",
        "TURISMO",
        "RESTAURANT",
        "INGENIERÍA Y SERVICIOS",
        "TECNOLOGÍA",
        "LOGÍSTICA",
    ),
    "otros": (
        "CONSTRUCTORA",
        "AGRÍCOLA",
        "PESQUERA",
        "MINERA",
        "INMOBILIARIA",
        "ACUÍCOLA",
        "AGROPECUARIA",
    ),
    "unknown": ("INVERSIONES", "CORPORACIÓN", "GRUPO", "NEGOCIOS", "EMPRESA"),
}
COMPANY_CORES = (
    "SAN JUDAS TADEO",
    "LOS ANDES",
    "SEÑOR DE MURUHUAY",
    "SANTA ROSA",
    "ÑUSTA",
    "INCA",
    "EL PORVENIR",
    "SAN MARTÍN DE PORRES",
    "VIRGEN DE LA CANDELARIA",
    "MACHU PICCHU",
    "EL AMAUTA",
    "LA ESPAÑOLA",
    "SEÑOR DE LOS MILAGROS",
    "CORAZÓN DE JESÚS",
    "NUEVO AMANECER",
    "PACHACÚTEC",
    "SOL DE ORO",
    "CAÑETE",
    "HUARÁZ",
    "TÚPAC AMARU",
    "MIRAFLORES",
    "CHAVÍN",
    "ILLARI",
    "KUSI",
    "TAWANTINSUYO",
    "PACÍFICO SUR",
    "ORIÓN",
    "MUÑOZ",
    "NÚÑEZ",
    "PEÑA",
    "CASTAÑEDA",
    "IBÁÑEZ",
    "HNOS. QUISPE",
    "FAMILIA HUAMÁN",
)
COMPANY_SUFFIXES = ("S.A.C.", "E.I.R.L.", "S.R.L.", "S.A.", "S.A.A.")
SUFFIX_WEIGHTS = (0.52, 0.27, 0.13, 0.07, 0.01)


def _pick(rng: np.random.Generator, values: tuple[str, ...], n: int) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.integers(0, len(values), n)]


def person_names(rng: np.random.Generator, n: int) -> list[str]:
    """`PATERNO MATERNO NOMBRE [NOMBRE2]`, the padrón's order for persons."""
    paternal = _pick(rng, SURNAMES, n)
    maternal = _pick(rng, SURNAMES, n)
    female = rng.random(n) < 0.48
    first = np.where(female, _pick(rng, FEMALE_NAMES, n), _pick(rng, MALE_NAMES, n))
    second = np.where(female, _pick(rng, FEMALE_NAMES, n), _pick(rng, MALE_NAMES, n))
    has_second = rng.random(n) < 0.6
    return [
        f"{p} {m} {f} {s}" if two else f"{p} {m} {f}"
        for p, m, f, s, two in zip(
            paternal, maternal, first, second, has_second, strict=True
        )
    ]


def company_names(rng: np.random.Generator, sectors: list[str]) -> list[str]:
    """`<PREFIX> <CORE> <LEGAL FORM>`, the prefix fitting the firm's sector."""
    n = len(sectors)
    cores = _pick(rng, COMPANY_CORES, n)
    suffixes = np.asarray(COMPANY_SUFFIXES, dtype=object)[
        rng.choice(len(COMPANY_SUFFIXES), size=n, p=SUFFIX_WEIGHTS)
    ]
    prefix_draw = rng.random(n)
    names = []
    for sector, core, suffix, draw in zip(
        sectors, cores, suffixes, prefix_draw, strict=True
    ):
        options = COMPANY_PREFIXES[sector]
        prefix = options[int(draw * len(options))]
        names.append(f"{prefix} {core} {suffix}")
    return names
