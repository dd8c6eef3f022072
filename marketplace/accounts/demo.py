"""Demo data for the portal: the federation, exchange staff, organisations of every kind and
their users. `manage.py seed_demo` is a thin wrapper around `demo_seed`.

The data is fixed (no randomness), and every step is idempotent: rows are looked up by their
natural keys (exchange code, tax code, e-mail address) and updated in place, so running the
seed twice creates nothing the second time. Later issues add steps (listings, pages,
negotiations): write a function `seed_something(ctx: DemoContext) -> None` and append it to
`STEPS`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import transaction

from listings.models import Sector
from listings.reference import sectors_load
from marketplace.core.text import fold_diacritics
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province
from marketplace.exchanges.reference import federation_load

from .models import Membership, Organisation, User
from .services import organisation_create, organisation_set_verified

# One password for every demo account; printed by seed_demo. Demo data only.
DEMO_PASSWORD = "vntx-demo-2026"  # noqa: S105
# A fixed salt makes the stored hash the same on every run, so a re-run can tell whether a
# password still is the demo one without re-hashing (PBKDF2 is slow on purpose). The salt is
# long enough (>= 22 characters) that Django does not ask to re-hash it at log-in.
_DEMO_SALT = "vntxDemoSeedFixedSalt2026"
DEMO_DOMAIN = "demo.vntx.vn"
DEMO_LOGIN_URL = "http://127.0.0.1:8000/accounts/login/"
SUPERUSER_EMAIL = f"admin@{DEMO_DOMAIN}"
NATIONAL_EXCHANGES = ("hanoi", "hcmc", "danang")

# The organisations whose owners are shown in the log-in block.
DEMO_INSTITUTE = "vien-cnsh"
DEMO_ENTERPRISE = "thuy-san-ca-mau"

K = Organisation.Kind
BILLION = 1_000_000_000
MILLION = 1_000_000


class OrgSpec(NamedTuple):
    key: str  # used for the website and the users' e-mail addresses
    kind: str
    name: str
    province: str  # province slug
    tax_code: str
    description: str
    interests: dict | None = None  # sectors, min_trl, spin_off, ticket=(min, max), provinces
    verified: bool = True


ORGANISATIONS: list[OrgSpec] = [
    # --- Research institutes ---------------------------------------------------------------
    OrgSpec("vien-cnsh", K.RESEARCH_INSTITUTE, "Viện Công nghệ Sinh học", "ha-noi", "0100111234",
            "Nghiên cứu và chuyển giao công nghệ sinh học trong nông nghiệp, y dược và bảo vệ môi "
            "trường. Viện có phòng thí nghiệm trọng điểm về công nghệ gen và nhiều quy trình sẵn "
            "sàng chuyển giao."),
    OrgSpec("vien-khvl", K.RESEARCH_INSTITUTE, "Viện Khoa học Vật liệu", "ha-noi", "0100222345",
            "Nghiên cứu vật liệu tiên tiến, vật liệu nano và linh kiện quang điện tử. Nhiều sáng "
            "chế về lớp phủ bảo vệ và pin mặt trời màng mỏng đang tìm đối tác thương mại hóa."),
    OrgSpec("vien-lua-dbscl", K.RESEARCH_INSTITUTE, "Viện Lúa Đồng bằng sông Cửu Long",
            "can-tho", "1800333456",
            "Chọn tạo giống lúa chịu mặn, chịu hạn và quy trình canh tác giảm phát thải cho vùng "
            "Đồng bằng sông Cửu Long.", verified=False),
    OrgSpec("vien-hai-duong-hoc", K.RESEARCH_INSTITUTE, "Viện Hải dương học", "khanh-hoa",
            "4200444567",
            "Nghiên cứu tài nguyên và môi trường biển, công nghệ nuôi trồng rong biển và phục hồi "
            "rạn san hô."),
    OrgSpec("vien-nttts-2", K.RESEARCH_INSTITUTE, "Viện Nghiên cứu Nuôi trồng Thủy sản II",
            "ho-chi-minh", "0300555678",
            "Nghiên cứu giống, thức ăn và phòng bệnh cho tôm, cá tra. Viện chuyển giao quy trình "
            "nuôi an toàn sinh học cho các tỉnh phía Nam."),
    OrgSpec("vien-nln-tay-nguyen", K.RESEARCH_INSTITUTE,
            "Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên", "dak-lak", "6000666789",
            "Nghiên cứu giống cà phê, hồ tiêu, ca cao và kỹ thuật canh tác bền vững cho vùng Tây "
            "Nguyên.", verified=False),
    OrgSpec("vien-cn-hoa-hoc", K.RESEARCH_INSTITUTE, "Viện Công nghệ Hóa học", "ho-chi-minh",
            "0300777890",
            "Nghiên cứu hóa dược, hợp chất thiên nhiên và xúc tác xanh; cung cấp dịch vụ phân tích "
            "và sản xuất thử nghiệm quy mô nhỏ."),
    OrgSpec("vien-cay-an-qua-mn", K.RESEARCH_INSTITUTE, "Viện Cây ăn quả miền Nam", "dong-thap",
            "1200888901",
            "Chọn tạo giống cây ăn quả và công nghệ bảo quản sau thu hoạch cho sầu riêng, thanh "
            "long và xoài."),
    # --- Universities ----------------------------------------------------------------------
    OrgSpec("dhbk-hn", K.UNIVERSITY, "Trường Đại học Bách khoa Hà Nội", "ha-noi", "0100112233",
            "Đại học kỹ thuật đa ngành với các nhóm nghiên cứu mạnh về tự động hóa, vật liệu và "
            "công nghệ thông tin. Văn phòng chuyển giao công nghệ hỗ trợ cấp phép sáng chế."),
    OrgSpec("dhbk-dn", K.UNIVERSITY, "Trường Đại học Bách khoa Đà Nẵng", "da-nang", "0400223344",
            "Đào tạo và nghiên cứu kỹ thuật cho miền Trung và Tây Nguyên, nổi bật về năng lượng "
            "tái tạo, cơ khí và công nghệ thực phẩm.", verified=False),
    OrgSpec("dhbk-hcm", K.UNIVERSITY,
            "Trường Đại học Bách khoa – Đại học Quốc gia TP. Hồ Chí Minh", "ho-chi-minh",
            "0300334455",
            "Nghiên cứu ứng dụng về vi mạch, hóa dầu, môi trường và xây dựng; hợp tác chặt chẽ "
            "với doanh nghiệp trong các khu công nghiệp phía Nam."),
    OrgSpec("dh-can-tho", K.UNIVERSITY, "Trường Đại học Cần Thơ", "can-tho", "1800445566",
            "Trung tâm nghiên cứu nông nghiệp, thủy sản và môi trường hàng đầu vùng Đồng bằng "
            "sông Cửu Long."),
    OrgSpec("dh-nong-lam-tn", K.UNIVERSITY, "Trường Đại học Nông Lâm – Đại học Thái Nguyên",
            "thai-nguyen", "4600556677",
            "Nghiên cứu giống chè, cây dược liệu và chăn nuôi an toàn cho các tỉnh trung du và "
            "miền núi phía Bắc.", verified=False),
    OrgSpec("dh-nong-lam-hue", K.UNIVERSITY, "Trường Đại học Nông Lâm – Đại học Huế", "hue",
            "3300667788",
            "Nghiên cứu nông nghiệp thích ứng với biến đổi khí hậu và chế biến nông sản vùng Bắc "
            "Trung Bộ."),
    OrgSpec("dh-vinh", K.UNIVERSITY, "Trường Đại học Vinh", "nghe-an", "2900778899",
            "Đại học đa ngành của Bắc Trung Bộ với các nhóm nghiên cứu về hóa học ứng dụng, nuôi "
            "trồng thủy sản và công nghệ thông tin."),
    OrgSpec("dh-nha-trang", K.UNIVERSITY, "Trường Đại học Nha Trang", "khanh-hoa", "4200889900",
            "Đào tạo và nghiên cứu về nuôi trồng, chế biến và bảo quản hải sản, đóng tàu cá.",
            verified=False),
    # --- Enterprises (three of them branches: tax code + "-NNN") ----------------------------
    OrgSpec("thuy-san-ca-mau", K.ENTERPRISE, "Công ty Cổ phần Thủy sản Cà Mau", "ca-mau",
            "2000123456",
            "Nuôi và chế biến tôm xuất khẩu theo chuỗi khép kín từ ao nuôi đến nhà máy. Công ty "
            "đang tìm công nghệ xử lý nước và chế phẩm sinh học thay kháng sinh.",
            {"sectors": ["405", "208", "211"], "min_trl": 6,
             "ticket": (500 * MILLION, 5 * BILLION), "provinces": ["ca-mau", "can-tho"]}),
    OrgSpec("thuy-san-ca-mau-ct", K.ENTERPRISE,
            "Chi nhánh Công ty Cổ phần Thủy sản Cà Mau tại Cần Thơ", "can-tho", "2000123456-001",
            "Chi nhánh thu mua nguyên liệu và điều phối kho lạnh cho các vùng nuôi tôm quanh Cần "
            "Thơ.",
            {"sectors": ["405", "211"], "min_trl": 7}, verified=False),
    OrgSpec("co-khi-dong-anh", K.ENTERPRISE, "Công ty TNHH Cơ khí Chính xác Đông Anh", "ha-noi",
            "0101234567",
            "Gia công cơ khí chính xác và chế tạo khuôn mẫu cho ngành ô tô, xe máy. Công ty quan "
            "tâm công nghệ gia công CNC thông minh và robot hàn.",
            {"sectors": ["203", "202"], "min_trl": 7, "spin_off": True,
             "ticket": (1 * BILLION, 8 * BILLION),
             "provinces": ["ha-noi", "bac-ninh", "hung-yen"]}),
    OrgSpec("co-khi-dong-anh-dn", K.ENTERPRISE,
            "Chi nhánh Công ty TNHH Cơ khí Chính xác Đông Anh tại Đà Nẵng", "da-nang",
            "0101234567-001",
            "Chi nhánh phục vụ khách hàng miền Trung: bảo trì thiết bị và gia công chi tiết thay "
            "thế cho các nhà máy trong khu công nghiệp.",
            {"sectors": ["203"], "min_trl": 7}),
    OrgSpec("duoc-cuu-long", K.ENTERPRISE, "Công ty Cổ phần Dược phẩm Cửu Long", "vinh-long",
            "1500345678",
            "Sản xuất thuốc generic và thực phẩm chức năng từ dược liệu. Công ty tìm quy trình "
            "chiết xuất và bào chế mới để nhận chuyển giao.",
            {"sectors": ["303", "304", "104"], "min_trl": 6, "spin_off": True,
             "ticket": (2 * BILLION, 15 * BILLION)}),
    OrgSpec("dong-tau-hai-phong", K.ENTERPRISE, "Công ty Cổ phần Đóng tàu và Cơ khí Hải Phòng",
            "hai-phong", "0200456789",
            "Đóng mới và sửa chữa tàu vận tải, tàu cá vỏ thép. Công ty quan tâm vật liệu chống ăn "
            "mòn và hệ thống giám sát động cơ từ xa.",
            {"sectors": ["203", "205", "202"], "min_trl": 7,
             "ticket": (1 * BILLION, 10 * BILLION)}, verified=False),
    OrgSpec("ca-phe-bmt", K.ENTERPRISE, "Công ty TNHH Cà phê Buôn Ma Thuột", "dak-lak",
            "6000567890",
            "Thu mua, chế biến và rang xay cà phê đặc sản. Công ty cần công nghệ sấy, lên men có "
            "kiểm soát và truy xuất nguồn gốc.",
            {"sectors": ["211", "401", "406"], "min_trl": 6,
             "ticket": (300 * MILLION, 3 * BILLION),
             "provinces": ["dak-lak", "gia-lai", "lam-dong"]}),
    OrgSpec("ca-phe-bmt-hcm", K.ENTERPRISE,
            "Chi nhánh Công ty TNHH Cà phê Buôn Ma Thuột tại TP. Hồ Chí Minh", "ho-chi-minh",
            "6000567890-002",
            "Kho vận và phân phối cà phê rang xay cho hệ thống bán lẻ khu vực phía Nam.",
            {"sectors": ["211"], "min_trl": 8}),
    OrgSpec("det-may-nam-dinh", K.ENTERPRISE, "Công ty Cổ phần Dệt may Nam Định", "ninh-binh",
            "0600678901",
            "Sản xuất sợi, vải và hàng may mặc xuất khẩu. Công ty tìm công nghệ nhuộm tiết kiệm "
            "nước và tái chế sợi.",
            {"sectors": ["204", "207"], "min_trl": 7,
             "ticket": (1 * BILLION, 10 * BILLION)}, verified=False),
    OrgSpec("go-dong-nai", K.ENTERPRISE, "Công ty Cổ phần Chế biến Gỗ Đồng Nai", "dong-nai",
            "3600789012",
            "Sản xuất đồ gỗ nội thất xuất khẩu từ gỗ rừng trồng có chứng chỉ. Công ty quan tâm "
            "công nghệ biến tính gỗ và sơn gốc nước.",
            {"sectors": ["404", "205", "204"], "min_trl": 6}),
    OrgSpec("linh-kien-bac-ninh", K.ENTERPRISE, "Công ty TNHH Linh kiện Điện tử Bắc Ninh",
            "bac-ninh", "2300890123",
            "Lắp ráp bo mạch và linh kiện điện tử cho các nhà máy trong khu công nghiệp. Công ty "
            "cần giải pháp kiểm tra quang học tự động và quản lý sản xuất thông minh.",
            {"sectors": ["202", "102"], "min_trl": 7, "spin_off": True,
             "ticket": (2 * BILLION, 20 * BILLION)}),
    OrgSpec("che-tan-cuong", K.ENTERPRISE, "Công ty Cổ phần Chè Tân Cương Thái Nguyên",
            "thai-nguyen", "4600901234",
            "Trồng và chế biến chè xanh đặc sản theo tiêu chuẩn VietGAP. Công ty quan tâm thiết bị "
            "sao chè tự động và chế phẩm sinh học.",
            {"sectors": ["401", "211", "406"], "min_trl": 6}, verified=False),
    # --- Startups ---------------------------------------------------------------------------
    OrgSpec("agridrone", K.STARTUP, "Công ty TNHH Nông nghiệp Số AgriDrone", "ho-chi-minh",
            "0316012345",
            "Phát triển thiết bị bay không người lái phun thuốc và bản đồ sức khỏe cây trồng từ "
            "ảnh đa phổ.",
            {"sectors": ["401", "202", "102"], "min_trl": 4, "spin_off": True,
             "ticket": (500 * MILLION, 5 * BILLION)}),
    OrgSpec("mediai", K.STARTUP, "Công ty Cổ phần Công nghệ Y tế MediAI", "ha-noi", "0109123456",
            "Ứng dụng trí tuệ nhân tạo hỗ trợ đọc ảnh X-quang và CT cho bệnh viện tuyến tỉnh.",
            {"sectors": ["102", "302", "206"], "min_trl": 5, "spin_off": True}),
    OrgSpec("bao-bi-xanh", K.STARTUP, "Công ty TNHH Bao bì Sinh học Xanh", "da-nang",
            "0402123456",
            "Sản xuất bao bì phân hủy sinh học từ bã mía và tinh bột sắn để thay thế túi ni lông.",
            {"sectors": ["209", "205", "207"], "min_trl": 5, "spin_off": True,
             "provinces": ["da-nang", "quang-ngai"]}, verified=False),
    OrgSpec("aquasense", K.STARTUP, "Công ty TNHH Cảm biến Thủy sản AquaSense", "can-tho",
            "1801234567",
            "Cảm biến và ứng dụng di động theo dõi chất lượng nước ao nuôi theo thời gian thực.",
            {"sectors": ["405", "202"], "min_trl": 6, "spin_off": True}),
    OrgSpec("nang-luong-mekong", K.STARTUP, "Công ty Cổ phần Năng lượng Mặt trời Mê Kông",
            "an-giang", "1602345678",
            "Lắp đặt điện mặt trời áp mái kết hợp lưu trữ cho hộ nông nghiệp và trang trại.",
            {"sectors": ["202", "299"], "min_trl": 6}),
    OrgSpec("robot-viet", K.STARTUP, "Công ty TNHH Robot Công nghiệp Việt", "hung-yen",
            "0901234567",
            "Thiết kế cánh tay robot và băng tải thông minh cho doanh nghiệp vừa và nhỏ.",
            {"sectors": ["203", "202"], "min_trl": 5, "spin_off": True}, verified=False),
    OrgSpec("nano-hoa-lac", K.STARTUP, "Công ty TNHH Vật liệu Nano Hòa Lạc", "ha-noi",
            "0109876543",
            "Doanh nghiệp spin-off từ phòng thí nghiệm vật liệu nano, sản xuất hạt nano bạc kháng "
            "khuẩn cho dệt may và y tế.",
            {"sectors": ["210", "205"], "min_trl": 5, "spin_off": True}),
    # --- Investors --------------------------------------------------------------------------
    OrgSpec("quy-dmst-vn", K.INVESTOR, "Quỹ Đầu tư Đổi mới Sáng tạo Việt Nam", "ha-noi",
            "0108765432",
            "Đầu tư vốn mạo hiểm giai đoạn hạt giống và tiền series A vào doanh nghiệp khởi nghiệp "
            "công nghệ trên cả nước.",
            {"sectors": ["102", "202", "304", "406"], "min_trl": 4, "spin_off": True,
             "ticket": (2 * BILLION, 20 * BILLION)}),
    OrgSpec("quy-dmst-hcm", K.INVESTOR, "Quỹ Đầu tư Đổi mới Sáng tạo TP. Hồ Chí Minh",
            "ho-chi-minh", "0317654321",
            "Quỹ đầu tư khởi nghiệp tập trung vào công nghệ số, thiết bị y tế và công nghệ thực "
            "phẩm ở khu vực phía Nam.",
            {"sectors": ["102", "206", "211"], "min_trl": 5, "spin_off": True,
             "ticket": (1 * BILLION, 10 * BILLION),
             "provinces": ["ho-chi-minh", "dong-nai", "tay-ninh"]}, verified=False),
    OrgSpec("quy-khoi-nghiep-mien-trung", K.INVESTOR, "Quỹ Đầu tư Khởi nghiệp Miền Trung",
            "da-nang", "0401765432",
            "Đồng hành cùng doanh nghiệp khởi nghiệp miền Trung từ giai đoạn sản phẩm mẫu, ưu "
            "tiên kinh tế biển và chế biến nông sản.",
            {"sectors": ["405", "209", "211", "202"], "min_trl": 4, "spin_off": True,
             "ticket": (500 * MILLION, 5 * BILLION),
             "provinces": ["da-nang", "hue", "quang-ngai", "quang-tri", "khanh-hoa"]}),
    OrgSpec("dau-tu-nong-nghiep-xanh", K.INVESTOR,
            "Công ty Cổ phần Đầu tư Mạo hiểm Nông nghiệp Xanh", "lam-dong", "5801234567",
            "Đầu tư vào công nghệ nông nghiệp công nghệ cao, giống cây trồng và chế phẩm sinh học.",
            {"sectors": ["401", "406", "208"], "min_trl": 5,
             "ticket": (1 * BILLION, 15 * BILLION),
             "provinces": ["lam-dong", "dak-lak", "dong-thap", "an-giang"]}),
    # --- Intermediaries ---------------------------------------------------------------------
    OrgSpec("shtt-an-phat", K.INTERMEDIARY, "Công ty TNHH Tư vấn Sở hữu Trí tuệ An Phát",
            "ha-noi", "0105432109",
            "Tư vấn đăng ký sáng chế, định giá tài sản trí tuệ và soạn thảo hợp đồng chuyển giao "
            "công nghệ.", verified=False),
    OrgSpec("khoi-nghiep-da-nang", K.INTERMEDIARY,
            "Trung tâm Hỗ trợ Khởi nghiệp Sáng tạo Đà Nẵng", "da-nang", "0401098765",
            "Vườn ươm và chương trình tăng tốc cho dự án khởi nghiệp; kết nối nhà sáng lập với "
            "nhà đầu tư và chuyên gia."),
    OrgSpec("moi-gioi-cn-sai-gon", K.INTERMEDIARY, "Công ty Cổ phần Môi giới Công nghệ Sài Gòn",
            "ho-chi-minh", "0318765432",
            "Môi giới chuyển giao công nghệ giữa viện, trường và doanh nghiệp; tổ chức trình diễn "
            "công nghệ và kết nối cung cầu."),
    OrgSpec("tham-dinh-cn-hai-phong", K.INTERMEDIARY,
            "Công ty TNHH Thẩm định và Đánh giá Công nghệ Hải Phòng", "hai-phong", "0201987654",
            "Đánh giá trình độ công nghệ, thẩm định giá công nghệ và thiết bị cho dự án đầu tư.",
            verified=False),
    OrgSpec("dmst-nghe-an", K.INTERMEDIARY, "Trung tâm Đổi mới Sáng tạo Nghệ An", "nghe-an",
            "2901234567",
            "Hỗ trợ doanh nghiệp địa phương tìm kiếm công nghệ, thử nghiệm sản phẩm và tiếp cận "
            "các chương trình khoa học và công nghệ."),
    # --- Government bodies ------------------------------------------------------------------
    OrgSpec("so-khcn-quang-ninh", K.GOVERNMENT, "Sở Khoa học và Công nghệ tỉnh Quảng Ninh",
            "quang-ninh", "5700123456",
            "Cơ quan quản lý nhà nước về khoa học, công nghệ và đổi mới sáng tạo của tỉnh; đặt "
            "hàng nhiệm vụ khoa học phục vụ kinh tế biển và du lịch."),
    OrgSpec("so-khcn-thanh-hoa", K.GOVERNMENT, "Sở Khoa học và Công nghệ tỉnh Thanh Hóa",
            "thanh-hoa", "2800123456",
            "Quản lý hoạt động khoa học và công nghệ của tỉnh, hỗ trợ doanh nghiệp đổi mới công "
            "nghệ qua các chương trình cấp tỉnh.", verified=False),
    OrgSpec("so-khcn-gia-lai", K.GOVERNMENT, "Sở Khoa học và Công nghệ tỉnh Gia Lai", "gia-lai",
            "5900123456",
            "Quản lý hoạt động khoa học và công nghệ của tỉnh, ưu tiên công nghệ chế biến nông sản "
            "và năng lượng tái tạo."),
    OrgSpec("so-khcn-dong-thap", K.GOVERNMENT, "Sở Khoa học và Công nghệ tỉnh Đồng Tháp",
            "dong-thap", "1400123456",
            "Thúc đẩy ứng dụng công nghệ trong trồng lúa, cây ăn quả và nuôi trồng thủy sản của "
            "tỉnh."),
    OrgSpec("bql-hoa-lac", K.GOVERNMENT, "Ban Quản lý Khu Công nghệ cao Hòa Lạc", "ha-noi",
            "0100987654",
            "Quản lý và thu hút đầu tư vào Khu Công nghệ cao Hòa Lạc; hỗ trợ ươm tạo doanh nghiệp "
            "công nghệ.", verified=False),
]  # fmt: skip

# Exchange staff: (exchange code, role, full name, job title). E-mail: role.code@demo.vntx.vn.
STAFF = [
    ("hanoi", "curator", "Nguyễn Thị Thu Hà", "Chuyên viên thẩm định"),
    ("hanoi", "admin", "Trần Quốc Bảo", "Quản trị sàn"),
    ("hanoi", "broker", "Lê Minh Đức", "Chuyên viên môi giới công nghệ"),
    ("hcmc", "curator", "Phạm Ngọc Trâm", "Chuyên viên thẩm định"),
    ("hcmc", "admin", "Võ Thành Nhân", "Quản trị sàn"),
    ("hcmc", "broker", "Huỳnh Gia Khang", "Chuyên viên môi giới công nghệ"),
    ("danang", "curator", "Đặng Thị Thanh Thủy", "Chuyên viên thẩm định"),
    ("danang", "admin", "Phan Văn Hòa", "Quản trị sàn"),
    ("danang", "broker", "Hồ Ngọc Quý", "Chuyên viên môi giới công nghệ"),
    ("cantho", "curator", "Lý Thị Kim Ngân", "Chuyên viên thẩm định"),
    ("haiphong", "curator", "Bùi Đức Thắng", "Chuyên viên thẩm định"),
]
SUPERUSER_NAME = "Quản trị hệ thống VNTX"

# (owner's job title, second member's job title) by organisation kind.
JOB_TITLES = {
    K.RESEARCH_INSTITUTE: ("Trưởng phòng Quản lý khoa học", "Nghiên cứu viên chính"),
    K.UNIVERSITY: ("Trưởng phòng Khoa học và Công nghệ", "Giảng viên, trưởng nhóm nghiên cứu"),
    K.ENTERPRISE: ("Giám đốc", "Trưởng phòng Nghiên cứu và Phát triển"),
    K.STARTUP: ("Nhà sáng lập, Giám đốc điều hành", "Giám đốc công nghệ"),
    K.INVESTOR: ("Giám đốc đầu tư", "Chuyên viên phân tích đầu tư"),
    K.INTERMEDIARY: ("Giám đốc", "Chuyên viên môi giới công nghệ"),
    K.GOVERNMENT: ("Phó Giám đốc", "Chuyên viên phòng Quản lý công nghệ"),
}

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
           "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lâm", "Mai"]  # fmt: skip
_MIDDLE = (["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Công"],
           ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Kim"])  # fmt: skip
_GIVEN = (["Hùng", "Dũng", "Tuấn", "Nam", "Long", "Quang", "Hải", "Sơn", "Khoa", "Phúc",
           "Bình", "Trung", "Thắng", "Việt", "Cường", "Hiếu", "Khánh"],
          ["Lan", "Hương", "Mai", "Linh", "Hà", "Trang", "Thảo", "Ngân", "Yến", "Phương",
           "Hạnh", "Vy", "Nhung", "Quyên", "Oanh", "Dung", "Giang"])  # fmt: skip


def person_name(n: int) -> str:
    """The n-th demo person's Vietnamese full name (family, middle, given); deterministic."""
    female = n % 2
    family = _FAMILY[(n * 7 + n // 20) % len(_FAMILY)]
    middle = _MIDDLE[female][(n // 2) % len(_MIDDLE[female])]
    given = _GIVEN[female][(n * 5 + n // 17) % len(_GIVEN[female])]
    return f"{family} {middle} {given}"


def owner_email(key: str) -> str:
    return f"owner.{key}@{DEMO_DOMAIN}"


def member_email(key: str) -> str:
    return f"member.{key}@{DEMO_DOMAIN}"


def staff_email(code: str, role: str) -> str:
    return f"{role}.{code}@{DEMO_DOMAIN}"


def has_second_member(index: int) -> bool:
    return index % 2 == 0


# --- Results -------------------------------------------------------------------------------


@dataclass
class DemoLogin:
    label: str
    email: str
    note: str = ""


@dataclass
class DemoSummary:
    """What a run did (created/updated per kind of row) and what the database now holds."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    counts: dict[str, int] = field(default_factory=dict)
    organisations_by_kind: dict[str, int] = field(default_factory=dict)
    listing_lines: list[str] = field(default_factory=list)  # from listings.demo
    logins: list[DemoLogin] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    login_url: str = DEMO_LOGIN_URL

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    @property
    def updated_total(self) -> int:
        return sum(self.updated.values())

    def render_counts(self) -> str:
        c = self.counts
        lines = [
            "VNTX demo data",
            f"  Exchanges:      {c['exchanges']} ({c['national_exchanges']} national, "
            f"{c['local_centres']} local centres); provinces {c['provinces']}; "
            f"sectors {c['sectors']}",
            f"  Organisations:  {c['organisations']} ({c['verified_organisations']} verified) "
            f"in {c['organisation_provinces']} provinces and "
            f"{c['organisation_exchanges']} exchanges",
        ]
        lines += [f"    {kind:<20}{n:>4}" for kind, n in self.organisations_by_kind.items()]
        lines += [
            f"  Users:          {c['users']} ({c['exchange_staff_users']} exchange staff, "
            f"{c['superusers']} superuser(s)); memberships {c['memberships']}; "
            f"staff roles {c['staff_roles']}",
            *self.listing_lines,
            f"  Created this run: {self.created_total} ({_breakdown(self.created)})",
            f"  Updated this run: {self.updated_total} ({_breakdown(self.updated)})",
        ]
        return "\n".join(lines)

    def render_logins(self) -> str:
        width = max(len(login.label) for login in self.logins)
        email_width = max(len(login.email) for login in self.logins)
        lines = [
            "Demo log-ins",
            f"  Log in at {self.login_url}",
            f"  Password for every demo account: {self.password}",
        ]
        lines += [
            f"  {login.label:<{width}}  {login.email:<{email_width}}  {login.note}".rstrip()
            for login in self.logins
        ]
        return "\n".join(lines)

    def render(self) -> str:
        return f"{self.render_counts()}\n\n{self.render_logins()}"


def _breakdown(counter: Counter) -> str:
    names = [*COUNTED, *sorted(set(counter) - set(COUNTED))]
    return ", ".join(f"{name} {counter[name]}" for name in names if counter[name]) or "none"


# The kinds of rows the seed counts as created/updated, in the order they are printed. Steps
# added later extend this tuple.
COUNTED = ["exchanges", "provinces", "sectors", "users", "email_addresses", "staff_roles",
           "organisations", "memberships", "verifications", "listings",
           "listing_status_changes", "listing_interests", "nda_acceptances"]  # fmt: skip


@dataclass
class DemoContext:
    """Shared state of one run, handed to every step."""

    summary: DemoSummary
    password_hash: str
    stdout: object | None = None
    staff: dict[tuple[str, str], User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")


# --- Helpers -------------------------------------------------------------------------------


def _sync(obj, values: dict) -> bool:
    """Sets the fields that differ; True when something changed (the caller saves)."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def user_ensure(
    ctx: DemoContext,
    *,
    email: str,
    full_name: str,
    job_title: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """The demo user with this e-mail, created or brought back to the demo state, with a
    verified primary e-mail address in allauth so that they can log in at once."""
    from allauth.account.models import EmailAddress

    values = {
        "full_name": full_name,
        "job_title": job_title,
        "is_active": True,
        "is_staff": is_staff,
        "is_superuser": is_superuser,
        "password": ctx.password_hash,
    }
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, **values)
        ctx.summary.created["users"] += 1
    elif _sync(user, values):
        user.save()
        ctx.summary.updated["users"] += 1

    address, created = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if created:
        ctx.summary.created["email_addresses"] += 1
    elif _sync(address, {"verified": True, "primary": True}):
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
            primary=False
        )
        address.save()
        ctx.summary.updated["email_addresses"] += 1
    return user


def membership_ensure(ctx: DemoContext, *, user: User, organisation: Organisation, role: str):
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if created:
        ctx.summary.created["memberships"] += 1
    elif membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        ctx.summary.updated["memberships"] += 1
    return membership


def _home_exchange(province: Province, local_centres: dict[str, Exchange]) -> Exchange:
    """The local centre serving the province if there is one, else its default exchange."""
    return local_centres.get(province.slug) or province.default_exchange


def _verifier(ctx: DemoContext, exchange: Exchange) -> User:
    """A curator of the organisation's exchange, or of the national exchange above it."""
    return (
        ctx.staff.get((exchange.code, ExchangeStaff.Role.CURATOR))
        or ctx.staff[(exchange.national_exchange.code, ExchangeStaff.Role.CURATOR)]
    )


# --- Steps ---------------------------------------------------------------------------------


def seed_federation(ctx: DemoContext) -> None:
    """Exchanges, provinces and sectors (already loaded by the data migrations; re-applied so
    that the demo works on a database whose reference rows were edited or removed)."""
    before = (Exchange.objects.count(), Province.objects.count(), Sector.objects.count())
    federation_load(Exchange, Province)
    sectors_load(Sector)
    after = (Exchange.objects.count(), Province.objects.count(), Sector.objects.count())
    for name, old, new in zip(("exchanges", "provinces", "sectors"), before, after, strict=True):
        ctx.summary.created[name] += new - old
    ctx.say(f"Federation: {after[0]} exchanges, {after[1]} provinces, {after[2]} sectors")


def seed_exchange_staff(ctx: DemoContext) -> None:
    """A curator, an admin and a broker for each national exchange, curators for two local
    centres, and the platform superuser."""
    exchanges = {exchange.code: exchange for exchange in Exchange.objects.all()}
    for code, role, full_name, job_title in STAFF:
        user = user_ensure(
            ctx, email=staff_email(code, role), full_name=full_name, job_title=job_title
        )
        _, created = ExchangeStaff.objects.get_or_create(
            exchange=exchanges[code], user=user, role=role
        )
        if created:
            ctx.summary.created["staff_roles"] += 1
        ctx.staff[(code, role)] = user
    user_ensure(
        ctx,
        email=SUPERUSER_EMAIL,
        full_name=SUPERUSER_NAME,
        job_title="Quản trị hệ thống",
        is_staff=True,
        is_superuser=True,
    )
    ctx.say(f"Exchange staff: {len(STAFF)} roles and the superuser {SUPERUSER_EMAIL}")


def _interest_values(spec: OrgSpec) -> dict:
    interests = spec.interests or {}
    low, high = interests.get("ticket", (None, None))
    return {
        "interest_min_trl": interests.get("min_trl"),
        "interest_spin_off": interests.get("spin_off", False),
        "interest_ticket_min_vnd": low,
        "interest_ticket_max_vnd": high,
    }


def seed_organisations(ctx: DemoContext) -> None:
    """The organisations of ORGANISATIONS with an owner each, a second member for every other
    one, and the verification badge for those marked verified."""
    provinces = {province.slug: province for province in Province.objects.all()}
    sectors = {sector.code: sector for sector in Sector.objects.filter(parent__isnull=False)}
    local_centres = {}
    for centre in Exchange.objects.filter(kind=Exchange.Kind.LOCAL).prefetch_related("provinces"):
        for province in centre.provinces.all():
            local_centres.setdefault(province.slug, centre)

    for index, spec in enumerate(ORGANISATIONS):
        owner_title, member_title = JOB_TITLES[spec.kind]
        owner = user_ensure(
            ctx, email=owner_email(spec.key), full_name=person_name(index), job_title=owner_title
        )
        province = provinces[spec.province]
        interests = spec.interests or {}
        interest_sectors = [sectors[code] for code in interests.get("sectors", [])]
        interest_provinces = [provinces[slug] for slug in interests.get("provinces", [])]
        values = {
            "kind": spec.kind,
            "name": spec.name,
            "province": province,
            "home_exchange": _home_exchange(province, local_centres),
            "website": f"https://{spec.key}.example.vn",
            "description": spec.description,
            **_interest_values(spec),
        }
        organisation = Organisation.objects.filter(tax_code=spec.tax_code).first()
        if organisation is None:
            organisation = organisation_create(
                owner=owner,
                tax_code=spec.tax_code,
                interest_sectors=interest_sectors,
                interest_provinces=interest_provinces,
                **values,
            )
            ctx.summary.created["organisations"] += 1
            ctx.summary.created["memberships"] += 1  # the owner's, made by the service
        else:
            changed = _sync(organisation, {**values, "name_folded": fold_diacritics(spec.name)})
            if changed:
                organisation.full_clean(exclude=["name_folded"])
                organisation.save()
            for relation, wanted in (
                (organisation.interest_sectors, interest_sectors),
                (organisation.interest_provinces, interest_provinces),
            ):
                if {obj.pk for obj in relation.all()} != {obj.pk for obj in wanted}:
                    relation.set(wanted)
                    changed = True
            if changed:
                ctx.summary.updated["organisations"] += 1
            membership_ensure(
                ctx, user=owner, organisation=organisation, role=Membership.Role.OWNER
            )

        if has_second_member(index):
            member = user_ensure(
                ctx,
                email=member_email(spec.key),
                full_name=person_name(index + 101),
                job_title=member_title,
            )
            membership_ensure(
                ctx, user=member, organisation=organisation, role=Membership.Role.MEMBER
            )

        if spec.verified and not organisation.is_verified:
            organisation = organisation_set_verified(
                actor=_verifier(ctx, organisation.home_exchange),
                organisation=organisation,
                verified=True,
            )
            ctx.summary.created["verifications"] += 1
        ctx.organisations[spec.key] = organisation
    ctx.say(f"Organisations: {len(ORGANISATIONS)} with their owners and members")


def seed_listings(ctx: DemoContext) -> None:
    """Technology offers and needs with their history, interest and NDA acceptances."""
    from listings.demo import listings_seed  # imported here: listings.demo imports this module

    listings_seed(ctx)


def collect_logins(ctx: DemoContext) -> None:
    """The accounts printed at the end: one per audience a demo usually needs."""
    logins = ctx.summary.logins
    for key, label in (
        (DEMO_INSTITUTE, "Institute member"),
        (DEMO_ENTERPRISE, "Enterprise member"),
    ):
        organisation = ctx.organisations.get(key) or Organisation.objects.get(
            memberships__user__email=owner_email(key), memberships__role=Membership.Role.OWNER
        )
        logins.append(DemoLogin(label, owner_email(key), f"owner of {organisation.name}"))
    for code in NATIONAL_EXCHANGES:
        exchange = Exchange.objects.get(code=code)
        logins.append(
            DemoLogin(
                f"Curator, {exchange.short_name or code}",
                staff_email(code, "curator"),
                exchange.name_vi,
            )
        )
    logins.append(DemoLogin("Superuser", SUPERUSER_EMAIL, "/django-admin/ and /cms-admin/"))


# The steps of a run, in order. Later issues append theirs (listings, pages, negotiations);
# every step must be idempotent and deterministic.
STEPS: list[Callable[[DemoContext], None]] = [
    seed_federation,
    seed_exchange_staff,
    seed_organisations,
    seed_listings,
    collect_logins,
]


def _final_counts(summary: DemoSummary) -> None:
    organisations = Organisation.objects.all()
    summary.counts = {
        "exchanges": Exchange.objects.count(),
        "national_exchanges": Exchange.objects.filter(kind=Exchange.Kind.NATIONAL).count(),
        "local_centres": Exchange.objects.filter(kind=Exchange.Kind.LOCAL).count(),
        "provinces": Province.objects.count(),
        "sectors": Sector.objects.count(),
        "organisations": organisations.count(),
        "verified_organisations": organisations.filter(verified_at__isnull=False).count(),
        "organisation_provinces": organisations.values("province").distinct().count(),
        "organisation_exchanges": organisations.values("home_exchange").distinct().count(),
        "users": User.objects.count(),
        "exchange_staff_users": User.objects.filter(exchange_roles__isnull=False)
        .distinct()
        .count(),
        "superusers": User.objects.filter(is_superuser=True).count(),
        "memberships": Membership.objects.count(),
        "staff_roles": ExchangeStaff.objects.count(),
    }
    summary.organisations_by_kind = {
        kind: organisations.filter(kind=kind).count() for kind in Organisation.Kind.values
    }
    from listings.demo import listing_summary_lines

    summary.listing_lines = listing_summary_lines()


def demo_seed(*, stdout=None, steps: list[Callable[[DemoContext], None]] | None = None):
    """Loads the demo data and returns a DemoSummary. `stdout` (any object with write())
    receives one progress line per step.

    Each step commits on its own (every step is idempotent, so a run that failed half-way is
    completed by the next one). The search-index tasks that the services queue on commit then
    run per step: the organisations' re-index tasks find no listings yet and do nothing, and
    the listings step indexes its listings in one bulk task (with Elasticsearch; the embedded
    engine fills itself from the database), instead of every organisation task re-indexing
    the demo listings in turn."""
    summary = DemoSummary()
    ctx = DemoContext(
        summary=summary,
        password_hash=make_password(DEMO_PASSWORD, salt=_DEMO_SALT),
        stdout=stdout,
    )
    for step in STEPS if steps is None else steps:
        with transaction.atomic():
            step(ctx)
    _final_counts(summary)
    return summary
