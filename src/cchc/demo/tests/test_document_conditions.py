"""The demo catalogue reads the condition a component's text states (DOMAIN.md §2)."""

import pytest

from cchc.demo.catalogue import document_condition


@pytest.mark.parametrize(
    ("name", "condition"),
    [
        ("Văn bản ủy quyền (nếu ủy quyền)", "nếu ủy quyền"),
        ("Biên bản về việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)", "trường hợp trẻ bị bỏ rơi"),
        ("Giấy tờ, chứng cứ chứng minh sự kiện chết (một số trường hợp)", "một số trường hợp"),
        (
            "Văn bản xác nhận của cơ sở y tế (trẻ sinh ra do mang thai hộ)",
            "trẻ sinh ra do mang thai hộ",
        ),
        ("Chuyển đổi từ hộ kinh doanh: bản sao Giấy chứng nhận", "Chuyển đổi từ hộ kinh doanh"),
        ("Tùy trường hợp: văn bản của cơ quan quản lý", "Tùy trường hợp"),
        # Optional ("if any") and shown-not-handed-in components are not conditional.
        ("Giấy tờ ủy quyền (nếu có)", ""),
        ("Xuất trình: giấy tờ tùy thân", ""),
        ("Tờ khai đăng ký khai sinh", ""),
    ],
)
def test_document_condition(name, condition):
    assert document_condition(name) == condition
