"""Departments, district ubigeos and the CITE network (names as publicly known)."""

from __future__ import annotations

# INEI department codes; districts are real ubigeos of each department's capital
# province (a handful per department is enough for demo data).
DEPARTMENT_DISTRICTS: dict[str, tuple[str, ...]] = {
    "01": ("010101", "010102", "010201"),
    "02": ("020101", "020105", "021801"),
    "03": ("030101", "030201", "030103"),
    "04": ("040101", "040104", "040122", "040129"),
    "05": ("050101", "050104", "050401"),
    "06": ("060101", "060104", "060801"),
    "07": ("070101", "070102", "070106"),
    "08": ("080101", "080104", "080108"),
    "09": ("090101", "090118", "090701"),
    "10": ("100101", "100102", "100601"),
    "11": ("110101", "110107", "110201"),
    "12": ("120101", "120114", "120301"),
    "13": ("130101", "130102", "130104", "130105"),
    "14": ("140101", "140105", "140301"),
    "15": ("150101", "150103", "150132", "150135", "150140", "150142", "150801"),
    "16": ("160101", "160108", "160401"),
    "17": ("170101", "170102", "170301"),
    "18": ("180101", "180104", "180301"),
    "19": ("190101", "190301", "190302"),
    "20": ("200101", "200104", "200601"),
    "21": ("210101", "210401", "211101"),
    "22": ("220901", "220910", "220101"),
    "23": ("230101", "230110", "230104"),
    "24": ("240101", "240105", "240201"),
    "25": ("250101", "250105", "250107"),
}
DEPARTMENT_NAMES: dict[str, str] = {
    "01": "Amazonas",
    "02": "Áncash",
    "03": "Apurímac",
    "04": "Arequipa",
    "05": "Ayacucho",
    "06": "Cajamarca",
    "07": "Callao",
    "08": "Cusco",
    "09": "Huancavelica",
    "10": "Huánuco",
    "11": "Ica",
    "12": "Junín",
    "13": "La Libertad",
    "14": "Lambayeque",
    "15": "Lima",
    "16": "Loreto",
    "17": "Madre de Dios",
    "18": "Moquegua",
    "19": "Pasco",
    "20": "Piura",
    "21": "Puno",
    "22": "San Martín",
    "23": "Tacna",
    "24": "Tumbes",
    "25": "Ucayali",
}
DEPARTMENT_CODES: tuple[str, ...] = tuple(sorted(DEPARTMENT_NAMES))

# (code, name, ubigeo): names in the style of the public CITE network; codes ours.
CITES: tuple[tuple[str, str, str], ...] = (
    ("CITE01", "CITEccal Lima", "150128"),
    ("CITE02", "CITEmadera Lima", "150142"),
    ("CITE03", "CITEpesquero Callao", "070101"),
    ("CITE04", "CITEagroindustrial Ica", "110107"),
    ("CITE05", "CITEtextil Camélidos Arequipa", "040101"),
    ("CITE06", "CITEagroindustrial Chavimochic", "130101"),
    ("CITE07", "CITEccal Trujillo", "130101"),
    ("CITE08", "CITEproductivo Maynas", "160101"),
    ("CITE09", "CITEagroindustrial Huallaga", "100101"),
    ("CITE10", "CITEforestal Pucallpa", "250101"),
    ("CITE11", "CITEpesquero Amazónico Ahuashiyacu", "220901"),
    ("CITE12", "CITEagroindustrial Moquegua", "180101"),
    ("CITE13", "CITEtextil Camélidos Cusco", "080101"),
    ("CITE14", "CITEpesquero Piura", "200101"),
    ("CITE15", "CITEagroindustrial Oxapampa", "190301"),
    ("CITE16", "CITEproductivo Madre de Dios", "170101"),
    ("CITE17", "CITEagroindustrial VRAEM", "050101"),
    ("CITE18", "CITEproductivo Junín", "120101"),
)


def cite_for_department() -> dict[str, list[int]]:
    """Indexes of the CITEs located in each department."""
    found: dict[str, list[int]] = {code: [] for code in DEPARTMENT_CODES}
    for index, (_, _, ubigeo) in enumerate(CITES):
        found[ubigeo[:2]].append(index)
    return found
