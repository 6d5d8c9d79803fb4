"""Pages of dossiers whose count is bounded: exact up to `selectors.COUNT_LIMIT`, past it the
limit and `count_more` (counting a province's millions of dossiers would cost more than the
page — issue 16 §1)."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response

from cchc.api.pagination import Pagination

from ..selectors import BoundedPaginator


class BoundedPagination(Pagination):
    django_paginator_class = BoundedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        count = self.page.paginator.count if self.page is not None else 0
        response.data["count_more"] = bool(getattr(count, "more", False))
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count"]["description"] = (
            "Số hồ sơ, đếm chính xác đến 10 000; nhiều hơn thì count_more là true."
        )
        paged["properties"]["count_more"] = {"type": "boolean", "example": False}
        return paged
