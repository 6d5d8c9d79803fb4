"""What a dossier contributes to the daily rollups: one list, read by the models, the SQL that
fills the rollups (rebuild and incremental alike) and the queries.

Every counter is counted on one day of the dossier's life (its *role*): the day it was received,
the day its 2.1 clock ended, the day it was finished, returned or rated, or the day its
"still on time" window closed (DOMAIN.md §6, 2.1). A counter is either a 0/1 flag of the fact
row (`SUM(flag)`) or a number (`SUM(value)`), counted only when its day is set.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fact columns holding a day, and which counters are counted on that day.
DAY_COLUMNS = (
    "received_day",
    "ended_day",
    "window_closed_day",
    "finished_day",
    "returned_day",
    "rated_day",
)


@dataclass(frozen=True)
class Counter:
    name: str
    day: str  # one of DAY_COLUMNS
    expression: str  # SQL over the fact row `f`, a number
    help: str
    decimal: bool = False


C = Counter
COUNTERS: tuple[Counter, ...] = (
    # --- on the day of receipt (NgayTiepNhan): the default period rule of §6 ---
    C("received", "received_day", "1", "hồ sơ tiếp nhận"),
    C("online", "received_day", "f.online", "hồ sơ nộp trực tuyến (KenhThucHien = 2)"),
    C("online_counted", "received_day", "f.online_counted", "hồ sơ trực tuyến tính cho 3.3"),
    C("synced", "received_day", "f.synced", "đồng bộ Cổng DVC quốc gia (1.4)"),
    C("fee_due", "received_day", "f.fee_due", "hồ sơ có nghĩa vụ tài chính (mẫu số 3.6)"),
    C("paid_online", "received_day", "f.fee_due * f.paid_online", "thanh toán trực tuyến (3.6)"),
    C("fee_data", "received_day", "f.fee_data", "hồ sơ có dữ liệu phí, lệ phí (3.5)"),
    C(
        "paper_finished",
        "received_day",
        "f.paper_result * f.finished",
        "hồ sơ đã có kết quả của TTHC có kết quả giấy (mẫu số 4.1)",
    ),
    C(
        "e_result",
        "received_day",
        "f.paper_result * f.finished * f.e_result",
        "có kết quả điện tử (4.1)",
    ),
    C("digitised", "received_day", "f.digitised", "số hóa hồ sơ (4.2)"),
    C("reused", "received_day", "f.reused", "tái sử dụng dữ liệu số hóa (4.3)"),
    C("national_store", "received_day", "f.national_store", "lấy từ kho dữ liệu quốc gia (4.4)"),
    C("vneid", "received_day", "f.vneid", "xác thực VNeID (4.5)"),
    C("vneid_online", "received_day", "f.vneid * f.online", "trực tuyến và xác thực VNeID"),
    C("needs_routing", "received_day", "f.needs_routing", "cần luân chuyển giữa cơ quan"),
    C("routed", "received_day", "f.needs_routing * f.routed", "luân chuyển điện tử"),
    C("supplemented", "received_day", "f.supplemented", "có yêu cầu bổ sung"),
    C("resupplemented", "received_day", "f.resupplemented", "yêu cầu bổ sung hơn một lần"),
    # --- on the day the 2.1 clock ended ---
    C("ended", "ended_day", "1", "kết thúc (2.1)"),
    C("ended_early", "ended_day", "CASE WHEN f.timeliness = 1 THEN 1 ELSE 0 END", "trước hạn"),
    C("ended_on_time", "ended_day", "CASE WHEN f.timeliness = 2 THEN 1 ELSE 0 END", "đúng hạn"),
    C("ended_late", "ended_day", "CASE WHEN f.timeliness = 3 THEN 1 ELSE 0 END", "quá hạn"),
    # --- the day a dossier still in progress stops counting as on time ---
    C("window_closed", "window_closed_day", "1", "hết hạn khi đang xử lý (2.1)"),
    # --- finished (9/10): average processing time (2.2) ---
    C("finished", "finished_day", "1", "đã xử lý xong"),
    C(
        "processing_hours",
        "finished_day",
        "f.processing_hours",
        "tổng thời gian xử lý (giờ, theo đơn vị của thủ tục)",
        decimal=True,
    ),
    C("returned", "returned_day", "1", "đã trả kết quả"),
    # --- the applicant's rating (DossierRating) ---
    C("rated_1", "rated_day", "CASE WHEN f.rating = 1 THEN 1 ELSE 0 END", "Không hài lòng"),
    C("rated_2", "rated_day", "CASE WHEN f.rating = 2 THEN 1 ELSE 0 END", "Hài lòng"),
    C("rated_3", "rated_day", "CASE WHEN f.rating = 3 THEN 1 ELSE 0 END", "Rất hài lòng"),
)

COUNTER_NAMES = tuple(c.name for c in COUNTERS)
# Counters summed from the beginning of time for the 2.1 stock of dossiers in progress.
CUMULATIVE = ("received", "ended", "window_closed")
