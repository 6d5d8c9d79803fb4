"""The demo catalogue: 60 published procedures turned into the `cchc.catalogue/1` format.

Where the published record has no value (null, or service mode 'unknown') a plausible value is
filled in and the field is named in the procedure's `assumed` list, shown in the admin and API.
Process templates are realistic demo templates, also marked as assumed.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from cchc.catalogue.exchange import SCHEMA, import_catalogue

from .organisation import DATA

# Field → (sectors, provincial agency code)
FIELDS: dict[str, tuple[list[str], str]] = {
    "Hộ tịch": (["civil_status"], "H60.22"),
    "Chứng thực": (["certification"], "H60.22"),
    "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)": (["business"], "H60.23"),
    "Thành lập và hoạt động của doanh nghiệp": (["business"], "H60.23"),
    "Đăng ký, quản lý cư trú": (["residence"], "H60.30"),
    "Hoạt động xây dựng": (["construction"], "H60.24"),
    "Bảo trợ xã hội": (["social"], "H60.28"),
    "Đầu tư tại Việt nam": (["investment"], "H60.23"),
    "Sát hạch, cấp giấy phép lái xe": (["transport"], "H60.30"),
    "Văn bằng, chứng chỉ": (["education"], "H60.27"),
    "Việc làm (G07-LĐ11)": (["labour"], "H60.28"),
    "Trồng trọt": (["agriculture"], "H60.25"),
    "Đăng ký biện pháp bảo đảm": (["land"], "H60.31"),
    "Lý lịch tư pháp": (["justice"], "H60.22"),
    "Khám bệnh, chữa bệnh": (["health"], "H60.26"),
    "Lao động, tiền lương": (["labour"], "H60.28"),
    "Đất đai": (["land"], "H60.31"),
}
PROVINCE_FIELDS_FIRST = {"Đất đai", "Đăng ký biện pháp bảo đảm", "Sát hạch, cấp giấy phép lái xe"}
REUSABLE_WORDS = (
    "giấy chứng nhận",
    "giấy khai sinh",
    "trích lục",
    "giấy phép",
    "quyết định",
    "chứng chỉ",
    "văn bằng",
    "căn cước",
    "cccd",
)
# Shown, not handed in ("Xuất trình: …"), or brought only if one has it ("nếu có").
OPTIONAL_WORDS = ("nếu có", "xuất trình:")
# A component whose name states when it is needed is conditional (DOMAIN.md §2): required only
# when the condition applies, never blocking intake. The condition is the stated clause.
_CONDITION_IN_BRACKETS = re.compile(
    r"\((nếu (?!có\))[^)]*|trường hợp [^)]*|một số trường hợp|trẻ sinh ra do [^)]*)\)"
)
_CASE_PREFIX = re.compile(r"^(?!Xuất trình)([^:;()]{3,60}):\s")


def document_condition(name: str) -> str:
    """The condition a catalogue text states for a component ("" when always needed)."""
    if name.lower().startswith("tùy trường hợp"):
        return "Tùy trường hợp"
    bracket = _CONDITION_IN_BRACKETS.search(name)
    if bracket:
        return bracket.group(1)
    prefix = _CASE_PREFIX.match(name)
    return prefix.group(1) if prefix else ""


def _level(record: dict) -> str:
    level = record["level"] or ""
    if "cấp tỉnh" in level and (record["field"] in PROVINCE_FIELDS_FIRST or "cấp xã" not in level):
        return "province"
    return "commune" if "cấp xã" in level else "province"


def _duration(record: dict, assumed: list[str]) -> tuple[float, str, str | None]:
    unit_text = record.get("duration_unit") or ""
    duration = record.get("duration")
    cutoff = "15:00" if "15:00" in unit_text else None
    if unit_text.startswith("trong ngày"):
        unit = "same_day"
    elif unit_text.startswith("ngày làm việc"):
        unit = "working_days"
    elif unit_text.startswith("ngày"):
        unit = "calendar_days"
    else:
        unit = "working_days"
        assumed.append("duration_unit")
    if duration is None:
        duration = 0 if unit == "same_day" else 10
        assumed.append("duration")
    return float(duration), unit, cutoff


def _total_hours(duration: float, unit: str) -> float:
    if unit == "same_day":
        return 8
    if unit == "working_hours":
        return duration
    if unit == "calendar_days":
        return max(8, duration * 8 * 5 / 7)
    return max(4, duration * 8)


def _process(level: str, field: str, agency: str, total: float) -> list[dict[str, Any]]:
    """A realistic template: reception (10 %), processing, approval (20 %); land adds the tax
    authority's inter-agency step."""
    receive = max(1.0, round(total * 0.1, 1))
    approve = max(1.0, round(total * 0.2, 1))
    handler = None if level == "commune" else agency
    steps = [
        {"name": "Tiếp nhận, kiểm tra hồ sơ", "role": "receiving", "agency": None, "hours": receive}
    ]
    if field == "Đất đai" and level == "province":
        tax = max(1.0, round(total * 0.25, 1))
        steps += [
            {
                "name": "Thẩm định, xử lý hồ sơ",
                "role": "processing",
                "agency": handler,
                "hours": max(1.0, round(total - receive - approve - tax, 1)),
            },
            {
                "name": "Xác định nghĩa vụ tài chính (liên thông cơ quan thuế)",
                "role": "processing",
                "agency": "H60.32",
                "hours": tax,
            },
        ]
    else:
        steps.append(
            {
                "name": "Thẩm định, xử lý hồ sơ",
                "role": "processing",
                "agency": handler,
                "hours": max(1.0, round(total - receive - approve, 1)),
            }
        )
    steps.append(
        {
            "name": "Lãnh đạo phê duyệt, ký kết quả",
            "role": "approval",
            "agency": handler,
            "hours": approve,
        }
    )
    return steps


def _method(mode: str) -> str:
    ways = [
        "Nộp trực tiếp tại Trung tâm Phục vụ hành chính công (không phụ thuộc địa giới hành chính trong tỉnh)",
        "Qua dịch vụ bưu chính công ích",
    ]
    if mode != "in_person":
        ways.append("Trực tuyến trên Cổng Dịch vụ công quốc gia / Cổng dịch vụ công tỉnh")
    return "; ".join(ways)


def convert(record: dict, index: int) -> dict[str, Any]:
    assumed: list[str] = ["process", "publication_dates"]
    sectors, agency = FIELDS.get(record["field"], (["justice"], "H60.22"))
    level = _level(record)
    duration, unit, cutoff = _duration(record, assumed)
    mode = record.get("service_mode")
    if mode not in ("full_online", "partial_online", "in_person"):
        mode = "partial_online"
        assumed.append("service_mode")
    paper = record.get("paper_result")
    if paper is None:
        paper = True
        assumed.append("paper_result")
    fees = []
    for fee in record.get("fees") or []:
        amount = fee.get("amount_vnd")
        if amount is None:
            assumed.append("fees")
        fees.append(
            {"name": fee["name"], "amount": int(amount or 0), "note": fee.get("note") or ""}
        )
    documents = []
    for name in record.get("documents") or []:
        lowered = name.lower()
        documents.append(
            {
                "name": name,
                "required": not any(word in lowered for word in OPTIONAL_WORDS),
                "reusable": any(word in lowered for word in REUSABLE_WORDS),
                "condition": document_condition(name),
            }
        )
    # Publication dates: decisions of mid-2025 (the two-level reform); every seventh one late,
    # so the 766 transparency indicators have something to show.
    effective = datetime.date(2025, 7, 1)
    decision = effective - datetime.timedelta(days=2 if index % 7 == 3 else 14)
    published = decision + datetime.timedelta(days=12 if index % 9 == 4 else 3)
    total = _total_hours(duration, unit)
    return {
        "code": record["code"],
        "name": record["name"],
        "field": {
            "code": "LV-"
            + "".join(w[0] for w in record["field"].split() if w[0].isalpha()).upper(),
            "name": record["field"],
        },
        "level": level,
        "agencies": [] if level == "commune" else [agency],
        "competent_agency_kind": "commune_committee" if level == "commune" else None,
        "duration": duration,
        "duration_unit": unit,
        "cutoff_time": cutoff,
        "service_mode": mode,
        "paper_result": paper,
        "sectors": sectors,
        "internal": False,
        "on_national_portal": mode != "in_person",
        "sequence": "; ".join(
            step["name"] for step in _process(level, record["field"], agency, total)
        ),
        "method": _method(mode),
        "applicants": "Tổ chức, doanh nghiệp"
        if "doanh nghiệp" in record["field"]
        else "Công dân Việt Nam; tổ chức",
        "legal_basis": record.get("legal_basis") or "",
        "result_name": "",
        "decision_date": decision.isoformat(),
        "effective_date": effective.isoformat(),
        "published_date": published.isoformat(),
        "demo": True,
        "assumed": sorted(set(assumed)),
        "source": record.get("source") or "",
        "fees": fees,
        "documents": documents,
        "process": _process(level, record["field"], agency, total),
    }


def demo_catalogue() -> dict[str, Any]:
    with open(DATA / "procedures.json", encoding="utf-8") as f:
        records = json.load(f)
    procedures = [convert(record, i) for i, record in enumerate(records)]
    # Two internal procedures between agencies (area 2: internal procedures published).
    procedures.append(
        {
            "code": "NB.H60.001",
            "name": "Thẩm định hồ sơ đề nghị bổ nhiệm công chức lãnh đạo cấp phòng",
            "field": {"code": "LV-NV", "name": "Tổ chức cán bộ (nội bộ)"},
            "level": "province",
            "agencies": ["H60.28"],
            "duration": 10,
            "duration_unit": "working_days",
            "service_mode": "in_person",
            "paper_result": True,
            "sectors": [],
            "internal": True,
            "on_national_portal": False,
            "demo": True,
            "assumed": ["all"],
            "effective_date": "2025-07-01",
            "decision_date": "2025-06-10",
            "published_date": "2025-06-12",
            "process": _process("province", "", "H60.28", 80),
        }
    )
    return {"schema": SCHEMA, "procedures": procedures}


def load_catalogue() -> dict[str, Any]:
    result = import_catalogue(demo_catalogue())
    if result["errors"]:
        raise RuntimeError(f"demo catalogue rejected: {result['errors'][:3]}")
    return result
