"""Demo listings for `manage.py seed_demo`: technology offers and needs generated from the
hand-written templates of listings.demo_data, with their life cycle, interest and NDAs.

`listings_seed(ctx)` runs as a step of marketplace.accounts.demo.STEPS, after the organisations.
It works in four passes:

1. `demo_listings` turns every template into several listings (targets × scales, rotating
   owners, provinces, IP statuses, cooperation types and price forms) written as records of
   the exchange format, and validates each with `listing_data_from_dict`: demo data obeys the
   same rules as an import.
2. `plan_life_cycles` gives each listing a status and its dates from its position alone: ten
   listings per national exchange wait for moderation, a few are drafts, returned, archived or
   expired, the rest are published over the last 18 months (some stale, some about to expire,
   some featured).
3. The listings missing from the database are created in bulk with their sectors, provinces
   and status history. The key is (exchange, external_id): a second run creates nothing, and
   it brings back the demo text of a listing someone edited (dates and statuses are left as
   they are, so a demo of the life cycle survives a re-run).
4. Expressions of interest and NDA acceptances between demo organisations are added.

Texts, codes, owners and statuses never depend on the date; dates are relative to the run
that created the listing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.accounts.demo import (
    DEMO_ENTERPRISE,
    DEMO_INSTITUTE,
    ORGANISATIONS,
    DemoContext,
    has_second_member,
    member_email,
    owner_email,
    person_name,
)
from marketplace.accounts.models import Organisation, User
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province

from .demo_data import NEEDS, OFFERS, SCALES, Base, Text
from .formats import ListingFormatError, Vocabularies, listing_data_from_dict
from .models import (
    STALE_AFTER,
    Listing,
    ListingInterest,
    ListingStatusChange,
    NdaAcceptance,
    NdaText,
    Sector,
)
from .services import PUBLICATION_PERIOD

S = Listing.Status
MILLION = 1_000_000

OFFER_VARIANTS = 6  # listings per offer template
NEED_VARIANTS = 7  # listings per need template
ENGLISH_VARIANTS = (1, 3, 5)  # variants written in English when the template has English
DEADLINE_VARIANTS = (0, 3, 5)  # needs with a deadline
PRICE_FACTORS = (0.4, 1.0, 2.5)  # by scale: small, middle, large
TRL_STEPS = (-1, 0, 1)  # by scale
DEMO_SERIES = "2026"  # the year part of external ids: "hanoi-2026-0012"

SUBMITTED_PER_NATIONAL = 10  # the moderation queue of each national exchange
FEATURED_PER_NATIONAL = 4
# Listings that are not waiting for moderation get a status by their position in this cycle;
# every other position is published.
STATUS_CYCLE_LENGTH = 48
STATUS_CYCLE = {5: S.DRAFT, 29: S.DRAFT, 11: S.RETURNED, 17: S.ARCHIVED, 41: S.EXPIRED}
PUBLISHED_SPREAD_DAYS = 540  # 18 months
STALE_EVERY = 10  # one in ten published listings older than 6 months was never updated

COOPERATION_OFFERED = {
    "vi": {
        "licence": "cấp phép sử dụng (li-xăng)",
        "assignment": "chuyển nhượng quyền sở hữu",
        "joint_venture": "liên doanh sản xuất",
        "technical_assistance": "hỗ trợ kỹ thuật và đào tạo vận hành",
        "spin_off": "góp vốn thành lập doanh nghiệp spin-off",
        "rd_cooperation": "hợp tác nghiên cứu hoàn thiện",
        "equipment_sale": "cung cấp thiết bị kèm quy trình",
    },
    "en": {
        "licence": "a licence",
        "assignment": "an outright assignment",
        "joint_venture": "a manufacturing joint venture",
        "technical_assistance": "technical assistance and operator training",
        "spin_off": "a spin-off company",
        "rd_cooperation": "joint R&D to finish the technology",
        "equipment_sale": "equipment supplied with the process",
    },
}
COOPERATION_SOUGHT = {
    "vi": {
        "licence": "nhận cấp phép (li-xăng)",
        "assignment": "mua đứt công nghệ",
        "joint_venture": "liên doanh",
        "technical_assistance": "thuê hỗ trợ kỹ thuật",
        "spin_off": "góp vốn vào doanh nghiệp spin-off",
        "rd_cooperation": "đặt hàng nghiên cứu",
        "equipment_sale": "mua thiết bị kèm chuyển giao",
    },
    "en": {
        "licence": "take a licence",
        "assignment": "buy the technology outright",
        "joint_venture": "form a joint venture",
        "technical_assistance": "contract technical assistance",
        "spin_off": "invest in a spin-off",
        "rd_cooperation": "commission research",
        "equipment_sale": "buy equipment with the know-how",
    },
}
TRL_MEANING = {
    "vi": {
        1: "đã quan sát được nguyên lý cơ bản",
        2: "đã hình thành ý tưởng công nghệ",
        3: "đã chứng minh khái niệm trong phòng thí nghiệm",
        4: "đã kiểm chứng trong phòng thí nghiệm",
        5: "đã kiểm chứng trong môi trường liên quan",
        6: "đã trình diễn trong môi trường liên quan",
        7: "đã trình diễn mẫu hoàn chỉnh trong điều kiện thực tế",
        8: "hệ thống hoàn chỉnh đã được kiểm định",
        9: "đã vận hành thành công trong thực tế",
    },
    "en": {
        1: "basic principles observed",
        2: "technology concept formulated",
        3: "proof of concept in the laboratory",
        4: "validated in the laboratory",
        5: "validated in a relevant environment",
        6: "demonstrated in a relevant environment",
        7: "prototype demonstrated in operational conditions",
        8: "complete system qualified",
        9: "proven in operation",
    },
}
RETURN_REASONS = {
    "vi": (
        "Đề nghị bổ sung kết quả thử nghiệm (số liệu, địa điểm, thời gian) để người đọc đánh giá "
        "được mức TRL đã khai.",
        "Phần tóm tắt đang lặp lại tiêu đề; đề nghị viết 1–3 câu nêu rõ công nghệ giải quyết vấn "
        "đề gì và cho ai.",
        "Đề nghị ghi rõ số văn bằng bảo hộ hoặc số đơn đăng ký sở hữu trí tuệ.",
        "Mức giá chưa rõ gồm những hạng mục nào; đề nghị nêu phạm vi chuyển giao (thiết bị, đào "
        "tạo, bảo hành).",
    ),
    "en": (
        "Please add test results (figures, place, dates) so that readers can judge the TRL "
        "you state.",
        "The summary repeats the title; please write 1–3 sentences on what problem the "
        "technology solves and for whom.",
        "Please give the number of the patent or of the IP application.",
        "It is unclear what the price covers; please state the scope of the transfer "
        "(equipment, training, warranty).",
    ),
}
ARCHIVE_REASONS = {
    "vi": (
        "Đã ký hợp đồng chuyển giao với doanh nghiệp.",
        "Đã có phiên bản mới thay thế.",
        "Đã tìm được đối tác phù hợp.",
    ),
    "en": (
        "A transfer agreement has been signed.",
        "Replaced by a newer version.",
        "A suitable partner has been found.",
    ),
}
INTEREST_MESSAGES = {
    ("offer", "vi"): (
        "Chúng tôi quan tâm đến công nghệ này và muốn trao đổi thêm về chi phí chuyển giao, thời "
        "gian triển khai.",
        "Đề nghị cho chúng tôi tham quan mô hình thử nghiệm và gửi báo giá cho quy mô phù hợp.",
        "Quỹ quan tâm đầu tư vào nhóm phát triển công nghệ này; xin hẹn một buổi giới thiệu "
        "trực tuyến.",
    ),
    ("offer", "en"): (
        "We are interested in this technology and would like to discuss transfer costs and timing.",
        "Could we visit a pilot installation and receive a quotation for our scale?",
    ),
    ("need", "vi"): (
        "Chúng tôi có công nghệ đáp ứng nhu cầu này và sẵn sàng thử nghiệm tại cơ sở của quý "
        "đơn vị.",
        "Nhóm nghiên cứu có thể đề xuất giải pháp; đề nghị cung cấp thêm số liệu hiện trạng để "
        "xây dựng phương án.",
    ),
    ("need", "en"): (
        "Our team has a technology that fits this need and can run a trial at your site.",
        "We can propose a solution; please share more data on the current situation.",
    ),
}


# --- Generation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgInfo:
    """What the generator needs of a demo organisation."""

    key: str
    pk: int
    name: str
    kind: str
    tax_code: str
    province: str
    exchange: str  # home exchange code
    national: str  # the national exchange above it (itself when national)


@dataclass
class DemoListing:
    """One demo listing: its exchange-format record, confidential part and life-cycle plan."""

    kind: str
    template: str
    variant: int
    owner: str  # organisation key
    exchange: str
    national: str
    external_id: str = ""
    record: dict = field(default_factory=dict)
    confidential: dict = field(default_factory=dict)
    # The plan: durations before the run's "now" (timedelta), filled by plan_life_cycles.
    status: str = ""
    created_ago: timedelta = timedelta(0)
    submitted_ago: timedelta | None = None
    published_ago: timedelta | None = None
    content_updated_ago: timedelta = timedelta(0)
    expires_in: timedelta | None = None  # from now; negative when already expired
    closed_ago: timedelta | None = None  # returned, archived or expired
    featured: bool = False
    views: int = 0
    reason: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.exchange, self.external_id)

    @property
    def language(self) -> str:
        return self.record["language"]


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _join(items: list[str], language: str, *, last: str | None = None) -> str:
    last = last or (" và " if language == "vi" else " and ")
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] + "."


def _province_name(names: tuple[str, str], language: str) -> str:
    """ "thành phố Hà Nội" mid-sentence in Vietnamese, "Hà Nội City" in English."""
    name_vi, name_en = names
    return name_vi[:1].lower() + name_vi[1:] if language == "vi" else name_en


def _price(base: Base, scale: int, form: int) -> dict | None:
    """Four forms in turn: a range, only a minimum, only a maximum, negotiable (None)."""
    low = max(10, round(base.price * PRICE_FACTORS[scale] / 10) * 10) * MILLION
    return ({"min": low, "max": 2 * low}, {"min": low}, {"max": 2 * low}, None)[form % 4]


def _ip_numbers(status: str, n: int) -> list[str]:
    """Registration numbers in the shapes the Vietnamese IP office uses."""
    year = 2021 + n % 4
    return {
        "patent_granted": [f"1-00{10000 + n % 90000:05d}"],
        "patent_pending": [f"1-{year}-{n % 10000:05d}"],
        "utility_solution": [f"2-000{n % 10000:04d}"],
        "industrial_design": [f"3-000{n % 10000:04d}"],
        "copyright": [f"{1000 + n % 9000}/{year}/QTG"],
    }.get(status, [])


def _contact(org: OrgInfo) -> dict:
    """The organisation's second member (R&D lead) if it has one, else its owner."""
    number = ORG_INDEX[org.key]
    if has_second_member(number):
        name, email = person_name(number + 101), member_email(org.key)
    else:
        name, email = person_name(number), owner_email(org.key)
    digits = f"{(31_415_926 + number * 2_718_281) % 10**8:08d}"  # one number per person
    return {
        "contact_name": name,
        "contact_email": email,
        "contact_phone": f"09{digits[:2]} {digits[2:5]} {digits[5:]}",  # 0912 345 678
    }


ORG_INDEX = {spec.key: index for index, spec in enumerate(ORGANISATIONS)}


def _variant_texts(
    kind: str,
    base: Base,
    text: Text,
    language: str,
    *,
    target: int,
    scale: int,
    org: OrgInfo,
    provinces: list[str],
    cooperation: list[str],
    trl: int,
    province_names: dict,
) -> dict:
    phrase, keyword = text.targets[target]
    size = SCALES[base.scales][scale][0 if language == "vi" else 1]
    places = _join([_province_name(province_names[p], language) for p in provinces], language)
    other = [kw for i, (_p, kw) in enumerate(text.targets) if i != target]
    advantages = "; ".join(text.advantages)
    trl_text = TRL_MEANING[language][trl]
    if kind == Listing.Kind.OFFER:
        forms = [COOPERATION_OFFERED[language][code] for code in cooperation]
        if language == "vi":
            summary = f"{text.summary} Phiên bản {size} {phrase}."
            body = (
                f"Phiên bản {size} được thiết kế {phrase}. Ưu điểm nổi bật: {advantages}.",
                f"{org.name} đã thử nghiệm công nghệ tại {places}. Hình thức chuyển giao: "
                f"{_join(forms, language, last=' hoặc ')}. Mức sẵn sàng công nghệ hiện tại: "
                f"TRL {trl}, {trl_text}.",
            )
            closing = (
                f"Hồ sơ kỹ thuật cho {size} và kết quả thử nghiệm tại {places} được gửi sau "
                "buổi trao đổi kỹ thuật đầu tiên."
            )
            applications = f"Ứng dụng chính: {keyword}. Có thể mở rộng sang: {', '.join(other)}."
        else:
            summary = f"{text.summary} This offer covers the {size} {phrase}."
            body = (
                f"The {size} is designed {phrase}. Main advantages: {advantages}.",
                f"{org.name} has tested the technology in {places}. It offers "
                f"{_join(forms, language, last=' or ')}. Technology readiness: TRL {trl}, "
                f"{trl_text}.",
            )
            closing = (
                f"The technical file for the {size} and the results from {places} are sent "
                "after the first technical meeting."
            )
            applications = f"Main application: {keyword}. Also suited to: {', '.join(other)}."
    else:
        forms = [COOPERATION_SOUGHT[language][code] for code in cooperation]
        if language == "vi":
            summary = f"{text.summary} Quy mô: {size}."
            body = (
                f"Nhu cầu cụ thể: công nghệ {phrase}, {size}, áp dụng tại {places}. Giải pháp "
                f"cần đạt: {advantages}.",
                f"{org.name} sẵn sàng {_join(forms, language, last=' hoặc ')} và ưu tiên giải "
                f"pháp đã đạt tối thiểu TRL {trl} ({trl_text}).",
            )
            closing = (
                f"Số liệu hiện trạng chi tiết tại {places} được cung cấp cho đối tác sau buổi "
                "làm việc đầu tiên."
            )
            applications = f"Phạm vi áp dụng: {keyword}, {size}. Liên quan: {', '.join(other)}."
        else:
            summary = f"{text.summary} Scope: {size}."
            body = (
                f"What we need: a technology {phrase}, {size}, to be used in {places}. The "
                f"solution should deliver: {advantages}.",
                f"{org.name} is ready to {_join(forms, language, last=' or ')}, and prefers "
                f"solutions that have reached at least TRL {trl} ({trl_text}).",
            )
            closing = (
                f"Detailed data on the current situation in {places} is shared with partners "
                "after the first meeting."
            )
            applications = f"Scope: {keyword}, {size}. Related: {', '.join(other)}."
    return {
        "title": f"{text.title} {phrase} ({size})",
        "summary": summary,
        "description": "\n\n".join((text.what, *body)),
        "keywords": _unique([*text.keywords, keyword]),
        "applications": applications,
        "advantages": "\n".join(_sentence(item) for item in text.advantages),
        "confidential_details": f"{text.confidential} {closing}",
    }


def demo_listings(
    *, orgs: dict[str, OrgInfo], province_names: dict[str, tuple[str, str]], today: dt.date
) -> list[DemoListing]:
    """Every demo listing as an exchange-format record, in a fixed order: offers template by
    template, then needs. `province_names` maps slugs to (Vietnamese, English) names; `today`
    only fixes the deadlines of needs."""
    listings: list[DemoListing] = []
    for kind, templates, variants in (
        (Listing.Kind.OFFER, OFFERS, OFFER_VARIANTS),
        (Listing.Kind.NEED, NEEDS, NEED_VARIANTS),
    ):
        for number, base in enumerate(templates):
            for variant in range(variants):
                listings.append(_variant(kind, base, number, variant, orgs, province_names, today))
    sequence: Counter = Counter()
    for item in listings:
        sequence[item.exchange] += 1
        item.external_id = f"{item.exchange}-{DEMO_SERIES}-{sequence[item.exchange]:04d}"
        item.record["external_id"] = item.external_id
    return listings


def _variant(kind, base: Base, number: int, variant: int, orgs, province_names, today):
    target = variant % 3
    scale = (variant + variant // 3) % 3  # with `target`, a different pair for each variant
    english = base.en is not None and variant in ENGLISH_VARIANTS
    language = "en" if english else "vi"
    text = base.en if english else base.vi
    org = orgs[base.owners[variant % len(base.owners)]]
    places = base.provinces
    if kind == Listing.Kind.OFFER:
        provinces = _unique([places[variant % len(places)], places[(variant + 2) % len(places)]])
    else:
        provinces = _unique([org.province, places[variant % len(places)]])
    coops = base.cooperation
    cooperation = _unique(
        [coops[(variant + i) % len(coops)] for i in range(3 if variant % 3 == 2 else 2)]
    )
    trl = min(9, max(1, base.trl + TRL_STEPS[scale]))
    texts = _variant_texts(
        kind,
        base,
        text,
        language,
        target=target,
        scale=scale,
        org=org,
        provinces=provinces,
        cooperation=cooperation,
        trl=trl,
        province_names=province_names,
    )
    record = {
        "kind": kind,
        "external_id": None,
        "exchange": org.exchange,
        "organisation": {
            "name": org.name,
            "kind": org.kind,
            "tax_code": org.tax_code,
            "province": org.province,
        },
        "language": language,
        "title": texts["title"],
        "summary": texts["summary"],
        "description": texts["description"],
        "sectors": list(base.sectors),
        "keywords": texts["keywords"],
        "trl": trl,
    }
    if kind == Listing.Kind.OFFER:
        ip_status = base.ip[(variant + number) % len(base.ip)]
        record["ip_status"] = ip_status
        record["ip_numbers"] = _ip_numbers(ip_status, number * 7919 + variant * 613)
    record["cooperation"] = cooperation
    record["price_vnd"] = _price(base, scale, variant + number)
    record["provinces"] = provinces
    if kind == Listing.Kind.NEED and variant in DEADLINE_VARIANTS:
        days = 45 + (number * 29 + variant * 17) % 300
        record["deadline"] = (today + timedelta(days=days)).isoformat()
    record["applications"] = texts["applications"]
    record["advantages"] = texts["advantages"]
    confidential = {
        "confidential_details": texts["confidential_details"],
        **_contact(org),
    }
    return DemoListing(
        kind=kind,
        template=base.key,
        variant=variant,
        owner=org.key,
        exchange=org.exchange,
        national=org.national,
        record=record,
        confidential=confidential,
    )


def plan_life_cycles(listings: list[DemoListing]) -> None:
    """Sets each listing's status and dates (as durations before now) from its position."""
    by_national: dict[str, list[DemoListing]] = defaultdict(list)
    for item in listings:
        by_national[item.national].append(item)
    for items in by_national.values():
        step = max(1, len(items) // SUBMITTED_PER_NATIONAL)
        for item in items[step // 2 :: step][:SUBMITTED_PER_NATIONAL]:
            item.status = S.SUBMITTED
    position = 0
    for item in listings:
        if not item.status:
            item.status = STATUS_CYCLE.get(position % STATUS_CYCLE_LENGTH, S.PUBLISHED)
            position += 1

    counters: Counter = Counter()
    featured: Counter = Counter()
    for item in listings:
        k = counters[item.status]
        counters[item.status] += 1
        getattr(_Planner, item.status)(item, k)
        if (
            item.status == S.PUBLISHED
            and item.published_ago < timedelta(days=150)
            and k % 3 == 0
            and featured[item.national] < FEATURED_PER_NATIONAL
        ):
            item.featured = True
            featured[item.national] += 1


def _days(days: int, minutes: int = 0) -> timedelta:
    return timedelta(days=days, minutes=minutes)


class _Planner:
    """One method per status: fills the plan of the k-th listing with that status."""

    @staticmethod
    def draft(item: DemoListing, k: int) -> None:
        item.created_ago = item.content_updated_ago = _days(1 + (k * 11) % 60, (k * 23) % 600)

    @staticmethod
    def submitted(item: DemoListing, k: int) -> None:
        item.created_ago = item.content_updated_ago = _days(3 + (k * 5) % 25, (k * 23) % 600)
        item.submitted_ago = item.created_ago - _days(1)

    @staticmethod
    def returned(item: DemoListing, k: int) -> None:
        item.created_ago = item.content_updated_ago = _days(10 + (k * 7) % 50)
        item.submitted_ago = item.created_ago - _days(1)
        item.closed_ago = item.submitted_ago - _days(2)
        item.reason = RETURN_REASONS[item.language][k % len(RETURN_REASONS["vi"])]

    @staticmethod
    def _published_once(item: DemoListing, k: int, age: timedelta) -> None:
        item.published_ago = age
        item.submitted_ago = age + _days(1 + k % 4)
        item.created_ago = item.submitted_ago + _days(k % 3)
        item.content_updated_ago = age
        item.expires_in = PUBLICATION_PERIOD - age
        item.views = 12 + (k * 53) % 380

    @staticmethod
    def published(item: DemoListing, k: int) -> None:
        age = _days((k * 137 + 11) % PUBLISHED_SPREAD_DAYS, (k * 37) % 600)
        _Planner._published_once(item, k, age)
        if age >= _days(364):
            # Renewed by its owner some months ago: online for a year from the renewal.
            renewed = _days(5 + (k * 29) % 170)
            item.content_updated_ago = renewed
            item.expires_in = PUBLICATION_PERIOD - renewed
        elif age >= STALE_AFTER and k % STALE_EVERY:
            item.content_updated_ago = _days(1 + (k * 31) % 150)  # edited since: not stale

    @staticmethod
    def archived(item: DemoListing, k: int) -> None:
        _Planner._published_once(item, k, _days(200 + (k * 41) % 300))
        item.closed_ago = item.published_ago - _days(60 + (k * 17) % 90)
        item.reason = ARCHIVE_REASONS[item.language][k % len(ARCHIVE_REASONS["vi"])]

    @staticmethod
    def expired(item: DemoListing, k: int) -> None:
        _Planner._published_once(item, k, _days(380 + (k * 53) % 150))
        item.closed_ago = -item.expires_in  # expired when its year was up


# --- Seeding ---------------------------------------------------------------------------------

CONTENT_FIELDS = ("language", "title", "summary", "description", "keywords", "trl", "ip_status",
                  "ip_numbers", "cooperation", "price_min_vnd", "price_max_vnd", "applications",
                  "advantages", "video_url")  # fmt: skip
CONFIDENTIAL_FIELDS = ("confidential_details", "contact_name", "contact_email", "contact_phone")


def demo_organisations() -> dict[str, OrgInfo]:
    """The demo organisations (by key) as they are in the database."""
    keys = [spec.key for spec in ORGANISATIONS]
    by_tax_code = {spec.tax_code: spec.key for spec in ORGANISATIONS}
    found = {
        by_tax_code[org.tax_code]: org
        for org in Organisation.objects.filter(tax_code__in=by_tax_code).select_related(
            "province", "home_exchange__parent"
        )
    }
    return {
        key: OrgInfo(
            key=key,
            pk=org.pk,
            name=org.name,
            kind=org.kind,
            tax_code=org.tax_code,
            province=org.province.slug,
            exchange=org.home_exchange.code,
            national=org.home_exchange.national_exchange.code,
        )
        for key in keys
        if (org := found.get(key)) is not None
    }


def _validated(listings: list[DemoListing], today: dt.date) -> dict[tuple[str, str], object]:
    vocab = Vocabularies()
    data = {}
    for item in listings:
        try:
            data[item.key] = listing_data_from_dict(
                item.record, vocab=vocab, require_exchange=True, today=today
            )
        except ListingFormatError as error:
            raise ValueError(f"Demo listing {item.external_id} is invalid: {error}") from error
    return data


def listings_seed(ctx: DemoContext) -> None:
    """The seed_demo step: demo offers and needs, their history, interest and NDAs."""
    now = timezone.now()
    today = timezone.localdate()
    orgs = demo_organisations()
    province_names = {p.slug: (p.name_vi, p.name_en) for p in Province.objects.all()}
    listings = demo_listings(orgs=orgs, province_names=province_names, today=today)
    plan_life_cycles(listings)
    data = _validated(listings, today)

    exchanges = {e.code: e for e in Exchange.objects.all()}
    existing = {
        (listing.exchange.code, listing.external_id): listing
        for listing in Listing.objects.filter(
            external_id__in=[item.external_id for item in listings]
        )
        .select_related("exchange")
        .prefetch_related("sectors", "provinces")
    }
    restored = _restore_texts(ctx, listings, data, existing)
    missing = [item for item in listings if item.key not in existing]
    created = _create(ctx, missing, data, orgs, exchanges, now)
    existing.update(created)
    _queue_index([listing.pk for listing in [*restored, *created.values()] if listing.is_published])
    _seed_interest(ctx, listings, existing, orgs, now)
    offers = sum(1 for item in listings if item.kind == Listing.Kind.OFFER)
    ctx.say(
        f"Listings: {offers} offers and {len(listings) - offers} needs "
        f"({len(created)} created this run)"
    )


def _queue_index(listing_ids: list[int]) -> None:
    """Search documents for the new and restored listings, in one bulk task once the step
    commits (as the import does). Not with the embedded engine: it lives only as long as this
    process, and the site's own engine fills itself from the database when first used."""
    from search.engine import uses_embedded_engine
    from search.tasks import index_listings

    if not listing_ids or uses_embedded_engine():
        return

    transaction.on_commit(lambda: index_listings.delay(listing_ids), robust=True)


def _restore_texts(ctx, listings, data, existing) -> list[Listing]:
    """Brings a demo listing's content back to its template (not its status or dates)."""
    provinces = {p.slug: p for p in Province.objects.all()}
    changed = []
    for item in listings:
        listing = existing.get(item.key)
        if listing is None:
            continue
        values = {name: getattr(data[item.key], name) for name in CONTENT_FIELDS}
        values.update(item.confidential)
        dirty = False
        for name, value in values.items():
            if getattr(listing, name) != value:
                setattr(listing, name, value)
                dirty = True
        wanted_sectors = set(data[item.key].sectors)
        if {s.code for s in listing.sectors.all()} != wanted_sectors:
            listing.sectors.set(wanted_sectors)
            dirty = True
        wanted_provinces = set(data[item.key].provinces)
        if {p.slug for p in listing.provinces.all()} != wanted_provinces:
            listing.provinces.set([provinces[slug] for slug in wanted_provinces])
            dirty = True
        if dirty:
            changed.append(listing)
    if changed:
        Listing.objects.bulk_update(changed, [*CONTENT_FIELDS, *CONFIDENTIAL_FIELDS])
        ctx.summary.updated["listings"] += len(changed)
    return changed


def _curators() -> dict[str, User]:
    """A curator for each exchange code: its own, else its national exchange's."""
    staff = {}
    for row in (
        ExchangeStaff.objects.filter(role=ExchangeStaff.Role.CURATOR)
        .select_related("user", "exchange")
        .order_by("pk")
    ):
        staff.setdefault(row.exchange.code, row.user)
    return staff


def _create(ctx, items, data, orgs, exchanges, now) -> dict[tuple[str, str], Listing]:
    if not items:
        return {}
    owners = {
        user.email: user
        for user in User.objects.filter(email__in=[owner_email(key) for key in orgs])
    }
    curators = _curators()
    objects = []
    for item in items:
        listing_data = data[item.key]
        listing = Listing(
            kind=item.kind,
            organisation_id=orgs[item.owner].pk,
            exchange=exchanges[item.exchange],
            external_id=item.external_id,
            deadline=listing_data.deadline,
            status=item.status,
            return_reason=item.reason if item.status == S.RETURNED else "",
            views_count=item.views,
            created_by=owners.get(owner_email(item.owner)),
            content_updated_at=now - item.content_updated_ago,
            **{name: getattr(listing_data, name) for name in CONTENT_FIELDS},
            **item.confidential,
        )
        if item.published_ago is not None:
            listing.published_at = now - item.published_ago
            listing.expires_at = now + item.expires_in
        if item.featured:
            listing.featured_at = min(now, listing.published_at + _days(2))
        objects.append(listing)
    Listing.objects.bulk_create(objects, batch_size=200)

    # created_at and updated_at are automatic fields, which bulk_create sets to now.
    sector_rows, province_rows, history = [], [], []
    province_ids = dict(Province.objects.values_list("slug", "pk"))
    Sectors = Listing.sectors.through  # noqa: N806
    Provinces = Listing.provinces.through  # noqa: N806
    for item, listing in zip(items, objects, strict=True):
        listing_data = data[item.key]
        sector_rows += [
            Sectors(listing_id=listing.pk, sector_id=code) for code in listing_data.sectors
        ]
        province_rows += [
            Provinces(listing_id=listing.pk, province_id=province_ids[slug])
            for slug in listing_data.provinces
        ]
        events = _history(item, listing, owners.get(owner_email(item.owner)), curators, now)
        history += events
        listing.created_at = events[0].created_at
        moments = [events[-1].created_at, listing.content_updated_at, listing.featured_at]
        listing.updated_at = max(moment for moment in moments if moment is not None)
    Listing.objects.bulk_update(objects, ["created_at", "updated_at"], batch_size=200)
    Sectors.objects.bulk_create(sector_rows, batch_size=500)
    Provinces.objects.bulk_create(province_rows, batch_size=500)
    ListingStatusChange.objects.bulk_create(history, batch_size=500)
    ctx.summary.created["listings"] += len(objects)
    ctx.summary.created["listing_status_changes"] += len(history)
    return {item.key: listing for item, listing in zip(items, objects, strict=True)}


def _history(item: DemoListing, listing: Listing, owner, curators, now):
    """The status changes that led the listing to its planned status."""
    curator = curators.get(item.exchange) or curators.get(item.national)

    def change(from_status, to_status, actor, ago, reason=""):
        return ListingStatusChange(
            listing=listing,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
            created_at=now - ago,
        )

    if item.published_ago is None:
        events = [change("", S.DRAFT, owner, item.created_ago)]
        if item.submitted_ago is not None:
            events.append(change(S.DRAFT, S.SUBMITTED, owner, item.submitted_ago))
        if item.status == S.RETURNED:
            events.append(change(S.SUBMITTED, S.RETURNED, curator, item.closed_ago, item.reason))
        return events
    events = [
        change("", S.SUBMITTED, owner, item.submitted_ago),
        change(S.SUBMITTED, S.PUBLISHED, curator, item.published_ago),
    ]
    if item.status == S.ARCHIVED:
        events.append(change(S.PUBLISHED, S.ARCHIVED, owner, item.closed_ago, item.reason))
    elif item.status == S.EXPIRED:
        # What the daily expiry job (listings_expire_due) writes, in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Not renewed")
        events.append(change(S.PUBLISHED, S.EXPIRED, None, item.closed_ago, reason))
    return events


# --- Interest and NDAs -----------------------------------------------------------------------

_OFFERED_SECTORS: dict[str, set[str]] = defaultdict(set)
for _base in OFFERS:
    for _owner in _base.owners:
        _OFFERED_SECTORS[_owner].update(_base.sectors)


def _interested_in(item: DemoListing) -> list[str]:
    """Demo organisations that would plausibly want this listing: for an offer, enterprises
    and investors whose interests share a sector; for a need, institutes, universities and
    startups that offer technologies in one of its sectors."""
    sectors = set(item.record["sectors"])
    if item.kind == Listing.Kind.OFFER:
        keys = [
            spec.key
            for spec in ORGANISATIONS
            if spec.kind in ("enterprise", "investor")
            and sectors & set((spec.interests or {}).get("sectors", ()))
        ]
    else:
        keys = [key for key in _OFFERED_SECTORS if sectors & _OFFERED_SECTORS[key]]
    return [key for key in keys if key != item.owner]


def demo_interest(listings: list[DemoListing]) -> list[tuple[DemoListing, str, bool, int]]:
    """(listing, interested organisation key, NDA accepted too, position) for the demo: about
    one published offer in six and one published need in five, plus the demo enterprise
    reading the demo institute's first offer."""
    pairs = []
    positions: Counter = Counter()
    for item in listings:
        if item.status != S.PUBLISHED:
            continue
        k = positions[item.kind]
        positions[item.kind] += 1
        every, offset = (6, 2) if item.kind == Listing.Kind.OFFER else (5, 1)
        if k % every != offset:
            continue
        candidates = _interested_in(item)
        if not candidates:
            continue
        turn = k // every
        nda = turn % 2 == 0 if item.kind == Listing.Kind.OFFER else turn % 3 == 0
        pairs.append((item, candidates[turn % len(candidates)], nda, k))
    first = next(
        (
            item
            for item in listings
            if item.status == S.PUBLISHED and item.kind == "offer" and item.owner == DEMO_INSTITUTE
        ),
        None,
    )
    if first and not any(item is first and key == DEMO_ENTERPRISE for item, key, *_ in pairs):
        pairs.append((first, DEMO_ENTERPRISE, True, 0))
    return pairs


def _seed_interest(ctx, listings, stored, orgs, now) -> None:
    nda = NdaText.objects.order_by("-version").first()
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[owner_email(key) for key in orgs])
    }
    have_interest = set(ListingInterest.objects.values_list("listing_id", "organisation_id"))
    have_nda = set(NdaAcceptance.objects.values_list("listing_id", "organisation_id", "nda_id"))
    interests, times, acceptances = [], [], []
    for item, key, with_nda, k in demo_interest(listings):
        listing, org, user = stored.get(item.key), orgs.get(key), users.get(owner_email(key))
        if listing is None or org is None or user is None or listing.published_at is None:
            continue
        soon_after = min(listing.published_at + _days(1 + k % 20), now - _days(0, 60))
        at = max(listing.published_at, soon_after)
        if (listing.pk, org.pk) not in have_interest:
            messages = INTEREST_MESSAGES[(item.kind, item.language)]
            interests.append(
                ListingInterest(
                    listing=listing,
                    organisation_id=org.pk,
                    user=user,
                    message=messages[k % len(messages)],
                )
            )
            times.append(at)
        if with_nda and nda is not None and (listing.pk, org.pk, nda.pk) not in have_nda:
            acceptances.append(
                NdaAcceptance(
                    listing=listing,
                    organisation_id=org.pk,
                    user=user,
                    nda=nda,
                    accepted_at=max(listing.published_at, at - _days(0, 120)),
                )
            )
    ListingInterest.objects.bulk_create(interests)
    for interest, at in zip(interests, times, strict=True):
        interest.created_at = at  # auto_now_add: set after the insert
    ListingInterest.objects.bulk_update(interests, ["created_at"])
    NdaAcceptance.objects.bulk_create(acceptances)
    ctx.summary.created["listing_interests"] += len(interests)
    ctx.summary.created["nda_acceptances"] += len(acceptances)


# --- Summary ---------------------------------------------------------------------------------


def listing_counts(*, now=None) -> dict:
    """What the printed summary shows about listings (also used by the tests)."""
    now = now or timezone.now()
    rows = Counter(Listing.objects.values_list("kind", "status"))
    published = Listing.objects.filter(status=S.PUBLISHED)
    national = Exchange.objects.filter(kind=Exchange.Kind.NATIONAL).order_by("pk")
    queue = {}
    for exchange in national:
        queue[exchange.short_name or exchange.code] = Listing.objects.filter(
            status=S.SUBMITTED, exchange__in=[exchange, *exchange.local_centres.all()]
        ).count()
    return {
        "by_status": {
            kind: {status: rows[(kind, status)] for status in S.values}
            for kind in Listing.Kind.values
        },
        "english": Listing.objects.filter(language="en").count(),
        "featured": published.filter(featured_at__isnull=False).count(),
        "stale": published.filter(content_updated_at__lt=now - STALE_AFTER).count(),
        "expiring": published.filter(expires_at__lte=now + timedelta(days=30)).count(),
        "interests": ListingInterest.objects.count(),
        "ndas": NdaAcceptance.objects.count(),
        "queue": queue,
        "sectors": Sector.objects.filter(listings__isnull=False).distinct().count(),
    }


def listing_summary_lines() -> list[str]:
    counts = listing_counts()
    lines = []
    for kind, label in (("offer", "Offers:"), ("need", "Needs:")):
        by_status = counts["by_status"][kind]
        detail = ", ".join(f"{status} {n}" for status, n in by_status.items())
        lines.append(f"  {label:<15} {sum(by_status.values())} ({detail})")
    lines.append(
        f"  Listings:       {counts['english']} in English, {counts['featured']} featured, "
        f"{counts['stale']} not updated for 6 months, {counts['expiring']} expiring within "
        "30 days"
    )
    lines.append(
        f"  Interest:       {counts['interests']} expressions of interest, {counts['ndas']} NDA "
        "acceptances"
    )
    queue = ", ".join(f"{name} {n}" for name, n in counts["queue"].items())
    lines.append(f"  Awaiting moderation: {queue}")
    return lines
