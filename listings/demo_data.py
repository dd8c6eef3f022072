"""Hand-written templates of the demo listings that `seed_demo` loads (see listings.demo).

Each `Base` is one real-world technology (OFFERS) or one problem an organisation needs solved
(NEEDS), written once in Vietnamese and, for some, in English. The generator turns every base
into several listings by combining its three application targets with the three sizes of its
scale family, and by rotating its owners, provinces, IP statuses, cooperation types and price
forms. Nothing here is random; editing a text changes the demo, not its shape. External ids
number each exchange's listings in template order: add new templates at the end of a list so
that existing demo databases keep their ids (seed_demo is keyed by them).

Writing rules: a title reads well followed by one of its targets ("… cho vải y tế"), each
target being a phrase with a keyword; advantages are phrases that fit after "Ưu điểm nổi bật:"
/ "Main advantages:"; `confidential` is the part readers see after accepting the NDA. Use the
administrative units in force since 1 July 2025 (no districts): provinces are the 34 slugs of
spec/provinces.tsv.
"""

from typing import NamedTuple


class Text(NamedTuple):
    """A base's free text in one language."""

    title: str
    summary: str  # one or two sentences; the generator adds the variant's sentence
    what: str  # what it is and how it works (offers), or the situation (needs)
    advantages: tuple[str, ...]  # three phrases: advantages (offers), expected results (needs)
    targets: tuple[tuple[str, str], ...]  # three (phrase after the title, keyword) pairs
    keywords: tuple[str, ...]
    confidential: str  # the confidential details, read after the NDA


class Base(NamedTuple):
    key: str
    sectors: tuple[str, ...]  # level-2 sector codes
    owners: tuple[str, ...]  # keys of marketplace.accounts.demo.ORGANISATIONS
    provinces: tuple[str, ...]  # where it applies, rotated over the variants
    trl: int  # at the middle scale; the small one is a level lower, the large one higher
    cooperation: tuple[str, ...]
    price: int  # million đồng at the middle scale
    scales: str  # a key of SCALES
    vi: Text
    en: Text | None = None  # with English, some variants are written in English
    ip: tuple[str, ...] = ()  # offers: IP statuses, rotated over the variants


# Scale families: three sizes each, small to large, as (Vietnamese, English).
SCALES: dict[str, tuple[tuple[str, str], ...]] = {
    "material": (
        ("mẻ thử 5 kg", "5 kg trial batch"),
        ("quy mô pilot 200 kg/mẻ", "200 kg/batch pilot scale"),
        ("quy mô công nghiệp 5 tấn/ngày", "5 t/day industrial scale"),
    ),
    "pond": (
        ("ao nuôi 2.000 m²", "2,000 m² pond"),
        ("cụm ao 1 ha", "1 ha pond cluster"),
        ("vùng nuôi 20 ha", "20 ha farming area"),
    ),
    "line": (
        ("dây chuyền 500 kg/ngày", "500 kg/day line"),
        ("dây chuyền 2 tấn/ngày", "2 t/day line"),
        ("dây chuyền 10 tấn/ngày", "10 t/day line"),
    ),
    "farm": (
        ("quy mô nông hộ", "household scale"),
        ("quy mô hợp tác xã", "cooperative scale"),
        ("quy mô trang trại lớn", "large-farm scale"),
    ),
    "device": (
        ("bộ mẫu thử nghiệm", "prototype kit"),
        ("lô sản xuất nhỏ 50 bộ", "small series of 50 units"),
        ("phiên bản công nghiệp", "industrial version"),
    ),
    "software": (
        ("bản đám mây cho đơn vị nhỏ", "cloud edition for small organisations"),
        ("bản cài đặt tại chỗ", "on-premises edition"),
        ("bản tích hợp qua API", "API integration edition"),
    ),
    "seed": (
        ("hạt giống tác giả", "breeder seed"),
        ("hạt giống nguyên chủng", "foundation seed"),
        ("hạt giống xác nhận", "certified seed"),
    ),
    "energy": (
        ("hệ 5 kW", "5 kW system"),
        ("hệ 50 kW", "50 kW system"),
        ("hệ 500 kW", "500 kW system"),
    ),
    "greenhouse": (
        ("nhà màng 500 m²", "500 m² greenhouse"),
        ("nhà màng 2.000 m²", "2,000 m² greenhouse"),
        ("cụm nhà màng 1 ha", "1 ha greenhouse cluster"),
    ),
    "waste": (
        ("thiết bị 50 kg/giờ", "50 kg/h unit"),
        ("thiết bị 150 kg/giờ", "150 kg/h unit"),
        ("thiết bị 500 kg/giờ", "500 kg/h unit"),
    ),
    "hospital": (
        ("gói cho trạm y tế xã", "commune health-station package"),
        ("gói cho bệnh viện khu vực", "regional hospital package"),
        ("gói cho bệnh viện tuyến tỉnh", "provincial hospital package"),
    ),
    "bio": (
        ("mẻ sản xuất 100 lít", "100-litre batches"),
        ("mẻ sản xuất 1.000 lít", "1,000-litre batches"),
        ("nhà máy 10 tấn/tháng", "10 t/month plant"),
    ),
    "nursery": (
        ("10.000 cây giống/năm", "10,000 plantlets a year"),
        ("100.000 cây giống/năm", "100,000 plantlets a year"),
        ("500.000 cây giống/năm", "500,000 plantlets a year"),
    ),
    "lab": (
        ("mẫu phòng thí nghiệm", "laboratory samples"),
        ("tổng hợp quy mô gam", "gram-scale synthesis"),
        ("thiết kế quy mô pilot", "pilot-scale design"),
    ),
    "station": (
        ("5 trạm quan trắc", "5 monitoring stations"),
        ("mạng 20 trạm", "20-station network"),
        ("mạng 100 trạm", "100-station network"),
    ),
    "shore": (
        ("đoạn thử nghiệm 100 m", "100 m trial stretch"),
        ("tuyến 500 m", "500 m stretch"),
        ("tuyến 2 km", "2 km stretch"),
    ),
    "vessel": (
        ("tàu dưới 15 m", "boats under 15 m"),
        ("tàu 15–24 m", "15–24 m boats"),
        ("tàu trên 24 m", "boats over 24 m"),
    ),
    "water": (
        ("công suất 50 m³/ngày", "50 m³/day capacity"),
        ("công suất 300 m³/ngày", "300 m³/day capacity"),
        ("công suất 1.500 m³/ngày", "1,500 m³/day capacity"),
    ),
    "school": (
        ("gói cho một trường", "single-school package"),
        ("gói cho cụm 10 trường", "package for 10 schools"),
        ("gói triển khai toàn tỉnh", "province-wide package"),
    ),
    "collection": (
        ("bộ sưu tập 100 hiện vật", "collection of 100 artefacts"),
        ("bảo tàng cấp tỉnh", "provincial museum"),
        ("quần thể di tích", "heritage complex"),
    ),
    # Needs
    "area": (
        ("thí điểm 5 ha", "5 ha pilot"),
        ("vùng 50 ha", "50 ha area"),
        ("vùng nguyên liệu 500 ha", "500 ha sourcing area"),
    ),
    "logistics": (
        ("thí điểm 5 xe và 2 kho", "pilot with 5 trucks and 2 cold rooms"),
        ("20 xe và 5 kho", "20 trucks and 5 cold rooms"),
        ("toàn bộ mạng lưới kho vận", "the whole logistics network"),
    ),
    "plant": (
        ("thí điểm một phân xưởng", "pilot in one workshop"),
        ("triển khai toàn nhà máy", "whole-plant roll-out"),
        ("nhân rộng ba nhà máy", "roll-out to three plants"),
    ),
    "fleet": (
        ("thí điểm 2 tàu", "2-vessel pilot"),
        ("đội 10 tàu", "10-vessel fleet"),
        ("toàn bộ đội tàu", "the whole fleet"),
    ),
    "province": (
        ("thí điểm tại 3 xã", "pilot in 3 communes"),
        ("mở rộng 15 xã", "15 communes"),
        ("triển khai toàn tỉnh", "province-wide roll-out"),
    ),
    "park": (
        ("thí điểm một tòa nhà", "one-building pilot"),
        ("một phân khu", "one zone"),
        ("toàn khu công nghệ cao", "the whole high-tech park"),
    ),
}


OFFERS: list[Base] = [
    Base(
        key="nano-silver",
        sectors=("210", "205"),
        owners=("vien-khvl", "nano-hoa-lac"),
        provinces=("ha-noi", "bac-ninh", "hung-yen", "ho-chi-minh"),
        trl=6,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=800,
        scales="material",
        vi=Text(
            title="Lớp phủ nano bạc kháng khuẩn",
            summary=(
                "Dung dịch nano bạc ổn định, kích thước hạt 10–20 nm, bám chắc trên bề mặt và diệt "
                "trên 99,9% vi khuẩn thường gặp sau 24 giờ."
            ),
            what=(
                "Công nghệ khử hóa học xanh tạo hạt nano bạc trên nền polyme tự nhiên, sau đó phối "
                "trộn thành dung dịch phủ hoặc phụ gia. Lớp phủ giữ hiệu quả kháng khuẩn sau nhiều "
                "chu kỳ giặt hoặc lau rửa và không làm đổi màu vật liệu nền."
            ),
            advantages=(
                "hàm lượng bạc thấp, dưới 50 ppm, nên giá thành cạnh tranh",
                "không dùng dung môi độc hại trong quá trình tổng hợp",
                "dễ tích hợp vào dây chuyền ngâm, phun hoặc cán phủ sẵn có",
            ),
            targets=(
                ("cho vải y tế", "vải y tế"),
                ("cho sơn tường nội thất", "sơn kháng khuẩn"),
                ("cho bao bì thực phẩm", "bao bì kháng khuẩn"),
            ),
            keywords=("nano bạc", "kháng khuẩn", "lớp phủ", "vật liệu nano"),
            confidential=(
                "Công thức chất ổn định, nhiệt độ và thời gian khử, quy trình kiểm soát kích thước "
                "hạt bằng phổ UV-Vis."
            ),
        ),
        en=Text(
            title="Antibacterial nano-silver coating",
            summary=(
                "A stable nano-silver dispersion with 10–20 nm particles that bonds to surfaces "
                "and kills over 99.9% of common bacteria within 24 hours."
            ),
            what=(
                "Silver nanoparticles are made by green chemical reduction on a natural polymer "
                "carrier and formulated as a coating or an additive. The coating stays "
                "antibacterial after repeated washing or wiping and does not discolour the "
                "substrate."
            ),
            advantages=(
                "low silver content, under 50 ppm, keeps the cost competitive",
                "no toxic solvents in the synthesis",
                "fits existing dipping, spraying or roll-coating lines",
            ),
            targets=(
                ("for medical textiles", "medical textiles"),
                ("for interior wall paint", "antibacterial paint"),
                ("for food packaging", "antibacterial packaging"),
            ),
            keywords=("nano-silver", "antibacterial", "coating", "nanomaterials"),
            confidential=(
                "Stabiliser formulation, reduction temperature and time, and particle-size control "
                "by UV-Vis spectroscopy."
            ),
        ),
        ip=("patent_granted", "patent_pending", "trade_secret"),
    ),
    Base(
        key="shrimp-water",
        sectors=("405", "208"),
        owners=("vien-nttts-2", "dh-can-tho", "aquasense"),
        provinces=("ca-mau", "can-tho", "vinh-long", "an-giang", "ha-tinh"),
        trl=7,
        cooperation=("technical_assistance", "licence", "equipment_sale"),
        price=350,
        scales="pond",
        vi=Text(
            title="Quy trình xử lý nước ao nuôi tôm bằng vi sinh và ô-zôn",
            summary=(
                "Kết hợp chế phẩm vi sinh bản địa với hệ ô-zôn liều thấp để kiểm soát khí độc và "
                "mầm bệnh trong ao tôm thẻ chân trắng, giảm thay nước và không dùng kháng sinh."
            ),
            what=(
                "Quy trình gồm ao lắng xử lý ô-zôn, bể ủ vi sinh tại chỗ và lịch bổ sung chế phẩm "
                "theo chỉ số NH3, NO2 đo hằng ngày. Vi khuẩn Bacillus và vi khuẩn nitrat hóa được "
                "phân lập từ chính vùng nuôi nên thích nghi tốt với độ mặn dao động."
            ),
            advantages=(
                "tỷ lệ sống tăng 15–20% so với ao đối chứng",
                "giảm 40% lượng nước thay trong một vụ",
                "tôm thu hoạch không tồn dư kháng sinh, đáp ứng yêu cầu xuất khẩu",
            ),
            targets=(
                ("cho ao nuôi tôm siêu thâm canh", "tôm siêu thâm canh"),
                ("cho mô hình tôm – lúa", "tôm – lúa"),
                ("cho trại ương tôm giống", "ương tôm giống"),
            ),
            keywords=("tôm thẻ chân trắng", "xử lý nước", "chế phẩm vi sinh", "ô-zôn"),
            confidential=(
                "Danh mục chủng vi sinh và mật độ, liều ô-zôn theo độ mặn, sơ đồ bố trí ao lắng và "
                "nhật ký vận hành mẫu."
            ),
        ),
        en=Text(
            title="Shrimp-pond water treatment with microbes and ozone",
            summary=(
                "Native probiotic strains combined with low-dose ozone control toxic gases and "
                "pathogens in whiteleg shrimp ponds, cutting water exchange without antibiotics."
            ),
            what=(
                "The process uses an ozone-treated settling pond, an on-site microbial culture "
                "tank and a dosing schedule driven by daily NH3 and NO2 readings. Bacillus and "
                "nitrifying bacteria are isolated from the farming area itself, so they tolerate "
                "fluctuating salinity."
            ),
            advantages=(
                "survival rates 15–20% higher than in control ponds",
                "40% less water exchanged per crop",
                "antibiotic-free harvests that meet export requirements",
            ),
            targets=(
                ("for super-intensive shrimp ponds", "super-intensive shrimp"),
                ("for rice–shrimp rotation farms", "rice–shrimp farming"),
                ("for shrimp hatcheries", "shrimp hatcheries"),
            ),
            keywords=("whiteleg shrimp", "water treatment", "probiotics", "ozone"),
            confidential=(
                "Strain list and densities, ozone dose by salinity, settling-pond layout and a "
                "sample operating log."
            ),
        ),
        ip=("utility_solution", "trade_secret", "patent_pending"),
    ),
    Base(
        key="coffee-dryer",
        sectors=("211", "203"),
        owners=("vien-nln-tay-nguyen", "dhbk-dn"),
        provinces=("dak-lak", "gia-lai", "lam-dong", "quang-tri"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=600,
        scales="line",
        vi=Text(
            title="Dây chuyền sấy cà phê bằng bơm nhiệt kết hợp năng lượng mặt trời",
            summary=(
                "Sấy cà phê nhân và cà phê quả ở nhiệt độ thấp, giữ hương vị, rút ngắn thời gian "
                "từ 15 ngày phơi xuống còn 3–4 ngày sấy."
            ),
            what=(
                "Hệ thống gồm buồng sấy tầng tĩnh có đảo trộn, bơm nhiệt hồi nhiệt ẩm và dàn thu "
                "nhiệt mặt trời cấp nhiệt bổ sung ban ngày. Bộ điều khiển tự động điều chỉnh nhiệt "
                "độ và độ ẩm theo từng giai đoạn sấy."
            ),
            advantages=(
                "tiết kiệm 45% điện năng so với sấy điện trở",
                "độ ẩm sau sấy đồng đều 12–12,5%",
                "không phụ thuộc thời tiết mùa mưa Tây Nguyên",
            ),
            targets=(
                ("cho cà phê Robusta chế biến khô", "cà phê Robusta"),
                ("cho cà phê Arabica chế biến ướt", "cà phê Arabica"),
                ("cho cà phê đặc sản lên men", "cà phê đặc sản"),
            ),
            keywords=("sấy cà phê", "bơm nhiệt", "năng lượng mặt trời", "sau thu hoạch"),
            confidential=(
                "Bản vẽ buồng sấy, thông số bơm nhiệt theo công suất, đường cong sấy tối ưu cho "
                "từng loại cà phê."
            ),
        ),
        ip=("utility_solution", "patent_granted", "none"),
    ),
    Base(
        key="straw-mushroom",
        sectors=("406", "401"),
        owners=("dh-can-tho", "vien-cnsh", "dh-nong-lam-hue"),
        provinces=("an-giang", "dong-thap", "can-tho", "thanh-hoa", "ninh-binh", "hue"),
        trl=7,
        cooperation=("technical_assistance", "licence", "rd_cooperation"),
        price=150,
        scales="farm",
        vi=Text(
            title="Giá thể trồng nấm từ rơm rạ xử lý bằng chế phẩm Trichoderma",
            summary=(
                "Biến rơm rạ sau thu hoạch thành giá thể trồng nấm rơm và nấm bào ngư thay cho đốt "
                "đồng, tăng thu nhập cho nông hộ."
            ),
            what=(
                "Rơm được cắt ngắn, ủ với vôi và chế phẩm Trichoderma trong 7–10 ngày để làm mềm "
                "và loại nấm dại, sau đó đóng bịch hoặc xếp luống. Bã nấm sau thu hoạch tiếp tục "
                "được ủ thành phân hữu cơ bón lại cho lúa."
            ),
            advantages=(
                "năng suất nấm rơm đạt 1,2–1,5 kg trên 10 kg rơm khô",
                "giảm phát thải do đốt rơm ngoài đồng",
                "quy trình đơn giản, nông hộ làm được sau hai ngày tập huấn",
            ),
            targets=(
                ("cho nấm rơm", "nấm rơm"),
                ("cho nấm bào ngư", "nấm bào ngư"),
                ("cho nấm linh chi", "nấm linh chi"),
            ),
            keywords=("rơm rạ", "giá thể trồng nấm", "Trichoderma", "kinh tế tuần hoàn"),
            confidential=(
                "Tỷ lệ phối trộn rơm, vôi, cám và chế phẩm; chế độ ủ theo mùa; quy trình nhân "
                "giống nấm cấp 2."
            ),
        ),
        en=Text(
            title="Rice-straw mushroom substrate treated with Trichoderma",
            summary=(
                "Turns the rice straw left after harvest into a growing substrate for straw and "
                "oyster mushrooms instead of burning it in the field, and adds income for farming "
                "households."
            ),
            what=(
                "Straw is chopped and composted with lime and a Trichoderma preparation for 7–10 "
                "days to soften it and suppress wild fungi, then bagged or laid in beds. Spent "
                "substrate is composted again into organic fertiliser for the next rice crop."
            ),
            advantages=(
                "1.2–1.5 kg of straw mushrooms per 10 kg of dry straw",
                "lower emissions than burning straw in the field",
                "simple enough for households after two days of training",
            ),
            targets=(
                ("for straw mushrooms", "straw mushrooms"),
                ("for oyster mushrooms", "oyster mushrooms"),
                ("for lingzhi mushrooms", "lingzhi"),
            ),
            keywords=("rice straw", "mushroom substrate", "Trichoderma", "circular economy"),
            confidential=(
                "Mixing ratios of straw, lime, bran and preparation; seasonal composting schedule; "
                "second-generation spawn production."
            ),
        ),
        ip=("trade_secret", "utility_solution", "none"),
    ),
    Base(
        key="lora-soil",
        sectors=("202", "401"),
        owners=("dhbk-hn", "agridrone", "dhbk-dn"),
        provinces=("son-la", "lam-dong", "gia-lai", "dak-lak", "phu-tho"),
        trl=6,
        cooperation=("equipment_sale", "licence", "rd_cooperation"),
        price=250,
        scales="device",
        vi=Text(
            title="Mạng cảm biến độ ẩm đất LoRa dùng pin mặt trời",
            summary=(
                "Nút cảm biến đo độ ẩm, nhiệt độ và độ dẫn điện của đất, truyền LoRa xa tới 5 km "
                "về cổng trung tâm; tấm pin mặt trời nhỏ giúp vận hành nhiều năm không cần thay "
                "pin."
            ),
            what=(
                "Mỗi nút gồm đầu đo điện dung ở ba độ sâu, vi điều khiển tiết kiệm năng lượng và "
                "mô-đun LoRa. Dữ liệu được gửi về nền tảng web và ứng dụng di động, từ đó gợi ý "
                "lịch tưới theo loại cây và giai đoạn sinh trưởng."
            ),
            advantages=(
                "giá mỗi nút dưới 1,5 triệu đồng",
                "phủ sóng cả vùng đồi dốc không có mạng di động",
                "tiết kiệm 30% nước tưới trong mùa khô",
            ),
            targets=(
                ("cho vườn cà phê", "tưới cà phê"),
                ("cho vườn cây ăn quả trên đất dốc", "cây ăn quả"),
                ("cho ruộng rau an toàn", "rau an toàn"),
            ),
            keywords=("LoRa", "cảm biến độ ẩm đất", "tưới tiết kiệm", "IoT nông nghiệp"),
            confidential=(
                "Sơ đồ mạch, mã nguồn firmware, thuật toán hiệu chuẩn cảm biến cho đất đỏ bazan và "
                "đất xám."
            ),
        ),
        en=Text(
            title="Solar-powered LoRa soil-moisture sensor network",
            summary=(
                "Sensor nodes measure soil moisture, temperature and conductivity and send them by "
                "LoRa up to 5 km to a gateway; a small solar panel keeps them running for years "
                "without battery changes."
            ),
            what=(
                "Each node has a capacitive probe at three depths, a low-power microcontroller and "
                "a LoRa module. Readings go to a web platform and a mobile app that suggest an "
                "irrigation schedule for the crop and its growth stage."
            ),
            advantages=(
                "under 1.5 million đồng per node",
                "covers hilly areas without mobile coverage",
                "saves 30% of irrigation water in the dry season",
            ),
            targets=(
                ("for coffee farms", "coffee irrigation"),
                ("for fruit orchards on sloping land", "fruit orchards"),
                ("for safe-vegetable fields", "vegetables"),
            ),
            keywords=(
                "LoRa",
                "soil moisture sensor",
                "water-saving irrigation",
                "agricultural IoT",
            ),
            confidential=(
                "Circuit diagrams, firmware source code and the calibration algorithm for basaltic "
                "red and grey soils."
            ),
        ),
        ip=("patent_pending", "copyright", "utility_solution"),
    ),
    Base(
        key="ocr-forms",
        sectors=("102", "602"),
        owners=("dhbk-hn", "mediai", "dhbk-hcm"),
        provinces=("ha-noi", "ho-chi-minh", "da-nang", "hai-phong", "bac-ninh"),
        trl=7,
        cooperation=("licence", "technical_assistance", "spin_off"),
        price=400,
        scales="software",
        vi=Text(
            title="Nhận dạng chữ tiếng Việt (OCR) trên biểu mẫu",
            summary=(
                "Mô hình học sâu đọc chữ in và chữ viết tay tiếng Việt có dấu trên biểu mẫu, tự "
                "động trích xuất các trường thông tin vào hệ thống quản lý với độ chính xác trên "
                "97%."
            ),
            what=(
                "Hệ thống gồm bước phát hiện vùng văn bản, nhận dạng chữ bằng mô hình Transformer "
                "huấn luyện trên hơn 2 triệu mẫu tiếng Việt và bước đối chiếu với từ điển địa "
                "danh, họ tên. Người dùng định nghĩa mẫu biểu mới bằng giao diện kéo thả mà không "
                "cần lập trình."
            ),
            advantages=(
                "đọc tốt chữ viết tay có dấu và chữ bị con dấu đè lên",
                "xử lý một trang trong dưới 1 giây trên máy chủ thông thường",
                "dữ liệu được xử lý trong nước, đáp ứng quy định bảo vệ dữ liệu cá nhân",
            ),
            targets=(
                ("cho hồ sơ một cửa của cơ quan nhà nước", "dịch vụ công"),
                ("cho chứng từ ngân hàng và bảo hiểm", "ngân hàng, bảo hiểm"),
                ("cho hồ sơ bệnh án giấy", "số hóa bệnh án"),
            ),
            keywords=(
                "OCR tiếng Việt",
                "trí tuệ nhân tạo",
                "số hóa tài liệu",
                "trích xuất thông tin",
            ),
            confidential=(
                "Kiến trúc mô hình, bộ dữ liệu huấn luyện đã gán nhãn, kết quả đánh giá trên 12 "
                "loại biểu mẫu thực tế."
            ),
        ),
        en=Text(
            title="Vietnamese OCR of forms and records",
            summary=(
                "A deep-learning model reads printed and handwritten Vietnamese with diacritics on "
                "forms and extracts the fields into business systems with over 97% accuracy."
            ),
            what=(
                "The pipeline detects text regions, recognises characters with a Transformer model "
                "trained on more than two million Vietnamese samples and checks the result against "
                "dictionaries of place and personal names. Users define new form templates in a "
                "drag-and-drop editor without programming."
            ),
            advantages=(
                "reads handwritten diacritics and text under stamps",
                "under one second per page on an ordinary server",
                "data stays in Viet Nam, in line with personal-data protection rules",
            ),
            targets=(
                ("for one-stop public-service records", "public services"),
                ("for bank and insurance documents", "banking and insurance"),
                ("for paper medical records", "medical records"),
            ),
            keywords=(
                "Vietnamese OCR",
                "artificial intelligence",
                "document digitisation",
                "information extraction",
            ),
            confidential=(
                "Model architecture, the labelled training set and evaluation results on 12 "
                "real-world form types."
            ),
        ),
        ip=("copyright", "trade_secret", "patent_pending"),
    ),
    Base(
        key="pangasius-feed",
        sectors=("405", "402"),
        owners=("vien-nttts-2", "dh-can-tho"),
        provinces=("an-giang", "dong-thap", "can-tho", "vinh-long"),
        trl=7,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=900,
        scales="line",
        vi=Text(
            title="Thức ăn cá tra giảm bột cá, bổ sung đạm côn trùng và enzyme",
            summary=(
                "Công thức thức ăn viên nổi cho cá tra thay 50% bột cá bằng đạm ấu trùng ruồi lính "
                "đen và khô dầu lên men, giữ tốc độ tăng trưởng và giảm chi phí."
            ),
            what=(
                "Khô dầu đậu nành và cám gạo được lên men bằng chủng Bacillus subtilis để tăng độ "
                "tiêu hóa, sau đó phối trộn với bột ấu trùng ruồi lính đen và enzyme phytase. Thức "
                "ăn được ép đùn thành viên nổi, phù hợp máy cho ăn tự động."
            ),
            advantages=(
                "hệ số chuyển đổi thức ăn 1,45–1,5",
                "giảm 8–10% giá thành mỗi kg thức ăn",
                "giảm phát thải nitơ và phốt pho ra môi trường nước",
            ),
            targets=(
                ("cho cá tra giai đoạn giống", "cá tra giống"),
                ("cho cá tra thương phẩm", "cá tra thương phẩm"),
                ("cho cá rô phi và cá điêu hồng", "cá rô phi"),
            ),
            keywords=("cá tra", "thức ăn thủy sản", "ruồi lính đen", "lên men"),
            confidential=(
                "Công thức phối trộn chi tiết, thông số ép đùn, kết quả thử nghiệm nuôi 6 tháng "
                "tại ba trại."
            ),
        ),
        ip=("trade_secret", "patent_pending", "none"),
    ),
    Base(
        key="salt-rice",
        sectors=("406", "401"),
        owners=("vien-lua-dbscl", "dh-can-tho"),
        provinces=("ca-mau", "vinh-long", "an-giang", "can-tho", "dong-thap"),
        trl=8,
        cooperation=("licence", "assignment", "technical_assistance"),
        price=500,
        scales="seed",
        vi=Text(
            title="Giống lúa chịu mặn năng suất cao",
            summary=(
                "Giống lúa chịu mặn đến 4‰ ở giai đoạn mạ và 3‰ khi trổ, thời gian sinh trưởng "
                "95–100 ngày, gạo hạt dài đạt tiêu chuẩn xuất khẩu."
            ),
            what=(
                "Giống được chọn tạo bằng lai hồi giao kết hợp chỉ thị phân tử cho gen Saltol, "
                "khảo nghiệm qua bốn vụ tại các vùng nhiễm mặn ven biển. Quy trình canh tác đi kèm "
                "hướng dẫn thời vụ né mặn và quản lý nước."
            ),
            advantages=(
                "năng suất 6–7 tấn/ha trong điều kiện nhiễm mặn nhẹ",
                "cơm mềm, thơm nhẹ, được thị trường ưa chuộng",
                "thích hợp mô hình luân canh lúa – tôm",
            ),
            targets=(
                ("cho vùng ven biển nhiễm mặn", "lúa chịu mặn"),
                ("cho mô hình lúa – tôm", "lúa – tôm"),
                ("cho vụ Đông Xuân sớm né mặn", "vụ Đông Xuân"),
            ),
            keywords=("lúa chịu mặn", "giống lúa", "xâm nhập mặn", "biến đổi khí hậu"),
            confidential=(
                "Phả hệ giống, bộ chỉ thị phân tử dùng trong chọn lọc, quy trình sản xuất hạt "
                "giống nguyên chủng."
            ),
        ),
        en=Text(
            title="High-yield salt-tolerant rice variety",
            summary=(
                "A rice variety tolerating salinity up to 4‰ at seedling stage and 3‰ at "
                "flowering, maturing in 95–100 days, with long grains of export quality."
            ),
            what=(
                "The variety was bred by backcrossing with molecular markers for the Saltol gene "
                "and tested over four seasons in saline coastal areas. It comes with a cultivation "
                "guide on planting windows that avoid salinity peaks and on water management."
            ),
            advantages=(
                "6–7 t/ha under mild salinity",
                "soft, lightly fragrant rice popular with buyers",
                "suited to rice–shrimp rotation",
            ),
            targets=(
                ("for saline coastal areas", "salt-tolerant rice"),
                ("for rice–shrimp rotation", "rice–shrimp"),
                ("for the early winter–spring crop", "winter–spring crop"),
            ),
            keywords=("salt-tolerant rice", "rice variety", "saline intrusion", "climate change"),
            confidential=(
                "Pedigree, the marker set used in selection and the foundation-seed production "
                "protocol."
            ),
        ),
        ip=("none", "trade_secret"),
    ),
    Base(
        key="pig-biogas",
        sectors=("207", "402", "208"),
        owners=("dhbk-hcm", "dh-nong-lam-tn", "dh-nong-lam-hue"),
        provinces=("dong-nai", "thai-nguyen", "phu-tho", "tay-ninh", "hue", "tuyen-quang"),
        trl=8,
        cooperation=("equipment_sale", "technical_assistance", "joint_venture"),
        price=700,
        scales="energy",
        vi=Text(
            title="Hệ thống biogas phủ bạt HDPE phát điện từ chất thải chăn nuôi lợn",
            summary=(
                "Xử lý chất thải chăn nuôi lợn bằng hầm biogas phủ bạt HDPE, làm sạch khí sinh học "
                "và chạy máy phát điện, vừa giảm ô nhiễm vừa giúp trang trại tự chủ năng lượng."
            ),
            what=(
                "Chất thải được tách rắn – lỏng, phần lỏng vào hầm kỵ khí phủ bạt HDPE; khí sinh "
                "học qua tháp khử H2S bằng phoi sắt và vi sinh rồi cấp cho máy phát. Nước sau "
                "biogas được xử lý tiếp bằng ao sinh học trước khi tái sử dụng để tưới cây."
            ),
            advantages=(
                "đáp ứng quy chuẩn nước thải chăn nuôi QCVN 62-MT",
                "điện tự phát đáp ứng 60–80% nhu cầu của trại",
                "thu hồi phân rắn làm phân bón hữu cơ",
            ),
            targets=(
                ("cho trại lợn nái", "lợn nái"),
                ("cho trại lợn thịt", "lợn thịt"),
                ("cho trang trại chăn nuôi kết hợp trồng trọt", "chăn nuôi kết hợp"),
            ),
            keywords=("biogas", "chất thải chăn nuôi", "năng lượng tái tạo", "trang trại lợn"),
            confidential=(
                "Bản vẽ hầm và tháp khử H2S, thông số chọn máy phát theo quy mô đàn, quy trình vận "
                "hành an toàn khí."
            ),
        ),
        ip=("utility_solution", "none", "patent_granted"),
    ),
    Base(
        key="dragon-fruit",
        sectors=("211", "401"),
        owners=("vien-cay-an-qua-mn", "dh-can-tho"),
        provinces=("lam-dong", "tay-ninh", "dong-thap", "vinh-long"),
        trl=7,
        cooperation=("licence", "technical_assistance", "equipment_sale"),
        price=450,
        scales="line",
        vi=Text(
            title="Màng bọc ăn được kéo dài thời gian bảo quản trái cây",
            summary=(
                "Lớp phủ chitosan – sáp ong kết hợp xử lý nước nóng giữ thanh long tươi đến 35 "
                "ngày trong kho lạnh, đủ thời gian vận chuyển đường biển đi châu Âu."
            ),
            what=(
                "Quả được xử lý nước nóng diệt nấm, phủ màng chitosan – sáp ong – tinh dầu và bảo "
                "quản ở 5–7°C. Dây chuyền gồm bồn xử lý nhiệt, băng tải phun phủ, quạt làm khô bề "
                "mặt và khu đóng thùng."
            ),
            advantages=(
                "tỷ lệ hao hụt dưới 5% sau 35 ngày",
                "không dùng hóa chất bảo quản tổng hợp",
                "tai và vỏ quả giữ màu xanh tươi",
            ),
            targets=(
                ("cho thanh long ruột đỏ xuất khẩu", "thanh long ruột đỏ"),
                ("cho thanh long ruột trắng", "thanh long ruột trắng"),
                ("cho xoài và bơ", "xoài, bơ"),
            ),
            keywords=("thanh long", "bảo quản sau thu hoạch", "màng chitosan", "xuất khẩu"),
            confidential=(
                "Tỷ lệ phối trộn màng phủ, chế độ xử lý nhiệt theo độ chín, sơ đồ dây chuyền và "
                "kết quả thử nghiệm vận chuyển."
            ),
        ),
        en=Text(
            title="Edible coating that extends the shelf life of fruit",
            summary=(
                "A chitosan–beeswax coating combined with hot-water treatment keeps dragon fruit "
                "fresh for up to 35 days in cold storage, long enough for sea freight to Europe."
            ),
            what=(
                "Fruit is hot-water treated against fungi, coated with chitosan, beeswax and "
                "essential oils and stored at 5–7°C. The line has a heat-treatment tank, a "
                "spray-coating conveyor, surface-drying fans and a packing station."
            ),
            advantages=(
                "under 5% losses after 35 days",
                "no synthetic preservatives",
                "bracts and skin stay fresh green",
            ),
            targets=(
                ("for export red-flesh dragon fruit", "red dragon fruit"),
                ("for white-flesh dragon fruit", "white dragon fruit"),
                ("for mango and avocado", "mango, avocado"),
            ),
            keywords=("dragon fruit", "post-harvest preservation", "chitosan coating", "export"),
            confidential=(
                "Coating formulation, heat-treatment regime by ripeness, line layout and "
                "shipping-trial results."
            ),
        ),
        ip=("patent_pending", "trade_secret", "utility_solution"),
    ),
    Base(
        key="solar-dryer",
        sectors=("299", "211"),
        owners=("nang-luong-mekong", "dhbk-dn", "dh-nong-lam-hue"),
        provinces=("an-giang", "quang-tri", "quang-ngai", "khanh-hoa", "ha-tinh"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=120,
        scales="farm",
        vi=Text(
            title="Nhà sấy nông sản năng lượng mặt trời kiểu nhà kính",
            summary=(
                "Nhà sấy mái polycarbonate có quạt thông gió chạy pin mặt trời, sấy sạch và nhanh "
                "gấp đôi phơi nắng mà không tốn điện lưới."
            ),
            what=(
                "Nhà sấy hấp thụ bức xạ mặt trời qua mái polycarbonate, sàn sơn đen tích nhiệt, "
                "quạt một chiều chạy pin mặt trời hút ẩm ra ngoài. Bộ điều khiển đóng mở cửa gió "
                "theo độ ẩm; có thể bổ sung lò đốt trấu cho ngày mưa."
            ),
            advantages=(
                "sản phẩm không bụi, không ruồi nhặng, đạt an toàn thực phẩm",
                "chi phí vận hành gần như bằng không",
                "lắp ráp nhanh từ vật tư sẵn có tại địa phương",
            ),
            targets=(
                ("cho cá khô và hải sản", "hải sản khô"),
                ("cho chuối, xoài sấy dẻo", "trái cây sấy"),
                ("cho dược liệu và thảo mộc", "dược liệu sấy"),
            ),
            keywords=(
                "sấy năng lượng mặt trời",
                "nhà sấy",
                "nông sản sấy",
                "tiết kiệm năng lượng",
            ),
            confidential=(
                "Bản vẽ kết cấu nhà sấy theo diện tích, tính toán lưu lượng quạt, quy trình sấy "
                "cho từng loại sản phẩm."
            ),
        ),
        ip=("utility_solution", "industrial_design", "none"),
    ),
    Base(
        key="iot-greenhouse",
        sectors=("401", "202"),
        owners=("agridrone", "dh-nong-lam-tn", "dhbk-hn"),
        provinces=("lam-dong", "lao-cai", "son-la", "ha-noi", "hai-phong"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "joint_venture"),
        price=550,
        scales="greenhouse",
        vi=Text(
            title="Nhà màng thông minh điều khiển khí hậu và tưới qua IoT",
            summary=(
                "Bộ điều khiển tích hợp cảm biến nhiệt độ, độ ẩm, ánh sáng và EC, tự động vận hành "
                "quạt, lưới cắt nắng, phun sương và châm phân, theo dõi qua điện thoại."
            ),
            what=(
                "Hệ thống gồm tủ điều khiển trung tâm, các nút cảm biến không dây và phần mềm lập "
                "lịch theo công thức dinh dưỡng cho từng cây trồng. Dữ liệu lịch sử giúp kỹ thuật "
                "viên so sánh các vụ và cảnh báo sớm nguy cơ nấm bệnh."
            ),
            advantages=(
                "tăng năng suất 20–30% so với nhà màng điều khiển bằng tay",
                "giảm 25% phân bón nhờ châm phân chính xác",
                "vẫn vận hành khi mất kết nối internet",
            ),
            targets=(
                ("cho dưa lưới", "dưa lưới"),
                ("cho rau thủy canh", "rau thủy canh"),
                ("cho hoa lan và hoa cắt cành", "hoa cắt cành"),
            ),
            keywords=("nhà màng", "IoT", "nông nghiệp công nghệ cao", "tưới nhỏ giọt"),
            confidential=(
                "Sơ đồ tủ điều khiển, mã nguồn phần mềm, bộ công thức dinh dưỡng đã kiểm chứng cho "
                "ba loại cây."
            ),
        ),
        en=Text(
            title="IoT smart greenhouse with climate and fertigation control",
            summary=(
                "A controller with temperature, humidity, light and EC sensors runs fans, shade "
                "nets, misting and fertigation automatically and can be monitored from a phone."
            ),
            what=(
                "The system has a central control cabinet, wireless sensor nodes and software that "
                "schedules nutrient recipes for each crop. Historical data lets growers compare "
                "seasons and warns early of fungal-disease risk."
            ),
            advantages=(
                "20–30% higher yields than manually run greenhouses",
                "25% less fertiliser thanks to precise dosing",
                "keeps working when the internet connection drops",
            ),
            targets=(
                ("for netted melons", "melons"),
                ("for hydroponic vegetables", "hydroponics"),
                ("for orchids and cut flowers", "cut flowers"),
            ),
            keywords=("greenhouse", "IoT", "high-tech agriculture", "drip irrigation"),
            confidential=(
                "Control-cabinet wiring, software source code and validated nutrient recipes for "
                "three crops."
            ),
        ),
        ip=("copyright", "utility_solution", "trade_secret"),
    ),
    Base(
        key="cashew-shell-oil",
        sectors=("204", "104"),
        owners=("vien-cn-hoa-hoc", "dhbk-hcm"),
        provinces=("dong-nai", "gia-lai", "tay-ninh"),
        trl=6,
        cooperation=("licence", "joint_venture", "rd_cooperation"),
        price=1200,
        scales="material",
        vi=Text(
            title="Chiết xuất dầu vỏ hạt điều và sản xuất nhựa cardanol",
            summary=(
                "Quy trình chiết dầu vỏ hạt điều bằng nhiệt kết hợp dung môi tuần hoàn, tinh chế "
                "cardanol làm nguyên liệu cho sơn, keo và vật liệu ma sát."
            ),
            what=(
                "Vỏ hạt điều được gia nhiệt để thu dầu thô, phần bã tiếp tục được chiết bằng dung "
                "môi thu hồi kín. Dầu thô được khử carboxyl và chưng cất chân không để lấy "
                "cardanol, rồi trùng ngưng với formaldehyde hoặc biến tính epoxy."
            ),
            advantages=(
                "hiệu suất thu dầu trên 28% khối lượng vỏ",
                "bã vỏ sau chiết dùng làm nhiên liệu đốt lò",
                "thay thế một phần phenol có nguồn gốc dầu mỏ",
            ),
            targets=(
                ("cho sơn chống thấm và sơn tàu", "sơn gốc cardanol"),
                ("cho má phanh và vật liệu ma sát", "vật liệu ma sát"),
                ("cho keo dán gỗ", "keo dán gỗ"),
            ),
            keywords=("dầu vỏ hạt điều", "cardanol", "hóa chất xanh", "phụ phẩm nông nghiệp"),
            confidential=(
                "Sơ đồ công nghệ, điều kiện khử carboxyl và chưng cất, đơn phối liệu nhựa cardanol "
                "– formaldehyde."
            ),
        ),
        ip=("patent_granted", "patent_pending", "trade_secret"),
    ),
    Base(
        key="bamboo-composite",
        sectors=("205", "404"),
        owners=("vien-khvl", "dh-nong-lam-tn", "dh-vinh"),
        provinces=("thanh-hoa", "nghe-an", "phu-tho", "tuyen-quang", "lang-son"),
        trl=6,
        cooperation=("licence", "joint_venture", "technical_assistance"),
        price=1500,
        scales="material",
        vi=Text(
            title="Vật liệu composite tre ép khối thay thế gỗ tự nhiên",
            summary=(
                "Tre được tách sợi, xử lý nhiệt và ép với keo không formaldehyde thành tấm và "
                "thanh có độ bền tương đương gỗ lim, dùng làm sàn, ván ốp và đồ nội thất."
            ),
            what=(
                "Cây tre 3–4 năm tuổi được chẻ, cán dập thành bó sợi liên tục, xử lý nhiệt chống "
                "mốc mọt, tẩm keo rồi ép nóng trong khuôn. Sản phẩm có thể cưa, bào, phay như gỗ "
                "và hoàn thiện bằng sơn gốc nước."
            ),
            advantages=(
                "khối lượng riêng 1.050–1.150 kg/m³, chịu uốn tốt",
                "dùng tre mọc nhanh thay cho gỗ rừng tự nhiên",
                "phát thải formaldehyde đạt mức E0",
            ),
            targets=(
                ("cho sàn ngoài trời", "sàn tre"),
                ("cho ván ốp tường và trần", "ván ốp"),
                ("cho đồ nội thất xuất khẩu", "nội thất tre"),
            ),
            keywords=("tre ép khối", "composite", "vật liệu xanh", "lâm sản ngoài gỗ"),
            confidential=(
                "Thông số cán dập, chế độ xử lý nhiệt, loại keo và áp suất ép; kết quả thử nghiệm "
                "cơ lý theo tiêu chuẩn."
            ),
        ),
        en=Text(
            title="Strand-woven bamboo composite as a substitute for natural timber",
            summary=(
                "Bamboo is crushed into fibre bundles, heat-treated and pressed with "
                "formaldehyde-free resin into boards and beams as strong as ironwood, for "
                "flooring, cladding and furniture."
            ),
            what=(
                "Culms three to four years old are split, crushed into continuous fibre bundles, "
                "heat-treated against mould and borers, impregnated with resin and hot-pressed in "
                "moulds. The product can be sawn, planed and milled like wood and finished with "
                "water-based coatings."
            ),
            advantages=(
                "density of 1,050–1,150 kg/m³ with high bending strength",
                "fast-growing bamboo replaces natural-forest timber",
                "E0 formaldehyde emissions",
            ),
            targets=(
                ("for outdoor decking", "bamboo decking"),
                ("for wall and ceiling cladding", "cladding"),
                ("for export furniture", "bamboo furniture"),
            ),
            keywords=(
                "strand-woven bamboo",
                "composite",
                "green building material",
                "non-timber forest products",
            ),
            confidential=(
                "Crushing parameters, heat-treatment regime, resin type and pressing pressure; "
                "mechanical test results."
            ),
        ),
        ip=("patent_granted", "utility_solution", "industrial_design"),
    ),
    Base(
        key="hospital-waste",
        sectors=("207", "206"),
        owners=("dhbk-hn", "dhbk-hcm"),
        provinces=("ha-noi", "ho-chi-minh", "hai-phong", "can-tho", "thanh-hoa", "dien-bien"),
        trl=8,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=2500,
        scales="waste",
        vi=Text(
            title="Thiết bị hấp tiệt trùng và nghiền chất thải y tế lây nhiễm tại chỗ",
            summary=(
                "Thiết bị tích hợp hấp hơi nước áp suất cao và nghiền cắt, xử lý chất thải lây "
                "nhiễm ngay tại bệnh viện, không đốt, không phát sinh dioxin."
            ),
            what=(
                "Chất thải được nạp vào buồng, hút chân không, hấp ở 134°C trong 15 phút rồi "
                "nghiền nhỏ trong cùng buồng kín. Chất thải sau xử lý được quản lý như chất thải "
                "thông thường và giảm 80% thể tích."
            ),
            advantages=(
                "không phát thải dioxin và furan như lò đốt",
                "vận hành tự động, ghi nhật ký từng mẻ phục vụ thanh tra",
                "chi phí xử lý thấp hơn 30% so với thuê đơn vị thu gom",
            ),
            targets=(
                ("cho bệnh viện đa khoa", "bệnh viện đa khoa"),
                ("cho cụm trạm y tế xã", "trạm y tế xã"),
                ("cho trung tâm xét nghiệm", "phòng xét nghiệm"),
            ),
            keywords=(
                "chất thải y tế",
                "hấp tiệt trùng",
                "xử lý không đốt",
                "môi trường bệnh viện",
            ),
            confidential=(
                "Bản vẽ buồng áp lực, cấu hình dao nghiền, phần mềm điều khiển và hồ sơ kiểm định "
                "an toàn thiết bị áp lực."
            ),
        ),
        ip=("patent_granted", "utility_solution", "none"),
    ),
    Base(
        key="xray-ai",
        sectors=("102", "302", "206"),
        owners=("mediai", "dhbk-hn"),
        provinces=("ha-noi", "thai-nguyen", "lao-cai", "cao-bang", "dien-bien", "lai-chau"),
        trl=7,
        cooperation=("licence", "technical_assistance", "spin_off"),
        price=600,
        scales="hospital",
        vi=Text(
            title="Trí tuệ nhân tạo hỗ trợ đọc phim X-quang ngực",
            summary=(
                "Phần mềm phát hiện 14 dấu hiệu bất thường trên phim X-quang ngực như lao, viêm "
                "phổi, tràn dịch và đánh dấu vùng nghi ngờ cho bác sĩ trong vài giây."
            ),
            what=(
                "Mô hình học sâu được huấn luyện trên hơn 100.000 phim X-quang có chú thích của "
                "bác sĩ chẩn đoán hình ảnh Việt Nam và kết nối với hệ thống PACS qua chuẩn DICOM. "
                "Kết quả hiển thị dưới dạng bản đồ nhiệt kèm báo cáo sơ bộ để bác sĩ xác nhận."
            ),
            advantages=(
                "độ nhạy phát hiện lao phổi trên 90%",
                "giảm 40% thời gian đọc phim ở bệnh viện đông bệnh nhân",
                "chạy trên máy chủ đặt tại bệnh viện, ảnh không phải gửi ra ngoài",
            ),
            targets=(
                ("cho sàng lọc lao cộng đồng", "sàng lọc lao"),
                ("cho khoa cấp cứu", "cấp cứu"),
                ("cho khám sức khỏe định kỳ", "khám sức khỏe"),
            ),
            keywords=("trí tuệ nhân tạo", "X-quang ngực", "chẩn đoán hình ảnh", "y tế số"),
            confidential=(
                "Kết quả thẩm định lâm sàng tại ba bệnh viện, kiến trúc mô hình, quy trình cập "
                "nhật và giám sát chất lượng sau triển khai."
            ),
        ),
        en=Text(
            title="AI-assisted chest X-ray reading",
            summary=(
                "Software that detects 14 abnormal findings on chest X-rays, such as tuberculosis, "
                "pneumonia and effusion, and marks suspicious areas for the doctor within seconds."
            ),
            what=(
                "A deep-learning model trained on more than 100,000 X-rays annotated by Vietnamese "
                "radiologists connects to the hospital PACS through DICOM. Results appear as a "
                "heat map and a draft report for the doctor to confirm."
            ),
            advantages=(
                "over 90% sensitivity for pulmonary tuberculosis",
                "40% less reading time in busy hospitals",
                "runs on a server inside the hospital, so images never leave it",
            ),
            targets=(
                ("for community tuberculosis screening", "TB screening"),
                ("for emergency departments", "emergency care"),
                ("for routine health check-ups", "health check-ups"),
            ),
            keywords=(
                "artificial intelligence",
                "chest X-ray",
                "medical imaging",
                "digital health",
            ),
            confidential=(
                "Clinical validation results from three hospitals, model architecture, and the "
                "post-deployment update and quality-monitoring procedure."
            ),
        ),
        ip=("copyright", "patent_pending", "trade_secret"),
    ),
    Base(
        key="rice-drone",
        sectors=("203", "401", "202"),
        owners=("agridrone", "dhbk-hcm"),
        provinces=("an-giang", "dong-thap", "can-tho", "hung-yen", "thanh-hoa"),
        trl=8,
        cooperation=("equipment_sale", "technical_assistance", "joint_venture"),
        price=350,
        scales="device",
        vi=Text(
            title="Thiết bị bay không người lái cho ruộng lúa",
            summary=(
                "Drone tải trọng 20 lít bay theo bản đồ ruộng lập sẵn, phun đều 1 ha trong khoảng "
                "10 phút, giảm 30% thuốc bảo vệ thực vật và tránh phơi nhiễm cho người phun."
            ),
            what=(
                "Drone dùng định vị RTK, radar bám địa hình và béc phun ly tâm điều chỉnh được "
                "kích thước giọt. Phần mềm lập bản đồ từ ảnh đa phổ để phun theo liều biến đổi, "
                "chỉ phun dày ở vùng có sâu bệnh."
            ),
            advantages=(
                "tiết kiệm 90% nước pha thuốc so với bình đeo vai",
                "làm việc được ban đêm và trên ruộng ngập nước",
                "phụ tùng và bảo hành tại Việt Nam",
            ),
            targets=(
                ("để phun thuốc bảo vệ thực vật", "phun thuốc"),
                ("để bón phân dạng hạt", "bón phân"),
                ("để gieo sạ", "gieo sạ"),
            ),
            keywords=("drone nông nghiệp", "phun thuốc", "lúa", "nông nghiệp chính xác"),
            confidential=(
                "Thiết kế khung và hệ phun, mã nguồn phần mềm lập bản đồ, dữ liệu hiệu chuẩn liều "
                "phun theo giai đoạn sinh trưởng của lúa."
            ),
        ),
        en=Text(
            title="Drones for rice fields",
            summary=(
                "A 20-litre drone flies a pre-mapped field plan, covers one hectare in about ten "
                "minutes, uses 30% less pesticide and keeps sprayers away from the chemicals."
            ),
            what=(
                "The drone uses RTK positioning, terrain-following radar and centrifugal nozzles "
                "with adjustable droplet size. Mapping software turns multispectral images into "
                "variable-rate prescriptions so that only infested patches are sprayed heavily."
            ),
            advantages=(
                "90% less water than knapsack sprayers",
                "works at night and on flooded fields",
                "spare parts and warranty in Viet Nam",
            ),
            targets=(
                ("to spray pesticides", "spraying"),
                ("to spread granular fertiliser", "fertilising"),
                ("to sow rice", "sowing"),
            ),
            keywords=("agricultural drone", "spraying", "rice", "precision agriculture"),
            confidential=(
                "Frame and spray-system design, mapping software source code, and dose calibration "
                "data by rice growth stage."
            ),
        ),
        ip=("utility_solution", "industrial_design", "copyright"),
    ),
    Base(
        key="seaweed",
        sectors=("405", "209"),
        owners=("vien-hai-duong-hoc", "dh-nha-trang"),
        provinces=("khanh-hoa", "quang-ngai", "quang-tri", "quang-ninh"),
        trl=7,
        cooperation=("technical_assistance", "licence", "rd_cooperation"),
        price=300,
        scales="farm",
        vi=Text(
            title="Nuôi trồng rong sụn và chiết xuất carrageenan",
            summary=(
                "Quy trình nuôi rong sụn bằng giàn treo nổi kết hợp công nghệ chiết carrageenan "
                "bán tinh chế, tạo sinh kế cho ngư dân vùng ven biển."
            ),
            what=(
                "Giống rong được chọn lọc và nhân bằng nuôi cấy mô, nuôi trên giàn dây nổi ở độ "
                "sâu phù hợp. Rong thu hoạch được xử lý kiềm, rửa và sấy thành carrageenan bán "
                "tinh chế dùng trong thực phẩm."
            ),
            advantages=(
                "tăng trưởng 4–5% mỗi ngày, thu hoạch sau 45 ngày",
                "không cần thức ăn hay phân bón, hấp thụ dinh dưỡng dư thừa trong nước",
                "carrageenan đạt tiêu chuẩn phụ gia thực phẩm",
            ),
            targets=(
                ("cho vùng vịnh kín gió", "rong sụn"),
                ("cho nuôi kết hợp với tôm hùm lồng", "nuôi kết hợp"),
                ("cho cơ sở chế biến carrageenan", "carrageenan"),
            ),
            keywords=("rong sụn", "carrageenan", "kinh tế biển", "nuôi trồng rong biển"),
            confidential=(
                "Quy trình nhân giống bằng nuôi cấy mô, thiết kế giàn, thông số xử lý kiềm và sấy."
            ),
        ),
        ip=("patent_granted", "trade_secret", "none"),
    ),
    Base(
        key="fish-fertiliser",
        sectors=("406", "208"),
        owners=("dh-nha-trang", "vien-cnsh"),
        provinces=("khanh-hoa", "quang-ngai", "ca-mau", "hai-phong"),
        trl=7,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=400,
        scales="bio",
        vi=Text(
            title="Phân bón hữu cơ sinh học từ phụ phẩm chế biến thủy sản",
            summary=(
                "Thủy phân đầu, xương, nội tạng cá bằng enzyme và vi sinh thành đạm cá dạng lỏng "
                "giàu axit amin, dùng bón lá và bón gốc cho rau màu, cây ăn quả."
            ),
            what=(
                "Phụ phẩm được nghiền, thủy phân bằng enzyme protease ở 50–55°C, sau đó lên men "
                "với vi khuẩn lactic để ổn định và khử mùi. Sản phẩm được lọc, bổ sung vi lượng và "
                "đóng can hoặc sấy phun thành bột."
            ),
            advantages=(
                "hàm lượng axit amin tự do trên 10%",
                "xử lý phụ phẩm thay vì thải ra môi trường",
                "đã được công nhận lưu hành là phân bón hữu cơ",
            ),
            targets=(
                ("cho rau màu", "rau màu"),
                ("cho cây ăn quả", "cây ăn quả"),
                ("cho hoa và cây cảnh", "hoa, cây cảnh"),
            ),
            keywords=("đạm cá", "phân bón hữu cơ", "phụ phẩm thủy sản", "thủy phân enzyme"),
            confidential=(
                "Chủng vi khuẩn lactic, điều kiện thủy phân, quy trình khử mùi và ổn định sản phẩm."
            ),
        ),
        ip=("utility_solution", "trade_secret", "patent_pending"),
    ),
    Base(
        key="bio-packaging",
        sectors=("209", "205"),
        owners=("bao-bi-xanh", "vien-cn-hoa-hoc"),
        provinces=("da-nang", "quang-ngai", "tay-ninh", "gia-lai"),
        trl=7,
        cooperation=("licence", "joint_venture", "equipment_sale"),
        price=1000,
        scales="material",
        vi=Text(
            title="Bao bì phân hủy sinh học từ bã mía và tinh bột sắn",
            summary=(
                "Hộp, khay và ly đựng thực phẩm ép từ bột bã mía, túi màng từ tinh bột sắn, phân "
                "hủy hoàn toàn trong 90–180 ngày ở điều kiện ủ compost."
            ),
            what=(
                "Bã mía được nghiền, tẩy trắng không dùng clo và định hình bằng khuôn ép nhiệt; "
                "màng túi được thổi từ hỗn hợp tinh bột sắn biến tính và polyme phân hủy sinh học "
                "PBAT. Sản phẩm chịu được nước sôi và dùng được trong lò vi sóng."
            ),
            advantages=(
                "nguyên liệu là phụ phẩm nông nghiệp trong nước",
                "giá thành chỉ cao hơn bao bì nhựa 10–15%",
                "đạt tiêu chuẩn vật liệu tiếp xúc thực phẩm",
            ),
            targets=(
                ("dạng hộp cơm và khay thực phẩm", "hộp bã mía"),
                ("dạng túi mua hàng", "túi phân hủy sinh học"),
                ("dạng ly và nắp ly đồ uống", "ly bã mía"),
            ),
            keywords=("bao bì sinh học", "bã mía", "tinh bột sắn", "thay thế nhựa"),
            confidential=(
                "Công thức phụ gia chống thấm, thông số khuôn ép nhiệt, đơn phối liệu màng tinh "
                "bột – PBAT."
            ),
        ),
        en=Text(
            title="Biodegradable packaging from sugarcane bagasse and cassava starch",
            summary=(
                "Food boxes, trays and cups moulded from bagasse pulp and bags blown from cassava "
                "starch, fully degrading in 90–180 days under composting conditions."
            ),
            what=(
                "Bagasse is pulped, bleached without chlorine and formed in heated moulds; bag "
                "film is blown from modified cassava starch blended with the biodegradable polymer "
                "PBAT. The products withstand boiling water and are microwave-safe."
            ),
            advantages=(
                "raw materials are domestic farm by-products",
                "only 10–15% more expensive than plastic packaging",
                "meets food-contact standards",
            ),
            targets=(
                ("as meal boxes and food trays", "bagasse boxes"),
                ("as shopping bags", "biodegradable bags"),
                ("as drink cups and lids", "bagasse cups"),
            ),
            keywords=("bio-based packaging", "bagasse", "cassava starch", "plastic substitute"),
            confidential=(
                "Water-resistance additive formulation, moulding parameters and the starch–PBAT "
                "film recipe."
            ),
        ),
        ip=("patent_pending", "industrial_design", "trade_secret"),
    ),
    Base(
        key="ginseng-tissue-culture",
        sectors=("406", "303"),
        owners=("vien-cnsh", "dh-nong-lam-tn"),
        provinces=("da-nang", "quang-ngai", "lao-cai", "lai-chau", "cao-bang"),
        trl=6,
        cooperation=("licence", "joint_venture", "rd_cooperation"),
        price=1800,
        scales="nursery",
        vi=Text(
            title="Nhân giống cây dược liệu quý bằng nuôi cấy mô",
            summary=(
                "Quy trình nuôi cấy mô và nuôi sinh khối rễ tạo cây giống sạch bệnh, đồng đều, "
                "giúp mở rộng vùng trồng dược liệu quý dưới tán rừng."
            ),
            what=(
                "Mô sẹo được cảm ứng từ cuống lá, nhân nhanh trong bình tam giác và bioreactor, "
                "sau đó tạo rễ và huấn luyện cây con trong nhà lưới trước khi đưa ra vùng trồng. "
                "Hàm lượng saponin được kiểm soát bằng sắc ký lỏng hiệu năng cao."
            ),
            advantages=(
                "hệ số nhân giống gấp hàng chục lần giâm hom",
                "cây giống sạch bệnh, giữ nguyên đặc tính di truyền",
                "giảm áp lực khai thác cây ngoài tự nhiên",
            ),
            targets=(
                ("cho sâm Ngọc Linh", "sâm Ngọc Linh"),
                ("cho lan kim tuyến", "lan kim tuyến"),
                ("cho đảng sâm và đương quy", "dược liệu vùng cao"),
            ),
            keywords=("nuôi cấy mô", "sâm Ngọc Linh", "dược liệu", "cây giống sạch bệnh"),
            confidential=(
                "Môi trường nuôi cấy và chất điều hòa sinh trưởng từng giai đoạn, thông số "
                "bioreactor, quy trình huấn luyện cây con."
            ),
        ),
        ip=("patent_granted", "trade_secret", "patent_pending"),
    ),
    Base(
        key="nano-curcumin",
        sectors=("303", "210", "104"),
        owners=("vien-cn-hoa-hoc", "vien-khvl"),
        provinces=("nghe-an", "hung-yen", "ho-chi-minh", "ha-noi"),
        trl=6,
        cooperation=("licence", "assignment", "rd_cooperation"),
        price=1300,
        scales="material",
        vi=Text(
            title="Nano curcumin tan trong nước từ nghệ vàng",
            summary=(
                "Công nghệ bao gói curcumin trong hạt nano polyme sinh học giúp tan tốt trong "
                "nước, tăng sinh khả dụng nhiều lần so với curcumin thông thường."
            ),
            what=(
                "Curcumin tinh chế từ củ nghệ được hòa tan cùng chất mang và bao gói bằng phương "
                "pháp nhũ tương – bay hơi dung môi, tạo hạt 50–100 nm. Sản phẩm dạng bột dễ phối "
                "trộn vào viên nang, đồ uống và mỹ phẩm."
            ),
            advantages=(
                "độ tan trong nước tăng trên 100 lần",
                "ổn định trên 24 tháng ở nhiệt độ phòng",
                "dùng nghệ vàng trồng tại Việt Nam",
            ),
            targets=(
                ("cho thực phẩm bảo vệ sức khỏe", "thực phẩm chức năng"),
                ("cho mỹ phẩm chăm sóc da", "mỹ phẩm"),
                ("cho đồ uống chức năng", "đồ uống chức năng"),
            ),
            keywords=("nano curcumin", "nghệ vàng", "sinh khả dụng", "dược liệu"),
            confidential=(
                "Chất mang và tỷ lệ phối trộn, thông số đồng hóa, hồ sơ độ ổn định và độc tính."
            ),
        ),
        ip=("patent_granted", "patent_pending", "trade_secret"),
    ),
    Base(
        key="shrimp-lamp-kit",
        sectors=("106", "403"),
        owners=("vien-cnsh", "vien-nttts-2"),
        provinces=("ca-mau", "can-tho", "khanh-hoa", "ha-tinh", "nghe-an"),
        trl=6,
        cooperation=("licence", "equipment_sale", "technical_assistance"),
        price=250,
        scales="device",
        vi=Text(
            title="Bộ kit LAMP phát hiện nhanh bệnh tôm tại ao nuôi",
            summary=(
                "Bộ xét nghiệm đẳng nhiệt LAMP đọc kết quả bằng mắt thường sau 40 phút, phát hiện "
                "bệnh đốm trắng, hoại tử gan tụy cấp và vi bào tử trùng ngay tại trại nuôi."
            ),
            what=(
                "ADN được tách chiết nhanh từ mẫu tôm bằng que thấm, phản ứng trong máy ủ nhiệt "
                "cầm tay ở 63°C và đổi màu khi dương tính. Bộ kit gồm thuốc thử đông khô, bảo quản "
                "ở nhiệt độ thường đến 6 tháng."
            ),
            advantages=(
                "độ nhạy tương đương PCR trong phòng thí nghiệm",
                "giá mỗi phản ứng dưới 50.000 đồng",
                "không cần kỹ thuật viên chuyên sâu",
            ),
            targets=(
                ("cho bệnh đốm trắng", "WSSV"),
                ("cho bệnh hoại tử gan tụy cấp", "AHPND"),
                ("cho vi bào tử trùng EHP", "EHP"),
            ),
            keywords=("LAMP", "chẩn đoán nhanh", "bệnh tôm", "sinh học phân tử"),
            confidential=(
                "Trình tự mồi, công thức thuốc thử đông khô, dữ liệu so sánh với PCR trên 600 mẫu."
            ),
        ),
        ip=("patent_pending", "trade_secret", "utility_solution"),
    ),
    Base(
        key="poultry-probiotic",
        sectors=("403", "402"),
        owners=("dh-nong-lam-tn", "vien-cnsh", "dh-nong-lam-hue"),
        provinces=("thai-nguyen", "phu-tho", "bac-ninh", "dong-nai", "lang-son"),
        trl=7,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=350,
        scales="bio",
        vi=Text(
            title="Chế phẩm probiotic thay kháng sinh trong chăn nuôi gà",
            summary=(
                "Hỗn hợp Bacillus, Lactobacillus và nấm men bổ sung vào nước uống hoặc thức ăn "
                "giúp gà khỏe đường ruột, giảm tiêu chảy mà không cần kháng sinh kích thích sinh "
                "trưởng."
            ),
            what=(
                "Các chủng vi sinh được phân lập từ gà ta khỏe mạnh, tuyển chọn theo khả năng đối "
                "kháng vi khuẩn gây bệnh và chịu axit mật, rồi lên men và làm khô ở nhiệt độ thấp. "
                "Chế phẩm đã được thử nghiệm trên gà thịt và gà đẻ ở nhiều trại."
            ),
            advantages=(
                "giảm 50% tỷ lệ gà bị tiêu chảy",
                "tăng trọng thêm 5–7% so với đối chứng",
                "đáp ứng lộ trình loại bỏ kháng sinh trong thức ăn chăn nuôi",
            ),
            targets=(
                ("cho gà thịt công nghiệp", "gà thịt"),
                ("cho gà đẻ trứng", "gà đẻ"),
                ("cho gà đồi thả vườn", "gà thả vườn"),
            ),
            keywords=("probiotic", "chăn nuôi gà", "thay thế kháng sinh", "chế phẩm sinh học"),
            confidential=(
                "Mã chủng và mật độ, môi trường lên men, quy trình sấy và kết quả thử nghiệm trên "
                "20.000 con gà."
            ),
        ),
        ip=("trade_secret", "patent_granted", "none"),
    ),
    Base(
        key="perovskite",
        sectors=("103", "205"),
        owners=("vien-khvl", "dhbk-hn"),
        provinces=("ha-noi", "bac-ninh"),
        trl=3,
        cooperation=("rd_cooperation", "spin_off", "licence"),
        price=2000,
        scales="lab",
        vi=Text(
            title="Pin mặt trời màng mỏng perovskite bền ẩm",
            summary=(
                "Cấu trúc pin perovskite có lớp bảo vệ kỵ nước đạt hiệu suất 19% ở diện tích nhỏ "
                "và giữ trên 85% hiệu suất sau 1.000 giờ trong môi trường ẩm."
            ),
            what=(
                "Nhóm nghiên cứu phát triển công thức perovskite hỗn hợp cation, phủ bằng phương "
                "pháp gạt dao phù hợp để mở rộng quy mô, cùng lớp phủ kỵ nước bảo vệ. Công nghệ "
                "đang ở giai đoạn phòng thí nghiệm và cần đối tác cùng phát triển mô-đun."
            ),
            advantages=(
                "vật liệu rẻ, chế tạo ở nhiệt độ thấp",
                "có thể in trên nền dẻo",
                "độ bền ẩm vượt các cấu trúc đã công bố trước đây",
            ),
            targets=(
                ("cho mô-đun quang điện trong nhà", "pin mặt trời trong nhà"),
                ("cho kính tích hợp quang điện", "kính quang điện"),
                ("cho cảm biến IoT tự cấp năng lượng", "cảm biến tự cấp nguồn"),
            ),
            keywords=("perovskite", "pin mặt trời", "màng mỏng", "năng lượng tái tạo"),
            confidential=(
                "Công thức tiền chất, điều kiện ủ nhiệt, cấu trúc lớp bảo vệ và dữ liệu đo độ bền."
            ),
        ),
        en=Text(
            title="Moisture-resistant perovskite thin-film solar cells",
            summary=(
                "A perovskite cell stack with a hydrophobic protective layer reaches 19% "
                "efficiency on small areas and keeps over 85% of it after 1,000 hours in humid "
                "air."
            ),
            what=(
                "The team developed a mixed-cation perovskite recipe deposited by blade coating, "
                "which scales up well, and a hydrophobic protective coating. The technology is at "
                "laboratory stage and the team seeks partners to co-develop modules."
            ),
            advantages=(
                "cheap materials processed at low temperature",
                "can be printed on flexible substrates",
                "better moisture stability than previously published stacks",
            ),
            targets=(
                ("for indoor photovoltaic modules", "indoor PV"),
                ("for building-integrated PV glass", "PV glass"),
                ("for self-powered IoT sensors", "self-powered sensors"),
            ),
            keywords=("perovskite", "solar cell", "thin film", "renewable energy"),
            confidential=(
                "Precursor recipes, annealing conditions, protective-layer structure and stability "
                "data."
            ),
        ),
        ip=("patent_pending", "trade_secret", "none"),
    ),
    Base(
        key="mof-co2",
        sectors=("104", "210"),
        owners=("vien-khvl", "dhbk-hcm"),
        provinces=("ha-noi", "ho-chi-minh", "quang-ninh"),
        trl=2,
        cooperation=("rd_cooperation", "spin_off"),
        price=1500,
        scales="lab",
        vi=Text(
            title="Vật liệu khung hữu cơ – kim loại (MOF) hấp phụ CO2",
            summary=(
                "Họ vật liệu MOF tổng hợp từ phối tử rẻ tiền có dung lượng hấp phụ CO2 cao ở áp "
                "suất thấp, mở hướng thu giữ CO2 từ khí thải nhà máy."
            ),
            what=(
                "Vật liệu được thiết kế bằng mô phỏng máy tính và tổng hợp bằng phương pháp dung "
                "nhiệt, sau đó đánh giá bằng đường đẳng nhiệt hấp phụ và chu kỳ hấp phụ – giải "
                "hấp. Kết quả bước đầu ở quy mô phòng thí nghiệm cho thấy độ chọn lọc CO2/N2 cao."
            ),
            advantages=(
                "tái sinh ở nhiệt độ thấp, dưới 80°C",
                "phối tử tổng hợp từ nguyên liệu sẵn có",
                "bền với hơi nước trong khí thải",
            ),
            targets=(
                ("cho khí thải nhà máy xi măng", "xi măng"),
                ("cho khí thải nhiệt điện than", "nhiệt điện"),
                ("cho nâng cấp khí biogas", "nâng cấp biogas"),
            ),
            keywords=("MOF", "thu giữ CO2", "vật liệu hấp phụ", "giảm phát thải"),
            confidential="Cấu trúc phối tử, điều kiện tổng hợp, dữ liệu hấp phụ và mô phỏng.",
        ),
        ip=("patent_pending", "none", "trade_secret"),
    ),
    Base(
        key="landslide-warning",
        sectors=("105", "201", "202"),
        owners=("dhbk-hn", "dh-nong-lam-tn"),
        provinces=(
            "lao-cai",
            "lai-chau",
            "dien-bien",
            "tuyen-quang",
            "cao-bang",
            "son-la",
            "lang-son",
        ),
        trl=6,
        cooperation=("equipment_sale", "technical_assistance", "rd_cooperation"),
        price=800,
        scales="station",
        vi=Text(
            title="Hệ thống cảnh báo sớm sạt lở đất theo thời gian thực",
            summary=(
                "Trạm quan trắc mưa, độ ẩm đất và chuyển dịch mái dốc kết hợp mô hình dự báo, phát "
                "cảnh báo qua loa, tin nhắn và ứng dụng cho người dân vùng núi."
            ),
            what=(
                "Mỗi trạm gồm thiết bị đo mưa, cảm biến độ ẩm nhiều tầng, cảm biến nghiêng và máy "
                "đo dịch chuyển, truyền dữ liệu qua mạng di động hoặc vệ tinh. Mô hình ngưỡng mưa "
                "– độ ẩm được hiệu chỉnh cho từng lưu vực và cập nhật liên tục."
            ),
            advantages=(
                "cảnh báo trước 2–6 giờ trong các đợt mưa lớn",
                "trạm chạy pin mặt trời, chịu được thời tiết khắc nghiệt",
                "giao diện bản đồ cho chính quyền xã và tỉnh",
            ),
            targets=(
                ("cho khu dân cư ven sườn đồi", "khu dân cư vùng núi"),
                ("cho tuyến giao thông miền núi", "đường miền núi"),
                ("cho công trình thủy điện nhỏ", "thủy điện nhỏ"),
            ),
            keywords=("sạt lở đất", "cảnh báo sớm", "quan trắc", "phòng chống thiên tai"),
            confidential="Ngưỡng cảnh báo theo lưu vực, sơ đồ trạm, mã nguồn phần mềm cảnh báo.",
        ),
        ip=("utility_solution", "copyright", "patent_pending"),
    ),
    Base(
        key="salinity-forecast",
        sectors=("105", "207"),
        owners=("dh-can-tho", "dhbk-hcm"),
        provinces=("ca-mau", "vinh-long", "dong-thap", "an-giang", "can-tho"),
        trl=6,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=500,
        scales="station",
        vi=Text(
            title="Quan trắc và dự báo xâm nhập mặn trên sông",
            summary=(
                "Mạng phao đo độ mặn tự động kết hợp mô hình thủy lực dự báo độ mặn 7 ngày tới, "
                "gửi khuyến cáo lấy nước tưới qua Zalo và tin nhắn."
            ),
            what=(
                "Phao đo gắn cảm biến độ dẫn điện, nhiệt độ và mực nước, truyền dữ liệu 15 phút "
                "một lần. Mô hình thủy lực một chiều đồng hóa số liệu quan trắc để dự báo ranh mặn "
                "cho từng cống và kênh chính."
            ),
            advantages=(
                "sai số dự báo độ mặn dưới 0,5‰",
                "cảm biến tự làm sạch, chỉ cần bảo trì 3 tháng một lần",
                "khuyến cáo đến tận hợp tác xã và nông hộ",
            ),
            targets=(
                ("cho vận hành cống ngăn mặn", "cống ngăn mặn"),
                ("cho lịch lấy nước tưới lúa", "lấy nước tưới"),
                ("cho nhà máy cấp nước sinh hoạt", "cấp nước"),
            ),
            keywords=("xâm nhập mặn", "quan trắc tự động", "dự báo", "Đồng bằng sông Cửu Long"),
            confidential=(
                "Thiết kế phao, hiệu chuẩn cảm biến, cấu hình mô hình thủy lực và quy trình đồng "
                "hóa số liệu."
            ),
        ),
        ip=("copyright", "utility_solution", "none"),
    ),
    Base(
        key="island-microgrid",
        sectors=("202", "299"),
        owners=("dhbk-dn", "nang-luong-mekong"),
        provinces=("quang-ngai", "khanh-hoa", "quang-ninh", "hai-phong", "an-giang"),
        trl=6,
        cooperation=("equipment_sale", "joint_venture", "technical_assistance"),
        price=1500,
        scales="energy",
        vi=Text(
            title="Lưới điện siêu nhỏ gió – mặt trời – pin lưu trữ",
            summary=(
                "Hệ thống điện độc lập kết hợp điện gió cỡ nhỏ, điện mặt trời và pin lithium, bộ "
                "điều khiển thông minh giảm tới 70% dầu diesel cho các đảo chưa có điện lưới."
            ),
            what=(
                "Bộ điều khiển dự báo phụ tải và bức xạ để điều phối nguồn, ưu tiên năng lượng tái "
                "tạo và chỉ chạy máy phát diesel khi pin xuống thấp. Thiết bị được nhiệt đới hóa, "
                "chống ăn mòn do hơi muối."
            ),
            advantages=(
                "giảm 60–70% chi phí nhiên liệu",
                "giám sát từ xa qua vệ tinh hoặc 4G",
                "thiết kế mô-đun, dễ mở rộng khi phụ tải tăng",
            ),
            targets=(
                ("cho đảo có dân cư", "đảo"),
                ("cho trạm biên phòng và hải đăng", "trạm biên phòng"),
                ("cho khu nuôi trồng thủy sản xa bờ", "nuôi biển"),
            ),
            keywords=("lưới điện siêu nhỏ", "điện gió", "điện mặt trời", "lưu trữ năng lượng"),
            confidential=(
                "Thuật toán điều phối, sơ đồ đấu nối, thông số chọn thiết bị theo phụ tải."
            ),
        ),
        ip=("utility_solution", "none", "patent_pending"),
    ),
    Base(
        key="geopolymer",
        sectors=("201", "205"),
        owners=("dhbk-hcm", "dhbk-dn"),
        provinces=("quang-ninh", "hai-phong", "ha-tinh", "dong-nai", "ninh-binh"),
        trl=6,
        cooperation=("licence", "technical_assistance", "rd_cooperation"),
        price=700,
        scales="material",
        vi=Text(
            title="Bê tông geopolymer từ tro bay nhiệt điện",
            summary=(
                "Bê tông không dùng xi măng, dùng tro bay và xỉ lò cao hoạt hóa kiềm, cường độ "
                "tương đương bê tông thường và giảm tới 70% phát thải CO2."
            ),
            what=(
                "Tro bay từ nhà máy nhiệt điện được phối trộn với xỉ lò cao nghiền mịn và dung "
                "dịch hoạt hóa kiềm, đóng rắn ở nhiệt độ thường. Gói công nghệ có hướng dẫn cấp "
                "phối cho cấu kiện đúc sẵn và bê tông trộn tại chỗ."
            ),
            advantages=(
                "cường độ nén 30–50 MPa",
                "chịu nước biển và sunfat tốt hơn bê tông xi măng",
                "tiêu thụ tro xỉ tồn đọng của nhà máy nhiệt điện",
            ),
            targets=(
                ("cho cấu kiện đúc sẵn", "cấu kiện đúc sẵn"),
                ("cho công trình ven biển", "công trình biển"),
                ("cho gạch không nung", "gạch không nung"),
            ),
            keywords=("geopolymer", "tro bay", "vật liệu xây dựng xanh", "giảm phát thải CO2"),
            confidential=(
                "Cấp phối chi tiết, nồng độ dung dịch hoạt hóa, chế độ bảo dưỡng và kết quả thí "
                "nghiệm độ bền."
            ),
        ),
        ip=("patent_granted", "patent_pending", "none"),
    ),
    Base(
        key="coastal-breakwater",
        sectors=("201", "105"),
        owners=("dhbk-hcm", "dh-can-tho", "dh-nong-lam-hue"),
        provinces=("ca-mau", "quang-tri", "hue", "quang-ngai", "vinh-long"),
        trl=6,
        cooperation=("technical_assistance", "licence", "rd_cooperation"),
        price=1200,
        scales="shore",
        vi=Text(
            title="Đê giảm sóng bằng cấu kiện bê tông rỗng chống xói lở bờ biển",
            summary=(
                "Đê giảm sóng xa bờ bằng cấu kiện bê tông rỗng lắp ghép, làm tiêu hao năng lượng "
                "sóng, giữ bùn cát để rừng ngập mặn tái sinh phía sau."
            ),
            what=(
                "Cấu kiện được đúc sẵn, lắp ghép trên nền cọc, chừa khe hở cho nước và sinh vật "
                "lưu thông. Thiết kế dựa trên mô hình số sóng – bùn cát và thí nghiệm máng sóng, "
                "phù hợp nền đất yếu."
            ),
            advantages=(
                "giảm 50–70% chiều cao sóng phía sau đê",
                "thi công nhanh bằng phương tiện nhỏ",
                "chi phí thấp hơn kè đá truyền thống",
            ),
            targets=(
                ("cho bờ biển bùn có rừng ngập mặn", "rừng ngập mặn"),
                ("cho bờ biển cát bị xói", "bờ biển cát"),
                ("cho vùng cửa sông", "cửa sông"),
            ),
            keywords=(
                "xói lở bờ biển",
                "đê giảm sóng",
                "rừng ngập mặn",
                "thích ứng biến đổi khí hậu",
            ),
            confidential=(
                "Bản vẽ cấu kiện, kết quả thí nghiệm máng sóng, hướng dẫn thiết kế theo điều kiện "
                "sóng."
            ),
        ),
        ip=("utility_solution", "patent_granted", "none"),
    ),
    Base(
        key="cobot-welding",
        sectors=("203", "202"),
        owners=("robot-viet", "dhbk-hn"),
        provinces=("hung-yen", "bac-ninh", "hai-phong", "ha-noi", "thai-nguyen"),
        trl=7,
        cooperation=("equipment_sale", "licence", "technical_assistance"),
        price=900,
        scales="device",
        vi=Text(
            title="Robot cộng tác hàn tự động",
            summary=(
                "Cánh tay robot cộng tác 6 bậc tự do được dạy hàn bằng cách cầm tay kéo, không cần "
                "lập trình, làm việc an toàn bên cạnh thợ hàn."
            ),
            what=(
                "Robot tích hợp cảm biến lực ở các khớp để dừng khi va chạm, camera dò đường hàn "
                "và thư viện chế độ hàn MIG/TIG. Người vận hành kéo đầu hàn theo đường hàn một "
                "lần, robot tự lặp lại với chất lượng đồng đều."
            ),
            advantages=(
                "giá bằng khoảng một nửa robot nhập khẩu cùng tải trọng",
                "chuyển đổi sản phẩm trong vài phút",
                "phần mềm tiếng Việt, bảo hành trong nước",
            ),
            targets=(
                ("cho khung thép và kết cấu", "hàn kết cấu"),
                ("cho chi tiết xe máy", "chi tiết xe máy"),
                ("cho vỏ tủ điện", "tủ điện"),
            ),
            keywords=("robot cộng tác", "hàn tự động", "tự động hóa", "cơ khí chế tạo"),
            confidential=(
                "Bản vẽ cơ khí, thuật toán điều khiển lực, mã nguồn phần mềm dạy bằng tay kéo."
            ),
        ),
        en=Text(
            title="Collaborative welding robot",
            summary=(
                "A six-axis collaborative robot arm taught to weld by hand guiding, with no "
                "programming, working safely next to human welders."
            ),
            what=(
                "Torque sensors in the joints stop the robot on contact, a camera tracks the seam "
                "and a library holds MIG/TIG welding settings. The operator guides the torch along "
                "the seam once and the robot repeats it with consistent quality."
            ),
            advantages=(
                "about half the price of an imported robot with the same payload",
                "product changeover in minutes",
                "Vietnamese-language software and local warranty",
            ),
            targets=(
                ("for steel frames and structures", "structural welding"),
                ("for motorcycle parts", "motorcycle parts"),
                ("for electrical cabinets", "electrical cabinets"),
            ),
            keywords=("collaborative robot", "automated welding", "automation", "metalworking"),
            confidential=(
                "Mechanical drawings, the force-control algorithm and the source code of the "
                "hand-guided teaching software."
            ),
        ),
        ip=("patent_pending", "copyright", "industrial_design"),
    ),
    Base(
        key="pcb-aoi",
        sectors=("202", "102"),
        owners=("robot-viet", "dhbk-hn", "dhbk-hcm"),
        provinces=("bac-ninh", "thai-nguyen", "phu-tho", "hai-phong", "dong-nai"),
        trl=6,
        cooperation=("equipment_sale", "licence", "rd_cooperation"),
        price=1100,
        scales="device",
        vi=Text(
            title="Máy kiểm tra quang học tự động (AOI) bảng mạch điện tử",
            summary=(
                "Thiết bị chụp ảnh độ phân giải cao và dùng học sâu phát hiện lỗi hàn, thiếu linh "
                "kiện, lệch chân trên bảng mạch ngay trên dây chuyền SMT."
            ),
            what=(
                "Camera công nghiệp với đèn chiếu nhiều góc chụp bảng mạch; mô hình học sâu so "
                "sánh với mẫu chuẩn và phân loại lỗi. Phần mềm kết nối hệ thống điều hành sản xuất "
                "để truy vết lỗi theo lô."
            ),
            advantages=(
                "phát hiện trên 98% lỗi với tỷ lệ báo nhầm thấp",
                "học lỗi mới chỉ với vài chục ảnh mẫu",
                "giá thấp hơn 40% so với máy nhập khẩu",
            ),
            targets=(
                ("cho dây chuyền SMT", "SMT"),
                ("cho công đoạn sau hàn sóng", "hàn sóng"),
                ("cho bảng mạch linh kiện xuyên lỗ", "linh kiện xuyên lỗ"),
            ),
            keywords=("AOI", "kiểm tra quang học", "bảng mạch", "thị giác máy tính"),
            confidential=(
                "Thiết kế quang học, tập dữ liệu lỗi, mô hình học sâu và giao thức kết nối MES."
            ),
        ),
        ip=("copyright", "patent_pending", "trade_secret"),
    ),
    Base(
        key="tea-roaster",
        sectors=("203", "211"),
        owners=("dh-nong-lam-tn",),
        provinces=("thai-nguyen", "tuyen-quang", "phu-tho", "lao-cai", "son-la"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance"),
        price=250,
        scales="line",
        vi=Text(
            title="Máy sao chè tự động điều khiển nhiệt độ",
            summary=(
                "Máy sao chè tang quay gia nhiệt bằng điện, điều khiển nhiệt độ và tốc độ theo "
                "công thức, giữ hương cốm đặc trưng của chè Thái Nguyên mà không cần thợ sao lâu "
                "năm."
            ),
            what=(
                "Tang quay inox gia nhiệt bằng điện trở hồng ngoại, cảm biến đo nhiệt trực tiếp "
                "khối chè và bộ điều khiển lưu nhiều công thức sao. Máy có các chế độ sao diệt "
                "men, vò và sao khô lần cuối."
            ),
            advantages=(
                "chất lượng đồng đều giữa các mẻ",
                "giảm khói bụi so với sao bằng củi",
                "tiết kiệm 30% thời gian so với sao thủ công",
            ),
            targets=(
                ("cho chè búp xanh đặc sản", "chè đặc sản"),
                ("cho chè móc câu", "chè móc câu"),
                ("cho chè Shan tuyết", "chè Shan tuyết"),
            ),
            keywords=("chè xanh", "máy sao chè", "chế biến chè", "cơ khí nông nghiệp"),
            confidential=(
                "Bản vẽ tang sao, thông số gia nhiệt và bộ công thức sao cho từng loại chè."
            ),
        ),
        ip=("utility_solution", "industrial_design", "none"),
    ),
    Base(
        key="fish-sauce",
        sectors=("211", "209"),
        owners=("dh-nha-trang", "dh-vinh"),
        provinces=("khanh-hoa", "nghe-an", "hai-phong", "an-giang", "thanh-hoa"),
        trl=7,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=600,
        scales="line",
        vi=Text(
            title="Rút ngắn thời gian chượp nước mắm truyền thống bằng enzyme",
            summary=(
                "Bổ sung enzyme protease nội sinh và kiểm soát nhiệt độ chượp giúp rút ngắn thời "
                "gian ủ nước mắm từ 12 tháng xuống 4–6 tháng mà vẫn giữ hương vị truyền thống."
            ),
            what=(
                "Cá cơm tươi được trộn muối theo tỷ lệ giảm dần, bổ sung chế phẩm enzyme từ nội "
                "tạng cá và ủ trong thùng có áo nhiệt ổn định 40–45°C. Quy trình kiểm soát "
                "histamine và độ đạm theo từng giai đoạn."
            ),
            advantages=(
                "độ đạm đạt 30–40 g/l",
                "hàm lượng histamine thấp, đáp ứng yêu cầu xuất khẩu",
                "quay vòng thùng chượp nhanh gấp đôi",
            ),
            targets=(
                ("cho nước mắm cá cơm", "nước mắm cá cơm"),
                ("cho nước mắm cá nục", "nước mắm cá nục"),
                ("cho mắm tôm và mắm ruốc", "mắm tôm"),
            ),
            keywords=("nước mắm", "lên men", "enzyme", "chế biến thủy sản"),
            confidential=(
                "Tỷ lệ muối theo giai đoạn, liều enzyme, chế độ nhiệt và quy trình kiểm soát "
                "histamine."
            ),
        ),
        ip=("patent_granted", "trade_secret", "utility_solution"),
    ),
    Base(
        key="ice-slurry",
        sectors=("203", "405"),
        owners=("dh-nha-trang", "dhbk-dn"),
        provinces=("khanh-hoa", "quang-ngai", "da-nang", "quang-tri", "ha-tinh"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=300,
        scales="vessel",
        vi=Text(
            title="Thiết bị làm đá sệt từ nước biển bảo quản cá trên tàu",
            summary=(
                "Máy tạo đá sệt từ nước biển ngay trên tàu, làm lạnh cá nhanh và đều, giữ chất "
                "lượng cá ngừ, cá nục sau những chuyến biển dài ngày."
            ),
            what=(
                "Nước biển được làm lạnh trong thiết bị trao đổi nhiệt dạng ống có dao cạo, tạo "
                "tinh thể đá mịn lơ lửng trong nước muối. Đá sệt bao phủ toàn bộ bề mặt cá, hạ "
                "nhiệt độ tâm cá xuống 0°C trong chưa đầy 2 giờ."
            ),
            advantages=(
                "không phải chở đá cây từ bờ, tăng chỗ chứa cá",
                "giảm hao hụt và tăng giá bán 15–20%",
                "chạy bằng máy phát sẵn có trên tàu",
            ),
            targets=(
                ("cho tàu câu cá ngừ đại dương", "cá ngừ"),
                ("cho tàu lưới vây", "tàu lưới vây"),
                ("cho tàu dịch vụ hậu cần nghề cá", "tàu dịch vụ"),
            ),
            keywords=("đá sệt", "bảo quản cá", "tàu cá", "chuỗi lạnh thủy sản"),
            confidential=(
                "Bản vẽ thiết bị tạo đá, thông số máy nén và quy trình lắp đặt trên tàu vỏ gỗ và "
                "vỏ thép."
            ),
        ),
        ip=("utility_solution", "patent_granted", "none"),
    ),
    Base(
        key="durian-nir",
        sectors=("211", "202"),
        owners=("vien-cay-an-qua-mn", "dhbk-hcm"),
        provinces=("dak-lak", "dong-thap", "vinh-long", "lam-dong"),
        trl=5,
        cooperation=("rd_cooperation", "licence", "equipment_sale"),
        price=450,
        scales="device",
        vi=Text(
            title="Thiết bị cận hồng ngoại đo độ chín trái cây không phá mẫu",
            summary=(
                "Thiết bị cầm tay quang phổ cận hồng ngoại đo chất khô và độ chín của sầu riêng "
                "qua vỏ, giúp thu hoạch đúng độ chín và tránh lô hàng bị trả về."
            ),
            what=(
                "Quang phổ kế thu nhỏ đo phổ phản xạ tại nhiều điểm trên quả; mô hình hồi quy ước "
                "tính hàm lượng chất khô của cơm sầu riêng. Kết quả hiển thị trên điện thoại và "
                "được lưu theo mã vùng trồng."
            ),
            advantages=(
                "đo một quả trong 3 giây",
                "sai số chất khô khoảng 1,5%",
                "hỗ trợ truy xuất nguồn gốc theo mã vùng trồng",
            ),
            targets=(
                ("cho sầu riêng Ri6", "sầu riêng Ri6"),
                ("cho sầu riêng Monthong", "sầu riêng Monthong"),
                ("cho bơ và xoài", "bơ, xoài"),
            ),
            keywords=("sầu riêng", "cận hồng ngoại", "độ chín", "kiểm tra không phá hủy"),
            confidential=(
                "Bộ dữ liệu phổ đã gán nhãn, mô hình hiệu chuẩn theo giống, thiết kế quang học."
            ),
        ),
        ip=("patent_pending", "copyright", "trade_secret"),
    ),
    Base(
        key="dye-wastewater",
        sectors=("207", "204"),
        owners=("dhbk-hn", "vien-cn-hoa-hoc"),
        provinces=("ninh-binh", "hung-yen", "dong-nai", "ho-chi-minh", "bac-ninh"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=3000,
        scales="water",
        vi=Text(
            title="Xử lý nước thải dệt nhuộm bằng ô-zôn kết hợp giá thể vi sinh di động",
            summary=(
                "Công nghệ ô-zôn hóa xúc tác kết hợp bể sinh học giá thể di động (MBBR) khử màu và "
                "COD khó phân hủy, cho phép tái sử dụng 50% lượng nước."
            ),
            what=(
                "Nước thải được điều hòa, keo tụ, xử lý ô-zôn có xúc tác để bẻ gãy phân tử thuốc "
                "nhuộm, sau đó qua bể MBBR và lọc màng. Hệ thống điều khiển liều ô-zôn theo độ màu "
                "đo trực tuyến."
            ),
            advantages=(
                "nước sau xử lý đạt QCVN 13-MT cột A",
                "giảm 40% hóa chất keo tụ",
                "diện tích xây dựng nhỏ hơn 50% so với công nghệ truyền thống",
            ),
            targets=(
                ("cho nhà máy nhuộm vải bông", "nhuộm vải bông"),
                ("cho nhà máy nhuộm sợi tổng hợp", "nhuộm sợi tổng hợp"),
                ("cho làng nghề dệt", "làng nghề dệt"),
            ),
            keywords=("nước thải dệt nhuộm", "ô-zôn", "MBBR", "tái sử dụng nước"),
            confidential=(
                "Thành phần xúc tác, thông số thiết kế bể, thuật toán điều khiển liều ô-zôn."
            ),
        ),
        ip=("patent_granted", "utility_solution", "trade_secret"),
    ),
    Base(
        key="speech-assistant",
        sectors=("602", "102"),
        owners=("dhbk-hn", "dh-vinh", "mediai"),
        provinces=("ha-noi", "son-la", "dien-bien", "gia-lai", "nghe-an", "lai-chau"),
        trl=5,
        cooperation=("licence", "rd_cooperation", "spin_off"),
        price=700,
        scales="software",
        vi=Text(
            title="Nhận dạng tiếng nói tiếng Việt và tiếng dân tộc thiểu số",
            summary=(
                "Mô hình nhận dạng và tổng hợp tiếng nói cho tiếng Việt ba miền và tiếng Thái, "
                "Mông, Ê Đê, giúp người dân hỏi đáp thủ tục hành chính bằng giọng nói."
            ),
            what=(
                "Nhóm nghiên cứu thu thập và gán nhãn hàng nghìn giờ tiếng nói, huấn luyện mô hình "
                "nhận dạng đa ngôn ngữ và hệ thống hỏi đáp dựa trên cơ sở dữ liệu thủ tục hành "
                "chính. Trợ lý hoạt động trên tổng đài, ki-ốt và ứng dụng di động."
            ),
            advantages=(
                "nhận dạng tốt giọng địa phương",
                "hỗ trợ người cao tuổi và người không đọc được chữ",
                "triển khai trên hạ tầng trong nước",
            ),
            targets=(
                ("cho tổng đài hỗ trợ dịch vụ công", "tổng đài dịch vụ công"),
                ("cho ki-ốt tại trung tâm phục vụ hành chính công", "ki-ốt"),
                ("cho đài truyền thanh xã", "truyền thanh xã"),
            ),
            keywords=(
                "nhận dạng tiếng nói",
                "tiếng dân tộc thiểu số",
                "trợ lý ảo",
                "xử lý ngôn ngữ tự nhiên",
            ),
            confidential=(
                "Bộ dữ liệu tiếng nói, kiến trúc mô hình, kết quả đánh giá theo từng ngôn ngữ."
            ),
        ),
        en=Text(
            title="Speech recognition in Vietnamese and minority languages",
            summary=(
                "Speech recognition and synthesis models for the three main Vietnamese dialects "
                "and for Thai, Hmong and Ede let citizens ask about administrative procedures by "
                "voice."
            ),
            what=(
                "The team collected and labelled thousands of hours of speech, trained a "
                "multilingual recognition model and built question answering over the database of "
                "administrative procedures. The assistant runs on call centres, kiosks and mobile "
                "apps."
            ),
            advantages=(
                "copes well with regional accents",
                "helps elderly and non-literate citizens",
                "deployed on infrastructure in Viet Nam",
            ),
            targets=(
                ("for public-service call centres", "call centres"),
                ("for kiosks in public administration centres", "kiosks"),
                ("for commune loudspeaker radio", "commune radio"),
            ),
            keywords=(
                "speech recognition",
                "minority languages",
                "virtual assistant",
                "natural language processing",
            ),
            confidential="Speech corpora, model architecture and per-language evaluation results.",
        ),
        ip=("copyright", "trade_secret", "patent_pending"),
    ),
    Base(
        key="stem-kits",
        sectors=("503", "102"),
        owners=("dh-vinh", "dhbk-dn"),
        provinces=("nghe-an", "ha-tinh", "quang-tri", "thanh-hoa", "da-nang"),
        trl=7,
        cooperation=("licence", "technical_assistance", "equipment_sale"),
        price=200,
        scales="school",
        vi=Text(
            title="Bộ học liệu STEM và nền tảng học trực tuyến",
            summary=(
                "Bộ thí nghiệm lắp ghép kèm bài giảng số theo chương trình giáo dục phổ thông "
                "2018; giáo viên theo dõi tiến độ và đánh giá năng lực học sinh trên nền tảng trực "
                "tuyến."
            ),
            what=(
                "Mỗi bộ gồm mạch điện tử, cảm biến và chi tiết cơ khí cho 40 chủ đề STEM, đi kèm "
                "video, phiếu học tập và ngân hàng câu hỏi. Nền tảng gợi ý lộ trình học theo kết "
                "quả của từng học sinh."
            ),
            advantages=(
                "bám sát chương trình giáo dục phổ thông 2018",
                "giá bằng một phần ba bộ nhập khẩu",
                "tập huấn giáo viên trực tuyến và tại trường",
            ),
            targets=(
                ("cho trường trung học cơ sở", "THCS"),
                ("cho trường trung học phổ thông", "THPT"),
                (
                    "cho trung tâm giáo dục nghề nghiệp – giáo dục thường xuyên",
                    "giáo dục thường xuyên",
                ),
            ),
            keywords=("giáo dục STEM", "học liệu số", "học trực tuyến", "đổi mới giáo dục"),
            confidential=(
                "Thiết kế bộ thí nghiệm, mã nguồn nền tảng, bộ bài giảng và ngân hàng câu hỏi."
            ),
        ),
        ip=("copyright", "industrial_design", "none"),
    ),
    Base(
        key="heritage-3d",
        sectors=("601", "604", "508"),
        owners=("dhbk-dn", "dh-vinh"),
        provinces=("hue", "da-nang", "ninh-binh", "quang-ninh", "thanh-hoa"),
        trl=6,
        cooperation=("technical_assistance", "licence", "rd_cooperation"),
        price=500,
        scales="collection",
        vi=Text(
            title="Số hóa 3D di sản văn hóa và bảo tàng ảo",
            summary=(
                "Quét 3D, chụp ảnh đa góc và dựng mô hình số hiện vật, di tích để xây dựng bảo "
                "tàng ảo và trải nghiệm thực tế ảo phục vụ du lịch, giáo dục và truyền thông."
            ),
            what=(
                "Hiện vật được số hóa bằng máy quét laser và phương pháp ảnh trắc lượng, sau đó mô "
                "hình được tối ưu để xem trên web và kính thực tế ảo. Hồ sơ số được lưu theo chuẩn "
                "siêu dữ liệu di sản, phục vụ cả công tác tu bổ."
            ),
            advantages=(
                "độ chính xác hình học dưới 1 mm",
                "xem được trên điện thoại mà không cần cài đặt",
                "thuyết minh đa ngôn ngữ",
            ),
            targets=(
                ("cho hiện vật bảo tàng", "hiện vật bảo tàng"),
                ("cho di tích kiến trúc cổ", "di tích kiến trúc"),
                ("cho làng nghề truyền thống", "làng nghề"),
            ),
            keywords=("số hóa di sản", "quét 3D", "bảo tàng ảo", "thực tế ảo"),
            confidential=(
                "Quy trình quét và xử lý dữ liệu, phần mềm bảo tàng ảo, chuẩn siêu dữ liệu áp dụng."
            ),
        ),
        en=Text(
            title="3D digitisation of cultural heritage and virtual museums",
            summary=(
                "3D scanning, multi-angle photography and digital models of artefacts and "
                "monuments, turned into virtual museums and VR experiences for tourism, education "
                "and the media."
            ),
            what=(
                "Artefacts are digitised with laser scanners and photogrammetry, then the models "
                "are optimised for viewing on the web and in VR headsets. Digital records follow "
                "heritage metadata standards and also support restoration work."
            ),
            advantages=(
                "geometric accuracy below 1 mm",
                "viewable on a phone without installing anything",
                "multilingual guided tours",
            ),
            targets=(
                ("for museum artefacts", "museum artefacts"),
                ("for historic buildings", "historic buildings"),
                ("for traditional craft villages", "craft villages"),
            ),
            keywords=("heritage digitisation", "3D scanning", "virtual museum", "virtual reality"),
            confidential=(
                "Scanning and processing workflow, the virtual-museum software and the metadata "
                "standard used."
            ),
        ),
        ip=("copyright", "trade_secret", "none"),
    ),
    Base(
        key="student-wellbeing",
        sectors=("501", "305"),
        owners=("dh-vinh", "mediai"),
        provinces=("nghe-an", "ha-noi", "ho-chi-minh", "hue"),
        trl=5,
        cooperation=("licence", "rd_cooperation", "technical_assistance"),
        price=150,
        scales="school",
        vi=Text(
            title="Ứng dụng sàng lọc và hỗ trợ sức khỏe tâm thần học đường",
            summary=(
                "Ứng dụng di động dùng thang đo tâm lý đã chuẩn hóa cho người Việt để sàng lọc sớm "
                "lo âu, trầm cảm và kết nối học sinh với chuyên viên tư vấn học đường."
            ),
            what=(
                "Bộ câu hỏi sàng lọc được Việt hóa và chuẩn hóa trên hơn 5.000 học sinh, sinh "
                "viên; kết quả được bảo mật và chỉ chuyển cho chuyên viên khi có nguy cơ. Ứng dụng "
                "có bài tập thư giãn, nhật ký cảm xúc và chức năng đặt lịch tư vấn."
            ),
            advantages=(
                "thang đo có độ tin cậy cao với người Việt",
                "bảo mật danh tính người dùng",
                "giảm tải cho phòng tư vấn học đường",
            ),
            targets=(
                ("cho trường trung học", "học sinh"),
                ("cho trường đại học", "sinh viên"),
                ("cho ký túc xá và trường nội trú", "nội trú"),
            ),
            keywords=("sức khỏe tâm thần", "tâm lý học đường", "sàng lọc sớm", "ứng dụng di động"),
            confidential=(
                "Bộ thang đo và dữ liệu chuẩn hóa, quy trình chuyển tuyến, mã nguồn ứng dụng."
            ),
        ),
        ip=("copyright", "none", "trade_secret"),
    ),
    Base(
        key="ecg-patch",
        sectors=("206", "302"),
        owners=("mediai", "dhbk-hcm"),
        provinces=("ha-noi", "dien-bien", "lai-chau", "cao-bang", "ho-chi-minh"),
        trl=6,
        cooperation=("licence", "equipment_sale", "rd_cooperation"),
        price=800,
        scales="hospital",
        vi=Text(
            title="Miếng dán điện tim theo dõi từ xa",
            summary=(
                "Miếng dán điện tim không dây ghi liên tục 7 ngày, phát hiện rung nhĩ và rối loạn "
                "nhịp bằng trí tuệ nhân tạo, gửi cảnh báo cho bác sĩ qua nền tảng khám chữa bệnh "
                "từ xa."
            ),
            what=(
                "Thiết bị mỏng, chống nước, ghi một kênh điện tim và gia tốc, truyền qua Bluetooth "
                "đến điện thoại rồi lên máy chủ. Thuật toán phân loại nhịp được huấn luyện trên dữ "
                "liệu người bệnh Việt Nam và được bác sĩ tim mạch xác nhận."
            ),
            advantages=(
                "người bệnh sinh hoạt bình thường khi đeo",
                "phát hiện rung nhĩ với độ nhạy trên 95%",
                "giúp bệnh viện tuyến dưới theo dõi người bệnh với sự hỗ trợ của tuyến trên",
            ),
            targets=(
                ("cho người bệnh sau đột quỵ", "sau đột quỵ"),
                ("cho người cao tuổi tại nhà", "người cao tuổi"),
                ("cho phòng khám tim mạch ngoại trú", "tim mạch ngoại trú"),
            ),
            keywords=("điện tim", "thiết bị đeo", "y tế từ xa", "rung nhĩ"),
            confidential=(
                "Thiết kế mạch và vỏ, thuật toán phân loại nhịp, hồ sơ thử nghiệm lâm sàng và đăng "
                "ký thiết bị y tế."
            ),
        ),
        ip=("patent_pending", "utility_solution", "industrial_design"),
    ),
    Base(
        key="yield-forecast",
        sectors=("101", "502"),
        owners=("dhbk-hcm", "dh-can-tho"),
        provinces=("can-tho", "an-giang", "dong-thap", "dak-lak", "gia-lai"),
        trl=6,
        cooperation=("licence", "rd_cooperation", "technical_assistance"),
        price=300,
        scales="software",
        vi=Text(
            title="Mô hình thống kê dự báo sản lượng và giá nông sản",
            summary=(
                "Mô hình kết hợp ảnh vệ tinh, số liệu thời tiết và giá thị trường để dự báo sản "
                "lượng và xu hướng giá trước vụ thu hoạch 1–3 tháng."
            ),
            what=(
                "Các chỉ số thực vật từ ảnh vệ tinh Sentinel được kết hợp với số liệu mưa, nhiệt "
                "độ và giá lịch sử trong mô hình thống kê Bayes phân tầng. Kết quả được cập nhật "
                "hằng tuần trên bảng điều khiển kèm khoảng tin cậy."
            ),
            advantages=(
                "sai số dự báo sản lượng vùng dưới 8%",
                "giải thích được các yếu tố ảnh hưởng",
                "giúp doanh nghiệp lập kế hoạch thu mua và kho bãi",
            ),
            targets=(
                ("cho lúa gạo", "lúa gạo"),
                ("cho cà phê", "cà phê"),
                ("cho trái cây xuất khẩu", "trái cây"),
            ),
            keywords=("dự báo sản lượng", "thống kê Bayes", "ảnh vệ tinh", "giá nông sản"),
            confidential=(
                "Cấu trúc mô hình, nguồn dữ liệu và quy trình hiệu chỉnh, kết quả kiểm định trong "
                "ba vụ."
            ),
        ),
        ip=("copyright", "trade_secret", "none"),
    ),
    Base(
        key="black-soldier-fly",
        sectors=("499", "402"),
        owners=("dh-nong-lam-hue", "dh-can-tho", "vien-cnsh"),
        provinces=("hue", "can-tho", "dong-nai", "ninh-binh", "tay-ninh"),
        trl=7,
        cooperation=("technical_assistance", "licence", "joint_venture"),
        price=400,
        scales="farm",
        vi=Text(
            title="Nuôi ruồi lính đen xử lý chất thải hữu cơ",
            summary=(
                "Mô hình nuôi ấu trùng ruồi lính đen trên rác hữu cơ và phụ phẩm nông nghiệp, tạo "
                "nguồn đạm cho gà, cá và phân hữu cơ từ phần bã."
            ),
            what=(
                "Quy trình gồm khu nhân giống ruồi trưởng thành, khay nuôi ấu trùng có kiểm soát "
                "độ ẩm và khu tách ấu trùng. Một tấn chất thải cho khoảng 150–200 kg ấu trùng tươi "
                "và 300 kg phân hữu cơ."
            ),
            advantages=(
                "xử lý rác hữu cơ tại chỗ, giảm mùi hôi",
                "ấu trùng chứa 40–45% đạm",
                "đầu tư ban đầu thấp, phù hợp hợp tác xã",
            ),
            targets=(
                ("từ rác thải chợ đầu mối", "rác chợ"),
                ("từ phụ phẩm chế biến nông sản", "phụ phẩm nông sản"),
                ("tại trang trại gia cầm", "thức ăn gia cầm"),
            ),
            keywords=(
                "ruồi lính đen",
                "kinh tế tuần hoàn",
                "thức ăn chăn nuôi",
                "xử lý rác hữu cơ",
            ),
            confidential=(
                "Quy trình nhân giống, mật độ nuôi, công thức phối trộn chất nền và sơ đồ bố trí "
                "trại."
            ),
        ),
        ip=("utility_solution", "trade_secret", "none"),
    ),
    Base(
        key="acacia-clones",
        sectors=("404", "406"),
        owners=("dh-nong-lam-tn", "dh-nong-lam-hue", "vien-cnsh"),
        provinces=("tuyen-quang", "phu-tho", "quang-tri", "hue", "lang-son", "lao-cai"),
        trl=8,
        cooperation=("licence", "technical_assistance", "assignment"),
        price=400,
        scales="nursery",
        vi=Text(
            title="Giống keo lai dòng vô tính năng suất cao nhân bằng nuôi cấy mô",
            summary=(
                "Các dòng keo lai đã được công nhận giống tiến bộ kỹ thuật, sinh trưởng nhanh, "
                "thân thẳng, kháng bệnh, đạt 25–30 m³/ha/năm cho rừng gỗ lớn."
            ),
            what=(
                "Cây trội được chọn lọc, khảo nghiệm dòng vô tính và nhân giống bằng nuôi cấy mô "
                "kết hợp giâm hom. Gói chuyển giao gồm cây đầu dòng, quy trình vườn ươm và hướng "
                "dẫn trồng rừng gỗ lớn đạt chứng chỉ FSC."
            ),
            advantages=(
                "rút ngắn chu kỳ kinh doanh gỗ lớn còn 8–10 năm",
                "kháng bệnh nấm hồng và chịu gió tốt",
                "gỗ đạt yêu cầu chế biến đồ nội thất xuất khẩu",
            ),
            targets=(
                ("cho rừng trồng gỗ lớn", "rừng gỗ lớn"),
                ("cho vùng đất đồi trống", "đất đồi"),
                ("cho rừng có chứng chỉ FSC", "chứng chỉ FSC"),
            ),
            keywords=("keo lai", "giống lâm nghiệp", "nuôi cấy mô", "trồng rừng"),
            confidential=(
                "Danh sách dòng và kết quả khảo nghiệm, quy trình nhân giống, hướng dẫn vườn ươm."
            ),
        ),
        ip=("patent_granted", "trade_secret", "none"),
    ),
    Base(
        key="legal-assistant",
        sectors=("505", "102"),
        owners=("dhbk-hcm", "dhbk-hn"),
        provinces=("ho-chi-minh", "ha-noi", "da-nang", "can-tho"),
        trl=5,
        cooperation=("licence", "rd_cooperation", "technical_assistance"),
        price=350,
        scales="software",
        vi=Text(
            title="Trợ lý tra cứu văn bản pháp luật và rà soát hợp đồng bằng trí tuệ nhân tạo",
            summary=(
                "Hệ thống hỏi đáp pháp luật tiếng Việt trích dẫn đúng điều khoản còn hiệu lực và "
                "đánh dấu điều khoản rủi ro trong hợp đồng, hỗ trợ doanh nghiệp nhỏ và cán bộ pháp "
                "chế."
            ),
            what=(
                "Cơ sở dữ liệu văn bản quy phạm pháp luật được cập nhật tình trạng hiệu lực hằng "
                "ngày; mô hình ngôn ngữ tìm kiếm theo ngữ nghĩa và luôn trích dẫn nguồn. Mô-đun rà "
                "soát hợp đồng so sánh với mẫu chuẩn và quy định hiện hành."
            ),
            advantages=(
                "mọi câu trả lời đều kèm trích dẫn văn bản gốc",
                "cảnh báo văn bản hết hiệu lực hoặc đã được sửa đổi",
                "triển khai riêng, dữ liệu hợp đồng không rời khỏi doanh nghiệp",
            ),
            targets=(
                ("cho bộ phận pháp chế doanh nghiệp", "pháp chế doanh nghiệp"),
                ("cho văn phòng luật sư", "văn phòng luật"),
                ("cho chính quyền cấp xã", "chính quyền cấp xã"),
            ),
            keywords=(
                "trí tuệ nhân tạo",
                "văn bản pháp luật",
                "rà soát hợp đồng",
                "công nghệ pháp lý",
            ),
            confidential=(
                "Kiến trúc hệ thống, bộ dữ liệu đánh giá, quy trình cập nhật hiệu lực văn bản."
            ),
        ),
        ip=("copyright", "trade_secret", "none"),
    ),
    Base(
        key="land-webgis",
        sectors=("507", "105"),
        owners=("dh-nong-lam-hue", "dh-can-tho", "dhbk-dn"),
        provinces=("hue", "can-tho", "da-nang", "quang-tri", "gia-lai", "khanh-hoa"),
        trl=7,
        cooperation=("licence", "technical_assistance", "rd_cooperation"),
        price=400,
        scales="software",
        vi=Text(
            title="Nền tảng WebGIS quản lý đất đai và quy hoạch sử dụng đất",
            summary=(
                "Bản đồ số trực tuyến tích hợp dữ liệu địa chính, quy hoạch và ảnh vệ tinh, giúp "
                "chính quyền và người dân tra cứu thông tin quy hoạch, theo dõi biến động đất đai."
            ),
            what=(
                "Nền tảng dùng phần mềm mã nguồn mở, chuẩn hóa dữ liệu theo hệ tọa độ VN-2000 và "
                "cung cấp dịch vụ bản đồ theo chuẩn OGC. Mô-đun phát hiện biến động so sánh ảnh vệ "
                "tinh theo thời gian để cảnh báo xây dựng trái phép."
            ),
            advantages=(
                "không phụ thuộc bản quyền phần mềm nước ngoài",
                "tra cứu quy hoạch bằng điện thoại ngay tại thực địa",
                "phát hiện biến động đất đai hằng tháng",
            ),
            targets=(
                ("cho quản lý đất đai cấp tỉnh", "quản lý đất đai"),
                ("cho quy hoạch vùng nguyên liệu nông nghiệp", "vùng nguyên liệu"),
                ("cho quản lý vùng ven biển và du lịch", "quy hoạch ven biển"),
            ),
            keywords=("WebGIS", "quy hoạch", "địa chính", "ảnh vệ tinh"),
            confidential=(
                "Cấu trúc cơ sở dữ liệu, mã nguồn mô-đun phát hiện biến động, quy trình chuẩn hóa "
                "dữ liệu."
            ),
        ),
        ip=("copyright", "none", "trade_secret"),
    ),
    Base(
        key="traceability",
        sectors=("502", "102"),
        owners=("agridrone", "dhbk-hcm", "dh-can-tho"),
        provinces=("dak-lak", "dong-thap", "lam-dong", "son-la", "ca-mau"),
        trl=7,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=250,
        scales="software",
        vi=Text(
            title="Nền tảng truy xuất nguồn gốc nông sản theo mã vùng trồng",
            summary=(
                "Ghi nhật ký canh tác điện tử, gắn mã QR cho từng lô hàng và liên thông dữ liệu từ "
                "nông hộ, hợp tác xã đến nhà xuất khẩu, đáp ứng yêu cầu truy xuất của các thị "
                "trường khó tính."
            ),
            what=(
                "Nông hộ ghi nhật ký bằng ứng dụng đơn giản, hợp tác xã kiểm duyệt và nhà máy gắn "
                "mã lô khi thu mua. Dữ liệu được ký số và đối chiếu với mã vùng trồng, hỗ trợ lập "
                "hồ sơ chứng minh không gây mất rừng theo quy định của Liên minh châu Âu."
            ),
            advantages=(
                "giao diện tiếng Việt đơn giản cho nông dân",
                "liên kết bản đồ vùng trồng với ranh giới rừng",
                "xuất báo cáo theo yêu cầu của nhà nhập khẩu",
            ),
            targets=(
                ("cho chuỗi cà phê xuất khẩu", "cà phê xuất khẩu"),
                ("cho chuỗi trái cây tươi", "trái cây tươi"),
                ("cho chuỗi tôm nuôi", "tôm nuôi"),
            ),
            keywords=("truy xuất nguồn gốc", "mã vùng trồng", "chuỗi giá trị", "mã QR"),
            confidential="Mô hình dữ liệu, tài liệu API, quy trình ký số và đối chiếu bản đồ.",
        ),
        ip=("copyright", "trade_secret", "none"),
    ),
    Base(
        key="thalassemia-test",
        sectors=("301", "304"),
        owners=("vien-cnsh", "mediai"),
        provinces=("ha-noi", "ho-chi-minh", "dien-bien", "gia-lai", "lai-chau"),
        trl=5,
        cooperation=("licence", "rd_cooperation", "spin_off"),
        price=1600,
        scales="hospital",
        vi=Text(
            title="Bộ xét nghiệm gen sàng lọc bệnh tan máu bẩm sinh (thalassemia) cho người Việt",
            summary=(
                "Bộ kit PCR đa mồi phát hiện đồng thời các đột biến thalassemia phổ biến ở người "
                "Việt, hỗ trợ tư vấn tiền hôn nhân và sàng lọc trước sinh."
            ),
            what=(
                "Bộ mồi được thiết kế dựa trên dữ liệu đột biến của người Kinh và các dân tộc "
                "thiểu số, phát hiện bằng PCR đa mồi và điện di mao quản. Quy trình đi kèm phần "
                "mềm đọc kết quả và mẫu báo cáo tư vấn di truyền."
            ),
            advantages=(
                "phát hiện 22 đột biến alpha và beta thalassemia phổ biến",
                "chi phí thấp hơn 50% so với giải trình tự gen",
                "trả kết quả trong một ngày",
            ),
            targets=(
                ("cho tư vấn tiền hôn nhân", "tiền hôn nhân"),
                ("cho sàng lọc trước sinh", "sàng lọc trước sinh"),
                ("cho sàng lọc học sinh vùng cao", "vùng cao"),
            ),
            keywords=("thalassemia", "xét nghiệm gen", "PCR đa mồi", "y học dự phòng"),
            confidential=(
                "Trình tự mồi và mẫu dò, dữ liệu thẩm định trên 3.000 mẫu, hồ sơ đăng ký lưu hành."
            ),
        ),
        ip=("patent_pending", "trade_secret", "patent_granted"),
    ),
    Base(
        key="herbal-joint-remedy",
        sectors=("399", "303"),
        owners=("vien-cn-hoa-hoc", "dh-nong-lam-tn", "dh-vinh"),
        provinces=("ho-chi-minh", "thai-nguyen", "nghe-an", "ha-tinh", "lao-cai"),
        trl=6,
        cooperation=("licence", "assignment", "technical_assistance"),
        price=900,
        scales="line",
        vi=Text(
            title="Cao dược liệu chuẩn hóa từ bài thuốc cổ truyền hỗ trợ điều trị xương khớp",
            summary=(
                "Quy trình chiết xuất và chuẩn hóa cao khô từ bài thuốc cổ truyền gồm dây đau "
                "xương, thiên niên kiện và cỏ xước, định lượng hoạt chất đánh dấu để sản xuất với "
                "chất lượng ổn định."
            ),
            what=(
                "Dược liệu được trồng theo tiêu chuẩn GACP, chiết bằng ethanol ở nhiệt độ thấp, cô "
                "đặc chân không và sấy phun. Mỗi lô cao được kiểm nghiệm dấu vân tay sắc ký và "
                "định lượng hoạt chất đánh dấu."
            ),
            advantages=(
                "chất lượng đồng đều giữa các lô sản xuất",
                "đã đánh giá độc tính cấp và bán trường diễn",
                "nguồn nguyên liệu trong nước, chủ động vùng trồng",
            ),
            targets=(
                ("dạng viên nang cứng", "viên nang"),
                ("dạng cốm hòa tan", "cốm hòa tan"),
                ("dạng cao dán ngoài da", "cao dán"),
            ),
            keywords=("y học cổ truyền", "cao dược liệu", "chuẩn hóa dược liệu", "xương khớp"),
            confidential=(
                "Công thức bài thuốc, thông số chiết xuất, phương pháp định lượng và hồ sơ độc "
                "tính."
            ),
        ),
        ip=("patent_granted", "trade_secret", "patent_pending"),
    ),
]


NEEDS: list[Base] = [
    Base(
        key="shrimp-antibiotic-free",
        sectors=("405", "208"),
        owners=("thuy-san-ca-mau", "thuy-san-ca-mau-ct"),
        provinces=("ca-mau", "can-tho", "an-giang"),
        trl=6,
        cooperation=("licence", "technical_assistance", "rd_cooperation"),
        price=800,
        scales="area",
        vi=Text(
            title="Tìm chế phẩm sinh học thay kháng sinh trong nuôi tôm",
            summary=(
                "Công ty cần giải pháp sinh học phòng bệnh hoại tử gan tụy và phân trắng trên tôm "
                "thẻ, thay thế hoàn toàn kháng sinh để đáp ứng yêu cầu của thị trường Nhật Bản và "
                "Liên minh châu Âu."
            ),
            what=(
                "Vùng nuôi của công ty thường bùng phát dịch vào cuối mùa khô khi độ mặn tăng cao; "
                "các chế phẩm thương mại đang dùng cho hiệu quả không ổn định. Công ty có phòng "
                "thí nghiệm kiểm tra nước và cán bộ kỹ thuật tại từng vùng nuôi để phối hợp thử "
                "nghiệm."
            ),
            advantages=(
                "tỷ lệ sống đạt trên 75% ở ao thử nghiệm",
                "không phát hiện tồn dư kháng sinh trong sản phẩm",
                "chi phí chế phẩm không quá 3.000 đồng cho mỗi kg tôm",
            ),
            targets=(
                ("cho ao nuôi thâm canh", "nuôi thâm canh"),
                ("cho vùng nuôi quảng canh cải tiến", "quảng canh cải tiến"),
                ("cho trại ương giống", "ương giống"),
            ),
            keywords=("tôm thẻ", "thay thế kháng sinh", "chế phẩm sinh học", "phòng bệnh"),
            confidential=(
                "Số liệu dịch bệnh ba vụ gần nhất, kết quả phân tích nước, danh sách chế phẩm đã "
                "thử và chi phí hiện tại."
            ),
        ),
        en=Text(
            title="Seeking probiotics to replace antibiotics in shrimp farming",
            summary=(
                "The company needs a biological solution against acute hepatopancreatic necrosis "
                "and white faeces disease in whiteleg shrimp, fully replacing antibiotics to meet "
                "Japanese and EU requirements."
            ),
            what=(
                "Outbreaks hit the company's farms at the end of the dry season when salinity "
                "peaks, and the commercial products used so far give inconsistent results. The "
                "company has a water-testing laboratory and technicians in each farming area to "
                "run joint trials."
            ),
            advantages=(
                "over 75% survival in trial ponds",
                "no antibiotic residues in the product",
                "preparation cost under 3,000 đồng per kg of shrimp",
            ),
            targets=(
                ("for intensive ponds", "intensive farming"),
                ("for improved extensive farms", "improved extensive farming"),
                ("for nursery ponds", "nursery"),
            ),
            keywords=(
                "whiteleg shrimp",
                "antibiotic replacement",
                "probiotics",
                "disease prevention",
            ),
            confidential=(
                "Outbreak data for the last three crops, water analyses, the products tried and "
                "current costs."
            ),
        ),
    ),
    Base(
        key="shrimp-shell-chitosan",
        sectors=("209", "405"),
        owners=("thuy-san-ca-mau",),
        provinces=("ca-mau", "can-tho"),
        trl=6,
        cooperation=("licence", "joint_venture", "equipment_sale"),
        price=5000,
        scales="line",
        vi=Text(
            title="Tìm công nghệ sản xuất chitin, chitosan từ vỏ tôm",
            summary=(
                "Nhà máy chế biến thải ra khoảng 30 tấn đầu vỏ tôm mỗi ngày và cần công nghệ thu "
                "hồi chitin, chitosan và đạm thủy phân để nâng giá trị phụ phẩm."
            ),
            what=(
                "Hiện đầu vỏ tôm được bán rẻ làm thức ăn chăn nuôi hoặc phải thuê xử lý. Công ty "
                "có mặt bằng trong khu công nghiệp và sẵn sàng đầu tư dây chuyền nếu công nghệ ít "
                "dùng axit, kiềm đậm đặc và xử lý được nước thải."
            ),
            advantages=(
                "chitosan có độ deacetyl hóa trên 85%",
                "thu hồi đạm và astaxanthin làm sản phẩm phụ",
                "nước thải đạt quy chuẩn môi trường",
            ),
            targets=(
                ("cho chitosan dùng trong nông nghiệp", "chitosan nông nghiệp"),
                ("cho chitosan thực phẩm và y dược", "chitosan y dược"),
                ("cho đạm thủy phân từ đầu tôm", "đạm thủy phân"),
            ),
            keywords=("chitosan", "vỏ tôm", "phụ phẩm thủy sản", "kinh tế tuần hoàn"),
            confidential=(
                "Khối lượng và thành phần phụ phẩm theo mùa, mặt bằng dự kiến, dự toán đầu tư."
            ),
        ),
    ),
    Base(
        key="cold-chain-iot",
        sectors=("202", "211"),
        owners=("thuy-san-ca-mau-ct", "ca-phe-bmt-hcm"),
        provinces=("can-tho", "ho-chi-minh", "ca-mau", "dong-nai"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=600,
        scales="logistics",
        vi=Text(
            title="Tìm giải pháp IoT giám sát nhiệt độ chuỗi lạnh",
            summary=(
                "Cần hệ thống cảm biến và phần mềm giám sát nhiệt độ, độ ẩm liên tục trong kho "
                "lạnh và xe tải lạnh, cảnh báo tức thời khi vượt ngưỡng và lưu hồ sơ cho khách "
                "hàng kiểm tra."
            ),
            what=(
                "Công ty đang ghi nhiệt độ thủ công hai lần mỗi ca nên không phát hiện kịp sự cố "
                "mất điện hoặc cửa kho mở lâu. Các đối tác nhập khẩu yêu cầu dữ liệu nhiệt độ đầy "
                "đủ cho từng lô hàng."
            ),
            advantages=(
                "cảm biến ghi dữ liệu 5 phút một lần, pin dùng trên một năm",
                "cảnh báo qua tin nhắn và ứng dụng trong vòng một phút",
                "báo cáo nhiệt độ theo lô gửi được cho khách hàng",
            ),
            targets=(
                ("cho kho lạnh thủy sản", "kho lạnh"),
                ("cho xe tải lạnh", "xe tải lạnh"),
                ("cho kho cà phê và nông sản khô", "kho nông sản"),
            ),
            keywords=("chuỗi lạnh", "IoT", "giám sát nhiệt độ", "logistics"),
            confidential=(
                "Sơ đồ kho và tuyến xe, số lượng điểm đo, yêu cầu tích hợp với phần mềm quản lý "
                "kho hiện có."
            ),
        ),
        en=Text(
            title="Seeking an IoT solution to monitor cold-chain temperatures",
            summary=(
                "We need sensors and software that log temperature and humidity continuously in "
                "cold rooms and refrigerated trucks, alert at once when limits are crossed and "
                "keep records for customers to audit."
            ),
            what=(
                "Temperatures are currently written down by hand twice a shift, so power cuts or "
                "doors left open are not caught in time. Importers ask for complete temperature "
                "data for every shipment."
            ),
            advantages=(
                "sensors logging every 5 minutes with over a year of battery life",
                "alerts by text message and app within one minute",
                "per-shipment temperature reports that can be sent to customers",
            ),
            targets=(
                ("for seafood cold rooms", "cold rooms"),
                ("for refrigerated trucks", "refrigerated trucks"),
                ("for coffee and dry-goods warehouses", "warehouses"),
            ),
            keywords=("cold chain", "IoT", "temperature monitoring", "logistics"),
            confidential=(
                "Warehouse layouts and truck routes, number of measuring points, integration "
                "requirements for the current warehouse software."
            ),
        ),
    ),
    Base(
        key="cnc-predictive-maintenance",
        sectors=("203", "102"),
        owners=("co-khi-dong-anh", "co-khi-dong-anh-dn"),
        provinces=("ha-noi", "da-nang", "bac-ninh"),
        trl=7,
        cooperation=("licence", "technical_assistance", "rd_cooperation"),
        price=1500,
        scales="plant",
        vi=Text(
            title="Tìm giải pháp bảo trì dự đoán máy gia công",
            summary=(
                "Công ty cần hệ thống thu thập dữ liệu rung, nhiệt và dòng điện trục chính của 40 "
                "máy CNC để dự đoán hỏng hóc, giảm dừng máy ngoài kế hoạch."
            ),
            what=(
                "Xưởng có máy CNC của nhiều hãng và nhiều đời khác nhau, chưa được kết nối mạng. "
                "Mỗi lần trục chính hoặc dao cụ hỏng đột xuất làm chậm đơn hàng cho khách hàng ô "
                "tô và phát sinh chi phí sửa chữa lớn."
            ),
            advantages=(
                "kết nối được máy của nhiều hãng, kể cả máy đời cũ",
                "cảnh báo hỏng hóc trước ít nhất 48 giờ",
                "giảm 30% thời gian dừng máy ngoài kế hoạch",
            ),
            targets=(
                ("cho máy phay CNC", "máy phay CNC"),
                ("cho máy tiện CNC", "máy tiện CNC"),
                ("cho máy mài chính xác", "máy mài"),
            ),
            keywords=("bảo trì dự đoán", "CNC", "sản xuất thông minh", "phân tích dữ liệu"),
            confidential=(
                "Danh sách máy và bộ điều khiển, lịch sử hỏng hóc hai năm, sơ đồ mạng nhà xưởng."
            ),
        ),
        en=Text(
            title="Seeking predictive maintenance of machine tools",
            summary=(
                "We need a system that collects spindle vibration, temperature and current from 40 "
                "CNC machines to predict failures and cut unplanned downtime."
            ),
            what=(
                "The shop runs CNC machines of several makes and ages, none of them networked. "
                "Every unexpected spindle or tool failure delays orders for automotive customers "
                "and brings heavy repair costs."
            ),
            advantages=(
                "connects machines of different makes, old ones included",
                "failure warnings at least 48 hours ahead",
                "30% less unplanned downtime",
            ),
            targets=(
                ("for CNC milling machines", "CNC milling"),
                ("for CNC lathes", "CNC lathes"),
                ("for precision grinders", "grinders"),
            ),
            keywords=("predictive maintenance", "CNC", "smart manufacturing", "data analytics"),
            confidential=(
                "Machine and controller list, two years of failure history, shop-floor network "
                "layout."
            ),
        ),
    ),
    Base(
        key="robot-welding-cell",
        sectors=("203", "202"),
        owners=("co-khi-dong-anh", "dong-tau-hai-phong"),
        provinces=("ha-noi", "hai-phong", "hung-yen"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "joint_venture"),
        price=3000,
        scales="plant",
        vi=Text(
            title="Tìm trạm hàn robot có dò đường hàn laser",
            summary=(
                "Cần trạm hàn robot có dò đường hàn bằng laser để hàn các mối hàn dài trên kết cấu "
                "thép và phân đoạn vỏ tàu, thay cho hàn tay trong khi thiếu thợ lành nghề."
            ),
            what=(
                "Doanh nghiệp đang thiếu thợ hàn có chứng chỉ và chất lượng mối hàn chưa đồng đều "
                "giữa các ca. Sản phẩm có kích thước lớn, sai lệch gá đặt đến vài milimét nên "
                "robot cần tự bù sai lệch."
            ),
            advantages=(
                "dò và bù sai lệch đường hàn đến 5 mm",
                "mối hàn đạt yêu cầu kiểm tra theo quy phạm đăng kiểm",
                "đào tạo công nhân vận hành trong hai tuần",
            ),
            targets=(
                ("cho dầm thép tổ hợp", "dầm thép"),
                ("cho phân đoạn vỏ tàu", "vỏ tàu"),
                ("cho khung nhà thép tiền chế", "nhà thép tiền chế"),
            ),
            keywords=("robot hàn", "dò đường hàn laser", "đóng tàu", "kết cấu thép"),
            confidential="Bản vẽ sản phẩm điển hình, quy trình hàn hiện hành, mặt bằng xưởng.",
        ),
    ),
    Base(
        key="herbal-extraction",
        sectors=("303", "104"),
        owners=("duoc-cuu-long",),
        provinces=("vinh-long", "can-tho", "an-giang"),
        trl=6,
        cooperation=("licence", "spin_off", "rd_cooperation"),
        price=4000,
        scales="line",
        vi=Text(
            title="Tìm quy trình chiết xuất và chuẩn hóa cao dược liệu",
            summary=(
                "Công ty cần nhận chuyển giao quy trình chiết xuất, định lượng hoạt chất và sản "
                "xuất cao khô đạt tiêu chuẩn GMP từ dược liệu trồng ở Đồng bằng sông Cửu Long."
            ),
            what=(
                "Công ty đã có vùng trồng dược liệu liên kết với nông dân và nhà máy đạt GMP, "
                "nhưng vẫn phải nhập cao khô để bào chế. Quy trình cần có đủ hồ sơ để đăng ký lưu "
                "hành sản phẩm."
            ),
            advantages=(
                "hàm lượng hoạt chất đánh dấu ổn định giữa các lô",
                "phù hợp thiết bị chiết ngấm kiệt và cô đặc chân không sẵn có",
                "hồ sơ đáp ứng yêu cầu đăng ký thuốc dược liệu",
            ),
            targets=(
                ("cho cao rau đắng đất", "rau đắng đất"),
                ("cho cao diệp hạ châu", "diệp hạ châu"),
                ("cho cao trinh nữ hoàng cung", "trinh nữ hoàng cung"),
            ),
            keywords=("chiết xuất dược liệu", "cao khô", "GMP", "chuẩn hóa"),
            confidential=(
                "Danh mục thiết bị nhà máy, sản lượng vùng trồng, yêu cầu chất lượng của sản phẩm "
                "đích."
            ),
        ),
    ),
    Base(
        key="sustained-release-tablets",
        sectors=("303", "301"),
        owners=("duoc-cuu-long",),
        provinces=("vinh-long", "ho-chi-minh"),
        trl=7,
        cooperation=("licence", "assignment", "technical_assistance"),
        price=6000,
        scales="plant",
        vi=Text(
            title="Tìm công nghệ bào chế viên nén giải phóng kéo dài",
            summary=(
                "Cần nhận chuyển giao công thức và quy trình bào chế viên nén giải phóng kéo dài "
                "cho một số hoạt chất điều trị tiểu đường và tim mạch, có dữ liệu tương đương sinh "
                "học."
            ),
            what=(
                "Nhà máy có dây chuyền viên nén đạt GMP nhưng chưa làm chủ công nghệ cốt hoặc bao "
                "màng kiểm soát giải phóng. Sản phẩm hướng tới đấu thầu thuốc generic nhóm kỹ "
                "thuật cao."
            ),
            advantages=(
                "độ hòa tan tương đương thuốc đối chiếu",
                "quy trình nâng cỡ lô đến 200.000 viên",
                "có hồ sơ nghiên cứu độ ổn định",
            ),
            targets=(
                ("cho metformin", "metformin"),
                ("cho nifedipin", "nifedipin"),
                ("cho gliclazid", "gliclazid"),
            ),
            keywords=(
                "viên giải phóng kéo dài",
                "bào chế",
                "thuốc generic",
                "tương đương sinh học",
            ),
            confidential=(
                "Danh mục thiết bị, kết quả thử hòa tan sơ bộ, kế hoạch đăng ký lưu hành."
            ),
        ),
    ),
    Base(
        key="hull-coating",
        sectors=("205", "210"),
        owners=("dong-tau-hai-phong",),
        provinces=("hai-phong", "quang-ninh"),
        trl=7,
        cooperation=("licence", "equipment_sale", "rd_cooperation"),
        price=2000,
        scales="fleet",
        vi=Text(
            title="Tìm lớp phủ chống ăn mòn và chống hà bám vỏ tàu",
            summary=(
                "Cần hệ sơn phủ chống ăn mòn, chống hà bám không chứa thiếc hữu cơ cho tàu vỏ thép "
                "hoạt động ở vùng biển nhiệt đới, kéo dài chu kỳ lên đà."
            ),
            what=(
                "Tàu của khách hàng hiện phải lên đà sơn lại sau 18–24 tháng do hà bám và gỉ sét, "
                "gây tốn kém. Công ty có ụ nổi và đội thi công sơn, cần công nghệ phù hợp điều "
                "kiện thi công tại Việt Nam."
            ),
            advantages=(
                "kéo dài chu kỳ bảo dưỡng lên 36 tháng",
                "không chứa hợp chất thiếc hữu cơ bị cấm",
                "thi công được ở độ ẩm cao",
            ),
            targets=(
                ("cho tàu vận tải ven biển", "tàu vận tải"),
                ("cho tàu cá vỏ thép", "tàu cá vỏ thép"),
                ("cho kết cấu cảng và phao nổi", "kết cấu cảng"),
            ),
            keywords=("chống ăn mòn", "sơn chống hà", "đóng tàu", "vật liệu nano"),
            confidential=(
                "Danh sách tàu và lịch lên đà, kết quả khảo sát ăn mòn, điều kiện thi công tại ụ."
            ),
        ),
        en=Text(
            title="Seeking anti-corrosion and antifouling hull coatings",
            summary=(
                "We need tin-free anti-corrosion and antifouling coatings for steel hulls in "
                "tropical waters that lengthen the interval between dry-dockings."
            ),
            what=(
                "Our customers' ships return to dry dock every 18–24 months because of fouling and "
                "rust, which is costly. The company has a floating dock and a painting crew and "
                "needs technology suited to working conditions in Viet Nam."
            ),
            advantages=(
                "maintenance interval extended to 36 months",
                "no banned organotin compounds",
                "can be applied at high humidity",
            ),
            targets=(
                ("for coastal cargo ships", "cargo ships"),
                ("for steel fishing vessels", "steel fishing vessels"),
                ("for port structures and pontoons", "port structures"),
            ),
            keywords=("anti-corrosion", "antifouling paint", "shipbuilding", "nanomaterials"),
            confidential=(
                "Fleet list and dry-dock schedule, corrosion survey results, working conditions at "
                "the dock."
            ),
        ),
    ),
    Base(
        key="engine-monitoring",
        sectors=("202", "203"),
        owners=("dong-tau-hai-phong",),
        provinces=("hai-phong", "quang-ninh", "thanh-hoa"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=1200,
        scales="fleet",
        vi=Text(
            title="Tìm hệ thống giám sát động cơ tàu từ xa",
            summary=(
                "Cần thiết bị thu thập thông số động cơ chính, máy phát và nhiên liệu, truyền về "
                "bờ qua vệ tinh hoặc 4G để theo dõi tình trạng máy và mức tiêu hao nhiên liệu của "
                "đội tàu."
            ),
            what=(
                "Chủ tàu hiện chỉ biết tình trạng máy qua báo cáo của thuyền trưởng, nhiều sự cố "
                "được phát hiện muộn khi tàu đã ở xa bờ. Thiết bị cần lắp được trên động cơ cũ "
                "không có cổng dữ liệu."
            ),
            advantages=(
                "đọc được động cơ đời cũ qua cảm biến lắp ngoài",
                "truyền dữ liệu cả khi ngoài vùng phủ sóng di động",
                "báo cáo tiêu hao nhiên liệu theo chuyến",
            ),
            targets=(
                ("cho tàu vận tải nội địa", "tàu nội địa"),
                ("cho tàu kéo và tàu công trình", "tàu kéo"),
                ("cho tàu cá xa bờ", "tàu cá xa bờ"),
            ),
            keywords=("giám sát từ xa", "động cơ tàu", "tiết kiệm nhiên liệu", "IoT hàng hải"),
            confidential=(
                "Danh sách tàu và loại động cơ, yêu cầu đường truyền, chi phí vận hành hiện tại."
            ),
        ),
    ),
    Base(
        key="coffee-fermentation",
        sectors=("211", "209"),
        owners=("ca-phe-bmt",),
        provinces=("dak-lak", "gia-lai", "lam-dong"),
        trl=6,
        cooperation=("licence", "technical_assistance", "rd_cooperation"),
        price=700,
        scales="line",
        vi=Text(
            title="Tìm công nghệ lên men cà phê có kiểm soát",
            summary=(
                "Cần quy trình và thiết bị lên men cà phê với chủng vi sinh tuyển chọn, kiểm soát "
                "nhiệt độ và pH, tạo hương vị ổn định đạt trên 80 điểm cà phê đặc sản."
            ),
            what=(
                "Công ty đang lên men tự nhiên trong bể hở nên chất lượng dao động theo thời tiết "
                "và từng mẻ. Khách hàng cà phê đặc sản ở Nhật Bản và Hàn Quốc yêu cầu hồ sơ hương "
                "vị nhất quán."
            ),
            advantages=(
                "điểm thử nếm trung bình trên 80 theo thang SCA",
                "chất lượng ít biến động giữa các mẻ",
                "dữ liệu lên men được ghi nhận cho từng lô",
            ),
            targets=(
                ("cho cà phê Robusta đặc sản", "Robusta đặc sản"),
                ("cho cà phê Arabica Cầu Đất", "Arabica Cầu Đất"),
                ("cho cà phê chế biến mật ong", "cà phê honey"),
            ),
            keywords=("cà phê đặc sản", "lên men", "chủng vi sinh", "chế biến ướt"),
            confidential=(
                "Dữ liệu chất lượng các vụ gần nhất, sơ đồ xưởng chế biến, yêu cầu của khách hàng."
            ),
        ),
        en=Text(
            title="Seeking controlled coffee fermentation",
            summary=(
                "We need a process and equipment to ferment coffee with selected microbial strains "
                "under controlled temperature and pH, giving a consistent flavour that scores over "
                "80 points."
            ),
            what=(
                "We currently ferment naturally in open tanks, so quality varies with the weather "
                "and from batch to batch. Specialty buyers in Japan and Korea ask for a consistent "
                "flavour profile."
            ),
            advantages=(
                "average cupping score above 80 on the SCA scale",
                "low variation between batches",
                "fermentation data recorded for each lot",
            ),
            targets=(
                ("for specialty Robusta", "specialty Robusta"),
                ("for Cau Dat Arabica", "Cau Dat Arabica"),
                ("for honey-process coffee", "honey process"),
            ),
            keywords=("specialty coffee", "fermentation", "microbial strains", "wet processing"),
            confidential=(
                "Quality data from recent crops, processing-plant layout and buyers' requirements."
            ),
        ),
    ),
    Base(
        key="coffee-eudr-traceability",
        sectors=("102", "502"),
        owners=("ca-phe-bmt", "ca-phe-bmt-hcm"),
        provinces=("dak-lak", "gia-lai", "ho-chi-minh"),
        trl=7,
        cooperation=("licence", "technical_assistance", "joint_venture"),
        price=500,
        scales="area",
        vi=Text(
            title="Tìm nền tảng truy xuất nguồn gốc cà phê đáp ứng quy định chống mất rừng của EU",
            summary=(
                "Cần phần mềm quản lý vùng nguyên liệu với tọa độ từng vườn, nhật ký canh tác và "
                "truy xuất theo lô, xuất được hồ sơ chứng minh không gây mất rừng cho nhà nhập "
                "khẩu châu Âu."
            ),
            what=(
                "Công ty thu mua từ hơn 3.000 nông hộ qua đại lý, dữ liệu vườn trồng còn rời rạc "
                "trên giấy và bảng tính. Các lô cà phê vào Liên minh châu Âu phải có dữ liệu định "
                "vị vườn trồng."
            ),
            advantages=(
                "thu thập tọa độ vườn bằng điện thoại thông thường",
                "tự động đối chiếu với bản đồ rừng",
                "tạo hồ sơ cho mỗi lô xuất khẩu trong vài phút",
            ),
            targets=(
                ("cho vùng nguyên liệu Robusta", "vùng nguyên liệu"),
                ("cho mạng lưới đại lý thu mua", "đại lý thu mua"),
                ("cho kho và nhà máy rang xay", "nhà máy rang xay"),
            ),
            keywords=("truy xuất nguồn gốc", "EUDR", "cà phê", "chuỗi cung ứng"),
            confidential=(
                "Danh sách đại lý và số nông hộ, mẫu dữ liệu hiện có, yêu cầu của nhà nhập khẩu."
            ),
        ),
    ),
    Base(
        key="water-saving-dyeing",
        sectors=("204", "207"),
        owners=("det-may-nam-dinh",),
        provinces=("ninh-binh", "hung-yen"),
        trl=7,
        cooperation=("equipment_sale", "licence", "technical_assistance"),
        price=8000,
        scales="plant",
        vi=Text(
            title="Tìm công nghệ nhuộm tiết kiệm nước và hóa chất",
            summary=(
                "Nhà máy nhuộm cần công nghệ nhuộm tỷ lệ dung dịch thấp hoặc nhuộm không nước, "
                "giảm ít nhất 40% lượng nước và hóa chất để đáp ứng yêu cầu của các nhãn hàng quốc "
                "tế."
            ),
            what=(
                "Nhà máy tiêu thụ khoảng 2.000 m³ nước mỗi ngày, chi phí xử lý nước thải tăng "
                "nhanh và khách hàng yêu cầu báo cáo dấu chân nước. Công ty sẵn sàng thay một phần "
                "máy nhuộm nếu thời gian hoàn vốn dưới 4 năm."
            ),
            advantages=(
                "giảm ít nhất 40% nước và năng lượng cho mỗi kg vải",
                "độ bền màu đạt cấp 4 trở lên",
                "tương thích thuốc nhuộm hoạt tính đang dùng",
            ),
            targets=(
                ("cho vải dệt kim cotton", "dệt kim cotton"),
                ("cho sợi polyester", "polyester"),
                ("cho vải sợi pha", "vải pha"),
            ),
            keywords=("nhuộm tiết kiệm nước", "dệt may xanh", "hóa chất dệt", "sản xuất sạch hơn"),
            confidential=(
                "Số liệu tiêu thụ nước và hóa chất, danh mục máy nhuộm, yêu cầu của nhãn hàng."
            ),
        ),
        en=Text(
            title="Seeking dyeing technology that saves water and chemicals",
            summary=(
                "Our dye house needs low-liquor-ratio or waterless dyeing that cuts water and "
                "chemical use by at least 40%, as international brands require."
            ),
            what=(
                "The plant uses about 2,000 m³ of water a day, wastewater treatment costs are "
                "rising fast and customers ask for water-footprint reports. The company will "
                "replace some dyeing machines if the payback is under four years."
            ),
            advantages=(
                "at least 40% less water and energy per kg of fabric",
                "colour fastness of grade 4 or better",
                "compatible with the reactive dyes in use",
            ),
            targets=(
                ("for cotton knits", "cotton knits"),
                ("for polyester yarn", "polyester"),
                ("for blended fabrics", "blends"),
            ),
            keywords=(
                "water-saving dyeing",
                "sustainable textiles",
                "textile chemicals",
                "cleaner production",
            ),
            confidential=(
                "Water and chemical consumption data, the list of dyeing machines and the brands' "
                "requirements."
            ),
        ),
    ),
    Base(
        key="textile-recycling",
        sectors=("205", "207"),
        owners=("det-may-nam-dinh",),
        provinces=("ninh-binh", "thanh-hoa"),
        trl=6,
        cooperation=("joint_venture", "licence", "rd_cooperation"),
        price=10000,
        scales="line",
        vi=Text(
            title="Tìm công nghệ tái chế hàng dệt thành sợi",
            summary=(
                "Cần công nghệ phân loại, xé và kéo sợi tái chế từ vải vụn cotton và polyester của "
                "các xưởng may để sản xuất sợi pha đạt tiêu chuẩn tái chế toàn cầu."
            ),
            what=(
                "Các xưởng may của công ty thải ra khoảng 200 tấn vải vụn mỗi tháng, hiện bán làm "
                "chất đốt. Các nhãn hàng đặt mục tiêu tỷ lệ sợi tái chế ngày càng cao trong sản "
                "phẩm."
            ),
            advantages=(
                "tự động phân loại vải vụn theo thành phần sợi",
                "sợi tái chế đủ bền để dệt kim",
                "có thể chứng nhận theo tiêu chuẩn tái chế toàn cầu",
            ),
            targets=(
                ("cho vải vụn cotton", "cotton tái chế"),
                ("cho vải vụn polyester", "polyester tái chế"),
                ("cho quần áo cũ thu hồi", "quần áo cũ"),
            ),
            keywords=("tái chế sợi", "vải vụn", "kinh tế tuần hoàn", "dệt may bền vững"),
            confidential="Khối lượng và thành phần vải vụn, mặt bằng, yêu cầu chất lượng sợi.",
        ),
    ),
    Base(
        key="wood-modification",
        sectors=("404", "204"),
        owners=("go-dong-nai",),
        provinces=("dong-nai", "tay-ninh"),
        trl=7,
        cooperation=("equipment_sale", "licence", "technical_assistance"),
        price=5000,
        scales="line",
        vi=Text(
            title="Tìm công nghệ biến tính nhiệt gỗ rừng trồng và sơn gốc nước",
            summary=(
                "Cần công nghệ biến tính gỗ keo, gỗ cao su bằng nhiệt để tăng độ ổn định kích "
                "thước và độ bền ngoài trời, kèm hệ sơn gốc nước phù hợp cho đồ gỗ xuất khẩu."
            ),
            what=(
                "Gỗ rừng trồng của công ty dễ cong vênh, nứt khi xuất sang thị trường khí hậu khô "
                "và ít được dùng ngoài trời. Nhà nhập khẩu châu Âu yêu cầu giảm dung môi hữu cơ "
                "trong sơn phủ."
            ),
            advantages=(
                "giảm ít nhất 50% độ co rút và trương nở",
                "gỗ biến tính đạt cấp độ bền tự nhiên loại 2",
                "sơn gốc nước bám dính tốt và chống tia UV",
            ),
            targets=(
                ("cho gỗ keo", "gỗ keo"),
                ("cho gỗ cao su", "gỗ cao su"),
                ("cho gỗ thông", "gỗ thông"),
            ),
            keywords=("biến tính gỗ", "sơn gốc nước", "đồ gỗ xuất khẩu", "gỗ rừng trồng"),
            confidential=(
                "Sản lượng theo loại gỗ, yêu cầu của khách hàng, mặt bằng lò sấy hiện có."
            ),
        ),
    ),
    Base(
        key="pcb-inspection",
        sectors=("202", "102"),
        owners=("linh-kien-bac-ninh",),
        provinces=("bac-ninh", "thai-nguyen"),
        trl=7,
        cooperation=("equipment_sale", "rd_cooperation", "licence"),
        price=3000,
        scales="plant",
        vi=Text(
            title="Tìm giải pháp kiểm tra quang học tự động bảng mạch điện tử",
            summary=(
                "Cần hệ thống kiểm tra quang học tự động dùng trí tuệ nhân tạo phát hiện lỗi hàn "
                "và lắp linh kiện trên bảng mạch, giảm kiểm tra thủ công và tỷ lệ lỗi lọt."
            ),
            what=(
                "Nhà máy có 6 dây chuyền SMT, hiện kiểm tra bằng mắt sau công đoạn hàn nên tỷ lệ "
                "lỗi lọt đến khách hàng còn cao. Máy AOI nhập khẩu đắt và báo nhầm nhiều khi sản "
                "phẩm thay đổi thường xuyên."
            ),
            advantages=(
                "tỷ lệ phát hiện lỗi trên 98%",
                "tỷ lệ báo nhầm dưới 1%",
                "cài đặt sản phẩm mới trong một ca làm việc",
            ),
            targets=(
                ("cho dây chuyền SMT", "dây chuyền SMT"),
                ("cho công đoạn hàn sóng", "hàn sóng"),
                ("cho kiểm tra cuối dây chuyền", "kiểm tra cuối"),
            ),
            keywords=("kiểm tra quang học", "AOI", "bảng mạch", "kiểm soát chất lượng"),
            confidential=(
                "Thống kê lỗi theo loại, danh mục sản phẩm, yêu cầu tích hợp hệ thống điều hành "
                "sản xuất."
            ),
        ),
        en=Text(
            title="Seeking automated optical inspection of circuit boards",
            summary=(
                "We need an AI-based automated optical inspection system that finds soldering and "
                "placement defects on circuit boards, reducing manual checks and escaped defects."
            ),
            what=(
                "The plant runs six SMT lines and inspects boards by eye after soldering, so too "
                "many defects reach customers. Imported AOI machines are expensive and raise many "
                "false alarms on frequently changing products."
            ),
            advantages=(
                "over 98% defect detection",
                "under 1% false alarms",
                "new products set up within one shift",
            ),
            targets=(
                ("for SMT lines", "SMT lines"),
                ("for wave soldering", "wave soldering"),
                ("for end-of-line inspection", "end-of-line inspection"),
            ),
            keywords=("optical inspection", "AOI", "printed circuit boards", "quality control"),
            confidential=(
                "Defect statistics by type, the product list and MES integration requirements."
            ),
        ),
    ),
    Base(
        key="electronics-mes",
        sectors=("102", "502"),
        owners=("linh-kien-bac-ninh",),
        provinces=("bac-ninh", "phu-tho"),
        trl=8,
        cooperation=("licence", "spin_off", "joint_venture"),
        price=2500,
        scales="plant",
        vi=Text(
            title="Tìm hệ thống điều hành sản xuất (MES)",
            summary=(
                "Cần phần mềm điều hành sản xuất kết nối máy móc, theo dõi hiệu suất thiết bị tổng "
                "thể (OEE), truy vết linh kiện theo số sê-ri và tích hợp với hệ thống ERP hiện có."
            ),
            what=(
                "Dữ liệu sản xuất đang được nhập tay vào bảng tính cuối ca nên không phát hiện kịp "
                "điểm nghẽn. Khách hàng yêu cầu truy vết từng bảng mạch đến lô linh kiện và máy đã "
                "gia công."
            ),
            advantages=(
                "hiển thị OEE theo thời gian thực",
                "truy vết ngược và xuôi theo số sê-ri",
                "giao diện tiếng Việt cho công nhân",
            ),
            targets=(
                ("cho xưởng SMT", "xưởng SMT"),
                ("cho xưởng lắp ráp hoàn thiện", "lắp ráp"),
                ("cho kho linh kiện", "kho linh kiện"),
            ),
            keywords=("MES", "sản xuất thông minh", "OEE", "truy vết"),
            confidential="Sơ đồ nhà máy, danh mục máy, cấu trúc dữ liệu ERP.",
        ),
    ),
    Base(
        key="tea-processing-line",
        sectors=("203", "211"),
        owners=("che-tan-cuong",),
        provinces=("thai-nguyen", "tuyen-quang", "phu-tho"),
        trl=7,
        cooperation=("equipment_sale", "technical_assistance", "licence"),
        price=900,
        scales="line",
        vi=Text(
            title="Tìm dây chuyền sao, vò chè tự động",
            summary=(
                "Công ty và các hợp tác xã liên kết cần dây chuyền làm héo, sao, vò chè tự động có "
                "điều khiển nhiệt độ, giữ hương cốm đặc trưng và giảm phụ thuộc vào thợ sao thủ "
                "công."
            ),
            what=(
                "Chè đặc sản hiện được sao thủ công bằng chảo gang đốt củi, năng suất thấp và chất "
                "lượng phụ thuộc tay nghề. Lao động trẻ ít theo nghề sao chè nên vào vụ chính "
                "thường thiếu người."
            ),
            advantages=(
                "chất lượng cảm quan tương đương sao thủ công",
                "giảm 50% nhân công",
                "không dùng củi, giảm khói bụi",
            ),
            targets=(
                ("cho chè búp đặc sản", "chè đặc sản"),
                ("cho chè xanh xuất khẩu", "chè xuất khẩu"),
                ("cho chè ướp hoa", "chè ướp hoa"),
            ),
            keywords=("chế biến chè", "tự động hóa", "chè Thái Nguyên", "cơ khí nông nghiệp"),
            confidential="Sản lượng theo vụ, mặt bằng xưởng, yêu cầu cảm quan của sản phẩm.",
        ),
    ),
    Base(
        key="bay-plastic-waste",
        sectors=("207", "405"),
        owners=("so-khcn-quang-ninh",),
        provinces=("quang-ninh", "hai-phong"),
        trl=6,
        cooperation=("rd_cooperation", "technical_assistance", "equipment_sale"),
        price=3000,
        scales="province",
        vi=Text(
            title="Tìm công nghệ thu gom rác thải nhựa trên vịnh và thay thế phao xốp nuôi biển",
            summary=(
                "Tỉnh đặt hàng giải pháp thu gom rác nổi trên vịnh, tái chế rác nhựa và phao xốp "
                "cũ, đồng thời phổ biến phao nuôi trồng thủy sản bằng vật liệu bền thay cho xốp."
            ),
            what=(
                "Hoạt động du lịch và nuôi trồng thủy sản trên vịnh phát sinh lượng lớn rác nhựa "
                "và phao xốp vỡ vụn. Tỉnh có kinh phí nhiệm vụ khoa học và công nghệ để thí điểm, "
                "sau đó nhân rộng bằng nguồn lực xã hội hóa."
            ),
            advantages=(
                "thu gom rác nổi bằng tàu hoặc phao chặn tự động",
                "tái chế phao xốp thành sản phẩm có giá trị",
                "phao thay thế có giá thành người nuôi chấp nhận được",
            ),
            targets=(
                ("cho vịnh du lịch", "vịnh du lịch"),
                ("cho vùng nuôi trồng thủy sản trên biển", "nuôi biển"),
                ("cho cảng cá và bến tàu", "cảng cá"),
            ),
            keywords=("rác thải nhựa", "phao xốp", "bảo vệ môi trường biển", "kinh tế biển"),
            confidential=(
                "Số liệu rác thải theo mùa, số lượng lồng bè, kinh phí dự kiến và yêu cầu hồ sơ "
                "đặt hàng."
            ),
        ),
        en=Text(
            title=(
                "Seeking technology to collect plastic waste in the bay and replace foam floats in "
                "sea farming"
            ),
            summary=(
                "The province commissions solutions to collect floating waste in the bay, recycle "
                "plastic and old foam floats, and spread durable aquaculture floats to replace "
                "polystyrene foam."
            ),
            what=(
                "Tourism and aquaculture in the bay produce large amounts of plastic waste and "
                "crumbling foam floats. The province has a science and technology budget for a "
                "pilot, to be scaled up later with private investment."
            ),
            advantages=(
                "floating waste collected by boat or automatic booms",
                "foam floats recycled into valuable products",
                "replacement floats at a price farmers can accept",
            ),
            targets=(
                ("for tourist bays", "tourist bays"),
                ("for offshore aquaculture areas", "sea farming"),
                ("for fishing ports and jetties", "fishing ports"),
            ),
            keywords=(
                "plastic waste",
                "foam floats",
                "marine environment protection",
                "blue economy",
            ),
            confidential=(
                "Seasonal waste data, the number of fish cages and rafts, the expected budget and "
                "tender requirements."
            ),
        ),
    ),
    Base(
        key="sugarcane-residue-fertiliser",
        sectors=("208", "401"),
        owners=("so-khcn-thanh-hoa",),
        provinces=("thanh-hoa", "nghe-an"),
        trl=6,
        cooperation=("technical_assistance", "licence", "rd_cooperation"),
        price=1500,
        scales="province",
        vi=Text(
            title="Tìm công nghệ xử lý bã bùn mía và lá mía làm phân bón hữu cơ",
            summary=(
                "Tỉnh cần công nghệ ủ bã bùn, tro lò và lá mía thành phân bón hữu cơ vi sinh, trả "
                "lại dinh dưỡng cho vùng nguyên liệu mía và giảm đốt lá sau thu hoạch."
            ),
            what=(
                "Vùng nguyên liệu mía của tỉnh rộng hàng chục nghìn héc-ta, mỗi vụ phát sinh lượng "
                "lớn lá mía bị đốt ngoài đồng và bã bùn từ các nhà máy đường. Tỉnh hỗ trợ kinh phí "
                "thí điểm cho hợp tác xã và doanh nghiệp."
            ),
            advantages=(
                "phân bón đạt tiêu chuẩn phân hữu cơ vi sinh",
                "thời gian ủ dưới 45 ngày",
                "giảm 20% phân hóa học cho cây mía",
            ),
            targets=(
                ("cho vùng mía nguyên liệu", "vùng mía"),
                ("cho nhà máy đường", "nhà máy đường"),
                ("cho hợp tác xã trồng trọt", "hợp tác xã"),
            ),
            keywords=(
                "phân hữu cơ vi sinh",
                "phụ phẩm mía",
                "nông nghiệp tuần hoàn",
                "giảm đốt đồng",
            ),
            confidential=(
                "Số liệu phụ phẩm của các nhà máy đường, địa điểm thí điểm, kinh phí hỗ trợ dự "
                "kiến."
            ),
        ),
    ),
    Base(
        key="pepper-processing",
        sectors=("211", "401"),
        owners=("so-khcn-gia-lai",),
        provinces=("gia-lai", "dak-lak"),
        trl=7,
        cooperation=("technical_assistance", "equipment_sale", "licence"),
        price=1200,
        scales="province",
        vi=Text(
            title="Tìm công nghệ chế biến sâu hồ tiêu đạt tiêu chuẩn xuất khẩu",
            summary=(
                "Tỉnh cần chuyển giao công nghệ sấy, tiệt trùng bằng hơi nước và sản xuất tiêu "
                "trắng, tiêu xanh đông lạnh cho hợp tác xã, nâng giá trị hồ tiêu thay vì bán hạt "
                "thô."
            ),
            what=(
                "Phần lớn hồ tiêu của tỉnh được phơi trên sân đất và bán thô, thường nhiễm vi sinh "
                "và bị trả hàng. Chương trình khoa học và công nghệ của tỉnh hỗ trợ một phần kinh "
                "phí thiết bị cho hợp tác xã."
            ),
            advantages=(
                "sản phẩm đạt chỉ tiêu vi sinh của thị trường châu Âu",
                "giữ hàm lượng tinh dầu và piperin",
                "thiết bị phù hợp quy mô hợp tác xã",
            ),
            targets=(
                ("cho tiêu đen sấy", "tiêu đen"),
                ("cho tiêu trắng", "tiêu trắng"),
                ("cho tiêu xanh đông lạnh", "tiêu xanh"),
            ),
            keywords=("hồ tiêu", "chế biến sâu", "tiệt trùng hơi nước", "xuất khẩu"),
            confidential="Danh sách hợp tác xã tham gia, sản lượng, mức hỗ trợ từ ngân sách tỉnh.",
        ),
    ),
    Base(
        key="low-emission-rice",
        sectors=("401", "105"),
        owners=("so-khcn-dong-thap",),
        provinces=("dong-thap", "an-giang", "can-tho"),
        trl=7,
        cooperation=("technical_assistance", "rd_cooperation", "licence"),
        price=2000,
        scales="province",
        vi=Text(
            title="Tìm giải pháp canh tác lúa giảm phát thải và đo đạc tín chỉ carbon",
            summary=(
                "Tỉnh tìm gói giải pháp tưới ướt khô xen kẽ, quản lý rơm rạ và hệ thống đo đạc, "
                "báo cáo, thẩm định phát thải để tham gia chương trình một triệu héc-ta lúa chất "
                "lượng cao, phát thải thấp."
            ),
            what=(
                "Tỉnh đã có vùng lúa tập trung và hợp tác xã liên kết với doanh nghiệp, nhưng "
                "thiếu công cụ đo mực nước ruộng và tính toán phát thải đáng tin cậy. Kết quả thí "
                "điểm sẽ làm cơ sở nhân rộng."
            ),
            advantages=(
                "giảm ít nhất 30% phát thải khí mê-tan",
                "cảm biến mực nước ruộng giá thấp",
                "báo cáo phát thải theo phương pháp được quốc tế công nhận",
            ),
            targets=(
                ("cho cánh đồng lớn", "cánh đồng lớn"),
                ("cho hợp tác xã lúa chất lượng cao", "lúa chất lượng cao"),
                ("cho vùng luân canh lúa – tôm", "lúa – tôm"),
            ),
            keywords=("lúa phát thải thấp", "tưới ướt khô xen kẽ", "tín chỉ carbon", "MRV"),
            confidential=(
                "Bản đồ vùng thí điểm, danh sách hợp tác xã, kinh phí và tiến độ chương trình."
            ),
        ),
    ),
    Base(
        key="smart-park",
        sectors=("202", "201"),
        owners=("bql-hoa-lac",),
        provinces=("ha-noi",),
        trl=7,
        cooperation=("rd_cooperation", "equipment_sale", "joint_venture"),
        price=5000,
        scales="park",
        vi=Text(
            title="Tìm giải pháp quản lý năng lượng và giao thông thông minh",
            summary=(
                "Ban quản lý cần nền tảng giám sát tiêu thụ điện, nước của các tòa nhà, chiếu sáng "
                "thông minh và xe điện tự hành đưa đón nội khu, thử nghiệm trên hạ tầng thực tế."
            ),
            what=(
                "Khu công nghệ cao có hàng trăm doanh nghiệp và trường đại học, nhu cầu đi lại nội "
                "khu lớn và hóa đơn năng lượng của các công trình công cộng tăng nhanh. Ban quản "
                "lý dành mặt bằng và hạ tầng làm nơi thử nghiệm công nghệ mới."
            ),
            advantages=(
                "giảm 20% điện năng chiếu sáng và điều hòa",
                "dữ liệu mở cho doanh nghiệp khởi nghiệp phát triển ứng dụng",
                "xe tự hành chạy an toàn trên tuyến cố định",
            ),
            targets=(
                ("cho tòa nhà điều hành", "tòa nhà thông minh"),
                ("cho chiếu sáng đường nội khu", "chiếu sáng thông minh"),
                ("cho xe đưa đón nội khu", "xe tự hành"),
            ),
            keywords=(
                "đô thị thông minh",
                "quản lý năng lượng",
                "xe tự hành",
                "khu công nghệ cao",
            ),
            confidential=(
                "Sơ đồ hạ tầng, số liệu tiêu thụ năng lượng, cơ chế thử nghiệm có kiểm soát."
            ),
        ),
    ),
    Base(
        key="public-service-survey",
        sectors=("504", "506"),
        owners=("so-khcn-thanh-hoa", "so-khcn-quang-ninh"),
        provinces=("thanh-hoa", "quang-ninh"),
        trl=6,
        cooperation=("rd_cooperation", "licence", "technical_assistance"),
        price=800,
        scales="province",
        vi=Text(
            title="Tìm công cụ khảo sát mức độ hài lòng của người dân với dịch vụ công",
            summary=(
                "Cần nền tảng khảo sát trực tuyến và trực tiếp kết hợp phương pháp xã hội học để "
                "đo mức độ hài lòng của người dân, doanh nghiệp với dịch vụ hành chính công cấp xã "
                "và cấp tỉnh."
            ),
            what=(
                "Việc khảo sát hiện làm bằng phiếu giấy mỗi năm một lần, mẫu nhỏ và chậm có kết "
                "quả. Sau khi tổ chức chính quyền địa phương hai cấp, tỉnh cần dữ liệu thường "
                "xuyên để điều chỉnh cách phục vụ ở từng xã."
            ),
            advantages=(
                "thiết kế mẫu khảo sát đại diện theo phương pháp xã hội học",
                "bảng điều khiển theo từng xã, cập nhật hằng tháng",
                "bảo đảm ẩn danh người trả lời",
            ),
            targets=(
                ("cho trung tâm phục vụ hành chính công", "hành chính công"),
                ("cho dịch vụ y tế và giáo dục công", "y tế, giáo dục công"),
                ("cho doanh nghiệp nhỏ và hộ kinh doanh", "doanh nghiệp nhỏ"),
            ),
            keywords=("khảo sát xã hội học", "dịch vụ công", "chính quyền số", "mức độ hài lòng"),
            confidential="Bộ chỉ số hiện hành, số liệu khảo sát các năm trước, kinh phí dự kiến.",
        ),
    ),
]
