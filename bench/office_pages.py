"""The officers' pages at province scale (issue 16 §1): the office home, every queue, queue
search by code and by applicant name, the dossier page and the dossier API, for provincial
officers and for the province-wide monitor, each measured by `province.closed_loop`.

The accounts are the demo's: `xuly.tinh` (processing at every department: the largest
queues), `tiepnhan.tinh` (receiving at the provincial service centre), `lanhdao.tinh`
(approver at every department) and `giamsat` (monitor, sees the whole province).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

TARGET_MS = 300.0
OFFICER = "xuly.tinh"
MONITOR = "giamsat"
ACCOUNTS = (OFFICER, "tiepnhan.tinh", "lanhdao.tinh", MONITOR)
# A full name the province generator gives to a few hundred dossiers.
NAME = "Hoàng Thị Lụa"
NAME_FOLDED = "hoang thi lua"

# Per account: a session cookie, an API token, and the newest dossier it may see (its code
# for the search and the dossier page).
SESSION_SCRIPT = r"""
import json
import django
django.setup()
from django.test import Client
from rest_framework.authtoken.models import Token
from cchc.accounts.models import User
from cchc.dossiers.selectors import visible_dossiers
out = {}
for username in USERNAMES:
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user, backend="cchc.accounts.backends.IdentityNumberBackend")
    code = visible_dossiers(user).order_by("-id").values_list("code", flat=True).first()
    out[username] = {
        "session": client.cookies["sessionid"].value,
        "token": Token.objects.get_or_create(user=user)[0].key,
        "code": code,
    }
print(json.dumps(out))
"""


def session_script() -> str:
    return SESSION_SCRIPT.replace("USERNAMES", json.dumps(list(ACCOUNTS)))


QUEUES = (
    ("mine", "cua-toi"),
    ("waiting for receipt", "cho-tiep-nhan"),
    ("waiting for approval", "cho-phe-duyet"),
    ("my agency", "co-quan"),
    ("due soon", "sap-den-han"),
    ("late", "qua-han"),
    ("at another agency", "cho-co-quan-khac"),
    ("waiting for applicant", "cho-nguoi-nop"),
    ("all", "tat-ca"),
)


def urls(accounts: dict[str, dict[str, Any]]) -> list[tuple[str, str, dict[str, str]]]:
    """(name, path, headers) of every page of the goal, officer's first, then the monitor's."""

    def page(user: str) -> dict[str, str]:
        return {"Cookie": f"sessionid={accounts[user]['session']}"}

    def api(user: str) -> dict[str, str]:
        return {"Authorization": f"Token {accounts[user]['token']}"}

    officer, monitor = accounts[OFFICER], accounts[MONITOR]
    rows: list[tuple[str, str, dict[str, str]]] = [
        ("office home, officer", "/mot-cua/", page(OFFICER)),
        ("office home, receiving officer", "/mot-cua/", page("tiepnhan.tinh")),
        ("office home, approver", "/mot-cua/", page("lanhdao.tinh")),
        ("office home, monitor", "/mot-cua/", page(MONITOR)),
    ]
    for label, slug in QUEUES:
        rows.append((f"queue {label}, officer", f"/mot-cua/hang-doi/{slug}/", page(OFFICER)))
    rows += [
        ("queue waiting for receipt, receiving officer", "/mot-cua/hang-doi/cho-tiep-nhan/",
         page("tiepnhan.tinh")),
        ("queue waiting for approval, approver", "/mot-cua/hang-doi/cho-phe-duyet/",
         page("lanhdao.tinh")),
        ("queue all, monitor", "/mot-cua/hang-doi/tat-ca/", page(MONITOR)),
        ("queue late, monitor", "/mot-cua/hang-doi/qua-han/", page(MONITOR)),
        ("queue search code, officer", f"/mot-cua/hang-doi/tat-ca/?q={officer['code']}",
         page(OFFICER)),
        ("queue search name, officer", f"/mot-cua/hang-doi/tat-ca/?q={quote(NAME)}",
         page(OFFICER)),
        ("queue search name without accents, officer",
         f"/mot-cua/hang-doi/tat-ca/?q={quote(NAME_FOLDED)}", page(OFFICER)),
        ("queue search code, monitor", f"/mot-cua/hang-doi/tat-ca/?q={monitor['code']}",
         page(MONITOR)),
        ("queue search name without accents, monitor",
         f"/mot-cua/hang-doi/tat-ca/?q={quote(NAME_FOLDED)}", page(MONITOR)),
        ("dossier page, officer", f"/mot-cua/ho-so/{officer['code']}/", page(OFFICER)),
        ("dossier page, monitor", f"/mot-cua/ho-so/{monitor['code']}/", page(MONITOR)),
        ("API list, officer", "/api/v1/dossiers", api(OFFICER)),
        ("API search code, officer", f"/api/v1/dossiers?q={officer['code']}", api(OFFICER)),
        ("API search name, officer", f"/api/v1/dossiers?q={quote(NAME)}", api(OFFICER)),
        ("API list, monitor", "/api/v1/dossiers", api(MONITOR)),
        ("API search code, monitor", f"/api/v1/dossiers?q={monitor['code']}", api(MONITOR)),
        ("API search name without accents, monitor",
         f"/api/v1/dossiers?q={quote(NAME_FOLDED)}", api(MONITOR)),
    ]  # fmt: skip
    return rows
