"""The JSON parser of the API: refuses bodies nested deeper than `MAX_DEPTH` before parsing
them (Python's parser recurses; a few hundred brackets used to end in a server error, even
without signing in — issue 15 §2) and NUL characters (PostgreSQL cannot store them). Both
checks are iterative."""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

# No request of the API nests deeper than a handful of levels; the history import's records
# are the deepest (a list of records holding lists of objects).
MAX_DEPTH = 32

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting_depth(text: str) -> int:
    """How deep the brackets of a JSON text go, outside strings (no recursion)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(_STEP[c] for c in brackets), default=0)


def _has_nul(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


class StrictJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except (UnicodeDecodeError, AttributeError) as exc:
            raise ParseError(_("Dữ liệu JSON không đọc được.")) from exc
        if nesting_depth(text) > MAX_DEPTH:
            raise ParseError(
                _("Dữ liệu JSON lồng nhau quá %(n)d cấp.") % {"n": MAX_DEPTH}, code="too_deep"
            )
        try:
            data = json.loads(text, parse_constant=json.strict_constant)
        except ValueError as exc:
            raise ParseError(_("Dữ liệu JSON không hợp lệ: %(e)s") % {"e": exc}) from exc
        if _has_nul(data):
            raise ParseError(_("Dữ liệu chứa ký tự NUL không hợp lệ."))
        return data
