"""Life events (sự kiện đời sống): the way a citizen thinks of what they need, mapped to the
catalogue by sector tags and by words of the procedure's name (folded, no diacritics)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.catalogue.constants import Sector
from cchc.catalogue.models import Procedure
from cchc.core.text import fold


@dataclass(frozen=True)
class LifeEvent:
    slug: str
    label: str | Promise
    sectors: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def matches(self, procedure: Procedure) -> bool:
        if set(self.sectors) & set(procedure.sectors or ()):
            return True
        name = fold(procedure.name)
        return any(word in name for word in self.words)


LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent("sinh-con", _("Sinh con"), words=("khai sinh", "nhan cha", "nhan me")),
    LifeEvent("ket-hon", _("Kết hôn, gia đình"), words=("ket hon", "hon nhan", "ly hon")),
    LifeEvent(
        "noi-o",
        _("Nơi ở, cư trú"),
        sectors=(Sector.RESIDENCE,),
        words=("cu tru", "thuong tru", "tam tru"),
    ),
    LifeEvent(
        "dat-dai-xay-dung", _("Đất đai, xây nhà"), sectors=(Sector.LAND, Sector.CONSTRUCTION)
    ),
    LifeEvent("kinh-doanh", _("Kinh doanh, đầu tư"), sectors=(Sector.BUSINESS, Sector.INVESTMENT)),
    LifeEvent("hoc-tap", _("Học tập"), sectors=(Sector.EDUCATION,)),
    LifeEvent("suc-khoe", _("Khám chữa bệnh, y tế"), sectors=(Sector.HEALTH,)),
    LifeEvent("viec-lam", _("Việc làm, an sinh xã hội"), sectors=(Sector.LABOUR, Sector.SOCIAL)),
    LifeEvent(
        "giay-to", _("Chứng thực, lý lịch tư pháp"), sectors=(Sector.CERTIFICATION, Sector.JUSTICE)
    ),
    LifeEvent("qua-doi", _("Khi người thân qua đời"), words=("khai tu", "mai tang", "tu tuat")),
)

BY_SLUG = {event.slug: event for event in LIFE_EVENTS}


def filter_by_event(procedures: Iterable[Procedure], event: LifeEvent) -> list[Procedure]:
    return [p for p in procedures if event.matches(p)]
